"""What meetings and activities contribute to each member's performance file: meetings and events
attended (late, on leave, absent without leave), speeches, research, inspection and supervision taken
part in, station duty and the residents received, training, 文史 contributions and online duty posts.

Each item links to its record. Counting follows the figures (``figures.py``): a meeting or event
counts on its day, a speech when delivered or published, a manuscript when received (not when
returned unused), a reception on its day. Invitations not yet answered are not in the file.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from django.urls import reverse

from lvzhi.members.sources import FileItem, Item, Source, register

from .models import (
    AttendanceStatus,
    DutyPost,
    EventCategory,
    Manuscript,
    ManuscriptStage,
    MeetingKind,
    SpeechKind,
    StationReception,
)
from .selectors import SPEECH_COUNTED

_MEETING_LEVELS = {k.value: str(k.label) for k in MeetingKind}
_EVENT_LEVELS = {c.value: str(c.label) for c in EventCategory if c != EventCategory.TRAINING}
_GATHERING_LEVELS = {**_MEETING_LEVELS, **{f"event.{k}": v for k, v in _EVENT_LEVELS.items()}}

ITEMS = (
    Item(
        "activity.meeting",
        "出席会议",
        points=1,
        levels={"plenary": 3, "standing": 2},
        level_labels=_MEETING_LEVELS,
    ),
    Item(
        "activity.event",
        "参加履职活动",
        points=1,
        levels={"consultation": 2, "research": 3, "inspection": 3, "supervision": 3},
        level_labels=_EVENT_LEVELS,
    ),
    Item("activity.training", "参加履职培训", points=1, cap=10),
    Item("activity.late", "迟到", points=0, level_labels=_GATHERING_LEVELS),
    Item("activity.leave", "请假", points=0, level_labels=_GATHERING_LEVELS),
    Item(
        "activity.absent",
        "无故缺席",
        points=-1,
        levels={"plenary": -5, "standing": -3},
        level_labels=_GATHERING_LEVELS,
    ),
    Item(
        "activity.speech",
        "发言",
        levels={SpeechKind.PLENARY.value: 3, SpeechKind.MEETING.value: 1},
        level_labels={k.value: str(k.label) for k in SpeechKind},
    ),
    Item("activity.station", "委员工作室（联络站）接待群众", points=1, cap=12),
    Item("activity.culture", "文史资料撰稿", points=3, cap=15),
    Item("activity.duty_post", "网络议政发言", points=0.5, cap=5),
)


def _in(qs: Any, field: str, member_ids: Collection[int] | None) -> Any:
    return qs if member_ids is None else qs.filter(**{f"{field}__in": list(member_ids)})


def _prefix(name: str) -> str:
    """A detail page's address without its id (one reverse for thousands of rows)."""
    return reverse(name, args=[0]).removesuffix("0/")


def _attendance_items(body: Any, year: int, member_ids: Collection[int] | None) -> Iterable[FileItem]:
    from .models import Attendance

    rows = _in(
        Attendance.objects.filter(body_id=body.pk, on__year=year).exclude(
            status__in=(AttendanceStatus.INVITED, AttendanceStatus.LEAVE_REQUESTED)
        ),
        "member_id",
        member_ids,
    ).values(
        "id",
        "member_id",
        "status",
        "on",
        "meeting_id",
        "meeting__kind",
        "meeting__title",
        "event_id",
        "event__title",
        "event__type__category",
    )
    meeting_url, event_url = _prefix("activities:meeting-detail"), _prefix("activities:event-detail")
    for r in rows:
        if r["meeting_id"]:
            title, url = r["meeting__title"], f"{meeting_url}{r['meeting_id']}/"
            level, attended_item = r["meeting__kind"], "activity.meeting"
            gathering = level
        else:
            title, url = r["event__title"], f"{event_url}{r['event_id']}/"
            category = r["event__type__category"]
            level = "" if category == EventCategory.TRAINING else category
            attended_item = "activity.training" if category == EventCategory.TRAINING else "activity.event"
            gathering = f"event.{category}"
        ref = f"attendance:{r['id']}"
        status = r["status"]
        if status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE):
            yield FileItem(r["member_id"], attended_item, level, r["on"], title, url, ref)
            if status == AttendanceStatus.LATE:
                yield FileItem(r["member_id"], "activity.late", gathering, r["on"], title, url, ref + ":late")
        elif status == AttendanceStatus.LEAVE:
            yield FileItem(r["member_id"], "activity.leave", gathering, r["on"], title, url, ref)
        elif status == AttendanceStatus.ABSENT:
            # An unexcused absence weighs by the meeting: a plenary's rule is the body's to set.
            absent_level = r["meeting__kind"] if r["meeting_id"] else ""
            yield FileItem(r["member_id"], "activity.absent", absent_level, r["on"], title, url, ref)


def _speech_items(body: Any, year: int, member_ids: Collection[int] | None) -> Iterable[FileItem]:
    from .models import Speech

    qs = _in(
        Speech.objects.filter(body_id=body.pk, status__in=SPEECH_COUNTED, delivered_on__year=year),
        "member_id",
        member_ids,
    )
    for s in qs.values("id", "member_id", "kind", "title", "delivered_on"):
        yield FileItem(
            s["member_id"],
            "activity.speech",
            s["kind"],
            s["delivered_on"],
            s["title"],
            reverse("activities:speech-detail", args=[s["id"]]),
            f"speech:{s['id']}",
        )


def _station_items(body: Any, year: int, member_ids: Collection[int] | None) -> Iterable[FileItem]:
    through = StationReception.members.through
    qs = _in(
        through.objects.filter(stationreception__station__body_id=body.pk, stationreception__on__year=year),
        "member_id",
        member_ids,
    )
    for r in qs.values(
        "member_id",
        "stationreception_id",
        "stationreception__on",
        "stationreception__residents_count",
        "stationreception__station_id",
        "stationreception__station__name",
    ):
        yield FileItem(
            r["member_id"],
            "activity.station",
            "",
            r["stationreception__on"],
            f"{r['stationreception__station__name']}接待群众{r['stationreception__residents_count']}人次",
            reverse("activities:station-detail", args=[r["stationreception__station_id"]]),
            f"reception:{r['stationreception_id']}:{r['member_id']}",
        )


def _culture_items(body: Any, year: int, member_ids: Collection[int] | None) -> Iterable[FileItem]:
    through = Manuscript.contributors.through
    qs = _in(
        through.objects.filter(manuscript__body_id=body.pk, manuscript__received_on__year=year).exclude(
            manuscript__stage=ManuscriptStage.RETURNED
        ),
        "member_id",
        member_ids,
    )
    url = reverse("activities:culture")
    for r in qs.values("member_id", "manuscript_id", "manuscript__title", "manuscript__received_on"):
        yield FileItem(
            r["member_id"],
            "activity.culture",
            "",
            r["manuscript__received_on"],
            f"《{r['manuscript__title']}》",
            f"{url}#manuscript-{r['manuscript_id']}",
            f"manuscript:{r['manuscript_id']}:{r['member_id']}",
        )


def _duty_items(body: Any, year: int, member_ids: Collection[int] | None) -> Iterable[FileItem]:
    from django.utils import timezone

    qs = _in(DutyPost.objects.filter(thread__body_id=body.pk, created_at__year=year), "member_id", member_ids)
    for p in qs.values("id", "member_id", "thread_id", "thread__topic", "created_at"):
        yield FileItem(
            p["member_id"],
            "activity.duty_post",
            "",
            timezone.localtime(p["created_at"]).date(),
            f"就“{p['thread__topic']}”网络议政",
            reverse("activities:thread-detail", args=[p["thread_id"]]) + f"#post-{p['id']}",
            f"duty_post:{p['id']}",
        )


def activity_file_items(body: Any, year: int, member_ids: Collection[int] | None) -> Iterable[FileItem]:
    yield from _attendance_items(body, year, member_ids)
    yield from _speech_items(body, year, member_ids)
    yield from _station_items(body, year, member_ids)
    yield from _culture_items(body, year, member_ids)
    yield from _duty_items(body, year, member_ids)


register(
    Source(
        key="activity", label="会议与履职活动", items=ITEMS, fetch=activity_file_items, group="会议与履职活动"
    )
)
