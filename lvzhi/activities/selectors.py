"""Reads of meetings, plans, events, attendance, speeches, outcomes, stations, 文史 and online duty.

Every list goes through ``visible_body_ids`` (the one scope rule of ``core.permissions``):
administrators see every body, everyone else their own; handling units see none of this
app (what they owe an answer to reaches them through the casework engine). Members see the
body's meetings, events and sent outcomes, and only their own attendance rows and speeches.

Selectors other apps may read (the members app's performance file and the chronicle):

- ``attendance_for_member(member=, year=None, body=None)``: attendance rows (meeting or event),
  with the gathering selected; ``status`` says present / late / leave / absent.
- ``member_activity_counts(body=, year=)``: ``{member_id: {"attended", "late", "leave", "absent",
  "training", "speeches", "posts", "manuscripts"}}`` for ranking a whole body in a few queries.
- ``events_in_year(body=, year=, category=None)``: events held in the year (cancelled and
  planned left out), with their type.
- ``meetings_in_year(body=, year=, kind=None)``: meetings held in the year up to today.
- ``speeches_for_member(member=, year=None)``: the member's speeches, every status.
- ``training_for_member(member=, year=None)``: attendance rows at training events attended.
- ``stations_for_member(member=)``: stations the member sits in or leads.
- ``culture_contributions_for_member(member=, year=None)``: 文史 manuscripts the member wrote.
- ``duty_posts_for_member(member=, year=None)``: the member's online-duty posts.
The 大事记 entries are registered in ``chronicle.py``; the figures in ``figures.py``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from lvzhi.core.exceptions import NotFound
from lvzhi.core.permissions import is_admin, visible_body_ids

from .models import (
    ATTENDED,
    PLAN_ITEM_ORDER,
    Attendance,
    AttendanceStatus,
    CultureVolume,
    DutyPost,
    DutyThread,
    Event,
    EventCategory,
    EventStatus,
    Manuscript,
    Meeting,
    Outcome,
    OutcomeKind,
    OutcomeStatus,
    Plan,
    PlanItem,
    PlanItemState,
    Speech,
    SpeechKind,
    SpeechStatus,
    Station,
    StudyGroup,
)

NOT_FOUND = "未找到该记录，或您无权查看。"
READ_ROLES = {"admin", "staff", "leader", "member"}


def _scoped(qs: QuerySet[Any], actor: Any, field: str = "body_id") -> QuerySet[Any]:
    if not getattr(actor, "is_authenticated", False):
        return qs.none()
    if getattr(actor, "role", "") not in READ_ROLES and not is_admin(actor):
        return qs.none()
    ids = visible_body_ids(actor)
    return qs if ids is None else qs.filter(**{f"{field}__in": ids})


def is_staff_of(actor: Any, body_id: int) -> bool:
    return bool(is_admin(actor) or (getattr(actor, "role", "") == "staff" and actor.body_id == body_id))


def sees_all_rows(actor: Any, body_id: int) -> bool:
    """Staff and leaders see everyone's attendance and speeches; a member only their own."""
    return is_staff_of(actor, body_id) or (
        getattr(actor, "role", "") == "leader" and actor.body_id == body_id
    )


def _get(qs: QuerySet[Any], pk: Any) -> Any:
    try:
        return qs.get(pk=int(pk))
    except (ValueError, TypeError, qs.model.DoesNotExist):
        raise NotFound(NOT_FOUND) from None


def _year(qs: QuerySet[Any], field: str, year: int | None) -> QuerySet[Any]:
    return qs.filter(**{f"{field}__year": year}) if year else qs


# ------------------------------------------------------------------------------------------ meetings


def meeting_list_for_actor(
    *, actor: Any, kind: str = "", year: int | None = None, q: str = ""
) -> QuerySet[Meeting]:
    qs = _scoped(Meeting.objects.select_related("body", "term", "committee"), actor)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(agenda__icontains=q))
    return (
        _year(qs, "held_on", year).annotate(attendance_count=Count("attendances")).order_by("-held_on", "-id")
    )


def meeting_get_for_actor(*, actor: Any, pk: Any) -> Meeting:
    return _get(_scoped(Meeting.objects.select_related("body", "term", "session", "committee"), actor), pk)


def meetings_in_year(*, body: Any, year: int, kind: str | None = None) -> QuerySet[Meeting]:
    today = timezone.localdate()
    qs = Meeting.objects.filter(body=body, held_on__year=year, held_on__lte=today)
    return qs.filter(kind=kind) if kind else qs


# -------------------------------------------------------------------------------------------- events


@dataclass
class EventFilters:
    category: str = ""
    type_id: int | None = None
    status: str = ""
    year: int | None = None
    committee_id: int | None = None
    station_id: int | None = None
    q: str = ""

    @classmethod
    def from_params(cls, params: Any) -> EventFilters:
        def num(name: str) -> int | None:
            raw = str(params.get(name, "") or "")[:6]
            return int(raw) if raw.isdigit() else None

        category = str(params.get("category", "") or "")[:16]
        status = str(params.get("status", "") or "")[:16]
        return cls(
            category=category if category in EventCategory.values else "",
            type_id=num("type"),
            status=status if status in EventStatus.values else "",
            year=num("year"),
            committee_id=num("committee"),
            station_id=num("station"),
            q=str(params.get("q", "") or "").strip()[:50],
        )


def event_list_for_actor(*, actor: Any, filters: EventFilters | None = None) -> QuerySet[Event]:
    f = filters or EventFilters()
    qs = _scoped(Event.objects.select_related("body", "type", "committee", "station", "plan_item"), actor)
    if f.category:
        qs = qs.filter(type__category=f.category)
    if f.type_id:
        qs = qs.filter(type_id=f.type_id)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.committee_id:
        qs = qs.filter(committee_id=f.committee_id)
    if f.station_id:
        qs = qs.filter(station_id=f.station_id)
    if f.q:
        qs = qs.filter(Q(title__icontains=f.q) | Q(place__icontains=f.q))
    # Correlated counts, computed for the rows of the page only (not grouped over every event).
    rows = Attendance.objects.filter(event=OuterRef("pk")).order_by().values("event")
    return _year(qs, "held_on", f.year).annotate(
        invited_count=Coalesce(Subquery(rows.annotate(n=Count("id")).values("n")[:1]), 0),
        attended_count=Coalesce(
            Subquery(rows.filter(status__in=ATTENDED).annotate(n=Count("id")).values("n")[:1]), 0
        ),
    )


def event_get_for_actor(*, actor: Any, pk: Any) -> Event:
    qs = Event.objects.select_related(
        "body", "type", "committee", "sector", "station", "plan_item", "study_group"
    )
    return _get(_scoped(qs, actor), pk)


def events_in_year(*, body: Any, year: int, category: str | None = None) -> QuerySet[Event]:
    qs = Event.objects.filter(body=body, held_on__year=year, status=EventStatus.HELD).select_related("type")
    return qs.filter(type__category=category) if category else qs


def event_years(*, actor: Any) -> list[int]:
    years = _scoped(Event.objects.all(), actor).dates("held_on", "year", order="DESC")
    return [d.year for d in years]


# -------------------------------------------------------------------------------------------- sign-in


def attendance_for_gathering(*, actor: Any, gathering: Meeting | Event) -> QuerySet[Attendance]:
    flt: dict[str, Any] = {"meeting": gathering} if isinstance(gathering, Meeting) else {"event": gathering}
    qs = Attendance.objects.filter(**flt).select_related("member")
    if sees_all_rows(actor, gathering.body_id):
        return qs.order_by("status", "member__name")
    return qs.filter(member_id=getattr(actor, "member_id", None) or 0)


def attendance_summary(*, gathering: Meeting | Event) -> dict[str, int]:
    flt: dict[str, Any] = {"meeting": gathering} if isinstance(gathering, Meeting) else {"event": gathering}
    rows = dict(Attendance.objects.filter(**flt).values_list("status").annotate(n=Count("id")).order_by())
    out = {s: int(rows.get(s, 0)) for s in AttendanceStatus.values}
    out["total"] = sum(out.values())
    return out


def attendance_get_for_actor(*, actor: Any, pk: Any) -> Attendance:
    row: Attendance = _get(
        _scoped(Attendance.objects.select_related("meeting", "event", "member"), actor), pk
    )
    if not sees_all_rows(actor, row.body_id) and row.member_id != getattr(actor, "member_id", None):
        raise NotFound(NOT_FOUND)
    return row


def attendance_list_for_actor(
    *, actor: Any, year: int | None = None, status: str = "", member_id: int | None = None
) -> QuerySet[Attendance]:
    qs = _scoped(Attendance.objects.select_related("member", "meeting", "event"), actor)
    if getattr(actor, "role", "") == "member" and not is_admin(actor):
        qs = qs.filter(member_id=getattr(actor, "member_id", None) or 0)
    if status:
        qs = qs.filter(status=status)
    if member_id:
        qs = qs.filter(member_id=member_id)
    return _year(qs, "on", year).order_by("-on", "member__name")


def my_invitations(*, actor: Any, upcoming_only: bool = False) -> QuerySet[Attendance]:
    member_id = getattr(actor, "member_id", None)
    if member_id is None:
        return Attendance.objects.none()
    qs = Attendance.objects.filter(member_id=member_id, body_id=actor.body_id).select_related(
        "meeting", "event"
    )
    if upcoming_only:
        qs = qs.filter(on__gte=timezone.localdate())
    return qs.order_by("-on")


def attendance_for_member(*, member: Any, year: int | None = None, body: Any = None) -> QuerySet[Attendance]:
    qs = Attendance.objects.filter(member=member).select_related("meeting", "event", "event__type")
    if body is not None:
        qs = qs.filter(body=body)
    return _year(qs, "on", year).order_by("on", "id")


def training_for_member(*, member: Any, year: int | None = None) -> QuerySet[Attendance]:
    return attendance_for_member(member=member, year=year).filter(
        event__type__category=EventCategory.TRAINING, status__in=ATTENDED
    )


def member_activity_counts(*, body: Any, year: int) -> dict[int, dict[str, int]]:
    """Per member of the body, the year's attendance, speeches, posts and 文史 contributions."""
    out: dict[int, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(
            ("attended", "late", "leave", "absent", "training", "speeches", "posts", "manuscripts"), 0
        )
    )
    rows = (
        Attendance.objects.filter(body=body, on__year=year)
        .values("member_id")
        .annotate(
            attended=Count("id", filter=Q(status__in=ATTENDED)),
            late=Count("id", filter=Q(status=AttendanceStatus.LATE)),
            leave=Count("id", filter=Q(status=AttendanceStatus.LEAVE)),
            absent=Count("id", filter=Q(status=AttendanceStatus.ABSENT)),
            training=Count("id", filter=Q(status__in=ATTENDED, event__type__category=EventCategory.TRAINING)),
        )
        .order_by()
    )
    for r in rows:
        out[r["member_id"]].update({k: r[k] for k in ("attended", "late", "leave", "absent", "training")})
    for mid, n in (
        Speech.objects.filter(body=body, delivered_on__year=year, status__in=SPEECH_COUNTED)
        .values_list("member_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        out[mid]["speeches"] = n
    for mid, n in (
        DutyPost.objects.filter(thread__body=body, created_at__year=year)
        .values_list("member_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        out[mid]["posts"] = n
    for mid, n in (
        Manuscript.objects.filter(body=body, received_on__year=year, contributors__isnull=False)
        .values_list("contributors")
        .annotate(n=Count("id"))
        .order_by()
    ):
        out[mid]["manuscripts"] = n
    return dict(out)


# ---------------------------------------------------------------------------------------------- plan


def plan_list_for_actor(*, actor: Any, year: int | None = None) -> QuerySet[Plan]:
    qs = _scoped(Plan.objects.select_related("body", "approved_at_meeting"), actor)
    return (
        (qs.filter(year=year) if year else qs)
        .annotate(item_count=Count("items"))
        .order_by("-year", "body_id", "id")
    )


def plan_get_for_actor(*, actor: Any, pk: Any) -> Plan:
    return _get(_scoped(Plan.objects.select_related("body", "approved_at_meeting"), actor), pk)


def plan_item_get_for_actor(*, actor: Any, pk: Any) -> PlanItem:
    return _get(
        _scoped(
            PlanItem.objects.select_related("plan", "plan__body", "event_type", "lead_committee"),
            actor,
            "plan__body_id",
        ),
        pk,
    )


def plan_item_list_for_actor(
    *,
    actor: Any,
    plan: Plan | None = None,
    state: str = "",
    month: int | None = None,
    year: int | None = None,
) -> QuerySet[PlanItem]:
    qs = _scoped(
        PlanItem.objects.select_related("plan", "event_type", "lead_committee"), actor, "plan__body_id"
    ).order_by("plan__year", "plan_id", "number")
    if plan is not None:
        qs = qs.filter(plan=plan)
    if state:
        qs = qs.filter(state=state)
    if month:
        qs = qs.filter(month=month)
    if year:
        qs = qs.filter(plan__year=year)
    return qs


def plan_item_slipped(item: PlanItem, today: datetime.date | None = None) -> bool:
    """滞后: its month is over and it has not been held (nor cancelled)."""
    today = today or timezone.localdate()
    if item.state in (PlanItemState.CANCELLED,) or PLAN_ITEM_ORDER.index(PlanItemState(item.state)) >= 2:
        return False
    month_end = datetime.date(
        item.plan.year + (item.month // 12), item.month % 12 + 1, 1
    ) - datetime.timedelta(days=1)
    return today > month_end


def plan_completion(*, plan: Plan, today: datetime.date | None = None) -> list[dict[str, Any]]:
    """Per month: items planned, held (or further), outcome sent, acted on, cancelled, and which slipped."""
    today = today or timezone.localdate()
    months: list[dict[str, Any]] = [
        {"month": m, "planned": 0, "held": 0, "outcome_sent": 0, "acted_on": 0, "cancelled": 0, "slipped": []}
        for m in range(1, 13)
    ]
    for item in plan.items.select_related("plan", "event_type").order_by("number"):
        row = months[item.month - 1]
        row["planned"] += 1
        if item.state == PlanItemState.CANCELLED:
            row["cancelled"] += 1
            continue
        rank = PLAN_ITEM_ORDER.index(PlanItemState(item.state))
        row["held"] += rank >= 2
        row["outcome_sent"] += rank >= 3
        row["acted_on"] += rank >= 4
        if plan_item_slipped(item, today):
            row["slipped"].append(item)
    for row in months:
        live = row["planned"] - row["cancelled"]
        row["rate"] = round(100 * row["held"] / live) if live else None
    return months


# -------------------------------------------------------------------------------------------- speeches

SPEECH_COUNTED = (SpeechStatus.DELIVERED, SpeechStatus.PUBLISHED)


def speech_list_for_actor(
    *, actor: Any, kind: str = "", status: str = "", year: int | None = None, q: str = ""
) -> QuerySet[Speech]:
    qs = _scoped(Speech.objects.select_related("member", "meeting", "event", "body"), actor)
    if getattr(actor, "role", "") == "member" and not is_admin(actor):
        qs = qs.filter(member_id=getattr(actor, "member_id", None) or 0)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(member__name__icontains=q))
    return qs.filter(Q(submitted_at__year=year) | Q(delivered_on__year=year)) if year else qs


def speech_get_for_actor(*, actor: Any, pk: Any) -> Speech:
    s: Speech = _get(_scoped(Speech.objects.select_related("member", "meeting", "event"), actor), pk)
    if not sees_all_rows(actor, s.body_id) and s.member_id != getattr(actor, "member_id", None):
        raise NotFound(NOT_FOUND)
    return s


def speeches_for_member(*, member: Any, year: int | None = None) -> QuerySet[Speech]:
    qs = Speech.objects.filter(member=member).select_related("meeting", "event")
    return qs.filter(Q(submitted_at__year=year) | Q(delivered_on__year=year)) if year else qs


# -------------------------------------------------------------------------------------------- outcomes


def outcome_list_for_actor(
    *, actor: Any, kind: str = "", status: str = "", year: int | None = None, q: str = ""
) -> QuerySet[Outcome]:
    qs = _scoped(Outcome.objects.select_related("body", "event", "event__type", "case"), actor)
    if getattr(actor, "role", "") == "member" and not is_admin(actor):
        qs = qs.exclude(status=OutcomeStatus.DRAFT)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(title__icontains=q)
    if year:
        qs = qs.filter(Q(sent_on__year=year) | Q(sent_on__isnull=True, created_at__year=year))
    return qs.annotate(recipient_count=Count("recipients")).order_by("-sent_on", "-id")


def outcome_get_for_actor(*, actor: Any, pk: Any) -> Outcome:
    o: Outcome = _get(
        _scoped(Outcome.objects.select_related("body", "event", "event__type", "case"), actor), pk
    )
    if o.status == OutcomeStatus.DRAFT and not sees_all_rows(actor, o.body_id):
        raise NotFound(NOT_FOUND)
    return o


def outcome_board(*, actor: Any, year: int | None = None) -> list[dict[str, Any]]:
    """What came of each event held: its outcomes, their status and the answers owed."""
    events = event_list_for_actor(
        actor=actor, filters=EventFilters(year=year, status=EventStatus.HELD)
    ).filter(
        type__category__in=[
            EventCategory.CONSULTATION,
            EventCategory.RESEARCH,
            EventCategory.INSPECTION,
            EventCategory.SUPERVISION,
        ]
    )
    ids = list(events.values_list("pk", flat=True)[:2000])
    by_event: dict[int, list[Outcome]] = defaultdict(list)
    for o in (
        Outcome.objects.filter(event_id__in=ids).prefetch_related("recipients").order_by("sent_on", "id")
    ):
        by_event[int(o.event_id or 0)].append(o)
    return [{"event": e, "outcomes": by_event.get(e.pk, [])} for e in events.order_by("-held_on")[:2000]]


# -------------------------------------------------------------------------------------------- stations


def station_list_for_actor(*, actor: Any, kind: str = "", q: str = "") -> QuerySet[Station]:
    qs = _scoped(Station.objects.select_related("body", "lead_member", "sector"), actor)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(address__icontains=q))
    return qs.annotate(
        member_count=Count("members", distinct=True), event_count=Count("events", distinct=True)
    ).order_by("body_id", "kind", "name", "id")


def station_get_for_actor(*, actor: Any, pk: Any) -> Station:
    return _get(_scoped(Station.objects.select_related("body", "lead_member", "sector"), actor), pk)


def stations_for_member(*, member: Any) -> QuerySet[Station]:
    return Station.objects.filter(Q(members=member) | Q(lead_member=member)).distinct()


def stations_operating(*, body: Any, year: int) -> QuerySet[Station]:
    """The stations that ran at some point in the year: established by its end, not closed before it
    began, and not retired without a closing date."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        Station.objects.filter(body=body)
        .filter(Q(established_on__isnull=True) | Q(established_on__lte=end))
        .filter(Q(closed_on__isnull=True, is_active=True) | Q(closed_on__gte=start))
    )


# ------------------------------------------------------------------------------------------- the rest


def study_group_list_for_actor(*, actor: Any, year: int | None = None) -> QuerySet[StudyGroup]:
    qs = _scoped(StudyGroup.objects.select_related("leader"), actor)
    return (
        (qs.filter(year=year) if year else qs)
        .annotate(
            member_count=Count("members", distinct=True), session_count=Count("sessions", distinct=True)
        )
        .order_by("-year", "name", "id")
    )


def study_group_get_for_actor(*, actor: Any, pk: Any) -> StudyGroup:
    return _get(_scoped(StudyGroup.objects.select_related("leader"), actor), pk)


def volume_list_for_actor(*, actor: Any) -> QuerySet[CultureVolume]:
    return (
        _scoped(CultureVolume.objects.all(), actor)
        .annotate(manuscript_count=Count("manuscripts"))
        .order_by("-published_on", "series", "number")
    )


def manuscript_list_for_actor(*, actor: Any, stage: str = "", q: str = "") -> QuerySet[Manuscript]:
    qs = _scoped(Manuscript.objects.select_related("call", "volume").prefetch_related("contributors"), actor)
    if stage:
        qs = qs.filter(stage=stage)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(contributors__name__icontains=q)).distinct()
    return qs


def manuscript_get_for_actor(*, actor: Any, pk: Any) -> Manuscript:
    return _get(_scoped(Manuscript.objects.select_related("call", "volume"), actor), pk)


def culture_contributions_for_member(*, member: Any, year: int | None = None) -> QuerySet[Manuscript]:
    qs = Manuscript.objects.filter(contributors=member).select_related("volume")
    return _year(qs, "received_on", year)


def thread_list_for_actor(*, actor: Any, status: str = "") -> QuerySet[DutyThread]:
    qs = _scoped(DutyThread.objects.select_related("event", "outcome"), actor)
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(post_count=Count("posts")).order_by("-opens_on", "-id")


def thread_get_for_actor(*, actor: Any, pk: Any) -> DutyThread:
    return _get(_scoped(DutyThread.objects.select_related("event", "outcome", "body"), actor), pk)


def duty_posts_for_member(*, member: Any, year: int | None = None) -> QuerySet[DutyPost]:
    qs = DutyPost.objects.filter(member=member).select_related("thread")
    return _year(qs, "created_at", year)


# --------------------------------------------------------------------------------------------- figures


_EVENT_KEYS = {
    "consultation.events": EventCategory.CONSULTATION,
    "research.events": EventCategory.RESEARCH,
    "inspection.events": EventCategory.INSPECTION,
    "supervision.events": EventCategory.SUPERVISION,
}
_MEETING_KEYS = {
    "meeting.plenary": "plenary",
    "meeting.standing_committee": "standing",
    "meeting.chair": "chair",
    "meeting.director": "director",
    "meeting.party_group": "party_group",
}


def activity_figure(*, body: Any, year: int, key: str) -> int:
    """One figure of this app, in one query (the registry asks key by key)."""
    if key in _EVENT_KEYS:
        return Event.objects.filter(
            body=body, held_on__year=year, status=EventStatus.HELD, type__category=_EVENT_KEYS[key]
        ).count()
    if key in _MEETING_KEYS:
        return Meeting.objects.filter(
            body=body, held_on__year=year, held_on__lte=timezone.localdate(), kind=_MEETING_KEYS[key]
        ).count()
    if key == "research.reports":
        return Outcome.objects.filter(body=body, kind=OutcomeKind.RESEARCH_REPORT, sent_on__year=year).count()
    if key == "speech.plenary":
        return Speech.objects.filter(
            body=body, kind=SpeechKind.PLENARY, status__in=SPEECH_COUNTED, delivered_on__year=year
        ).count()
    if key == "member.stations":
        return stations_operating(body=body, year=year).count()
    att = Attendance.objects.filter(body=body, on__year=year, status__in=ATTENDED)
    if key == "member.activities":
        return att.count()
    if key == "member.training":
        return att.filter(event__type__category=EventCategory.TRAINING).count()
    raise KeyError(key)


def activity_figures(*, body: Any, year: int) -> dict[str, int]:
    """Every figure of this app for one body and year, in five aggregate queries (bench/activities.py)."""
    today = timezone.localdate()
    ev = Event.objects.filter(body=body, held_on__year=year, status=EventStatus.HELD).aggregate(
        **{
            str(c): Count("id", filter=Q(type__category=c))
            for c in (
                EventCategory.CONSULTATION,
                EventCategory.RESEARCH,
                EventCategory.INSPECTION,
                EventCategory.SUPERVISION,
            )
        }
    )
    mt = dict(
        Meeting.objects.filter(body=body, held_on__year=year, held_on__lte=today)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    att = Attendance.objects.filter(body=body, on__year=year, status__in=ATTENDED).aggregate(
        activities=Count("id"),
        training=Count("id", filter=Q(event__type__category=EventCategory.TRAINING)),
    )
    return {
        "consultation.events": ev[EventCategory.CONSULTATION],
        "research.events": ev[EventCategory.RESEARCH],
        "inspection.events": ev[EventCategory.INSPECTION],
        "supervision.events": ev[EventCategory.SUPERVISION],
        "research.reports": Outcome.objects.filter(
            body=body, kind=OutcomeKind.RESEARCH_REPORT, sent_on__year=year
        ).count(),
        "meeting.plenary": mt.get("plenary", 0),
        "meeting.standing_committee": mt.get("standing", 0),
        "meeting.chair": mt.get("chair", 0),
        "meeting.director": mt.get("director", 0),
        "meeting.party_group": mt.get("party_group", 0),
        "speech.plenary": Speech.objects.filter(
            body=body, kind=SpeechKind.PLENARY, status__in=SPEECH_COUNTED, delivered_on__year=year
        ).count(),
        "member.stations": stations_operating(body=body, year=year).count(),
        "member.activities": att["activities"],
        "member.training": att["training"],
    }
