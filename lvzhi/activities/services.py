"""Every change to meetings, plans, events, sign-in, speeches, outcomes, stations, 文史 and online duty.

Each service checks who acts (``actor``), validates, changes state inside a transaction and is
audited (the models are registered with ``core.audit``; non-CRUD steps add their own row).
Refusals are ``ActivityRefused`` (409) with the Chinese text the user sees; permission is
``PermissionDenied``.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.utils import timezone

from lvzhi.core import audit
from lvzhi.core.exceptions import DomainError, ErrorCode, NotFound
from lvzhi.core.permissions import is_admin

from .models import (
    ATTENDED,
    PLAN_ITEM_ORDER,
    Attendance,
    AttendanceStatus,
    CultureCall,
    CultureVolume,
    DutyPost,
    DutyThread,
    DutyThreadStatus,
    Event,
    EventCategory,
    EventStatus,
    EventType,
    Manuscript,
    ManuscriptStage,
    Meeting,
    MeetingKind,
    Outcome,
    OutcomeKind,
    OutcomeRecipient,
    OutcomeStatus,
    Plan,
    PlanItem,
    PlanItemState,
    PlanStatus,
    SignInState,
    Speech,
    SpeechStatus,
    Station,
    StationReception,
    StudyGroup,
    meeting_kind_label,
)

# ------------------------------------------------------------------------------ refusal texts (tested)

NOT_STAFF = "只有本机构的工作人员可以进行此操作。"
NOT_A_MEMBER = "只有委员/代表本人可以进行此操作。"
SIGNIN_NOT_INVITED = "您不在本次活动的邀请名单中，不能签到。"
SIGNIN_TWICE = "您已签到，无需重复签到。"
SIGNIN_CLOSED = "签到已结束，不能再签到。"
SIGNIN_NOT_OPEN = "签到尚未开始。"
SIGNIN_ON_LEAVE = "您已请假，如需出席请联系会务人员。"
SIGNIN_BAD_CODE = "签到码无效，请重新扫描现场二维码。"
LEAVE_AFTER_EVENT = "活动已举行，不能再请假。"
LEAVE_ALREADY = "已签到或已请假，不能再请假。"
LEAVE_REASON_REQUIRED = "请填写请假事由。"
LEAVE_NOT_PENDING = "该请假申请已处理。"
OUTCOME_ALREADY_SENT = "成果已报送，不能再修改。"
OUTCOME_NO_RECIPIENT = "请先添加报送对象。"
OUTCOME_NOT_SENT = "成果尚未报送。"
OUTCOME_ANSWERED = "已记录反馈。"
SPEECH_NOT_OWN = "只能修改本人的发言稿。"
SPEECH_DECIDED = "发言稿已选用或处理，不能再修改。"
SPEECH_BAD_STEP = "发言稿当前状态不能进行此操作。"
MEETING_KIND_WRONG_BODY = "本机构不召开此类会议。"
MEETING_NEEDS_TERM = "请选择所属届次。"
MEETING_NUMBER_TAKEN = "本届已有同类同次会议。"
TYPE_WRONG_BODY = "该活动形式不适用于本机构。"
EVENT_CANCELLED = "活动已取消。"
EVENT_NOT_HELD = "活动尚未举行。"
PLAN_ITEM_BACKWARDS = "计划事项的进度不能倒退。"
PLAN_APPROVED_ALREADY = "计划已批准。"
INVITE_OTHER_BODY = "只能邀请本机构的委员/代表。"
THREAD_CLOSED = "该议题已截止发言。"
THREAD_NOTHING = "请至少选择一条发言。"
RECEPTION_FUTURE = "接待日期不能晚于今天。"


class ActivityRefused(DomainError):
    code = ErrorCode.CONFLICT
    status = 409


Gathering = Meeting | Event


def _today() -> datetime.date:
    return timezone.localdate()


def _is_staff_of(actor: Any, body_id: int) -> bool:
    return bool(is_admin(actor) or (getattr(actor, "role", "") == "staff" and actor.body_id == body_id))


def require_staff(actor: Any, body_id: int) -> None:
    if not _is_staff_of(actor, body_id):
        raise PermissionDenied(NOT_STAFF)


def _clean_save(obj: Model) -> None:
    obj.full_clean()
    obj.save()


def _member_ids_of_body(body_id: int, member_ids: Iterable[int]) -> list[int]:
    from lvzhi.orgs.models import Membership

    ids = list(dict.fromkeys(int(i) for i in member_ids))
    found = set(
        Membership.objects.filter(body_id=body_id, member_id__in=ids, is_active=True).values_list(
            "member_id", flat=True
        )
    )
    if found != set(ids):
        raise ValidationError({"members": INVITE_OTHER_BODY})
    return ids


_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五, 100 → 一百 (enough for meeting numbers)."""
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


# ------------------------------------------------------------------------------------------ meetings

NUMBERED_KINDS = {MeetingKind.STANDING, MeetingKind.CHAIR, MeetingKind.DIRECTOR}


def meeting_default_title(
    *,
    body: Any,
    kind: str,
    number: int | None,
    term: Any,
    session: Any,
    committee: Any,
    held_on: datetime.date,
) -> str:
    if kind == MeetingKind.PLENARY and session is not None:
        return str(session.name)
    term_name = term.name if term is not None else ""
    if kind == MeetingKind.STANDING and number:
        return f"{term_name}常委会第{cn_number(number)}次会议"
    if kind in {MeetingKind.CHAIR, MeetingKind.DIRECTOR} and number:
        return f"{term_name}第{cn_number(number)}次{meeting_kind_label(kind, body.kind)}"
    if kind == MeetingKind.COMMITTEE and committee is not None:
        return f"{committee.name}会议（{held_on:%Y年%-m月%-d日}）"
    return f"{meeting_kind_label(kind, body.kind)}（{held_on:%Y年%-m月%-d日}）"


@transaction.atomic
def meeting_create(
    *,
    actor: Any,
    body: Any,
    kind: str,
    held_on: datetime.date,
    title: str = "",
    number: int | None = None,
    term: Any = None,
    session: Any = None,
    committee: Any = None,
    ends_on: datetime.date | None = None,
    place: str = "",
    presided_by: str = "",
    agenda: str = "",
    documents: str = "",
    starts_at: datetime.datetime | None = None,
) -> Meeting:
    """Register a meeting. Standing-committee and chair/director meetings take the next number in
    the term when none is given; the title follows the number when left empty."""
    from .models import MEETING_KINDS_BY_BODY

    require_staff(actor, body.pk)
    if kind not in MEETING_KINDS_BY_BODY[body.kind]:
        raise ValidationError({"kind": MEETING_KIND_WRONG_BODY})
    if term is None:
        term = body.terms.filter(is_current=True).first()
    if kind in NUMBERED_KINDS and term is None:
        raise ValidationError({"term": MEETING_NEEDS_TERM})
    if kind == MeetingKind.PLENARY and session is not None and number is None:
        number = session.number
    if kind in NUMBERED_KINDS and number is None:
        last = Meeting.objects.filter(body=body, kind=kind, term=term).aggregate(m=Max("number"))["m"]
        number = int(last or 0) + 1
    meeting = Meeting(
        body=body,
        kind=kind,
        term=term,
        session=session,
        committee=committee,
        number=number,
        held_on=held_on,
        ends_on=ends_on,
        place=place.strip(),
        presided_by=presided_by.strip(),
        agenda=agenda.strip(),
        documents=documents.strip(),
        starts_at=starts_at,
        title=title.strip()
        or meeting_default_title(
            body=body,
            kind=kind,
            number=number,
            term=term,
            session=session,
            committee=committee,
            held_on=held_on,
        ),
    )
    with audit.acting_as(actor):
        try:
            with transaction.atomic():
                _clean_save(meeting)
        except IntegrityError:
            raise ValidationError({"number": MEETING_NUMBER_TAKEN}) from None
    return meeting


MEETING_EDITABLE = (
    "title",
    "held_on",
    "ends_on",
    "place",
    "presided_by",
    "agenda",
    "documents",
    "minutes",
    "starts_at",
)


@transaction.atomic
def meeting_update(*, actor: Any, meeting: Meeting, data: dict[str, Any]) -> Meeting:
    require_staff(actor, meeting.body_id)
    for field in MEETING_EDITABLE:
        if field in data:
            value = data[field]
            setattr(meeting, field, value.strip() if isinstance(value, str) else value)
    with audit.acting_as(actor):
        _clean_save(meeting)
    return meeting


# ---------------------------------------------------------------------------------- invitation, sign-in


def _gathering_body_id(g: Gathering) -> int:
    return int(g.body_id)


def _attendance_filter(g: Gathering) -> dict[str, Any]:
    return {"meeting": g} if isinstance(g, Meeting) else {"event": g}


@transaction.atomic
def attendance_invite(*, actor: Any, gathering: Gathering, member_ids: Sequence[int]) -> int:
    """Invite members (of the body) to a meeting or event; returns how many were newly invited."""
    require_staff(actor, _gathering_body_id(gathering))
    if isinstance(gathering, Event) and gathering.status == EventStatus.CANCELLED:
        raise ActivityRefused(EVENT_CANCELLED)
    ids = _member_ids_of_body(_gathering_body_id(gathering), member_ids)
    existing = set(
        Attendance.objects.filter(**_attendance_filter(gathering)).values_list("member_id", flat=True)
    )
    rows = [
        Attendance(
            member_id=m,
            body_id=gathering.body_id,
            on=gathering.held_on,
            status=AttendanceStatus.INVITED,
            **_attendance_filter(gathering),
        )
        for m in ids
        if m not in existing
    ]
    Attendance.objects.bulk_create(rows)
    audit.record(
        action="attendance.invite",
        instance=gathering,
        note=f"邀请{len(rows)}人",
        actor=actor,
        body_id=gathering.body_id,
    )
    return len(rows)


@transaction.atomic
def signin_open(*, actor: Any, gathering: Gathering) -> Gathering:
    """Staff open the sign-in: a fresh code for the QR, good until they close it."""
    require_staff(actor, _gathering_body_id(gathering))
    if isinstance(gathering, Event) and gathering.status == EventStatus.CANCELLED:
        raise ActivityRefused(EVENT_CANCELLED)
    gathering.signin_state = SignInState.OPEN
    gathering.signin_token = secrets.token_urlsafe(18)
    gathering.signin_opened_at = timezone.now()
    gathering.signin_closed_at = None
    with audit.acting_as(actor):
        gathering.save()
    audit.record(action="signin.open", instance=gathering, actor=actor)
    return gathering


@transaction.atomic
def signin_close(*, actor: Any, gathering: Gathering) -> int:
    """Close the sign-in; whoever was invited and neither came nor had leave approved is absent.
    Returns the number marked absent."""
    require_staff(actor, _gathering_body_id(gathering))
    gathering.signin_state = SignInState.CLOSED
    gathering.signin_closed_at = timezone.now()
    with audit.acting_as(actor):
        gathering.save()
    absent = (
        Attendance.objects.filter(**_attendance_filter(gathering))
        .filter(status__in=[AttendanceStatus.INVITED, AttendanceStatus.LEAVE_REQUESTED])
        .update(status=AttendanceStatus.ABSENT, updated_at=timezone.now())
    )
    audit.record(action="signin.close", instance=gathering, note=f"缺席{absent}人", actor=actor)
    return absent


def gathering_for_token(token: str) -> Gathering:
    token = (token or "").strip()
    if not token:
        raise NotFound(SIGNIN_BAD_CODE)
    found: Gathering | None = Event.objects.filter(signin_token=token).select_related("body").first()
    if found is None:
        found = Meeting.objects.filter(signin_token=token).select_related("body").first()
    if found is None:
        raise NotFound(SIGNIN_BAD_CODE)
    return found


@transaction.atomic
def signin_confirm(*, actor: Any, token: str) -> Attendance:
    """A member confirms attendance with the code from the QR: present, or late after the start."""
    gathering = gathering_for_token(token)
    member_id = getattr(actor, "member_id", None)
    if getattr(actor, "role", "") != "member" or member_id is None:
        raise PermissionDenied(NOT_A_MEMBER)
    row = (
        Attendance.objects.select_for_update()
        .filter(member_id=member_id, **_attendance_filter(gathering))
        .first()
    )
    if row is None:
        raise ActivityRefused(SIGNIN_NOT_INVITED)
    if row.status in ATTENDED:
        raise ActivityRefused(SIGNIN_TWICE)
    if gathering.signin_state == SignInState.CLOSED:
        raise ActivityRefused(SIGNIN_CLOSED)
    if gathering.signin_state != SignInState.OPEN:
        raise ActivityRefused(SIGNIN_NOT_OPEN)
    if row.status == AttendanceStatus.LEAVE:
        raise ActivityRefused(SIGNIN_ON_LEAVE)
    now = timezone.now()
    late = gathering.starts_at is not None and now > gathering.starts_at
    row.status = AttendanceStatus.LATE if late else AttendanceStatus.PRESENT
    row.signed_in_at = now
    with audit.acting_as(actor):
        row.save()
    return row


@transaction.atomic
def attendance_mark(*, actor: Any, attendance: Attendance, status: str) -> Attendance:
    """Staff correct a row by hand (paper sign-in, a member without a phone)."""
    require_staff(actor, attendance.body_id)
    if status not in AttendanceStatus.values:
        raise ValidationError({"status": "出席情况无效。"})
    attendance.status = status
    if status in ATTENDED and attendance.signed_in_at is None:
        attendance.signed_in_at = timezone.now()
    with audit.acting_as(actor):
        attendance.save()
    return attendance


def _gathering_of(attendance: Attendance) -> Gathering:
    return attendance.meeting if attendance.meeting_id else attendance.event  # type: ignore[return-value]  # one of the two is set (constraint)


@transaction.atomic
def leave_request(*, actor: Any, attendance: Attendance, reason: str) -> Attendance:
    """The invited member asks leave before the meeting or event; staff approve it."""
    row = Attendance.objects.select_for_update().get(pk=attendance.pk)
    if getattr(actor, "member_id", None) != row.member_id:
        raise PermissionDenied(NOT_A_MEMBER)
    gathering = _gathering_of(row)
    if gathering.held_on < _today() or gathering.signin_state == SignInState.CLOSED:
        raise ActivityRefused(LEAVE_AFTER_EVENT)
    if row.status != AttendanceStatus.INVITED:
        raise ActivityRefused(LEAVE_ALREADY)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": LEAVE_REASON_REQUIRED})
    row.status = AttendanceStatus.LEAVE_REQUESTED
    row.leave_reason = reason[:300]
    with audit.acting_as(actor):
        row.save()
    return row


@transaction.atomic
def leave_decide(*, actor: Any, attendance: Attendance, approve: bool) -> Attendance:
    row = Attendance.objects.select_for_update().get(pk=attendance.pk)
    require_staff(actor, row.body_id)
    if row.status != AttendanceStatus.LEAVE_REQUESTED:
        raise ActivityRefused(LEAVE_NOT_PENDING)
    row.status = AttendanceStatus.LEAVE if approve else AttendanceStatus.INVITED
    row.leave_decided_by = actor if getattr(actor, "pk", None) else None
    row.leave_decided_at = timezone.now()
    with audit.acting_as(actor):
        row.save()
    return row


# -------------------------------------------------------------------------------------------- events


def event_types_for_body(body: Any) -> list[EventType]:
    from django.db.models import Q

    return [t for t in EventType.objects.filter(Q(body=None) | Q(body=body)) if t.applies_to(body.kind)]


def _check_type(body: Any, event_type: EventType) -> None:
    if (event_type.body_id not in (None, body.pk)) or not event_type.applies_to(body.kind):
        raise ValidationError({"type": TYPE_WRONG_BODY})


@transaction.atomic
def event_type_create(
    *, actor: Any, body: Any, name: str, category: str, is_grassroots: bool = False
) -> EventType:
    """A body's own brand of event (请你来协商, 民生议事堂) under one of the categories."""
    require_staff(actor, body.pk)
    name = name.strip()
    t = EventType(
        body=body,
        code=f"b{body.pk}-{secrets.token_hex(4)}",
        name=name,
        category=category,
        body_kinds=body.kind,
        is_grassroots=is_grassroots,
        order=900,
    )
    with audit.acting_as(actor):
        _clean_save(t)
    return t


EVENT_FIELDS = (
    "title",
    "held_on",
    "ends_on",
    "place",
    "committee",
    "sector",
    "station",
    "study_group",
    "plan_item",
    "led_by",
    "officials",
    "agenda",
    "materials",
    "summary",
    "starts_at",
    "residents_count",
)


@transaction.atomic
def event_create(
    *, actor: Any, body: Any, event_type: EventType, data: dict[str, Any], invitee_ids: Sequence[int] = ()
) -> Event:
    require_staff(actor, body.pk)
    _check_type(body, event_type)
    event = Event(body=body, type=event_type)
    for field in EVENT_FIELDS:
        if field in data:
            value = data[field]
            setattr(event, field, value.strip() if isinstance(value, str) else value)
    for rel in ("committee", "sector", "station", "study_group"):
        obj = getattr(event, rel)
        if obj is not None and obj.body_id != body.pk:
            raise ValidationError({rel: "只能选择本机构的组织。"})
    if event.plan_item is not None and event.plan_item.plan.body_id != body.pk:
        raise ValidationError({"plan_item": "只能选择本机构的计划事项。"})
    with audit.acting_as(actor):
        _clean_save(event)
    if invitee_ids:
        attendance_invite(actor=actor, gathering=event, member_ids=invitee_ids)
    if event.plan_item is not None:
        _plan_item_reach(event.plan_item, PlanItemState.PREPARING, actor=actor)
    return event


@transaction.atomic
def event_update(*, actor: Any, event: Event, data: dict[str, Any]) -> Event:
    require_staff(actor, event.body_id)
    for field in EVENT_FIELDS:
        if field in data:
            value = data[field]
            setattr(event, field, value.strip() if isinstance(value, str) else value)
    with audit.acting_as(actor):
        _clean_save(event)
    Attendance.objects.filter(event=event).exclude(on=event.held_on).update(on=event.held_on)
    return event


@transaction.atomic
def event_mark_held(*, actor: Any, event: Event, summary: str = "") -> Event:
    """The event took place: its plan item (if any) moves to 已举行."""
    require_staff(actor, event.body_id)
    if event.status == EventStatus.CANCELLED:
        raise ActivityRefused(EVENT_CANCELLED)
    event.status = EventStatus.HELD
    if summary.strip():
        event.summary = summary.strip()
    with audit.acting_as(actor):
        event.save()
    audit.record(action="event.held", instance=event, actor=actor)
    if event.plan_item_id:
        _plan_item_reach(event.plan_item, PlanItemState.HELD, actor=actor, on=event.held_on)  # type: ignore[arg-type]  # checked above
    return event


@transaction.atomic
def event_cancel(*, actor: Any, event: Event, reason: str = "") -> Event:
    require_staff(actor, event.body_id)
    event.status = EventStatus.CANCELLED
    with audit.acting_as(actor):
        event.save()
    audit.record(action="event.cancel", instance=event, note=reason[:500], actor=actor)
    return event


# ---------------------------------------------------------------------------------------------- plan


@transaction.atomic
def plan_create(*, actor: Any, body: Any, year: int, title: str) -> Plan:
    require_staff(actor, body.pk)
    plan = Plan(body=body, year=year, title=title.strip())
    with audit.acting_as(actor):
        try:
            with transaction.atomic():
                _clean_save(plan)
        except IntegrityError:
            raise ValidationError({"title": "本年度已有同名计划。"}) from None
    return plan


@transaction.atomic
def plan_item_add(
    *,
    actor: Any,
    plan: Plan,
    event_type: EventType,
    topic: str,
    month: int,
    lead_committee: Any = None,
    leaders: str = "",
    partner_units: str = "",
) -> PlanItem:
    require_staff(actor, plan.body_id)
    _check_type(plan.body, event_type)
    last = plan.items.aggregate(m=Max("number"))["m"]
    item = PlanItem(
        plan=plan,
        number=int(last or 0) + 1,
        event_type=event_type,
        topic=topic.strip(),
        month=month,
        lead_committee=lead_committee,
        leaders=leaders.strip(),
        partner_units=partner_units.strip(),
    )
    with audit.acting_as(actor):
        _clean_save(item)
    return item


@transaction.atomic
def plan_approve(
    *, actor: Any, plan: Plan, party_approved_on: datetime.date, meeting: Meeting | None = None
) -> Plan:
    """批准: the Party committee's approval date, and the chair (director) meeting that adopted it."""
    require_staff(actor, plan.body_id)
    if plan.status == PlanStatus.APPROVED:
        raise ActivityRefused(PLAN_APPROVED_ALREADY)
    if meeting is not None and meeting.body_id != plan.body_id:
        raise ValidationError({"meeting": "只能选择本机构的会议。"})
    plan.status = PlanStatus.APPROVED
    plan.party_approved_on = party_approved_on
    plan.approved_at_meeting = meeting
    with audit.acting_as(actor):
        _clean_save(plan)
    return plan


def _plan_item_reach(item: PlanItem, state: str, *, actor: Any, on: datetime.date | None = None) -> None:
    """Move a plan item forward to ``state`` if it is not already there or further."""
    if item.state == PlanItemState.CANCELLED:
        return
    current = PLAN_ITEM_ORDER.index(PlanItemState(item.state))
    target = PLAN_ITEM_ORDER.index(PlanItemState(state))
    if target <= current:
        return
    item.state = state
    if state == PlanItemState.HELD and on is not None:
        item.held_on = on
    with audit.acting_as(actor):
        item.save()


@transaction.atomic
def plan_item_advance(*, actor: Any, item: PlanItem, state: str, note: str = "") -> PlanItem:
    """Staff move an item by hand (筹备中, 取消); it never goes back."""
    require_staff(actor, item.plan.body_id)
    if state not in PlanItemState.values:
        raise ValidationError({"state": "进度无效。"})
    if state == PlanItemState.CANCELLED:
        item.state = state
        item.note = note.strip()[:300]
        with audit.acting_as(actor):
            item.save()
        return item
    if item.state == PlanItemState.CANCELLED or PLAN_ITEM_ORDER.index(
        PlanItemState(state)
    ) <= PLAN_ITEM_ORDER.index(PlanItemState(item.state)):
        raise ActivityRefused(PLAN_ITEM_BACKWARDS)
    _plan_item_reach(item, state, actor=actor)
    return item


# ------------------------------------------------------------------------------------------- speeches


@transaction.atomic
def speech_submit(
    *,
    actor: Any,
    body: Any,
    kind: str,
    title: str,
    content: str,
    meeting: Meeting | None = None,
    event: Event | None = None,
    on_behalf_of: str = "",
) -> Speech:
    member_id = getattr(actor, "member_id", None)
    if getattr(actor, "role", "") != "member" or member_id is None or actor.body_id != body.pk:
        raise PermissionDenied(NOT_A_MEMBER)
    for g in (meeting, event):
        if g is not None and g.body_id != body.pk:
            raise ValidationError({"meeting": "只能选择本机构的会议或活动。"})
    speech = Speech(
        body=body,
        kind=kind,
        meeting=meeting,
        event=event,
        member_id=member_id,
        title=title.strip(),
        content=content.strip(),
        on_behalf_of=on_behalf_of.strip(),
        submitted_at=timezone.now(),
    )
    with audit.acting_as(actor):
        _clean_save(speech)
    return speech


@transaction.atomic
def speech_update(*, actor: Any, speech: Speech, title: str, content: str) -> Speech:
    """Only the author edits, and only while it waits to be selected."""
    if getattr(actor, "member_id", None) != speech.member_id:
        raise PermissionDenied(SPEECH_NOT_OWN)
    if speech.status != SpeechStatus.SUBMITTED:
        raise ActivityRefused(SPEECH_DECIDED)
    speech.title = title.strip()
    speech.content = content.strip()
    with audit.acting_as(actor):
        _clean_save(speech)
    return speech


_SPEECH_STEPS = {
    SpeechStatus.SELECTED: {SpeechStatus.SUBMITTED},
    SpeechStatus.NOT_SELECTED: {SpeechStatus.SUBMITTED},
    SpeechStatus.DELIVERED: {SpeechStatus.SELECTED},
    SpeechStatus.PUBLISHED: {SpeechStatus.SELECTED, SpeechStatus.DELIVERED},
}


@transaction.atomic
def speech_decide(*, actor: Any, speech: Speech, status: str, on: datetime.date | None = None) -> Speech:
    """Staff select (选用) or set aside a speech, then record it delivered (口头) or published (书面)."""
    require_staff(actor, speech.body_id)
    allowed = _SPEECH_STEPS.get(SpeechStatus(status)) if status in SpeechStatus.values else None
    if not allowed or speech.status not in allowed:
        raise ActivityRefused(SPEECH_BAD_STEP)
    speech.status = status
    if status in {SpeechStatus.SELECTED, SpeechStatus.NOT_SELECTED}:
        speech.decided_at = timezone.now()
    if status in {SpeechStatus.DELIVERED, SpeechStatus.PUBLISHED} and speech.delivered_on is None:
        g = speech.meeting or speech.event
        speech.delivered_on = on or (g.held_on if g is not None else _today())
    with audit.acting_as(actor):
        speech.save()
    return speech


# ------------------------------------------------------------------------------------------- outcomes


_OUTCOME_KIND_FOR_CATEGORY = {
    EventCategory.RESEARCH: OutcomeKind.RESEARCH_REPORT,
    EventCategory.INSPECTION: OutcomeKind.INSPECTION_REPORT,
    EventCategory.SUPERVISION: OutcomeKind.SUPERVISION_OPINION,
    EventCategory.CONSULTATION: OutcomeKind.CONSULTATION_ADVICE,
}


def outcome_kind_for(event: Event | None) -> str:
    if event is None:
        return OutcomeKind.CONSULTATION_ADVICE
    return _OUTCOME_KIND_FOR_CATEGORY.get(EventCategory(event.type.category), OutcomeKind.CONSULTATION_ADVICE)


@transaction.atomic
def outcome_create(
    *, actor: Any, body: Any, title: str, content: str, kind: str = "", event: Event | None = None
) -> Outcome:
    require_staff(actor, body.pk)
    if event is not None and event.body_id != body.pk:
        raise ValidationError({"event": "只能选择本机构的活动。"})
    outcome = Outcome(
        body=body,
        event=event,
        kind=kind or outcome_kind_for(event),
        title=title.strip(),
        content=content.strip(),
    )
    with audit.acting_as(actor):
        _clean_save(outcome)
    return outcome


def _require_draft(outcome: Outcome) -> None:
    current = Outcome.objects.filter(pk=outcome.pk).values_list("status", flat=True).first()
    if current != OutcomeStatus.DRAFT:
        raise ActivityRefused(OUTCOME_ALREADY_SENT)


@transaction.atomic
def outcome_update(
    *, actor: Any, outcome: Outcome, title: str, content: str, kind: str | None = None
) -> Outcome:
    """Edit the text while it is a draft; a sent outcome is what the recipients hold."""
    require_staff(actor, outcome.body_id)
    _require_draft(outcome)
    outcome.title = title.strip()
    outcome.content = content.strip()
    if kind:
        outcome.kind = kind
    with audit.acting_as(actor):
        _clean_save(outcome)
    return outcome


@transaction.atomic
def outcome_recipient_add(
    *,
    actor: Any,
    outcome: Outcome,
    name: str,
    unit: Any = None,
    owes_answer: bool = False,
    due_on: datetime.date | None = None,
) -> OutcomeRecipient:
    require_staff(actor, outcome.body_id)
    _require_draft(outcome)
    if unit is not None and unit.body_id != outcome.body_id:
        raise ValidationError({"unit": "只能选择本机构的承办单位。"})
    r = OutcomeRecipient(
        outcome=outcome,
        name=(name.strip() or (unit.name if unit else "")),
        unit=unit,
        owes_answer=owes_answer,
        due_on=due_on,
    )
    with audit.acting_as(actor):
        _clean_save(r)
    return r


@transaction.atomic
def outcome_send(*, actor: Any, outcome: Outcome, on: datetime.date | None = None) -> Outcome:
    """报送: the outcome goes to its recipients; its event's plan item reaches 成果已报送."""
    require_staff(actor, outcome.body_id)
    locked = Outcome.objects.select_for_update().get(pk=outcome.pk)
    if locked.status != OutcomeStatus.DRAFT:
        raise ActivityRefused(OUTCOME_ALREADY_SENT)
    if not locked.recipients.exists():
        raise ValidationError({"recipients": OUTCOME_NO_RECIPIENT})
    locked.status = OutcomeStatus.SENT
    locked.sent_on = on or _today()
    locked.sent_by = actor if getattr(actor, "pk", None) else None
    with audit.acting_as(actor):
        locked.save()
    audit.record(action="outcome.send", instance=locked, actor=actor)
    _outcome_plan_item_reach(locked, PlanItemState.OUTCOME_SENT, actor=actor)
    outcome.refresh_from_db()
    return outcome


def _outcome_plan_item_reach(outcome: Outcome, state: str, *, actor: Any) -> None:
    if outcome.event_id is None:
        return
    item = PlanItem.objects.filter(events__pk=outcome.event_id).first()
    if item is not None:
        _plan_item_reach(item, state, actor=actor)


@transaction.atomic
def outcome_record_answer(
    *, actor: Any, outcome: Outcome, on: datetime.date | None = None, note: str = ""
) -> Outcome:
    """反馈: the recipients' written answer came back (a leader's office, a department's letter)."""
    require_staff(actor, outcome.body_id)
    if outcome.status != OutcomeStatus.SENT:
        raise ActivityRefused(OUTCOME_NOT_SENT if outcome.status == OutcomeStatus.DRAFT else OUTCOME_ANSWERED)
    outcome.status = OutcomeStatus.ANSWERED
    outcome.answered_on = on or _today()
    with audit.acting_as(actor):
        outcome.save()
    audit.record(action="outcome.answer", instance=outcome, note=note[:500], actor=actor)
    return outcome


@transaction.atomic
def outcome_record_effect(
    *, actor: Any, outcome: Outcome, effect: str, on: datetime.date | None = None
) -> Outcome:
    """成果转化: what came of it (adopted into a policy, a project funded); the plan item is done."""
    require_staff(actor, outcome.body_id)
    if outcome.status == OutcomeStatus.DRAFT:
        raise ActivityRefused(OUTCOME_NOT_SENT)
    if not effect.strip():
        raise ValidationError({"effect": "请填写转化成效。"})
    outcome.status = OutcomeStatus.ACTED_ON
    outcome.effect = effect.strip()
    outcome.acted_on = on or _today()
    with audit.acting_as(actor):
        outcome.save()
    _outcome_plan_item_reach(outcome, PlanItemState.ACTED_ON, actor=actor)
    return outcome


# ------------------------------------------------------------------------------------------- stations


STATION_FIELDS = (
    "kind",
    "name",
    "address",
    "sector",
    "lead_member",
    "contact_phone",
    "reception_days",
    "established_on",
    "closed_on",
    "is_active",
)


@transaction.atomic
def station_save(
    *,
    actor: Any,
    body: Any,
    data: dict[str, Any],
    member_ids: Sequence[int] | None = None,
    station: Station | None = None,
) -> Station:
    """Create or change a station and who sits in it."""
    from .models import STATION_KINDS_BY_BODY

    require_staff(actor, body.pk)
    station = station or Station(body=body)
    if station.body_id != body.pk:
        raise PermissionDenied(NOT_STAFF)
    for field in STATION_FIELDS:
        if field in data:
            value = data[field]
            setattr(station, field, value.strip() if isinstance(value, str) else value)
    if station.kind not in STATION_KINDS_BY_BODY[body.kind]:
        raise ValidationError({"kind": "本机构不设此类站点。"})
    with audit.acting_as(actor):
        _clean_save(station)
    if member_ids is not None:
        station.members.set(_member_ids_of_body(body.pk, member_ids))
    return station


@transaction.atomic
def station_reception_record(
    *,
    actor: Any,
    station: Station,
    on: datetime.date,
    residents_count: int,
    topics: str = "",
    member_ids: Sequence[int] = (),
) -> StationReception:
    """A reception day: who received, how many residents came, what they raised."""
    require_staff(actor, station.body_id)
    if on > _today():
        raise ValidationError({"on": RECEPTION_FUTURE})
    reception = StationReception(
        station=station, on=on, residents_count=residents_count, topics=topics.strip()
    )
    with audit.acting_as(actor):
        _clean_save(reception)
    if member_ids:
        reception.members.set(_member_ids_of_body(station.body_id, member_ids))
    return reception


# ------------------------------------------------------------------------------------- study groups


@transaction.atomic
def study_group_save(
    *,
    actor: Any,
    body: Any,
    year: int,
    name: str,
    books: str = "",
    leader: Any = None,
    member_ids: Sequence[int] = (),
    group: StudyGroup | None = None,
) -> StudyGroup:
    require_staff(actor, body.pk)
    group = group or StudyGroup(body=body)
    group.year = year
    group.name = name.strip()
    group.books = books.strip()
    group.leader = leader
    with audit.acting_as(actor):
        _clean_save(group)
    if member_ids:
        group.members.set(_member_ids_of_body(body.pk, member_ids))
    return group


# ----------------------------------------------------------------------------------------------- 文史


@transaction.atomic
def culture_call_create(
    *,
    actor: Any,
    body: Any,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    description: str = "",
) -> CultureCall:
    require_staff(actor, body.pk)
    if closes_on < opens_on:
        raise ValidationError({"closes_on": "截止日期不能早于开始日期。"})
    call = CultureCall(
        body=body,
        title=title.strip(),
        description=description.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
    )
    with audit.acting_as(actor):
        _clean_save(call)
    return call


@transaction.atomic
def manuscript_receive(
    *,
    actor: Any,
    body: Any,
    title: str,
    received_on: datetime.date,
    contributor_ids: Sequence[int] = (),
    other_contributors: str = "",
    word_count: int = 0,
    call: CultureCall | None = None,
) -> Manuscript:
    require_staff(actor, body.pk)
    if call is not None and call.body_id != body.pk:
        raise ValidationError({"call": "只能选择本机构的征集。"})
    if not contributor_ids and not other_contributors.strip():
        raise ValidationError({"contributors": "请填写撰稿人。"})
    m = Manuscript(
        body=body,
        call=call,
        title=title.strip(),
        received_on=received_on,
        other_contributors=other_contributors.strip(),
        word_count=word_count,
    )
    with audit.acting_as(actor):
        _clean_save(m)
    if contributor_ids:
        m.contributors.set(_member_ids_of_body(body.pk, contributor_ids))
    return m


_MANUSCRIPT_NEXT = {
    ManuscriptStage.RECEIVED: {ManuscriptStage.EDITING, ManuscriptStage.RETURNED},
    ManuscriptStage.EDITING: {ManuscriptStage.REVIEWED, ManuscriptStage.RETURNED},
    ManuscriptStage.REVIEWED: {ManuscriptStage.RETURNED},
}


@transaction.atomic
def manuscript_advance(*, actor: Any, manuscript: Manuscript, stage: str) -> Manuscript:
    """收稿 → 编辑 → 审定; 刊用 happens when a volume is published with it."""
    require_staff(actor, manuscript.body_id)
    allowed = _MANUSCRIPT_NEXT.get(ManuscriptStage(manuscript.stage), set())
    if stage not in allowed:
        raise ActivityRefused("稿件当前阶段不能进行此操作。")
    manuscript.stage = stage
    with audit.acting_as(actor):
        manuscript.save()
    return manuscript


@transaction.atomic
def volume_publish(
    *,
    actor: Any,
    body: Any,
    series: str,
    number: int,
    published_on: datetime.date,
    manuscript_ids: Sequence[int],
    subtitle: str = "",
    publisher: str = "",
) -> CultureVolume:
    """出版一辑: the reviewed manuscripts it carries are 刊用 and their contributors credited."""
    require_staff(actor, body.pk)
    ids = list(dict.fromkeys(int(i) for i in manuscript_ids))
    ms = list(Manuscript.objects.filter(pk__in=ids, body=body, stage=ManuscriptStage.REVIEWED))
    if not ids or len(ms) != len(ids):
        raise ValidationError({"manuscripts": "只能收入本机构已审定的稿件。"})
    volume = CultureVolume(
        body=body,
        series=series.strip(),
        number=number,
        subtitle=subtitle.strip(),
        published_on=published_on,
        publisher=publisher.strip(),
        word_count=round(sum(m.word_count for m in ms) / 10000),
    )
    with audit.acting_as(actor):
        try:
            with transaction.atomic():
                _clean_save(volume)
        except IntegrityError:
            raise ValidationError({"number": "该书已有此辑。"}) from None
        for m in ms:
            m.volume = volume
            m.stage = ManuscriptStage.PUBLISHED
            m.save()
    return volume


# ---------------------------------------------------------------------------------------- online duty


@transaction.atomic
def duty_thread_open(
    *,
    actor: Any,
    body: Any,
    topic: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    description: str = "",
    event: Event | None = None,
) -> DutyThread:
    require_staff(actor, body.pk)
    if closes_on < opens_on:
        raise ValidationError({"closes_on": "截止日期不能早于开始日期。"})
    if event is not None and event.body_id != body.pk:
        raise ValidationError({"event": "只能选择本机构的活动。"})
    t = DutyThread(
        body=body,
        topic=topic.strip(),
        description=description.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        event=event,
    )
    with audit.acting_as(actor):
        _clean_save(t)
    return t


@transaction.atomic
def duty_post_add(*, actor: Any, thread: DutyThread, text: str) -> DutyPost:
    member_id = getattr(actor, "member_id", None)
    if getattr(actor, "role", "") != "member" or member_id is None or actor.body_id != thread.body_id:
        raise PermissionDenied(NOT_A_MEMBER)
    if thread.status != DutyThreadStatus.OPEN or thread.closes_on < _today():
        raise ActivityRefused(THREAD_CLOSED)
    if not text.strip():
        raise ValidationError({"text": "请填写发言内容。"})
    post = DutyPost(thread=thread, member_id=member_id, text=text.strip()[:4000])
    with audit.acting_as(actor):
        _clean_save(post)
    return post


@transaction.atomic
def duty_thread_compile(
    *, actor: Any, thread: DutyThread, post_ids: Sequence[int], title: str = ""
) -> Outcome:
    """Staff compile the chosen posts into a draft outcome (协商建议); the thread is closed."""
    require_staff(actor, thread.body_id)
    posts = list(thread.posts.filter(pk__in=list(post_ids)).select_related("member"))
    if not posts:
        raise ValidationError({"posts": THREAD_NOTHING})
    content = "\n".join(f"{i}. {p.text}（{p.member.name}）" for i, p in enumerate(posts, start=1))
    outcome = outcome_create(
        actor=actor,
        body=thread.body,
        title=title.strip() or f"关于“{thread.topic}”的网络议政建议",
        content=content,
        kind=OutcomeKind.CONSULTATION_ADVICE,
        event=thread.event,
    )
    DutyPost.objects.filter(pk__in=[p.pk for p in posts]).update(is_compiled=True)
    thread.status = DutyThreadStatus.COMPILED
    thread.outcome = outcome
    with audit.acting_as(actor):
        thread.save()
    return outcome
