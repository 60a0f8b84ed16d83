"""Pages of meetings and activities: thin, every read through the selectors' one scope rule,
every change through the services. Lists paginate, filter and export to .xlsx as filtered."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from lvzhi.core.exceptions import DomainError, NotFound
from lvzhi.core.exports import xlsx_response
from lvzhi.core.views import paginate, query_without_page
from lvzhi.orgs.selectors import body_for_actor

from . import forms, selectors, services
from .models import (
    MEETING_KINDS_BY_BODY,
    STATION_KINDS_BY_BODY,
    AttendanceStatus,
    DutyThreadStatus,
    EventCategory,
    EventStatus,
    ManuscriptStage,
    Meeting,
    MeetingKind,
    OutcomeKind,
    OutcomeStatus,
    PlanItemState,
    SignInState,
    SpeechKind,
    SpeechStatus,
    StationKind,
    meeting_kind_label,
)

Cell = Any  # text, or (text, url)


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "message_dict"):
            return "；".join(m for msgs in exc.message_dict.values() for m in msgs)
        return "；".join(exc.messages)
    if isinstance(exc, DomainError | PermissionDenied):
        return str(exc) or "您无权进行此操作。"
    return str(exc)


def _found(func: Callable[..., Any], **kwargs: Any) -> Any:
    try:
        return func(**kwargs)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _body(request: HttpRequest) -> Any:
    user: Any = request.user
    raw = request.GET.get("body", "")[:9]
    try:
        body = body_for_actor(actor=user, body_id=int(raw) if raw.isdigit() else None)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    if body is None:
        raise Http404("没有可查看的机构。")
    return body


def _year(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "")[:4]
    return int(raw) if raw.isdigit() else None


def _act(request: HttpRequest, func: Callable[..., Any], ok: str, **kwargs: Any) -> Any:
    """Run a service; its refusal becomes a message and nothing changes."""
    try:
        result = func(actor=request.user, **kwargs)
    except (ValidationError, DomainError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc))
        return None
    if ok:
        messages.success(request, ok)
    return result if result is not None else True


def _back(request: HttpRequest, default: str) -> HttpResponse:
    nxt = request.POST.get("next", "")
    return redirect(nxt if nxt.startswith("/") and not nxt.startswith("//") else default)


def _list_page(
    request: HttpRequest,
    *,
    title: str,
    qs: Any,
    headers: Sequence[str],
    row: Callable[[Any], Sequence[Cell]],
    filters: Sequence[dict[str, Any]] = (),
    create_url: str = "",
    create_label: str = "",
    extra_links: Sequence[tuple[str, str]] = (),
    testid: str = "list",
) -> HttpResponse:
    if request.GET.get("export") == "xlsx":
        rows = [[c[0] if isinstance(c, tuple) else c for c in row(obj)] for obj in qs[:100_000]]
        return xlsx_response(filename=f"{title}.xlsx", title=title, headers=list(headers), rows=rows)
    page = paginate(request, qs)
    rows = [[c if isinstance(c, tuple) else (c, "") for c in row(obj)] for obj in page]
    return render(
        request,
        "activities/list.html",
        {
            "title": title,
            "headers": headers,
            "rows": rows,
            "page": page,
            "filters": filters,
            "q": request.GET.get("q", "")[:50],
            "query": query_without_page(request),
            "create_url": create_url,
            "create_label": create_label,
            "extra_links": extra_links,
            "testid": testid,
        },
    )


def _choice_filter(
    name: str, label: str, choices: Sequence[tuple[Any, Any]], request: HttpRequest
) -> dict[str, Any]:
    return {
        "name": name,
        "label": label,
        "choices": [(str(v), str(lbl)) for v, lbl in choices],
        "value": request.GET.get(name, "")[:20],
    }


def _year_filter(request: HttpRequest) -> dict[str, Any]:
    this = timezone.localdate().year
    return _choice_filter("year", "年度", [(y, f"{y}年") for y in range(this, this - 6, -1)], request)


def _form_page(request: HttpRequest, *, title: str, form: Any, back: str, intro: str = "") -> HttpResponse:
    return render(
        request, "activities/form.html", {"title": title, "form": form, "back": back, "intro": intro}
    )


def _staff_only(request: HttpRequest, body: Any) -> None:
    if not selectors.is_staff_of(request.user, body.pk):
        raise PermissionDenied(services.NOT_STAFF)


# ------------------------------------------------------------------------------------------- meetings


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    body_kind = getattr(getattr(user, "body", None), "kind", "cppcc")
    kind = request.GET.get("kind", "")[:16]
    qs = selectors.meeting_list_for_actor(
        actor=user,
        kind=kind if kind in MeetingKind.values else "",
        year=_year(request),
        q=request.GET.get("q", "").strip()[:50],
    )
    kinds = [
        (k.value, meeting_kind_label(k, body_kind))
        for k in MEETING_KINDS_BY_BODY.get(body_kind, list(MeetingKind))
    ]
    return _list_page(
        request,
        title="会议",
        qs=qs,
        headers=["会议名称", "类别", "日期", "地点", "出席人数"],
        row=lambda m: [
            (m.title, reverse("activities:meeting-detail", args=[m.pk])),
            meeting_kind_label(m.kind, m.body.kind),
            m.held_on,
            m.place,
            m.attendance_count,
        ],
        filters=[_choice_filter("kind", "类别", kinds, request), _year_filter(request)],
        create_url=reverse("activities:meeting-create")
        if getattr(user, "role", "") in {"staff", "admin"}
        else "",
        create_label="登记会议",
        testid="meeting-table",
    )


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    _staff_only(request, body)
    form = forms.MeetingForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        m = _act(
            request,
            services.meeting_create,
            "会议已登记。",
            body=body,
            kind=d["kind"],
            held_on=d["held_on"],
            number=d["number"],
            title=d["title"],
            committee=d["committee"],
            place=d["place"],
            presided_by=d["presided_by"],
            agenda=d["agenda"],
            documents=d["documents"],
            starts_at=d["starts_at"],
        )
        if m:
            return redirect("activities:meeting-detail", m.pk)
    return _form_page(request, title="登记会议", form=form, back=reverse("activities:meeting-list"))


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    m = _found(selectors.meeting_get_for_actor, actor=request.user, pk=pk)
    return _gathering_page(request, m, kind_label=meeting_kind_label(m.kind, m.body.kind))


def _gathering_page(request: HttpRequest, g: Any, *, kind_label: str) -> HttpResponse:
    user: Any = request.user
    is_meeting = isinstance(g, Meeting)
    staff = selectors.is_staff_of(user, g.body_id)
    rows = selectors.attendance_for_gathering(actor=user, gathering=g)
    speeches = g.speeches.select_related("member")
    if not selectors.sees_all_rows(user, g.body_id):
        speeches = speeches.filter(member_id=getattr(user, "member_id", None) or 0)
    ctx = {
        "g": g,
        "is_meeting": is_meeting,
        "kind_label": kind_label,
        "staff": staff,
        "rows": rows[:500],
        "summary": selectors.attendance_summary(gathering=g),
        "speeches": speeches,
        "outcomes": [] if is_meeting else selectors.outcome_list_for_actor(actor=user).filter(event=g),
        "invite_form": forms.InviteForm(body=g.body) if staff else None,
        "signin_url": reverse("activities:signin-staff", args=["meeting" if is_meeting else "event", g.pk]),
        "invite_url": reverse("activities:invite", args=["meeting" if is_meeting else "event", g.pk]),
        "statuses": AttendanceStatus.choices,
        "today": timezone.localdate(),
    }
    return render(request, "activities/gathering_detail.html", ctx)


# --------------------------------------------------------------------------------------------- events


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    f = selectors.EventFilters.from_params(request.GET)
    qs = selectors.event_list_for_actor(actor=user, filters=f)
    return _list_page(
        request,
        title="履职活动",
        qs=qs,
        headers=["名称", "形式", "日期", "组织", "状态", "邀请", "出席"],
        row=lambda e: [
            (e.title, reverse("activities:event-detail", args=[e.pk])),
            e.type.name,
            e.held_on,
            (e.committee.name if e.committee else "") or (e.station.name if e.station else ""),
            e.get_status_display(),
            e.invited_count,
            e.attended_count,
        ],
        filters=[
            _choice_filter("category", "归类", EventCategory.choices, request),
            _choice_filter("status", "状态", EventStatus.choices, request),
            _year_filter(request),
        ],
        create_url=reverse("activities:event-create")
        if getattr(user, "role", "") in {"staff", "admin"}
        else "",
        create_label="新建活动",
        extra_links=[("自定义活动形式", reverse("activities:type-create"))]
        if getattr(user, "role", "") == "staff"
        else [],
        testid="event-table",
    )


def _event_data(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d[k] for k in services.EVENT_FIELDS if k in d}


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    _staff_only(request, body)
    initial = {}
    item_id = request.GET.get("plan_item", "")[:9]
    if item_id.isdigit():
        item = _found(selectors.plan_item_get_for_actor, actor=request.user, pk=item_id)
        initial = {
            "plan_item": item.pk,
            "type": item.event_type_id,
            "title": item.topic,
            "committee": item.lead_committee_id,
        }
    form = forms.EventForm(request.POST or None, body=body, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        e = _act(
            request,
            services.event_create,
            "活动已创建。",
            body=body,
            event_type=d["type"],
            data=_event_data(d),
        )
        if e:
            return redirect("activities:event-detail", e.pk)
    return _form_page(request, title="新建活动", form=form, back=reverse("activities:event-list"))


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    e = _found(selectors.event_get_for_actor, actor=request.user, pk=pk)
    _staff_only(request, e.body)
    initial = {k: getattr(e, k) for k in services.EVENT_FIELDS if hasattr(e, k)}
    initial["type"] = e.type
    form = forms.EventForm(request.POST or None, body=e.body, initial=initial)
    form.fields["type"].disabled = True
    if (
        request.method == "POST"
        and form.is_valid()
        and _act(request, services.event_update, "活动已保存。", event=e, data=_event_data(form.cleaned_data))
    ):
        return redirect("activities:event-detail", e.pk)
    return _form_page(
        request, title=f"编辑：{e.title}", form=form, back=reverse("activities:event-detail", args=[e.pk])
    )


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    e = _found(selectors.event_get_for_actor, actor=request.user, pk=pk)
    return _gathering_page(request, e, kind_label=e.type.name)


@login_required
@require_POST
def event_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    e = _found(selectors.event_get_for_actor, actor=request.user, pk=pk)
    if action == "held":
        _act(
            request,
            services.event_mark_held,
            "已记为举行。",
            event=e,
            summary=request.POST.get("summary", "")[:4000],
        )
    elif action == "cancel":
        _act(
            request,
            services.event_cancel,
            "活动已取消。",
            event=e,
            reason=request.POST.get("reason", "")[:500],
        )
    else:
        raise Http404("没有这个操作。")
    return redirect("activities:event-detail", e.pk)


@login_required
def type_create(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    _staff_only(request, body)
    form = forms.EventTypeForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if _act(
            request,
            services.event_type_create,
            "活动形式已添加。",
            body=body,
            name=d["name"],
            category=d["category"],
            is_grassroots=d["is_grassroots"],
        ):
            return redirect("activities:event-list")
    return _form_page(
        request,
        title="自定义活动形式",
        form=form,
        back=reverse("activities:event-list"),
        intro="本机构的协商品牌（如“请你来协商”“民生议事堂”）归入一个类别，按该类别计入年度数据。",
    )


# ----------------------------------------------------------------------------------- invite, sign-in


def _gathering(request: HttpRequest, kind: str, pk: int) -> Any:
    if kind == "meeting":
        return _found(selectors.meeting_get_for_actor, actor=request.user, pk=pk)
    if kind == "event":
        return _found(selectors.event_get_for_actor, actor=request.user, pk=pk)
    raise Http404("没有这类活动。")


def _detail_url(g: Any) -> str:
    return reverse(
        "activities:meeting-detail" if isinstance(g, Meeting) else "activities:event-detail", args=[g.pk]
    )


@login_required
@require_POST
def invite(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    g = _gathering(request, kind, pk)
    form = forms.InviteForm(request.POST, body=g.body)
    if form.is_valid():
        n = _act(
            request,
            services.attendance_invite,
            "",
            gathering=g,
            member_ids=[m.pk for m in form.cleaned_data["members"]],
        )
        if n is not None:
            messages.success(request, f"已邀请 {n if n is not True else 0} 人。")
    else:
        messages.error(request, "请选择要邀请的委员/代表。")
    return redirect(_detail_url(g))


@login_required
def signin_staff(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Staff open and close the sign-in; the QR code carries the member's sign-in address."""
    g = _gathering(request, kind, pk)
    _staff_only(request, g.body)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "open":
            _act(request, services.signin_open, "签到已开始，请委员/代表扫码签到。", gathering=g)
        elif action == "close":
            n = _act(request, services.signin_close, "", gathering=g)
            if n is not None:
                messages.success(
                    request, f"签到已结束，未到且未请假的 {n if n is not True else 0} 人记为缺席。"
                )
        return redirect("activities:signin-staff", kind, g.pk)
    url = (
        request.build_absolute_uri(reverse("activities:signin", args=[g.signin_token]))
        if g.signin_token
        else ""
    )
    qr = (
        # segno writes the SVG itself from the URL: nothing a user typed reaches it unescaped.
        mark_safe(segno.make(url, error="m").svg_inline(scale=6))
        if url and g.signin_state == SignInState.OPEN
        else ""
    )
    return render(
        request,
        "activities/signin_staff.html",
        {
            "g": g,
            "kind": kind,
            "url": url,
            "qr": qr,
            "summary": selectors.attendance_summary(gathering=g),
            "back": _detail_url(g),
        },
    )


@login_required
def signin(request: HttpRequest, token: str) -> HttpResponse:
    """The member's phone-size page: what, when, where, and one button."""
    try:
        g = services.gathering_for_token(token[:64])
    except NotFound:
        return render(
            request, "activities/signin_member.html", {"error": services.SIGNIN_BAD_CODE}, status=404
        )
    row = None
    if request.method == "POST":
        row = _act(request, services.signin_confirm, "", token=token[:64])
        if row:
            messages.success(request, f"签到成功（{row.get_status_display()}）。")
        return redirect("activities:signin", token[:64])
    member_id = getattr(request.user, "member_id", None)
    row = g.attendances.filter(member_id=member_id).first() if member_id else None
    return render(request, "activities/signin_member.html", {"g": g, "row": row, "token": token[:64]})


@login_required
@require_POST
def attendance_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    row = _found(selectors.attendance_get_for_actor, actor=request.user, pk=pk)
    if action == "leave":
        _act(
            request,
            services.leave_request,
            "请假申请已提交，待工作人员审批。",
            attendance=row,
            reason=request.POST.get("reason", "")[:300],
        )
    elif action in {"approve", "reject"}:
        _act(request, services.leave_decide, "已审批。", attendance=row, approve=action == "approve")
    elif action == "mark":
        _act(
            request,
            services.attendance_mark,
            "已更正出席情况。",
            attendance=row,
            status=request.POST.get("status", "")[:16],
        )
    else:
        raise Http404("没有这个操作。")
    g = row.meeting or row.event
    return _back(request, _detail_url(g))


@login_required
def my_activities(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if getattr(user, "member_id", None) is None:
        raise PermissionDenied(services.NOT_A_MEMBER)
    rows = selectors.my_invitations(actor=user)
    page = paginate(request, rows)
    return render(
        request,
        "activities/my.html",
        {
            "page": page,
            "today": timezone.localdate(),
            "speeches": selectors.speech_list_for_actor(actor=user)[:20],
            "stations": selectors.stations_for_member(member=user.member),
            "threads": selectors.thread_list_for_actor(actor=user, status=DutyThreadStatus.OPEN)[:10],
        },
    )


# -------------------------------------------------------------------------------------------- speeches


@login_required
def speech_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    kind = request.GET.get("kind", "")[:16]
    status = request.GET.get("status", "")[:16]
    qs = selectors.speech_list_for_actor(
        actor=user,
        kind=kind if kind in SpeechKind.values else "",
        status=status if status in SpeechStatus.values else "",
        year=_year(request),
        q=request.GET.get("q", "").strip()[:50],
    )
    return _list_page(
        request,
        title="大会发言与会议发言",
        qs=qs,
        headers=["题目", "发言人", "代表单位", "类别", "会议", "状态", "发言日期"],
        row=lambda s: [
            (s.title, reverse("activities:speech-detail", args=[s.pk])),
            s.member.name,
            s.on_behalf_of,
            s.get_kind_display(),
            str(s.meeting or s.event or ""),
            s.get_status_display(),
            s.delivered_on,
        ],
        filters=[
            _choice_filter("kind", "类别", SpeechKind.choices, request),
            _choice_filter("status", "状态", SpeechStatus.choices, request),
            _year_filter(request),
        ],
        create_url=reverse("activities:speech-create") if getattr(user, "role", "") == "member" else "",
        create_label="提交发言稿",
        testid="speech-table",
    )


@login_required
def speech_create(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    form = forms.SpeechForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        s = _act(
            request,
            services.speech_submit,
            "发言稿已提交。",
            body=body,
            kind=d["kind"],
            title=d["title"],
            content=d["content"],
            meeting=d["meeting"],
            on_behalf_of=d["on_behalf_of"],
        )
        if s:
            return redirect("activities:speech-detail", s.pk)
    return _form_page(request, title="提交发言稿", form=form, back=reverse("activities:speech-list"))


@login_required
def speech_detail(request: HttpRequest, pk: int) -> HttpResponse:
    s = _found(selectors.speech_get_for_actor, actor=request.user, pk=pk)
    user: Any = request.user
    mine = getattr(user, "member_id", None) == s.member_id
    form = None
    if mine and s.status == SpeechStatus.SUBMITTED:
        form = forms.SpeechForm(
            request.POST or None,
            body=s.body,
            initial={
                "kind": s.kind,
                "title": s.title,
                "content": s.content,
                "meeting": s.meeting_id,
                "on_behalf_of": s.on_behalf_of,
            },
        )
        for name in ("kind", "meeting", "on_behalf_of"):
            form.fields[name].disabled = True
    if request.method == "POST":
        if request.POST.get("status"):
            _act(request, services.speech_decide, "已更新。", speech=s, status=request.POST["status"][:16])
        else:
            post = forms.SpeechForm(request.POST, body=s.body)
            title, content = post.data.get("title", ""), post.data.get("content", "")
            _act(
                request,
                services.speech_update,
                "发言稿已修改。",
                speech=s,
                title=str(title)[:200],
                content=str(content),
            )
        return redirect("activities:speech-detail", s.pk)
    return render(
        request,
        "activities/speech_detail.html",
        {"s": s, "form": form, "staff": selectors.is_staff_of(user, s.body_id), "statuses": SpeechStatus},
    )


# -------------------------------------------------------------------------------------------- outcomes


@login_required
def outcome_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    kind = request.GET.get("kind", "")[:24]
    status = request.GET.get("status", "")[:16]
    qs = selectors.outcome_list_for_actor(
        actor=user,
        kind=kind if kind in OutcomeKind.values else "",
        status=status if status in OutcomeStatus.values else "",
        year=_year(request),
        q=request.GET.get("q", "").strip()[:50],
    )
    return _list_page(
        request,
        title="履职成果",
        qs=qs,
        headers=["标题", "类别", "来源活动", "状态", "报送日期", "报送对象数"],
        row=lambda o: [
            (o.title, reverse("activities:outcome-detail", args=[o.pk])),
            o.get_kind_display(),
            str(o.event or "—"),
            o.get_status_display(),
            o.sent_on,
            o.recipient_count,
        ],
        filters=[
            _choice_filter("kind", "类别", OutcomeKind.choices, request),
            _choice_filter("status", "状态", OutcomeStatus.choices, request),
            _year_filter(request),
        ],
        create_url=reverse("activities:outcome-create")
        if getattr(user, "role", "") in {"staff", "admin"}
        else "",
        create_label="起草成果",
        extra_links=[("成果转化看板", reverse("activities:outcome-board"))],
        testid="outcome-table",
    )


@login_required
def outcome_board(request: HttpRequest) -> HttpResponse:
    year = _year(request) or timezone.localdate().year
    board = selectors.outcome_board(actor=request.user, year=year)
    return render(request, "activities/outcome_board.html", {"board": board, "year": year})


@login_required
def outcome_create(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    _staff_only(request, body)
    event = None
    raw = request.GET.get("event", "")[:9]
    if raw.isdigit():
        event = _found(selectors.event_get_for_actor, actor=request.user, pk=raw)
    initial = {"kind": services.outcome_kind_for(event), "title": f"关于{event.title}的报告" if event else ""}
    form = forms.OutcomeForm(request.POST or None, body=body, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        o = _act(
            request,
            services.outcome_create,
            "成果已起草。",
            body=body,
            event=event,
            kind=d["kind"],
            title=d["title"],
            content=d["content"],
        )
        if o:
            return redirect("activities:outcome-detail", o.pk)
    return _form_page(
        request,
        title="起草成果" + (f"：{event.title}" if event else ""),
        form=form,
        back=reverse("activities:outcome-list"),
    )


@login_required
def outcome_detail(request: HttpRequest, pk: int) -> HttpResponse:
    o = _found(selectors.outcome_get_for_actor, actor=request.user, pk=pk)
    user: Any = request.user
    staff = selectors.is_staff_of(user, o.body_id)
    edit_form = recipient_form = None
    if staff and o.status == OutcomeStatus.DRAFT:
        edit_form = forms.OutcomeForm(
            body=o.body, initial={"kind": o.kind, "title": o.title, "content": o.content}
        )
        recipient_form = forms.RecipientForm(body=o.body)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "edit":
            f = forms.OutcomeForm(request.POST, body=o.body)
            if f.is_valid():
                d = f.cleaned_data
                _act(
                    request,
                    services.outcome_update,
                    "成果已保存。",
                    outcome=o,
                    title=d["title"],
                    content=d["content"],
                    kind=d["kind"],
                )
            else:
                messages.error(request, "请填写标题和正文。")
        elif action == "recipient":
            f2 = forms.RecipientForm(request.POST, body=o.body)
            if f2.is_valid():
                d = f2.cleaned_data
                _act(
                    request,
                    services.outcome_recipient_add,
                    "已添加报送对象。",
                    outcome=o,
                    name=d["name"],
                    unit=d["unit"],
                    owes_answer=d["owes_answer"],
                    due_on=d["due_on"],
                )
        elif action == "send":
            _act(request, services.outcome_send, "成果已报送。", outcome=o)
        elif action == "answer":
            _act(
                request,
                services.outcome_record_answer,
                "已记录反馈。",
                outcome=o,
                note=request.POST.get("note", "")[:500],
            )
        elif action == "effect":
            _act(
                request,
                services.outcome_record_effect,
                "已记录转化成效。",
                outcome=o,
                effect=request.POST.get("effect", "")[:4000],
            )
        else:
            raise Http404("没有这个操作。")
        return redirect("activities:outcome-detail", o.pk)
    return render(
        request,
        "activities/outcome_detail.html",
        {
            "o": o,
            "staff": staff,
            "edit_form": edit_form,
            "recipient_form": recipient_form,
            "recipients": o.recipients.select_related("unit"),
        },
    )


# ------------------------------------------------------------------------------------------------ plan


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    qs = selectors.plan_list_for_actor(actor=user, year=_year(request))
    return _list_page(
        request,
        title="年度计划",
        qs=qs,
        headers=["名称", "年度", "状态", "党委批准", "事项数"],
        row=lambda p: [
            (p.title, reverse("activities:plan-detail", args=[p.pk])),
            p.year,
            p.get_status_display(),
            p.party_approved_on,
            p.item_count,
        ],
        filters=[_year_filter(request)],
        create_url=reverse("activities:plan-create")
        if getattr(user, "role", "") in {"staff", "admin"}
        else "",
        create_label="新建计划",
        testid="plan-table",
    )


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    _staff_only(request, body)
    form = forms.PlanForm(request.POST or None, body=body, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        p = _act(
            request,
            services.plan_create,
            "计划已创建。",
            body=body,
            year=form.cleaned_data["year"],
            title=form.cleaned_data["title"],
        )
        if p:
            return redirect("activities:plan-detail", p.pk)
    return _form_page(request, title="新建年度计划", form=form, back=reverse("activities:plan-list"))


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _found(selectors.plan_get_for_actor, actor=request.user, pk=pk)
    staff = selectors.is_staff_of(request.user, plan.body_id)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "item":
            f = forms.PlanItemForm(request.POST, body=plan.body)
            if f.is_valid():
                d = f.cleaned_data
                _act(request, services.plan_item_add, "已添加计划事项。", plan=plan, **d)
            else:
                messages.error(request, "请完整填写计划事项。")
        elif action == "approve":
            f2 = forms.PlanApproveForm(request.POST, body=plan.body)
            if f2.is_valid():
                _act(
                    request,
                    services.plan_approve,
                    "计划已记录为批准。",
                    plan=plan,
                    party_approved_on=f2.cleaned_data["party_approved_on"],
                    meeting=f2.cleaned_data["meeting"],
                )
            else:
                messages.error(request, "请填写党委批准日期。")
        elif action == "advance":
            item = _found(
                selectors.plan_item_get_for_actor, actor=request.user, pk=request.POST.get("item", "")
            )
            if item.plan_id != plan.pk:
                raise Http404("没有这个计划事项。")
            _act(
                request,
                services.plan_item_advance,
                "进度已更新。",
                item=item,
                state=request.POST.get("state", "")[:16],
                note=request.POST.get("note", ""),
            )
        else:
            raise Http404("没有这个操作。")
        return redirect("activities:plan-detail", plan.pk)
    state = request.GET.get("state", "")[:16]
    items = selectors.plan_item_list_for_actor(
        actor=request.user, plan=plan, state=state if state in PlanItemState.values else ""
    )
    today = timezone.localdate()
    items_list = list(items.prefetch_related("events"))
    for item in items_list:
        item.slipped = selectors.plan_item_slipped(item, today)  # type: ignore[attr-defined]  # for the template
    completion = selectors.plan_completion(plan=plan, today=today)
    return render(
        request,
        "activities/plan_detail.html",
        {
            "plan": plan,
            "items": items_list,
            "completion": completion,
            "staff": staff,
            "state": state,
            "states": PlanItemState.choices,
            "item_form": forms.PlanItemForm(body=plan.body) if staff else None,
            "approve_form": forms.PlanApproveForm(body=plan.body)
            if staff and plan.status == "draft"
            else None,
            "slipped_total": sum(len(r["slipped"]) for r in completion),
        },
    )


# -------------------------------------------------------------------------------------------- stations


@login_required
def station_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    body_kind = getattr(getattr(user, "body", None), "kind", "cppcc")
    kind = request.GET.get("kind", "")[:16]
    qs = selectors.station_list_for_actor(
        actor=user, kind=kind if kind in StationKind.values else "", q=request.GET.get("q", "").strip()[:50]
    )
    kinds = [(k.value, k.label) for k in STATION_KINDS_BY_BODY.get(body_kind, list(StationKind))]
    return _list_page(
        request,
        title="委员工作室·代表联络站",
        qs=qs,
        headers=["名称", "类别", "地址", "牵头", "进驻人数", "活动场次", "建立日期"],
        row=lambda s: [
            (s.name, reverse("activities:station-detail", args=[s.pk])),
            s.get_kind_display(),
            s.address,
            s.lead_member.name if s.lead_member else "",
            s.member_count,
            s.event_count,
            s.established_on,
        ],
        filters=[_choice_filter("kind", "类别", kinds, request)],
        create_url=reverse("activities:station-create")
        if getattr(user, "role", "") in {"staff", "admin"}
        else "",
        create_label="新建站点",
        testid="station-table",
    )


@login_required
def station_create(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    _staff_only(request, body)
    form = forms.StationForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        members = d.pop("members")
        s = _act(
            request,
            services.station_save,
            "站点已保存。",
            body=body,
            data=d,
            member_ids=[m.pk for m in members],
        )
        if s:
            return redirect("activities:station-detail", s.pk)
    return _form_page(request, title="新建站点", form=form, back=reverse("activities:station-list"))


@login_required
def station_detail(request: HttpRequest, pk: int) -> HttpResponse:
    st = _found(selectors.station_get_for_actor, actor=request.user, pk=pk)
    staff = selectors.is_staff_of(request.user, st.body_id)
    if request.method == "POST":
        f = forms.ReceptionForm(request.POST, body=st.body)
        if f.is_valid():
            _act(request, services.station_reception_record, "已记录接待。", station=st, **f.cleaned_data)
        else:
            messages.error(request, "请填写接待日期和人数。")
        return redirect("activities:station-detail", st.pk)
    receptions = st.receptions.prefetch_related("members", "cases")[:50]
    return render(
        request,
        "activities/station_detail.html",
        {
            "st": st,
            "staff": staff,
            "members": st.members.all(),
            "receptions": receptions,
            "residents": sum(r.residents_count for r in st.receptions.all()),
            "events": st.events.select_related("type").order_by("-held_on")[:30],
            "form": forms.ReceptionForm(body=st.body, initial={"on": timezone.localdate()})
            if staff
            else None,
        },
    )


# ----------------------------------------------------------------------------- study groups, 文史, duty


@login_required
def study_group_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.study_group_list_for_actor(actor=request.user, year=_year(request))
    return _list_page(
        request,
        title="委员读书活动",
        qs=qs,
        headers=["读书群", "年度", "导读", "成员数", "读书活动场次", "书目"],
        row=lambda g: [
            g.name,
            g.year,
            g.leader.name if g.leader else "",
            g.member_count,
            g.session_count,
            "、".join(g.book_list),
        ],
        filters=[_year_filter(request)],
        testid="study-table",
    )


@login_required
def culture(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    body = _body(request)
    staff = selectors.is_staff_of(user, body.pk)
    if request.method == "POST":
        if request.POST.get("action") == "advance":
            m = _found(selectors.manuscript_get_for_actor, actor=user, pk=request.POST.get("manuscript", ""))
            _act(
                request,
                services.manuscript_advance,
                "稿件阶段已更新。",
                manuscript=m,
                stage=request.POST.get("stage", "")[:16],
            )
        else:
            f = forms.ManuscriptForm(request.POST, body=body)
            if f.is_valid():
                d = f.cleaned_data
                _act(
                    request,
                    services.manuscript_receive,
                    "稿件已登记。",
                    body=body,
                    title=d["title"],
                    received_on=d["received_on"],
                    contributor_ids=[c.pk for c in d["contributors"]],
                    other_contributors=d["other_contributors"],
                    word_count=d["word_count"] or 0,
                )
            else:
                messages.error(request, "请填写篇名和收稿日期。")
        return redirect("activities:culture")
    stage = request.GET.get("stage", "")[:16]
    page = paginate(
        request,
        selectors.manuscript_list_for_actor(
            actor=user,
            stage=stage if stage in ManuscriptStage.values else "",
            q=request.GET.get("q", "")[:50],
        ),
    )
    return render(
        request,
        "activities/culture.html",
        {
            "volumes": selectors.volume_list_for_actor(actor=user),
            "page": page,
            "stage": stage,
            "stages": ManuscriptStage.choices,
            "staff": staff,
            "form": forms.ManuscriptForm(body=body, initial={"received_on": timezone.localdate()})
            if staff
            else None,
        },
    )


@login_required
def thread_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    body = _body(request)
    staff = selectors.is_staff_of(user, body.pk)
    form = forms.ThreadForm(request.POST or None, body=body)
    if request.method == "POST" and staff and form.is_valid():
        t = _act(request, services.duty_thread_open, "议题已发布。", body=body, **form.cleaned_data)
        if t:
            return redirect("activities:thread-detail", t.pk)
    status = request.GET.get("status", "")[:16]
    page = paginate(
        request,
        selectors.thread_list_for_actor(
            actor=user, status=status if status in DutyThreadStatus.values else ""
        ),
    )
    return render(
        request, "activities/threads.html", {"page": page, "staff": staff, "form": form if staff else None}
    )


@login_required
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    t = _found(selectors.thread_get_for_actor, actor=request.user, pk=pk)
    user: Any = request.user
    staff = selectors.is_staff_of(user, t.body_id)
    if request.method == "POST":
        if request.POST.get("action") == "compile":
            ids = [int(i) for i in request.POST.getlist("post") if i.isdigit()]
            o = _act(
                request,
                services.duty_thread_compile,
                "已汇编为成果草稿。",
                thread=t,
                post_ids=ids,
                title=request.POST.get("title", "")[:200],
            )
            if o:
                return redirect("activities:outcome-detail", o.pk)
        else:
            _act(
                request,
                services.duty_post_add,
                "发言已发布。",
                thread=t,
                text=request.POST.get("text", "")[:4000],
            )
        return redirect("activities:thread-detail", t.pk)
    return render(
        request,
        "activities/thread_detail.html",
        {
            "t": t,
            "posts": t.posts.select_related("member"),
            "staff": staff,
            "is_member": getattr(user, "role", "") == "member",
            "open": t.status == DutyThreadStatus.OPEN and t.closes_on >= timezone.localdate(),
        },
    )
