"""Pages of 信访 (staff and units) and of the public portal (no sign-in)."""

from __future__ import annotations

import contextlib
import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from lvzhi.casework import selectors as case_selectors
from lvzhi.casework import services as engine
from lvzhi.casework.workflow import workflow_for
from lvzhi.core.exceptions import DomainError, NotFound
from lvzhi.core.exports import xlsx_response
from lvzhi.core.middleware import client_ip
from lvzhi.core.views import paginate, query_without_page
from lvzhi.opinions.views import action_specs, timeline
from lvzhi.orgs.models import Body

from . import portal, selectors, services
from .workflow import PetitionCategory, PetitionForm

MAX_UPLOAD = portal.MAX_FILE_BYTES


def _get(func: Any, **kwargs: Any) -> Any:
    try:
        return func(**kwargs)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _errors(exc: Exception) -> dict[str, str]:
    if isinstance(exc, ValidationError) and hasattr(exc, "message_dict"):
        return {("all" if k == "__all__" else k): "；".join(v) for k, v in exc.message_dict.items()}
    return {"all": engine.error_text(exc)}


# ---------------------------------------------------------------- staff and units


@login_required
def petition_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    state = request.GET.get("state", "")[:32]
    form = request.GET.get("form", "")[:16]
    category = request.GET.get("category", "")[:16]
    q = request.GET.get("q", "").strip()[:50]
    year = case_selectors.CaseFilters.from_params(request.GET).year
    qs = selectors.petition_list_for_actor(
        actor=user, state=state, q=q, form=form, category=category, year=year
    )
    full = selectors.is_petition_staff(user, user.body_id)
    if request.GET.get("export") == "xlsx":
        rows = []
        for c in qs.iterator(chunk_size=500):
            d = getattr(c, "petition_detail", None)
            p = selectors.petitioner_for_actor(actor=user, detail=d, body_id=c.body_id) if d else None
            rows.append(
                [
                    c.number,
                    c.title,
                    p.name if p else c.submitter_name,
                    p.phone if p else "",
                    p.id_number if p else "",
                    d.get_form_display() if d else "",
                    d.get_category_display() if d and d.category else "",
                    d.persons if d else 1,
                    c.state_label,
                    d.received_on.isoformat() if d else "",
                    c.due_on.isoformat() if c.due_on else "",
                ]
            )
        return xlsx_response(
            filename="信访件.xlsx",
            title="信访件",
            headers=[
                "编号",
                "事由",
                "信访人",
                "联系电话",
                "身份证号",
                "形式",
                "分类",
                "人数",
                "状态",
                "收到日期",
                "办理期限",
            ],
            rows=rows,
        )
    wf = workflow_for("petition")
    counts = case_selectors.state_counts(actor=user, kind="petition", year=year)
    page = paginate(request, qs)
    for c in page:
        d = getattr(c, "petition_detail", None)
        c.petitioner = selectors.petitioner_for_actor(actor=user, detail=d, body_id=c.body_id) if d else None  # type: ignore[attr-defined]  # for the template
    return render(
        request,
        "petitions/list.html",
        {
            "page": page,
            "state": state,
            "q": q,
            "form": form,
            "category": category,
            "year": year,
            "years": case_selectors.case_years(actor=user, kind="petition"),
            "tabs": [
                {"value": v, "label": str(lbl), "count": counts.get(v, 0)}
                for v, lbl in wf.states.choices
                if v != "draft"
            ]
            if wf
            else [],
            "total": sum(counts.values()),
            "forms": PetitionForm.choices,
            "categories": PetitionCategory.choices,
            "query": query_without_page(request),
            "full": full,
            "can_register": selectors.is_petition_staff(user, user.body_id),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def petition_register(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.body is None or not selectors.is_petition_staff(user, user.body_id):
        raise PermissionDenied(services.PETITION_STAFF_ONLY)
    values = {
        k: request.POST.get(k, "")
        for k in (
            "title",
            "content",
            "name",
            "phone",
            "id_number",
            "address",
            "persons",
            "form",
            "received_on",
        )
    }
    values["form"] = values["form"] or PetitionForm.LETTER
    values["persons"] = values["persons"] or "1"
    values["received_on"] = values["received_on"] or timezone.localdate().isoformat()
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            received = datetime.date.fromisoformat(values["received_on"])
            persons = int(values["persons"])
        except ValueError:
            errors["all"] = "收到日期或人数格式不正确。"
        else:
            s = services.Submission(
                kind="petition",
                title=values["title"],
                content=values["content"],
                name=values["name"],
                phone=values["phone"],
                id_number=values["id_number"],
                address=values["address"],
                persons=persons,
                form=values["form"],
                received_on=received,
            )
            try:
                case, code = services.petition_register_intake(actor=user, body=user.body, s=s)
            except (ValidationError, DomainError, PermissionDenied) as exc:
                errors = _errors(exc)
            else:
                messages.success(
                    request, f"已登记。请将查询码 {code} 随受理告知书告知信访人（仅显示这一次）。"
                )
                return redirect("petitions:detail", pk=case.pk)
    return render(
        request,
        "petitions/register.html",
        {"values": values, "errors": errors, "forms": PetitionForm.choices},
    )


@login_required
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _get(selectors.petition_get_for_actor, actor=request.user, pk=pk)
    hidden = selectors.staff_only_steps(actor=request.user, case=case)
    return render(
        request,
        "petitions/detail.html",
        {
            "case": case,
            **selectors.petition_page(actor=request.user, case=case),
            "timeline": timeline(case=case),
            "assignments": case_selectors.case_assignments(case=case),
            "replies": case_selectors.case_replies(case=case),
            "actions": [a for a in action_specs(actor=request.user, case=case) if a["name"] not in hidden],
            "staff_only_hidden": bool(hidden),
        },
    )


# ---------------------------------------------------------------- the public portal


def _public_body(body_id: int) -> Body:
    body = Body.objects.filter(pk=body_id, is_active=True).first()
    if body is None:
        raise Http404("该机构不存在。")
    return body


def _kinds_for(body: Body) -> list[tuple[str, str]]:
    out = []
    for kind in services.PUBLIC_KINDS:
        wf = workflow_for(kind)
        if wf and (not wf.body_kinds or body.kind in wf.body_kinds):
            out.append((kind, str(wf.label)))
    return out


def public_home(request: HttpRequest) -> HttpResponse:
    """公众入口: every open body's portal by name, its published replies, and the code look-up."""
    portals = [
        {
            "body": b,
            "kinds": [label for _k, label in _kinds_for(b)],
            "replies": bool(case_selectors.public_kinds(body_id=b.pk)),
        }
        for b in Body.objects.filter(is_active=True).order_by("kind", "level", "name")
    ]
    return render(
        request,
        "petitions/public_base.html",
        {"public_page": "petitions/_public_home.html", "portals": [p for p in portals if p["kinds"]]},
    )


@require_http_methods(["GET", "POST"])
def public_submit(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _public_body(body_id)
    kinds = _kinds_for(body)
    fields = ("kind", "title", "content", "name", "phone", "email", "id_number", "address")
    values = {k: request.POST.get(k, "") for k in fields}
    values["kind"] = values["kind"] or request.GET.get("kind", "") or kinds[0][0]
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        upload = None
        f = request.FILES.get("attachment")
        if f is not None:
            if f.size and f.size > MAX_UPLOAD:
                errors["attachment"] = portal.FILE_TOO_LARGE % {"mb": MAX_UPLOAD // (1024 * 1024)}
                status = 400
            else:
                upload = services.upload_read(f)
        if not errors:
            s = services.Submission(
                kind=values["kind"],
                title=values["title"],
                content=values["content"],
                name=values["name"],
                phone=values["phone"],
                email=values["email"],
                id_number=values["id_number"],
                address=values["address"],
            )
            try:
                case, code = services.public_submit(
                    body=body,
                    s=s,
                    ip=client_ip(request) or "unknown",
                    captcha_token=request.POST.get("captcha_token", ""),
                    captcha_answer=request.POST.get("captcha_answer", ""),
                    honeypot=request.POST.get("website", ""),
                    upload=upload,
                )
            except services.PortalThrottled as exc:
                errors, status = {"all": exc.message}, 429
            except (ValidationError, DomainError) as exc:
                errors, status = _errors(exc), 400
            else:
                return render(
                    request,
                    "petitions/public_done.html",
                    {"body": body, "case": case, "code": code, "public_page": "petitions/_public_done.html"},
                )
    challenge = portal.challenge_new()
    return render(
        request,
        "petitions/public_submit.html",
        {
            "body": body,
            "kinds": kinds,
            "values": values,
            "errors": errors,
            "challenge": challenge,
            "max_mb": MAX_UPLOAD // (1024 * 1024),
            "public_page": "petitions/_public_submit.html",
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def public_track(request: HttpRequest) -> HttpResponse:
    ctx: dict[str, Any] = {
        "public_page": "petitions/_public_track.html",
        "code": "",
        "error": "",
        "view": None,
    }
    status = 200
    if request.method == "POST":
        code = request.POST.get("code", "").strip()[:64]
        ctx["code"] = code
        ip = client_ip(request) or "unknown"
        action = request.POST.get("action", "")
        try:
            if action == "rate":
                services.public_rate(
                    code=code,
                    ip=ip,
                    rating=request.POST.get("rating", ""),
                    comment=request.POST.get("comment", "")[:1000],
                )
                ctx["notice"] = "感谢您的评价。"
            elif action == "review":
                services.public_request_review(code=code, ip=ip, note=request.POST.get("note", "")[:4000])
                ctx["notice"] = "复查申请已提交。"
            tracker = services.tracker_for_code(code=code, ip=ip)
            ctx["view"] = selectors.tracked_view(tracker=tracker)
        except services.PortalThrottled as exc:
            ctx["error"], status = exc.message, 429
        except NotFound as exc:
            ctx["error"], status = exc.message, 404
        except (ValidationError, DomainError, PermissionDenied) as exc:
            ctx["error"], status = engine.error_text(exc), 400
            with contextlib.suppress(DomainError):
                ctx["view"] = selectors.tracked_view(tracker=services.tracker_for_code(code=code, ip=ip))
    return render(request, "petitions/public_track.html", ctx, status=status)
