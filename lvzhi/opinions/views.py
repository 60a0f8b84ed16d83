"""Pages of 社情民意信息 / 微建议: inboxes, the report page with its steps, bulletins.

Thin: parse, load through the selectors, call a service, render. The action view also
serves 信访 pages (any case the actor may act on; the engine checks everything).
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from lvzhi.casework import selectors as case_selectors
from lvzhi.casework import services as engine
from lvzhi.casework.workflow import FieldType, workflow_for
from lvzhi.core import audit
from lvzhi.core.exceptions import DomainError, NotFound
from lvzhi.core.exports import xlsx_response
from lvzhi.core.views import paginate, query_without_page
from lvzhi.orgs.models import HandlingUnit
from lvzhi.petitions import selectors as petition_selectors
from lvzhi.petitions.services import PETITION_STAFF_ONLY

from . import documents, selectors, services
from .forms import DraftForm
from .models import BulletinStatus

HIDDEN_STEPS = {"publish"}  # taken by 印发 on the bulletin page
SKIPPED_FIELDS = {"units", "assignment_id", "bulletin_id"}


def _get(func: Any, **kwargs: Any) -> Any:
    try:
        return func(**kwargs)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _is_staff(user: Any) -> bool:
    return bool(getattr(user, "role", "") in {"staff", "leader", "admin"} or user.is_superuser)


def action_specs(*, actor: Any, case: Any) -> list[dict[str, Any]]:
    """The steps the actor may take now, with their inputs, for ``opinions/_case_actions.html``."""
    specs = []
    units = None
    for t in case_selectors.available_actions(actor=actor, case=case):
        if t.name in HIDDEN_STEPS:
            continue
        fields = []
        for f in t.fields:
            if f.name in SKIPPED_FIELDS:
                continue
            choices = [(v, str(lbl)) for v, lbl in f.choices]
            widget = str(f.type)
            if f.name == "reason_code":
                choices = case_selectors.decline_reasons(body_id=case.body_id)
                widget = "choice"
            if f.name in {"lead_unit_id", "assisting_unit_ids"}:
                if units is None:
                    units = list(
                        HandlingUnit.objects.filter(body_id=case.body_id, is_active=True).values_list(
                            "pk", "name"
                        )
                    )
                choices = [(str(pk), name) for pk, name in units]
                widget = "units" if f.name == "assisting_unit_ids" else "choice"
            if f.type == FieldType.TEXT and f.max_length > 300:
                widget = "textarea"
            initial = ""
            if t.name == "edit":
                initial = case.title if f.name == "title" else case.content if f.name == "content" else ""
            fields.append(
                {
                    "name": f.name,
                    "label": str(f.label),
                    "widget": widget,
                    "required": f.required or f.name == "lead_unit_id",
                    "choices": choices,
                    "initial": initial,
                    "max_length": f.max_length,
                }
            )
        specs.append(
            {
                "name": t.name,
                "label": str(t.label),
                "hint": str(t.hint),
                "fields": fields,
                "note_required": t.note_required,
            }
        )
    return specs


def _step_label(wf: Any, e: Any) -> str:
    """The kind's own name for a step (社情民意 are 报送, not 提交); a draft's edit stays 修改."""
    step = wf.transition(e.action.removeprefix("case.")) if wf else None
    if step is None or (step.name == "edit" and e.from_state in wf.member_editable):
        return audit.action_label(e.action)
    return str(step.label)


def timeline(*, case: Any) -> list[dict[str, Any]]:
    wf = workflow_for(case.kind)
    return [
        {
            "at": e.at,
            "actor": e.actor_name or "系统",
            "label": _step_label(wf, e),
            "to": wf.state_label(e.to_state) if wf and e.to_state and e.to_state != e.from_state else "",
            "note": e.note,
        }
        for e in case_selectors.case_events(case=case)
    ]


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    nxt = request.POST.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return redirect(nxt)
    return redirect(default)


@login_required
@require_POST
def case_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    case = _get(case_selectors.case_get_for_actor, actor=request.user, pk=pk)
    if petition_selectors.step_needs_petition_staff(actor=request.user, case=case, name=name):
        raise PermissionDenied(PETITION_STAFF_ONLY)
    wf = workflow_for(case.kind)
    step = wf.transition(name) if wf else None
    data: dict[str, Any] = {}
    for key in request.POST:
        if key in {"csrfmiddlewaretoken", "next"}:
            continue
        f = step.field(key) if step else None
        data[key] = request.POST.getlist(key) if f and f.type == FieldType.INT_LIST else request.POST.get(key)
    try:
        services.opinion_transition(actor=request.user, case=case, name=name, data=data)
    except (DomainError, ValidationError, PermissionDenied) as exc:
        messages.error(request, engine.error_text(exc))
    else:
        messages.success(request, f"已{step.label if step else name}。")
    default = reverse(
        "petitions:detail" if case.kind == "petition" else "opinions:case-detail", args=[case.pk]
    )
    return _back(request, default)


@login_required
def inbox(request: HttpRequest, kind: str = "opinion") -> HttpResponse:
    state = request.GET.get("state", "")[:32]
    q = request.GET.get("q", "").strip()[:50]
    year = case_selectors.CaseFilters.from_params(request.GET).year
    qs = selectors.opinion_list_for_actor(actor=request.user, kind=kind, state=state, q=q, year=year)
    wf = workflow_for(kind)
    if request.GET.get("export") == "xlsx":
        label = str(wf.label) if wf else "社情民意"
        return xlsx_response(
            filename=f"{label}.xlsx",
            title=label,
            headers=["编号", "标题", "反映人", "状态", "承办单位", "报送时间"],
            rows=(
                [
                    c.number,
                    c.title,
                    c.submitter_name or "",
                    c.state_label,
                    "、".join(a.unit.name for a in getattr(c, "live_assignments", [])),
                    c.submitted_at,
                ]
                for c in qs
            ),
        )
    counts = selectors.state_counts(actor=request.user, kind=kind, year=year)
    tabs = (
        [
            {"value": v, "label": str(lbl), "count": counts.get(v, 0)}
            for v, lbl in wf.states.choices
            if v != "draft"
        ]
        if wf
        else []
    )
    return render(
        request,
        "opinions/inbox.html",
        {
            "page": paginate(request, qs),
            "kind": kind,
            "kind_label": wf.label if wf else "",
            "state": state,
            "q": q,
            "year": year,
            "years": case_selectors.case_years(actor=request.user, kind=kind),
            "tabs": tabs,
            "total": sum(counts.values()),
            "query": query_without_page(request),
            "can_compose": kind == "opinion" and _is_staff(request.user),
        },
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _get(selectors.opinion_get_for_actor, actor=request.user, pk=pk)
    wf = workflow_for(case.kind)
    return render(
        request,
        "opinions/case_detail.html",
        {
            "case": case,
            **selectors.opinion_page(case=case),
            "timeline": timeline(case=case),
            "assignments": case_selectors.case_assignments(case=case),
            "replies": case_selectors.case_replies(case=case),
            "actions": action_specs(actor=request.user, case=case),
            "wf": wf,
            "is_own": selectors.is_own_report(actor=request.user, case=case),
            "can_edit": bool(wf and case.state in wf.member_editable)
            and selectors.is_own_report(actor=request.user, case=case),
        },
    )


# ---------------------------------------------------------------- members' own reports


@login_required
def my_reports(request: HttpRequest, kind: str = "opinion") -> HttpResponse:
    """我的社情民意 / 我的微建议: drafts and submitted reports of the signed-in writer."""
    user: Any = request.user
    wf = workflow_for(kind)
    if wf is None:
        raise Http404
    state = request.GET.get("state", "")[:32]
    q = request.GET.get("q", "").strip()[:50]
    qs = selectors.my_reports_for_actor(actor=user, kind=kind, state=state, q=q)
    body = user.body
    can_draft = bool(body and selectors.drafting_capacities(actor=user, body=body)) and (
        not wf.body_kinds or body.kind in wf.body_kinds
    )
    return render(
        request,
        "opinions/my_reports.html",
        {
            "page": paginate(request, qs),
            "query": query_without_page(request),
            "kind": kind,
            "kind_label": wf.label,
            "state": state,
            "q": q,
            "states": [(v, str(lbl)) for v, lbl in wf.states.choices],
            "can_draft": can_draft,
        },
    )


def _draft_errors(form: Any, exc: Exception) -> None:
    if isinstance(exc, ValidationError) and hasattr(exc, "message_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, engine.error_text(exc))


def _submit_and_go(request: HttpRequest, case: Any) -> HttpResponse:
    try:
        services.opinion_draft_submit(actor=request.user, case=case)
    except (DomainError, ValidationError, PermissionDenied) as exc:
        messages.error(request, f"已保存草稿，但未能报送：{engine.error_text(exc)}")
    else:
        messages.success(request, f"已报送“{case.title}”。")
    return redirect("opinions:case-detail", pk=case.pk)


@login_required
def draft_create(request: HttpRequest, kind: str) -> HttpResponse:
    user: Any = request.user
    wf = workflow_for(kind)
    if wf is None or kind not in selectors.KINDS:
        raise Http404("未知的类型。")
    body = user.body
    capacities = selectors.drafting_capacities(actor=user, body=body) if body else []
    if not capacities or (wf.body_kinds and body.kind not in wf.body_kinds):
        raise PermissionDenied(services.DRAFT_FORBIDDEN % {"kind": wf.label})
    form = DraftForm(request.POST or None, capacities=capacities)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.opinion_draft_create(
                actor=user,
                kind=kind,
                title=d["title"],
                content=d["content"],
                capacity=d["capacity"],
                group_name=d.get("group_name", ""),
            )
        except (ValidationError, PermissionDenied, DomainError) as exc:
            _draft_errors(form, exc)
        else:
            if request.POST.get("then") == "submit":
                return _submit_and_go(request, case)
            messages.success(request, f"已保存草稿“{case.title}”。")
            return redirect("opinions:case-detail", pk=case.pk)
    return render(
        request,
        "opinions/draft_form.html",
        {"form": form, "kind": kind, "kind_label": wf.label, "title": f"撰写{wf.label}"},
    )


@login_required
def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    case = _get(selectors.opinion_get_for_actor, actor=user, pk=pk)
    wf = workflow_for(case.kind)
    if (
        wf is None
        or case.state not in wf.member_editable
        or not selectors.is_own_report(actor=user, case=case)
    ):
        raise PermissionDenied(engine.NOT_EDITABLE)
    form = DraftForm(
        request.POST or None, initial={"title": case.title, "content": case.content}, capacities=[]
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.opinion_draft_update(
                actor=user, case=case, title=form.cleaned_data["title"], content=form.cleaned_data["content"]
            )
        except (ValidationError, PermissionDenied, DomainError) as exc:
            _draft_errors(form, exc)
        else:
            if request.POST.get("then") == "submit":
                return _submit_and_go(request, case)
            messages.success(request, "已保存修改。")
            return redirect("opinions:case-detail", pk=case.pk)
    return render(
        request,
        "opinions/draft_form.html",
        {"form": form, "kind": case.kind, "kind_label": wf.label, "title": f"修改{wf.label}", "case": case},
    )


# ---------------------------------------------------------------- bulletins


@login_required
def bulletin_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.bulletin_list_for_actor(actor=request.user)
    return render(
        request,
        "opinions/bulletin_list.html",
        {
            "page": paginate(request, qs),
            "query": query_without_page(request),
            "can_compose": _is_staff(request.user),
        },
    )


@login_required
def bulletin_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    body = user.body
    if body is None or not _is_staff(user):
        raise PermissionDenied
    candidates = selectors.cases_for_bulletin(actor=user, body=body)
    form: dict[str, str] = {
        "issued_on": request.POST.get("issued_on") or timezone.localdate().isoformat(),
        "recipients": request.POST.get("recipients", "市委主要领导\n市政府主要领导\n省政协办公厅信息处"),
        "series": request.POST.get("series", "社情民意"),
    }
    case_ids = request.POST.getlist("case_ids")
    errors: list[str] = []
    if request.method == "POST":
        try:
            issued = datetime.date.fromisoformat(form["issued_on"])
        except ValueError:
            errors.append("印发日期格式应为 YYYY-MM-DD。")
        else:
            ids = [int(i) for i in case_ids if str(i).isdigit()]
            try:
                b = services.bulletin_create(
                    actor=user,
                    body=body,
                    issued_on=issued,
                    recipients=form["recipients"],
                    case_ids=ids,
                    series=form["series"],
                )
            except (ValidationError, PermissionDenied, DomainError) as exc:
                errors.append(engine.error_text(exc))
            else:
                messages.success(request, f"已编排{b}，请核对后印发。")
                return redirect("opinions:bulletin-detail", pk=b.pk)
    return render(
        request,
        "opinions/bulletin_form.html",
        {
            "candidates": candidates,
            "form": form,
            "errors": errors,
            "next_number": services.bulletin_next_number(
                body=body, series=form["series"] or "社情民意", year=timezone.localdate().year
            ),
        },
    )


@login_required
def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    b = _get(selectors.bulletin_get_for_actor, actor=request.user, pk=pk)
    return render(
        request,
        "opinions/bulletin_detail.html",
        {
            "bulletin": b,
            "items": selectors.bulletin_items(bulletin=b),
            "is_draft": b.status == BulletinStatus.DRAFT,
            "can_publish": _is_staff(request.user),
        },
    )


@login_required
@require_POST
def bulletin_publish(request: HttpRequest, pk: int) -> HttpResponse:
    b = _get(selectors.bulletin_get_for_actor, actor=request.user, pk=pk)
    try:
        services.bulletin_publish(actor=request.user, bulletin=b)
    except (ValidationError, PermissionDenied, DomainError) as exc:
        messages.error(request, engine.error_text(exc))
    else:
        messages.success(request, f"{b}已印发，所收信息均已标记为已编发。")
    return redirect("opinions:bulletin-detail", pk=b.pk)


@login_required
def bulletin_docx(request: HttpRequest, pk: int) -> HttpResponse:
    b = _get(selectors.bulletin_get_for_actor, actor=request.user, pk=pk)
    data = documents.bulletin_docx(bulletin=b, items=selectors.bulletin_items(bulletin=b))
    response = HttpResponse(data, content_type=documents.DOCX_CONTENT_TYPE)
    filename = f"{b.series}{b.year}年第{b.number}期.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
