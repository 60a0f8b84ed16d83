"""The figures meetings and activities feed into the registry, each with its counting rule.

Counting rules (what one unit is):
- consultation.events: one held event of the 协商 category (专题议政性常委会议, 专题协商会, 对口/界别/
  提案办理/立法协商, 网络议政, 基层协商议事 and a body's own brands such as 请你来协商), dated in the
  year; an event over several days counts once; planned and cancelled events do not count.
- research.events / inspection.events / supervision.events: likewise, held events of the 调研, 视察
  and 民主监督 categories (专项监督, 监督性视察, 民主评议). A 监督性视察 is supervision, not inspection.
- research.reports: one 调研报告 outcome sent in the year. A research event and its report are two
  figures: the event counts under research.events when held, the report here when sent; a
  report without an event (a committee's own study) counts here only.
- meeting.*: one meeting of that kind dated in the year up to today (a registered future meeting
  is not yet held). The plenary counts once however many days it sits.
- speech.plenary: one 大会发言 delivered orally or published in writing in the year (submitted or
  set-aside speeches do not count).
- member.stations: a station that ran in the year (established by 31 December, not closed before
  1 January, not retired without a date).
- member.activities: 人次 — one member present or late at one meeting or event of the body in the
  year (leave and absence do not count).
- member.training: 人次 — one member present or late at one training event.
instruction.leader is counted by the opinions app over every output on the engine (社情民意,
key proposals, outcomes' follow-through cases): one instruction one count.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lvzhi.reports import figures

from . import selectors
from .models import ATTENDED, Attendance, EventCategory, Outcome, OutcomeKind, Speech, SpeechKind


def _compute(key: str) -> Any:
    def compute(body: Any, year: int) -> int:
        return selectors.activity_figure(body=body, year=year, key=key)

    compute.__name__ = f"compute_{key.replace('.', '_')}"
    return compute


KEYS = (
    "consultation.events",
    "research.events",
    "inspection.events",
    "supervision.events",
    "research.reports",
    "meeting.plenary",
    "meeting.standing_committee",
    "meeting.chair",
    "meeting.director",
    "meeting.party_group",
    "speech.plenary",
    "member.stations",
    "member.activities",
    "member.training",
)

for _key in KEYS:
    figures.computes(_key)(_compute(_key))


def _events(category: str) -> Any:
    def records(body: Any, year: int) -> QuerySet[Any]:
        return selectors.events_in_year(body=body, year=year, category=category).order_by("held_on", "id")

    return records


def _meetings(kind: str) -> Any:
    def records(body: Any, year: int) -> QuerySet[Any]:
        return selectors.meetings_in_year(body=body, year=year, kind=kind).order_by("held_on", "id")

    return records


for _key, _category in (
    ("consultation.events", EventCategory.CONSULTATION),
    ("research.events", EventCategory.RESEARCH),
    ("inspection.events", EventCategory.INSPECTION),
    ("supervision.events", EventCategory.SUPERVISION),
):
    figures.records_for(_key)(_events(_category))

for _key, _kind in (
    ("meeting.plenary", "plenary"),
    ("meeting.standing_committee", "standing"),
    ("meeting.chair", "chair"),
    ("meeting.director", "director"),
    ("meeting.party_group", "party_group"),
):
    figures.records_for(_key)(_meetings(_kind))


@figures.records_for("research.reports")
def _research_reports(body: Any, year: int) -> QuerySet[Any]:
    return Outcome.objects.filter(body=body, kind=OutcomeKind.RESEARCH_REPORT, sent_on__year=year).order_by(
        "sent_on"
    )


@figures.records_for("speech.plenary")
def _plenary_speeches(body: Any, year: int) -> QuerySet[Any]:
    return (
        Speech.objects.filter(
            body=body, kind=SpeechKind.PLENARY, status__in=selectors.SPEECH_COUNTED, delivered_on__year=year
        )
        .select_related("member")
        .order_by("delivered_on", "id")
    )


@figures.records_for("member.stations")
def _stations(body: Any, year: int) -> QuerySet[Any]:
    return selectors.stations_operating(body=body, year=year).order_by("kind", "name")


def _attendance(training: bool) -> Any:
    def records(body: Any, year: int) -> QuerySet[Any]:
        qs = Attendance.objects.filter(body=body, on__year=year, status__in=ATTENDED)
        if training:
            qs = qs.filter(event__type__category=EventCategory.TRAINING)
        return qs.select_related("member", "meeting", "event").order_by("on", "id")

    return records


figures.records_for("member.activities")(_attendance(False))
figures.records_for("member.training")(_attendance(True))
