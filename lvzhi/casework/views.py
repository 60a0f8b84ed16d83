"""Pages of the casework: thin views over the selectors and services."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from lvzhi.core.exceptions import DomainError, NotFound
from lvzhi.core.exports import xlsx_response
from lvzhi.core.permissions import is_admin
from lvzhi.core.views import paginate, query_without_page
from lvzhi.orgs.models import HandlingUnit, Session

from . import documents, files, selectors, serializers, services, stats
from .forms import CaseForm, HolidayForm
from .models import (
    LIVE_ASSIGNMENT,
    Assignment,
    AssignmentRole,
    CaseCategory,
    Cosponsor,
    HolidayOverride,
    Reply,
)
from .workflow import Actor, FieldType, kind_label, workflow_for, workflows

View = Callable[..., HttpResponse]


def staff_only(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user: Any = request.user
        if not (is_admin(user) or user.role in {"staff", "leader"}):
            raise PermissionDenied("只有机关工作人员和领导可以查看该页面。")
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def _get_case(request: HttpRequest, pk: int) -> Any:
    try:
        return selectors.case_get_for_actor(actor=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _kinds_for(user: Any) -> list[Any]:
    body_kind = getattr(getattr(user, "body", None), "kind", "")
    return [wf for wf in workflows() if not body_kind or not wf.body_kinds or body_kind in wf.body_kinds]


def _draftable_kinds(user: Any) -> list[Any]:
    """The kinds 我的提案 / 我的建议 lists and offers to draft: those of the user's body that members
    draft with co-signers (a 联名 step); 社情民意, 微建议 and 信访 have pages of their own."""
    return [wf for wf in _kinds_for(user) if wf.transition("cosign") is not None]


def _kind(request: HttpRequest) -> str:
    kinds = [wf.kind for wf in _kinds_for(request.user)]
    raw = request.GET.get("kind", "")
    return raw if raw in kinds else (kinds[0] if kinds else "proposal")


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


def _filters(request: HttpRequest, **overrides: Any) -> selectors.CaseFilters:
    f = selectors.CaseFilters.from_params(request.GET)
    return selectors.CaseFilters(**{**f.__dict__, **overrides})


ROW_HEADERS = [
    "案号",
    "标题",
    "类型",
    "提出者",
    "类别",
    "状态",
    "承办单位",
    "办理期限",
    "答复类别",
    "评价",
    "提交时间",
]


def _export_rows(qs: Any) -> Any:
    for c in qs.iterator(chunk_size=500):
        row = serializers.case_row(c)
        yield [
            c.number,
            c.title,
            row["kind_label"],
            c.submitter_name,
            row["category_label"],
            row["state_label"],
            "、".join(f"{u['unit']}（{u['role_label']}）" for u in row["units"]),
            c.due_on or "",
            row["reply_category_label"],
            row["rating_label"],
            timezone.localtime(c.submitted_at).strftime("%Y-%m-%d") if c.submitted_at else "",
        ]


# ---------------------------------------------------------------- member


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    """我的提案 / 我的建议: the member's own cases and drafts, and those they co-sign."""
    user: Any = request.user
    kinds = _draftable_kinds(user)
    qs = selectors.case_list_for_actor(actor=user, filters=_filters(request))
    qs = qs.filter(kind__in=[wf.kind for wf in kinds])
    if user.role != "member":
        qs = qs.filter(Q(submitter_id=user.pk) | Q(submitter_member_id=user.member_id or 0))
    invites = Cosponsor.objects.filter(
        member_id=user.member_id or 0, status=Cosponsor.Status.INVITED, source=Cosponsor.Source.COSIGN
    ).select_related("case")
    return render(
        request,
        "casework/my_cases.html",
        {
            "page": paginate(request, qs),
            "query": query_without_page(request),
            "kinds": kinds,
            "invites": list(invites[:20]),
            # A member drafts with a seat in the body; a 信息员 without one reports 社情民意 elsewhere.
            "can_draft": (user.role == "member" and bool(user.member_id)) or user.role == "staff",
            "states": _state_choices(kinds),
            "g": request.GET,
        },
    )


def _state_choices(kinds: list[Any]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for wf in kinds:
        for v, lbl in wf.states.choices:
            seen.setdefault(v, str(lbl))
    return list(seen.items())


@login_required
def case_create(request: HttpRequest, kind: str) -> HttpResponse:
    user: Any = request.user
    wf = workflow_for(kind)
    body = user.body
    if wf is None or body is None:
        raise Http404("未知的类型。")
    if wf.body_kinds and body.kind not in wf.body_kinds:
        raise Http404(services.KIND_NOT_FOR_BODY % {"body": body.name, "kind": wf.label})
    if wf not in _draftable_kinds(user):
        raise Http404(f"{wf.label}不在这里起草。")
    form = CaseForm(request.POST or None, body=body, exclude_member_id=user.member_id)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.case_create(
                actor=user,
                kind=kind,
                body=body,
                title=d["title"],
                content=d["content"],
                background=d["background"],
                category=d["category"],
                cosponsor_ids=[int(x) for x in d["cosponsor_ids"]],
                proposed_unit_ids=[int(x) for x in d["proposed_unit_ids"]],
                is_public=d["is_public"],
                public_note=d["public_note"],
            )
        except (ValidationError, PermissionDenied, DomainError) as exc:
            _form_errors(form, exc)
        else:
            if request.POST.get("then") == "submit":
                return _act(request, case, "submit", {})
            messages.success(request, f"已保存草稿“{case.title}”。")
            return redirect("casework:case-detail", pk=case.pk)
    return render(request, "casework/case_form.html", {"form": form, "wf": wf, "title": f"起草{wf.label}"})


def _form_errors(form: Any, exc: Exception) -> None:
    if isinstance(exc, ValidationError) and hasattr(exc, "message_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, services.error_text(exc))


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    case = _get_case(request, pk)
    wf = workflow_for(case.kind)
    if (
        wf is None
        or case.state not in wf.member_editable
        or Actor.SUBMITTER not in selectors.actor_capacities(actor=user, case=case)
    ):
        raise PermissionDenied(services.NOT_EDITABLE)
    initial = {
        "title": case.title,
        "background": case.background,
        "content": case.content,
        "category": case.category,
        "is_public": case.is_public,
        "public_note": case.public_note,
        "cosponsor_ids": [str(c.member_id) for c in case.cosponsors.filter(source="cosign")],
        "proposed_unit_ids": [str(u.pk) for u in case.proposed_units.all()],
    }
    form = CaseForm(
        request.POST or None, initial=initial, body=case.body, exclude_member_id=case.submitter_member_id
    )
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        d["cosponsor_ids"] = [int(x) for x in d["cosponsor_ids"]]
        d["proposed_unit_ids"] = [int(x) for x in d["proposed_unit_ids"]]
        try:
            services.case_update(actor=user, case=case, data=d)
        except (ValidationError, PermissionDenied, DomainError) as exc:
            _form_errors(form, exc)
        else:
            if request.POST.get("then") == "submit":
                return _act(request, case, "submit", {})
            messages.success(request, "已保存修改。")
            return redirect("casework:case-detail", pk=case.pk)
    return render(
        request, "casework/case_form.html", {"form": form, "wf": wf, "case": case, "title": f"修改{wf.label}"}
    )


# ---------------------------------------------------------------- case page


def _action_forms(case: Any, actor: Any, assignments: list[Assignment]) -> list[dict[str, Any]]:
    """Each step the actor may take now, with its fields ready for the template."""
    out = []
    wf = workflow_for(case.kind)
    steps = selectors.available_actions(actor=actor, case=case)
    if any(t.name == "cosponsor_rate" for t in steps):
        steps = [t for t in steps if t.name != "rate"]  # a co-sponsor's rating has its own step
    for t in steps:
        fields = []
        for f in t.fields:
            spec: dict[str, Any] = {
                "name": f.name,
                "label": str(f.label),
                "type": str(f.type),
                "required": f.required,
                "choices": [(v, str(lbl)) for v, lbl in f.choices],
            }
            if f.name == "reason_code":
                spec["choices"] = selectors.decline_reasons(body_id=case.body_id)
            elif f.name == "to_kind":
                spec["choices"] = [
                    (k, kind_label(k)) for k in (wf.convert_to if wf else ()) if workflow_for(k)
                ]
            elif f.name == "assignment_id":
                mine = [
                    a
                    for a in assignments
                    if a.status != "withdrawn"
                    and (actor.role != "unit" or a.unit_id == actor.handling_unit_id)
                ]
                if t.name in {"reroute_approve", "reroute_refuse"}:
                    mine = [a for a in mine if a.status == "reroute"]
                if len(mine) <= 1 and not f.required:
                    continue
                spec["type"], spec["choices"] = (
                    "choice",
                    [(str(a.pk), f"{a.unit.name}（{a.get_role_display()}）") for a in mine],
                )
            elif f.name == "lead_leader_id":
                from lvzhi.accounts.models import User

                spec["type"] = "choice"
                spec["choices"] = [
                    (str(u.pk), str(u)) for u in User.objects.filter(role="leader", body_id=case.body_id)
                ]
            elif f.name == "into_id":
                spec["type"] = "choice"
                spec["choices"] = [
                    (str(c.pk), f"{c.number or '未编号'} {c.title[:30]}")
                    for c in selectors.case_scope_for_actor(actor=actor)
                    .filter(body_id=case.body_id, kind=case.kind, state__in=["submitted", "registered"])
                    .exclude(pk=case.pk)
                    .order_by("-id")[:200]
                ]
            elif f.type == FieldType.UNITS:
                spec["units"] = [
                    (str(u.pk), u.name)
                    for u in HandlingUnit.objects.filter(body_id=case.body_id, is_active=True).order_by(
                        "name"
                    )
                ]
                spec["proposed"] = {str(u.pk) for u in case.proposed_units.all()}
            elif f.name in {"lead_unit_id", "assisting_unit_ids"}:
                continue  # the units widget covers them
            elif f.name == "addresses_points":
                spec["type"], spec["choices"] = "choice", [("1", "是"), ("0", "否")]
            fields.append(spec)
        out.append(
            {
                "name": t.name,
                "label": str(t.label),
                "fields": fields,
                "note_required": t.note_required,
                "note": t.name not in {"accept", "submit", "register", "cosign", "excellent", "mark_key"}
                or t.note_required,
                "attachments": t.attachments,
                "hint": str(t.hint) if t.hint else "",
            }
        )
    return out


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    case = _get_case(request, pk)
    wf = workflow_for(case.kind)
    assignments = selectors.case_assignments(case=case)
    replies = selectors.case_replies(case=case)
    events = list(selectors.case_events(case=case))
    contacts = list(case.contacts.select_related("assignment__unit"))
    caps = selectors.actor_capacities(actor=user, case=case)
    if Actor.UNIT in caps and Actor.STAFF not in caps:
        # A handling unit sees the case, its own part, and the parts it co-signs with.
        events = [e for e in events if e.action not in {"case.decline", "case.return", "case.merge"}]
    return render(
        request,
        "casework/case_detail.html",
        {
            "case": case,
            "wf": wf,
            "assignments": assignments,
            "replies": replies,
            "events": [serializers.event_out(e, wf) for e in events],
            "cosponsors": list(case.cosponsors.select_related("member")),
            "feedbacks": selectors.case_feedbacks(case=case),
            "documents": _attachments_place(selectors.case_attachments(case=case), replies, contacts),
            "contacts": contacts,
            "chases": list(case.chases.select_related("assignment__unit")[:20]),
            "pending": selectors.case_pending(case=case, assignments=assignments, replies=replies),
            "actions": _action_forms(case, user, assignments),
            "editable": wf is not None and case.state in wf.member_editable and Actor.SUBMITTER in caps,
            "decline_label": dict(selectors.decline_reasons(body_id=case.body_id)).get(
                case.decline_reason, ""
            ),
            "proposed_units": list(case.proposed_units.all()),
            "detail": wf.describe(case) if wf and wf.describe else {},
            "unit_roles": [(r.value, r.label) for r in AssignmentRole if r != AssignmentRole.LEAD],
        },
    )


def _attachments_place(rows: list[Any], replies: list[Any], contacts: list[Any]) -> list[Any]:
    """Hang each file on its reply or contact record (``file_list``); return the case's other files."""
    by_reply: dict[int, list[Any]] = {}
    by_contact: dict[int, list[Any]] = {}
    rest = []
    for a in rows:
        if a.reply_id:
            by_reply.setdefault(a.reply_id, []).append(a)
        elif a.contact_id:
            by_contact.setdefault(a.contact_id, []).append(a)
        else:
            rest.append(a)
    for r in replies:
        r.file_list = by_reply.get(r.pk, [])
    for c in contacts:
        c.file_list = by_contact.get(c.pk, [])
    return rest


def _post_data(request: HttpRequest, case: Any, name: str) -> dict[str, Any]:
    wf = workflow_for(case.kind)
    step = wf.transition(name) if wf else None
    data: dict[str, Any] = {"note": request.POST.get("note", "")}
    if step is None:
        return data
    for f in step.fields:
        if f.type == FieldType.UNITS:
            units = []
            if request.POST.get("lead_unit_id"):
                units.append({"unit_id": request.POST["lead_unit_id"], "role": AssignmentRole.LEAD})
            for role in ("assisting", "joint", "split"):
                units += [{"unit_id": u, "role": role} for u in request.POST.getlist(f"{role}_unit_ids") if u]
            data["units"] = units
        elif f.type == FieldType.BOOL:
            if request.POST.get(f.name, "") != "":  # a 是/否 select left empty means "not said"
                data[f.name] = request.POST.get(f.name) in {"1", "on", "true"}
        elif f.type == FieldType.INT_LIST:
            data[f.name] = request.POST.getlist(f.name)
        elif f.name in request.POST:
            data[f.name] = request.POST.get(f.name)
    if "units" in data:  # the units widget already carries the lead and assisting choices
        data.pop("lead_unit_id", None)
        data.pop("assisting_unit_ids", None)
    return data


def _act(
    request: HttpRequest,
    case: Any,
    name: str,
    data: dict[str, Any],
    uploads: list[files.Upload] | None = None,
) -> HttpResponse:
    try:
        event = services.case_transition(
            case=case, name=name, actor=request.user, data=data, uploads=uploads or []
        )
    except (DomainError, ValidationError, PermissionDenied) as exc:
        messages.error(request, services.error_text(exc))
    else:
        wf = workflow_for(case.kind)
        step = wf.transition(name) if wf else None
        label = wf.state_label(event.to_state) if wf else event.to_state
        messages.success(request, f"已{step.label if step else name}，当前状态：{label}。")
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return redirect(nxt)  # e.g. back to the 回头看 list the step was taken from
    if selectors.case_scope_for_actor(actor=request.user).filter(pk=case.pk).exists():
        return redirect("casework:case-detail", pk=case.pk)
    return redirect("casework:unit-todo")


@login_required
@require_POST
def case_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = _get_case(request, pk)
    uploads = [files.Upload.from_django(f) for f in request.FILES.getlist("files")]
    return _act(request, case, action, _post_data(request, case, action), uploads)


@login_required
def case_document(request: HttpRequest, pk: int) -> HttpResponse:
    case = _get_case(request, pk)
    return _file(documents.case_docx(case=case), f"{case.number or case.title[:20]}.docx")


@login_required
def reply_letter(request: HttpRequest, pk: int, reply_id: int) -> HttpResponse:
    case = _get_case(request, pk)
    reply = (
        Reply.objects.filter(case=case, pk=reply_id).select_related("assignment__unit", "case__body").first()
    )
    if reply is None:
        raise Http404("答复不存在。")
    return _file(documents.reply_letter_docx(reply=reply), f"答复函-{case.number or case.pk}.docx")


def _file(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=documents.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# ---------------------------------------------------------------- staff


@staff_only
def inbox(request: HttpRequest) -> HttpResponse:
    """办理工作台: the body's cases per state, with bulk 立案 and bulk 交办."""
    user: Any = request.user
    kind = _kind(request)
    wf = workflow_for(kind)
    state = request.GET.get("state", "submitted")
    f = _filters(request, kind=kind, state="" if state == "all" else state)
    qs = selectors.case_list_for_actor(actor=user, filters=f)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=f"{kind_label(kind)}清单.xlsx",
            title=f"{kind_label(kind)}清单",
            headers=ROW_HEADERS,
            rows=_export_rows(qs),
        )
    counts = selectors.state_counts(actor=user, kind=kind, year=f.year)
    tabs = (
        [
            {"value": v, "label": str(lbl), "count": counts.get(v, 0)}
            for v, lbl in wf.states.choices
            if v != wf.initial
        ]
        if wf
        else []
    )
    bulk = [t for t in (wf.transitions if wf else ()) if t.bulk and (state in t.source)]
    units = HandlingUnit.objects.filter(body_id=user.body_id, is_active=True).order_by("name") if bulk else []
    return render(
        request,
        "casework/inbox.html",
        {
            "page": paginate(request, qs),
            "query": query_without_page(request),
            "kind": kind,
            "wf": wf,
            "state": state,
            "tabs": tabs,
            "total": sum(counts.values()) - counts.get("draft", 0),
            "bulk": bulk,
            "units": units,
            "kinds": _kinds_for(user),
            "g": request.GET,
            "categories": CaseCategory.choices,
        },
    )


@staff_only
@require_POST
def bulk_action(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    name = request.POST.get("action", "")
    if name not in {"register", "assign"}:
        messages.error(request, "请选择批量操作。")
        return redirect("casework:inbox")
    ids = [int(x) for x in request.POST.getlist("ids") if x.isdigit()]
    if not ids:
        messages.error(request, "请至少勾选一件。")
        return redirect(request.POST.get("next") or reverse("casework:inbox"))
    cases = list(selectors.case_scope_for_actor(actor=user).filter(pk__in=ids))
    data: dict[str, Any] = {}
    if name == "assign":
        data = {
            "lead_unit_id": request.POST.get("lead_unit_id") or None,
            "assisting_unit_ids": request.POST.getlist("assisting_unit_ids"),
            "due_on": request.POST.get("due_on") or None,
        }
        data = {k: v for k, v in data.items() if v}
    done, errors = services.case_transition_bulk(actor=user, cases=cases, name=name, data=data)
    if done:
        messages.success(request, f"已批量{'立案' if name == 'register' else '交办'} {done} 件。")
    for e in errors[:10]:
        messages.error(request, e)
    return redirect(request.POST.get("next") or reverse("casework:inbox"))


@staff_only
def overdue(request: HttpRequest) -> HttpResponse:
    """超期督办: open assignments past their deadline, oldest first."""
    user: Any = request.user
    kind = _kind(request)
    today = timezone.localdate()
    qs = selectors.assignment_overdue_for_actor(actor=user, kind=kind, today=today)
    unit = request.GET.get("unit", "")
    if unit.isdigit() and len(unit) <= 18:  # 工作台 “超期（按承办单位）” links to one unit's list
        qs = qs.filter(unit_id=int(unit))
    if request.GET.get("export") == "xlsx":
        rows = list(qs)
        chased = selectors.chase_counts(assignment_ids=[a.pk for a in rows])
        return xlsx_response(
            filename="超期件.xlsx",
            title="超期件",
            headers=["案号", "标题", "承办单位", "办理方式", "期限", "超期天数", "督办次数"],
            rows=(
                [
                    a.case.number,
                    a.case.title,
                    a.unit.name,
                    a.get_role_display(),
                    a.due_on,
                    (today - a.due_on).days,
                    chased.get(a.pk, 0),
                ]
                for a in rows
            ),
        )
    page = paginate(request, qs)
    chased = selectors.chase_counts(assignment_ids=[a.pk for a in page])
    for a in page:
        a.chase_count = chased.get(a.pk, 0)
    return render(
        request,
        "casework/overdue.html",
        {
            "page": page,
            "soon": list(selectors.assignment_due_soon_for_actor(actor=user, kind=kind, today=today)[:50]),
            "today": today,
            "kind": kind,
            "kinds": _kinds_for(user),
            "query": query_without_page(request),
        },
    )


@staff_only
def key_cases(request: HttpRequest) -> HttpResponse:
    """重点件: each led by a leader, with its supervision activity."""
    user: Any = request.user
    kind = _kind(request)
    qs = (
        selectors.case_list_for_actor(actor=user, filters=_filters(request, kind=kind, is_key=True))
        .select_related("lead_leader")
        .annotate(supervise_count=Count("events", filter=Q(events__action="case.supervise")))
    )
    if user.role == "leader" and request.GET.get("mine") == "1":
        qs = qs.filter(lead_leader=user)
    return render(
        request,
        "casework/key_cases.html",
        {
            "page": paginate(request, qs),
            "kind": kind,
            "kinds": _kinds_for(user),
            "query": query_without_page(request),
            "g": request.GET,
        },
    )


@staff_only
def unit_progress(request: HttpRequest) -> HttpResponse:
    """单位办理进度: per unit, assigned / replied / overdue / A-B-C / satisfaction, one query."""
    user: Any = request.user
    kind, year = _kind(request), _year(request)
    rows = stats.unit_progress(actor=user, kind=kind, year=year)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=f"{year}年承办单位办理进度.xlsx",
            title="办理进度",
            headers=[
                "承办单位",
                "主办",
                "协办",
                "已答复",
                "未答复",
                "超期",
                "A类",
                "B类",
                "C类",
                "满意/基本满意",
                "办复率%",
            ],
            rows=(
                [
                    r["unit"],
                    r["lead"],
                    r["assisting"],
                    r["replied"],
                    r["open"],
                    r["overdue"],
                    r["a"],
                    r["b"],
                    r["c"],
                    r["satisfied"],
                    r["rate"],
                ]
                for r in rows
            ),
        )
    return render(
        request,
        "casework/unit_progress.html",
        {
            "rows": rows,
            "kind": kind,
            "year": year,
            "kinds": _kinds_for(user),
            "query": query_without_page(request),
        },
    )


@staff_only
def compilation(request: HttpRequest) -> HttpResponse:
    """提案汇编 .docx: every registered case of a session (or a year), numbered, with submitters."""
    user: Any = request.user
    kind, year = _kind(request), _year(request)
    qs = selectors.case_scope_for_actor(actor=user).filter(kind=kind, year=year, registered_at__isnull=False)
    qs = qs.exclude(state="merged")
    title = f"{user.body.name if user.body else ''}{year}年{kind_label(kind)}汇编"
    raw = request.GET.get("session", "")
    if raw.isdigit():
        session = Session.objects.filter(pk=int(raw), term__body_id=user.body_id).first()
        if session is None:
            raise Http404("会议不存在。")
        qs = qs.filter(session=session)
        title = f"{session.name}{kind_label(kind)}汇编"
    cases = qs.select_related("body").prefetch_related("cosponsors__member").order_by("serial")
    return _file(documents.compilation_docx(title=title, cases=cases), f"{title}.docx")


@login_required
def unit_todo(request: HttpRequest) -> HttpResponse:
    """承办单位待办: only this unit's assignments, what to accept, reply or re-handle first."""
    user: Any = request.user
    if user.role != "unit" or not user.handling_unit_id:
        raise PermissionDenied("只有承办单位用户可以查看待办。")
    status = request.GET.get("status", "open")
    qs = Assignment.objects.filter(LIVE_ASSIGNMENT, unit_id=user.handling_unit_id).select_related(
        "case", "unit"
    )
    if status == "open":
        qs = qs.exclude(status="replied").filter(case__state__in=selectors.HANDLING_STATES)
    elif status == "replied":
        qs = qs.filter(status="replied")
    counts = dict(
        Assignment.objects.filter(LIVE_ASSIGNMENT, unit_id=user.handling_unit_id)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return render(
        request,
        "casework/unit_todo.html",
        {
            "page": paginate(request, qs.order_by("due_on", "id")),
            "status": status,
            "counts": counts,
            "today": timezone.localdate(),
            "query": query_without_page(request),
        },
    )


@staff_only
def holidays(request: HttpRequest) -> HttpResponse:
    """节假日调整: staff add the holidays and 调休 days the calendar package does not know."""
    user: Any = request.user
    form = HolidayForm(request.POST or None)
    if request.method == "POST" and user.role != "staff" and not is_admin(user):
        raise PermissionDenied("只有机关工作人员可以调整节假日。")
    if request.method == "POST" and request.POST.get("delete", "").isdigit():
        services.holiday_delete(actor=user, pk=int(request.POST["delete"]))
        messages.success(request, "已删除。")
        return redirect("casework:holidays")
    if request.method == "POST" and form.is_valid():
        services.holiday_save(actor=user, **form.cleaned_data)
        messages.success(request, "已保存。")
        return redirect("casework:holidays")
    return render(
        request, "casework/holidays.html", {"form": form, "rows": HolidayOverride.objects.all()[:200]}
    )


# ---------------------------------------------------------------- attachments


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """A case's file, for whoever may read the case (and nobody else: 404 otherwise)."""
    try:
        row = selectors.attachment_get_for_actor(actor=request.user, case_id=pk, pk=attachment_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    try:
        handle = row.file.open("rb")
    except FileNotFoundError:
        raise Http404(selectors.ATTACHMENT_NOT_FOUND) from None
    response = FileResponse(
        handle, as_attachment=True, filename=row.name, content_type=files.CONTENT_TYPES[row.kind]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------- notifications


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """站内提醒: what the engine told this user, newest first; mark one or all read."""
    user: Any = request.user
    if request.method == "POST":
        raw = request.POST.getlist("ids")
        ids = [int(x) for x in raw if x.isdigit()]
        n = services.notification_mark_read(actor=user, ids=None if request.POST.get("all") else ids)
        messages.success(request, f"已将 {n} 条提醒标为已读。")
        nxt = request.POST.get("next", "")
        if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
            return redirect(nxt)
        return redirect("casework:notifications")
    unread_only = request.GET.get("unread") == "1"
    return render(
        request,
        "casework/notifications.html",
        {
            "page": paginate(request, selectors.notification_list_for_actor(actor=user, unread=unread_only)),
            "unread_only": unread_only,
            "unread": selectors.notification_unread_count(actor=user),
            "deadlines": selectors.unit_deadlines(actor=user),
            "today": timezone.localdate(),
            "query": query_without_page(request),
        },
    )


# ---------------------------------------------------------------- 交办会清单


ASSIGN_MEETING_HEADERS = [
    "序号",
    "案号",
    "标题",
    "提出者",
    "类别",
    "建议承办单位（提出人）",
    "主办单位（交办）",
    "协办/会办/分办单位（交办）",
    "与建议一致",
]


def _assign_meeting_row(c: Any) -> dict[str, Any]:
    proposed = [u.name for u in c.proposed_units.all()]
    live = getattr(c, "live_assignments", [])
    lead = [a.unit.name for a in live if a.role == AssignmentRole.LEAD]
    others = [f"{a.unit.name}（{a.get_role_display()}）" for a in live if a.role != AssignmentRole.LEAD]
    decided = {a.unit.name for a in live}
    if not live:
        match = "待交办"
    elif not proposed:
        match = "—"
    else:
        match = "一致" if set(proposed) <= decided else "调整"
    return {"case": c, "proposed": proposed, "lead": lead, "others": others, "match": match}


@staff_only
def assign_meeting(request: HttpRequest) -> HttpResponse:
    """交办会清单: registered cases of a session with the units proposed and the units decided."""
    user: Any = request.user
    kind, year = _kind(request), _year(request)
    sessions = list(
        Session.objects.filter(term__body_id=user.body_id).order_by("-year", "-id")
        if user.body_id
        else Session.objects.none()
    )
    raw = request.GET.get("session", "")
    session = next((x for x in sessions if str(x.pk) == raw), None)
    if raw and session is None:
        raise Http404("会议不存在。")
    if session is not None:
        year = session.year
    qs = selectors.assign_meeting_list(
        actor=user, kind=kind, year=year, session_id=session.pk if session else None
    )
    title = f"{session.name if session else f'{year}年'}{kind_label(kind)}交办清单"
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=f"{title}.xlsx",
            title="交办清单",
            headers=ASSIGN_MEETING_HEADERS,
            rows=(
                [
                    n,
                    r["case"].number,
                    r["case"].title,
                    r["case"].submitter_name,
                    r["case"].get_category_display(),
                    "、".join(r["proposed"]),
                    "、".join(r["lead"]),
                    "、".join(r["others"]),
                    r["match"],
                ]
                for n, r in enumerate((_assign_meeting_row(c) for c in qs), start=1)
            ),
        )
    page = paginate(request, qs, per_page=50)
    return render(
        request,
        "casework/assign_meeting.html",
        {
            "page": page,
            "rows": [_assign_meeting_row(c) for c in page],
            "offset": page.start_index(),
            "title": title,
            "kind": kind,
            "year": year,
            "kinds": _kinds_for(user),
            "sessions": sessions,
            "session": session,
            "query": query_without_page(request),
        },
    )


# ---------------------------------------------------------------- 回头看


@staff_only
def review_back(request: HttpRequest) -> HttpResponse:
    """回头看: past years' B-category cases whose promise is not kept, reviewed through the engine."""
    user: Any = request.user
    kind, year = _kind(request), _year(request)
    qs = selectors.review_back_list(actor=user, kind=kind, year=year)
    if request.GET.get("carried") == "1":
        qs = qs.filter(carried_over=True)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=f"{year}年回头看清单.xlsx",
            title="回头看清单",
            headers=["案号", "年度", "标题", "承办单位", "承诺完成日期", "结转", "上次回头看", "落实情况"],
            rows=(_review_back_row(c) for c in qs),
        )
    wf = workflow_for(kind)
    step = wf.transition("review_back") if wf else None
    result = step.field("result") if step else None
    return render(
        request,
        "casework/review_back.html",
        {
            "page": paginate(request, qs),
            "kind": kind,
            "year": year,
            "kinds": _kinds_for(user),
            "today": timezone.localdate(),
            "can_review": step is not None,
            "results": result.choices if result else (),
            "carried": request.GET.get("carried") == "1",
            "query": query_without_page(request),
        },
    )


def _review_back_row(c: Any) -> list[Any]:
    return [
        c.number,
        c.year,
        c.title,
        "、".join(a.unit.name for a in c.live_assignments),
        c.followup_on,
        "是" if c.carried_over else "",
        timezone.localtime(c.last_review_at).strftime("%Y-%m-%d") if c.last_review_at else "",
        c.last_review_result or "",
    ]


# ---------------------------------------------------------------- 公开答复 (no sign-in)


def _public_body(body_id: int) -> tuple[Any, list[str]]:
    from lvzhi.orgs.models import Body

    body = Body.objects.filter(pk=body_id, is_active=True).only("id", "name", "kind").first()
    kinds = selectors.public_kinds(body_id=body_id) if body else []
    if body is None or not kinds:
        raise Http404("该机构未开通公开答复。")
    return body, kinds


def public_replies(request: HttpRequest, body_id: int) -> HttpResponse:
    """公开答复: answered cases whose submitters consented, of the kinds the body publishes."""
    body, kinds = _public_body(body_id)
    q = request.GET.get("q", "").strip()[:50]
    qs = selectors.public_case_list(body_id=body.pk, kinds=kinds, q=q, year=_public_year(request))
    return render(
        request,
        "casework/public_base.html",
        {
            "public_page": "casework/_public_replies.html",
            "body": body,
            "page": paginate(request, qs),
            "q": q,
            "year": _public_year(request),
            "query": query_without_page(request),
        },
    )


def _public_year(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else None


def public_reply_detail(request: HttpRequest, body_id: int, pk: int) -> HttpResponse:
    body, _kinds = _public_body(body_id)
    try:
        case = selectors.public_case_get(body_id=body.pk, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(
        request,
        "casework/public_base.html",
        {
            "public_page": "casework/_public_reply_detail.html",
            "body": body,
            "case": case,
            "replies": selectors.public_replies(case=case),
        },
    )
