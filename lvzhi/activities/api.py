"""/api/v1/ meetings, plan items, events, attendance, speeches and outcomes.

The same selectors (one scope rule) and services (the same checks and refusals) as the pages:
a member lists the body's meetings and events but only their own attendance and speeches; a
handling unit sees none of these; refusals come back as ``{"code", "message"}`` with 409.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from lvzhi.api.pagination import Page, paginate
from lvzhi.core.exceptions import NotFound

from . import selectors, services
from .models import (
    Attendance,
    Event,
    EventType,
    Meeting,
    Outcome,
    PlanItem,
    Speech,
)

router = Router(tags=["会议与履职活动"])
TYPE_NOT_FOUND = "活动形式不存在。"


class Paging(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200)
    year: int | None = Field(None, ge=1990, le=2100)
    q: str = Field("", max_length=50)


class MeetingFilters(Paging):
    kind: (
        Literal["plenary", "standing", "chair", "director", "party_group", "secretary", "committee"] | None
    ) = None


class MeetingOut(Schema):
    id: int
    body_id: int
    kind: str
    kind_label: str
    number: int | None
    title: str
    held_on: datetime.date
    place: str
    agenda: list[str]
    documents: list[str]
    signin_state: str
    attendance: dict[str, int]


class MeetingIn(Schema):
    kind: str = Field(max_length=16)
    held_on: datetime.date
    number: int | None = Field(None, ge=1, le=999)
    title: str = Field("", max_length=200)
    place: str = Field("", max_length=200)
    presided_by: str = Field("", max_length=100)
    agenda: str = Field("", max_length=4000)
    documents: str = Field("", max_length=4000)
    starts_at: datetime.datetime | None = None


def _meeting_out(m: Meeting) -> dict[str, Any]:
    from .models import meeting_kind_label

    return {
        "id": m.pk,
        "body_id": m.body_id,
        "kind": m.kind,
        "kind_label": meeting_kind_label(m.kind, m.body.kind),
        "number": m.number,
        "title": m.title,
        "held_on": m.held_on,
        "place": m.place,
        "agenda": m.agenda_items,
        "documents": m.document_list,
        "signin_state": m.signin_state,
        "attendance": selectors.attendance_summary(gathering=m),
    }


@router.get("/meetings", response=Page[MeetingOut])
def meeting_list(request: HttpRequest, filters: Query[MeetingFilters]) -> dict[str, Any]:
    """本机构的会议（管理员可见全部）；可按类别、年度、关键词筛选。"""
    qs = selectors.meeting_list_for_actor(
        actor=request.user, kind=filters.kind or "", year=filters.year, q=filters.q
    )
    return paginate(qs, page=filters.page, page_size=filters.page_size, to_out=_meeting_out)


@router.get("/meetings/{meeting_id}", response=MeetingOut)
def meeting_detail(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    return _meeting_out(selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id))


@router.post("/meetings", response={201: MeetingOut})
def meeting_create(request: HttpRequest, payload: MeetingIn) -> Status[Any]:
    """登记会议（本机构工作人员）；常委会会议、主席会议/主任会议未给“次”时按本届顺延编号。"""
    user: Any = request.user
    if user.body is None:
        raise NotFound("请指定机构。")
    m = services.meeting_create(actor=user, body=user.body, **payload.dict())
    return Status(201, _meeting_out(m))


# ------------------------------------------------------------------------------------------ plan items


class PlanItemFilters(Paging):
    state: Literal["planned", "preparing", "held", "outcome_sent", "acted_on", "cancelled"] | None = None
    month: int | None = Field(None, ge=1, le=12)


class PlanItemOut(Schema):
    id: int
    plan_id: int
    plan_title: str
    year: int
    number: int
    topic: str
    event_type: str
    lead_committee: str
    month: int
    leaders: str
    state: str
    state_label: str
    slipped: bool


class AdvanceIn(Schema):
    state: str = Field(max_length=16)
    note: str = Field("", max_length=300)


def _item_out(i: PlanItem) -> dict[str, Any]:
    return {
        "id": i.pk,
        "plan_id": i.plan_id,
        "plan_title": i.plan.title,
        "year": i.plan.year,
        "number": i.number,
        "topic": i.topic,
        "event_type": i.event_type.name,
        "lead_committee": i.lead_committee.name if i.lead_committee else "",
        "month": i.month,
        "leaders": i.leaders,
        "state": i.state,
        "state_label": i.get_state_display(),
        "slipped": selectors.plan_item_slipped(i),
    }


@router.get("/plan-items", response=Page[PlanItemOut])
def plan_item_list(request: HttpRequest, filters: Query[PlanItemFilters]) -> dict[str, Any]:
    """年度计划事项及进度（已列入计划 → 筹备中 → 已举行 → 成果已报送 → 成果已转化）；slipped 为滞后。"""
    qs = selectors.plan_item_list_for_actor(
        actor=request.user, state=filters.state or "", month=filters.month, year=filters.year
    )
    if filters.q:
        qs = qs.filter(topic__icontains=filters.q)
    return paginate(qs, page=filters.page, page_size=filters.page_size, to_out=_item_out)


@router.get("/plan-items/{item_id}", response=PlanItemOut)
def plan_item_detail(request: HttpRequest, item_id: int) -> dict[str, Any]:
    return _item_out(selectors.plan_item_get_for_actor(actor=request.user, pk=item_id))


@router.post("/plan-items/{item_id}/advance", response=PlanItemOut)
def plan_item_advance(request: HttpRequest, item_id: int, payload: AdvanceIn) -> dict[str, Any]:
    """工作人员推进（筹备中）或取消；进度不能倒退（409）。"""
    item = selectors.plan_item_get_for_actor(actor=request.user, pk=item_id)
    return _item_out(
        services.plan_item_advance(actor=request.user, item=item, state=payload.state, note=payload.note)
    )


# ---------------------------------------------------------------------------------------------- events


class EventFiltersIn(Paging):
    category: str = Field("", max_length=16)
    status: str = Field("", max_length=16)
    type: int | None = None


class EventOut(Schema):
    id: int
    body_id: int
    title: str
    type: str
    category: str
    status: str
    held_on: datetime.date
    place: str
    committee: str
    station_id: int | None
    plan_item_id: int | None
    officials: list[str]
    agenda: list[str]
    signin_state: str
    attendance: dict[str, int]


class EventIn(Schema):
    type_id: int
    title: str = Field(max_length=200)
    held_on: datetime.date
    place: str = Field("", max_length=200)
    starts_at: datetime.datetime | None = None
    led_by: str = Field("", max_length=100)
    officials: str = Field("", max_length=4000)
    agenda: str = Field("", max_length=4000)
    materials: str = Field("", max_length=4000)
    plan_item_id: int | None = None
    invitee_ids: list[int] = Field(default_factory=list, max_length=5000)


def _event_out(e: Event) -> dict[str, Any]:
    return {
        "id": e.pk,
        "body_id": e.body_id,
        "title": e.title,
        "type": e.type.name,
        "category": e.type.category,
        "status": e.status,
        "held_on": e.held_on,
        "place": e.place,
        "committee": e.committee.name if e.committee else "",
        "station_id": e.station_id,
        "plan_item_id": e.plan_item_id,
        "officials": e.official_list,
        "agenda": e.agenda_items,
        "signin_state": e.signin_state,
        "attendance": selectors.attendance_summary(gathering=e),
    }


@router.get("/events", response=Page[EventOut])
def event_list(request: HttpRequest, filters: Query[EventFiltersIn]) -> dict[str, Any]:
    """协商、调研、视察、民主监督、通报、学习、读书、培训等活动；category 为归类。"""
    f = selectors.EventFilters.from_params(
        {
            "category": filters.category,
            "status": filters.status,
            "year": filters.year or "",
            "q": filters.q,
            "type": filters.type or "",
        }
    )
    qs = selectors.event_list_for_actor(actor=request.user, filters=f)
    return paginate(qs, page=filters.page, page_size=filters.page_size, to_out=_event_out)


@router.get("/events/{event_id}", response=EventOut)
def event_detail(request: HttpRequest, event_id: int) -> dict[str, Any]:
    return _event_out(selectors.event_get_for_actor(actor=request.user, pk=event_id))


@router.post("/events", response={201: EventOut})
def event_create(request: HttpRequest, payload: EventIn) -> Status[Any]:
    user: Any = request.user
    if user.body is None:
        raise NotFound("请指定机构。")
    event_type = EventType.objects.filter(pk=payload.type_id).first()
    if event_type is None:
        raise NotFound(TYPE_NOT_FOUND)
    data = payload.dict(exclude={"type_id", "invitee_ids", "plan_item_id"})
    if payload.plan_item_id:
        data["plan_item"] = selectors.plan_item_get_for_actor(actor=user, pk=payload.plan_item_id)
    e = services.event_create(
        actor=user, body=user.body, event_type=event_type, data=data, invitee_ids=payload.invitee_ids
    )
    return Status(201, _event_out(e))


@router.post("/events/{event_id}/held", response=EventOut)
def event_held(request: HttpRequest, event_id: int) -> dict[str, Any]:
    e = selectors.event_get_for_actor(actor=request.user, pk=event_id)
    return _event_out(services.event_mark_held(actor=request.user, event=e))


def _gathering(request: HttpRequest, kind: str, pk: int) -> Meeting | Event:
    if kind == "meetings":
        return selectors.meeting_get_for_actor(actor=request.user, pk=pk)
    return selectors.event_get_for_actor(actor=request.user, pk=pk)


class SignInStateOut(Schema):
    signin_state: str
    token: str
    absent_marked: int = 0


def _signin_open(request: HttpRequest, kind: str, pk: int) -> dict[str, Any]:
    g = services.signin_open(actor=request.user, gathering=_gathering(request, kind, pk))
    return {"signin_state": g.signin_state, "token": g.signin_token}


def _signin_close(request: HttpRequest, kind: str, pk: int) -> dict[str, Any]:
    g = _gathering(request, kind, pk)
    n = services.signin_close(actor=request.user, gathering=g)
    return {"signin_state": g.signin_state, "token": "", "absent_marked": n}


@router.post("/events/{event_id}/signin/open", response=SignInStateOut)
def event_signin_open(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """开始签到（工作人员）：返回签到码，二维码即 /activities/signin/<token>/。"""
    return _signin_open(request, "events", event_id)


@router.post("/events/{event_id}/signin/close", response=SignInStateOut)
def event_signin_close(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """结束签到：未到且未获准请假者记为缺席。"""
    return _signin_close(request, "events", event_id)


@router.post("/meetings/{meeting_id}/signin/open", response=SignInStateOut)
def meeting_signin_open(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    return _signin_open(request, "meetings", meeting_id)


@router.post("/meetings/{meeting_id}/signin/close", response=SignInStateOut)
def meeting_signin_close(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    return _signin_close(request, "meetings", meeting_id)


# ------------------------------------------------------------------------------------------ attendance


class AttendanceOut(Schema):
    id: int
    member_id: int
    member_name: str
    meeting_id: int | None
    event_id: int | None
    title: str
    on: datetime.date
    status: str
    status_label: str
    signed_in_at: datetime.datetime | None
    leave_reason: str


class AttendanceFilters(Paging):
    status: str = Field("", max_length=16)


class SignInIn(Schema):
    token: str = Field(min_length=1, max_length=64)


class LeaveIn(Schema):
    reason: str = Field(max_length=300)


class DecisionIn(Schema):
    approve: bool


def _att_out(a: Attendance) -> dict[str, Any]:
    g = a.meeting if a.meeting_id else a.event
    return {
        "id": a.pk,
        "member_id": a.member_id,
        "member_name": a.member.name,
        "meeting_id": a.meeting_id,
        "event_id": a.event_id,
        "title": g.title if g is not None else "",
        "on": a.on,
        "status": a.status,
        "status_label": a.get_status_display(),
        "signed_in_at": a.signed_in_at,
        "leave_reason": a.leave_reason,
    }


@router.get("/attendance", response=Page[AttendanceOut])
def attendance_list(request: HttpRequest, filters: Query[AttendanceFilters]) -> dict[str, Any]:
    """出席记录：工作人员与领导看本机构全部，委员/代表只看本人。"""
    qs = selectors.attendance_list_for_actor(actor=request.user, year=filters.year, status=filters.status)
    return paginate(qs, page=filters.page, page_size=filters.page_size, to_out=_att_out)


def _gathering_attendance(request: HttpRequest, kind: str, pk: int) -> list[dict[str, Any]]:
    g = _gathering(request, kind, pk)
    rows = selectors.attendance_for_gathering(actor=request.user, gathering=g).select_related(
        "meeting", "event"
    )
    return [_att_out(a) for a in rows]


@router.get("/events/{event_id}/attendance", response=list[AttendanceOut])
def event_attendance(request: HttpRequest, event_id: int) -> list[dict[str, Any]]:
    """活动的出席名单（委员/代表只看到本人一行）。"""
    return _gathering_attendance(request, "events", event_id)


@router.get("/meetings/{meeting_id}/attendance", response=list[AttendanceOut])
def meeting_attendance(request: HttpRequest, meeting_id: int) -> list[dict[str, Any]]:
    return _gathering_attendance(request, "meetings", meeting_id)


@router.post("/signin", response=AttendanceOut)
def signin(request: HttpRequest, payload: SignInIn) -> dict[str, Any]:
    """委员/代表以现场二维码中的签到码签到：未受邀、重复签到、签到结束后均被拒绝（409）。"""
    return _att_out(services.signin_confirm(actor=request.user, token=payload.token))


@router.post("/attendance/{attendance_id}/leave", response=AttendanceOut)
def leave(request: HttpRequest, attendance_id: int, payload: LeaveIn) -> dict[str, Any]:
    row = selectors.attendance_get_for_actor(actor=request.user, pk=attendance_id)
    return _att_out(services.leave_request(actor=request.user, attendance=row, reason=payload.reason))


@router.post("/attendance/{attendance_id}/decision", response=AttendanceOut)
def leave_decision(request: HttpRequest, attendance_id: int, payload: DecisionIn) -> dict[str, Any]:
    row = selectors.attendance_get_for_actor(actor=request.user, pk=attendance_id)
    return _att_out(services.leave_decide(actor=request.user, attendance=row, approve=payload.approve))


# -------------------------------------------------------------------------------------------- speeches


class SpeechOut(Schema):
    id: int
    member_id: int
    member_name: str
    kind: str
    meeting_id: int | None
    title: str
    content: str
    on_behalf_of: str
    status: str
    delivered_on: datetime.date | None


class SpeechFilters(Paging):
    kind: str = Field("", max_length=16)
    status: str = Field("", max_length=16)


class SpeechIn(Schema):
    kind: Literal["plenary", "meeting"]
    title: str = Field(max_length=200)
    content: str = Field(max_length=20000)
    meeting_id: int | None = None
    on_behalf_of: str = Field("", max_length=100)


class SpeechPatch(Schema):
    title: str = Field(max_length=200)
    content: str = Field(max_length=20000)


class SpeechDecisionIn(Schema):
    status: Literal["selected", "not_selected", "delivered", "published"]
    on: datetime.date | None = None


def _speech_out(s: Speech) -> dict[str, Any]:
    return {
        "id": s.pk,
        "member_id": s.member_id,
        "member_name": s.member.name,
        "kind": s.kind,
        "meeting_id": s.meeting_id,
        "title": s.title,
        "content": s.content,
        "on_behalf_of": s.on_behalf_of,
        "status": s.status,
        "delivered_on": s.delivered_on,
    }


@router.get("/speeches", response=Page[SpeechOut])
def speech_list(request: HttpRequest, filters: Query[SpeechFilters]) -> dict[str, Any]:
    qs = selectors.speech_list_for_actor(
        actor=request.user, kind=filters.kind, status=filters.status, year=filters.year, q=filters.q
    )
    return paginate(qs, page=filters.page, page_size=filters.page_size, to_out=_speech_out)


@router.get("/speeches/{speech_id}", response=SpeechOut)
def speech_detail(request: HttpRequest, speech_id: int) -> dict[str, Any]:
    return _speech_out(selectors.speech_get_for_actor(actor=request.user, pk=speech_id))


@router.post("/speeches", response={201: SpeechOut})
def speech_submit(request: HttpRequest, payload: SpeechIn) -> Status[Any]:
    user: Any = request.user
    if user.body is None:
        raise NotFound("请指定机构。")
    meeting = (
        selectors.meeting_get_for_actor(actor=user, pk=payload.meeting_id) if payload.meeting_id else None
    )
    s = services.speech_submit(
        actor=user,
        body=user.body,
        kind=payload.kind,
        title=payload.title,
        content=payload.content,
        meeting=meeting,
        on_behalf_of=payload.on_behalf_of,
    )
    return Status(201, _speech_out(s))


@router.patch("/speeches/{speech_id}", response=SpeechOut)
def speech_update(request: HttpRequest, speech_id: int, payload: SpeechPatch) -> dict[str, Any]:
    """只能修改本人、尚未选用的发言稿（他人的 403，已选用的 409）。"""
    s = selectors.speech_get_for_actor(actor=request.user, pk=speech_id)
    return _speech_out(
        services.speech_update(actor=request.user, speech=s, title=payload.title, content=payload.content)
    )


@router.post("/speeches/{speech_id}/decision", response=SpeechOut)
def speech_decide(request: HttpRequest, speech_id: int, payload: SpeechDecisionIn) -> dict[str, Any]:
    s = selectors.speech_get_for_actor(actor=request.user, pk=speech_id)
    return _speech_out(
        services.speech_decide(actor=request.user, speech=s, status=payload.status, on=payload.on)
    )


# -------------------------------------------------------------------------------------------- outcomes


class RecipientOut(Schema):
    id: int
    name: str
    unit_id: int | None
    owes_answer: bool
    due_on: datetime.date | None


class OutcomeOut(Schema):
    id: int
    body_id: int
    event_id: int | None
    kind: str
    title: str
    content: str
    status: str
    sent_on: datetime.date | None
    acted_on: datetime.date | None
    effect: str
    case_id: int | None
    recipients: list[RecipientOut]


class OutcomeFilters(Paging):
    kind: str = Field("", max_length=24)
    status: str = Field("", max_length=16)


class OutcomeIn(Schema):
    event_id: int | None = None
    kind: str = Field("", max_length=24)
    title: str = Field(max_length=200)
    content: str = Field(max_length=50000)


class OutcomePatch(Schema):
    title: str = Field(max_length=200)
    content: str = Field(max_length=50000)
    kind: str | None = Field(None, max_length=24)


class RecipientIn(Schema):
    name: str = Field("", max_length=100)
    unit_id: int | None = None
    owes_answer: bool = False
    due_on: datetime.date | None = None


class EffectIn(Schema):
    effect: str = Field(max_length=4000)
    on: datetime.date | None = None


def _outcome_out(o: Outcome) -> dict[str, Any]:
    return {
        "id": o.pk,
        "body_id": o.body_id,
        "event_id": o.event_id,
        "kind": o.kind,
        "title": o.title,
        "content": o.content,
        "status": o.status,
        "sent_on": o.sent_on,
        "acted_on": o.acted_on,
        "effect": o.effect,
        "case_id": o.case_id,
        "recipients": [
            {
                "id": r.pk,
                "name": r.name,
                "unit_id": r.unit_id,
                "owes_answer": r.owes_answer,
                "due_on": r.due_on,
            }
            for r in o.recipients.all()
        ],
    }


@router.get("/outcomes", response=Page[OutcomeOut])
def outcome_list(request: HttpRequest, filters: Query[OutcomeFilters]) -> dict[str, Any]:
    qs = selectors.outcome_list_for_actor(
        actor=request.user, kind=filters.kind, status=filters.status, year=filters.year, q=filters.q
    ).prefetch_related("recipients")
    return paginate(qs, page=filters.page, page_size=filters.page_size, to_out=_outcome_out)


@router.get("/outcomes/{outcome_id}", response=OutcomeOut)
def outcome_detail(request: HttpRequest, outcome_id: int) -> dict[str, Any]:
    return _outcome_out(selectors.outcome_get_for_actor(actor=request.user, pk=outcome_id))


@router.post("/outcomes", response={201: OutcomeOut})
def outcome_create(request: HttpRequest, payload: OutcomeIn) -> Status[Any]:
    user: Any = request.user
    if user.body is None:
        raise NotFound("请指定机构。")
    event = selectors.event_get_for_actor(actor=user, pk=payload.event_id) if payload.event_id else None
    o = services.outcome_create(
        actor=user,
        body=user.body,
        event=event,
        kind=payload.kind,
        title=payload.title,
        content=payload.content,
    )
    return Status(201, _outcome_out(o))


@router.patch("/outcomes/{outcome_id}", response=OutcomeOut)
def outcome_update(request: HttpRequest, outcome_id: int, payload: OutcomePatch) -> dict[str, Any]:
    """修改起草中的成果；已报送的成果不能再修改（409）。"""
    o = selectors.outcome_get_for_actor(actor=request.user, pk=outcome_id)
    return _outcome_out(
        services.outcome_update(
            actor=request.user, outcome=o, title=payload.title, content=payload.content, kind=payload.kind
        )
    )


@router.post("/outcomes/{outcome_id}/recipients", response={201: OutcomeOut})
def outcome_recipient(request: HttpRequest, outcome_id: int, payload: RecipientIn) -> Status[Any]:
    from lvzhi.orgs.models import HandlingUnit

    o = selectors.outcome_get_for_actor(actor=request.user, pk=outcome_id)
    unit = (
        HandlingUnit.objects.filter(pk=payload.unit_id, body_id=o.body_id).first()
        if payload.unit_id
        else None
    )
    if payload.unit_id and unit is None:
        raise NotFound("承办单位不存在。")
    services.outcome_recipient_add(
        actor=request.user,
        outcome=o,
        name=payload.name,
        unit=unit,
        owes_answer=payload.owes_answer,
        due_on=payload.due_on,
    )
    return Status(201, _outcome_out(o))


@router.post("/outcomes/{outcome_id}/send", response=OutcomeOut)
def outcome_send(request: HttpRequest, outcome_id: int) -> dict[str, Any]:
    o = selectors.outcome_get_for_actor(actor=request.user, pk=outcome_id)
    return _outcome_out(services.outcome_send(actor=request.user, outcome=o))


class AnswerIn(Schema):
    on: datetime.date | None = None
    note: str = Field("", max_length=500)


@router.post("/outcomes/{outcome_id}/answer", response=OutcomeOut)
def outcome_answer(request: HttpRequest, outcome_id: int, payload: AnswerIn) -> dict[str, Any]:
    """记录报送对象的书面反馈（已报送 → 已反馈）。"""
    o = selectors.outcome_get_for_actor(actor=request.user, pk=outcome_id)
    return _outcome_out(
        services.outcome_record_answer(actor=request.user, outcome=o, on=payload.on, note=payload.note)
    )


@router.post("/outcomes/{outcome_id}/effect", response=OutcomeOut)
def outcome_effect(request: HttpRequest, outcome_id: int, payload: EffectIn) -> dict[str, Any]:
    o = selectors.outcome_get_for_actor(actor=request.user, pk=outcome_id)
    return _outcome_out(
        services.outcome_record_effect(actor=request.user, outcome=o, effect=payload.effect, on=payload.on)
    )
