"""Each figure this app registers counts what its rule says, and lists the records behind it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from lvzhi.activities import services
from lvzhi.activities.models import (
    Attendance,
    AttendanceStatus,
    EventType,
    Meeting,
    MeetingKind,
    SpeechKind,
    SpeechStatus,
    Station,
)
from lvzhi.reports import figures

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _value(key, body):
    return figures.figures_for(body=body, year=TODAY.year)[key]


def _records(key, body):
    return list(figures.figure_records(key=key, body=body, year=TODAY.year))


def _held(staff, code, title, invite=()):
    event = services.event_create(
        actor=staff,
        body=staff.body,
        event_type=EventType.objects.get(body=None, code=code),
        data={"title": title, "held_on": TODAY},
        invitee_ids=list(invite),
    )
    return services.event_mark_held(actor=staff, event=event)


@pytest.mark.parametrize(
    ("key", "code", "counted"),
    [
        ("consultation.events", "counterpart", True),
        ("consultation.events", "grassroots", True),  # 微协商 at a station is a consultation too
        ("research.events", "research", True),
        ("inspection.events", "inspection", True),
        ("inspection.events", "supervisory_inspection", False),  # 监督性视察 is supervision
        ("supervision.events", "supervisory_inspection", True),
        ("supervision.events", "special_supervision", True),
    ],
)
def test_held_events_count_under_their_category(staff, key, code, counted):
    before = _value(key, staff.body)
    event = _held(staff, code, f"计数测试 {code}")
    assert _value(key, staff.body) == before + (1 if counted else 0)
    assert (event in _records(key, staff.body)) is counted


def test_planned_and_cancelled_events_do_not_count(staff):
    before = _value("consultation.events", staff.body)
    et = EventType.objects.get(body=None, code="topic_consult")
    planned = services.event_create(
        actor=staff, body=staff.body, event_type=et, data={"title": "筹备中", "held_on": TODAY}
    )
    cancelled = services.event_create(
        actor=staff, body=staff.body, event_type=et, data={"title": "取消", "held_on": TODAY}
    )
    services.event_cancel(actor=staff, event=cancelled)
    assert _value("consultation.events", staff.body) == before
    assert planned not in _records("consultation.events", staff.body)


def test_a_body_brand_counts_under_its_category(staff):
    brand = services.event_type_create(
        actor=staff, body=staff.body, name="有事好商量", category="consultation"
    )
    before = _value("consultation.events", staff.body)
    services.event_mark_held(
        actor=staff,
        event=services.event_create(
            actor=staff,
            body=staff.body,
            event_type=brand,
            data={"title": "有事好商量：停车", "held_on": TODAY},
        ),
    )
    assert _value("consultation.events", staff.body) == before + 1


def test_research_reports_count_sent_reports_not_the_event(staff):
    before_reports, before_events = (
        _value("research.reports", staff.body),
        _value("research.events", staff.body),
    )
    event = _held(staff, "research", "关于预制菜产业的专题调研")
    outcome = services.outcome_create(
        actor=staff, body=staff.body, event=event, title="关于预制菜产业的调研报告", content="正文"
    )
    assert _value("research.reports", staff.body) == before_reports  # a draft is not yet a report
    services.outcome_recipient_add(actor=staff, outcome=outcome, name="市委")
    services.outcome_send(actor=staff, outcome=outcome)
    assert _value("research.reports", staff.body) == before_reports + 1
    assert _value("research.events", staff.body) == before_events + 1
    assert outcome in _records("research.reports", staff.body)


@pytest.mark.parametrize(
    ("key", "kind", "body_user"),
    [
        ("meeting.plenary", MeetingKind.PLENARY, "demo-staff"),
        ("meeting.standing_committee", MeetingKind.STANDING, "demo-staff"),
        ("meeting.chair", MeetingKind.CHAIR, "demo-staff"),
        ("meeting.director", MeetingKind.DIRECTOR, "demo-deputy-staff"),
        ("meeting.party_group", MeetingKind.PARTY_GROUP, "demo-staff"),
    ],
)
def test_meetings_count_by_kind_up_to_today(user_named, key, kind, body_user):
    staff = user_named(body_user)
    before = _value(key, staff.body)
    held = services.meeting_create(
        actor=staff,
        body=staff.body,
        kind=kind,
        held_on=TODAY,
        number=None if kind != MeetingKind.PLENARY else 90,
    )
    if TODAY.month < 12 or TODAY.day < 31:
        future = TODAY + datetime.timedelta(days=1)
        if future.year == TODAY.year:
            services.meeting_create(
                actor=staff,
                body=staff.body,
                kind=kind,
                held_on=future,
                number=None if kind != MeetingKind.PLENARY else 91,
            )
    assert _value(key, staff.body) == before + 1
    assert held in _records(key, staff.body)
    assert Meeting.objects.filter(pk=held.pk).exists()


def test_plenary_speeches_count_delivered_or_published_only(staff, member_user):
    body = staff.body
    before = _value("speech.plenary", body)
    speeches = [
        services.speech_submit(
            actor=member_user, body=body, kind=SpeechKind.PLENARY, title=f"发言{i}", content="正文"
        )
        for i in range(4)
    ]
    services.speech_submit(
        actor=member_user, body=body, kind=SpeechKind.MEETING, title="会议发言", content="正文"
    )
    for s in speeches[:3]:
        services.speech_decide(actor=staff, speech=s, status=SpeechStatus.SELECTED)
    services.speech_decide(actor=staff, speech=speeches[0], status=SpeechStatus.DELIVERED, on=TODAY)
    services.speech_decide(actor=staff, speech=speeches[1], status=SpeechStatus.PUBLISHED, on=TODAY)
    services.speech_decide(actor=staff, speech=speeches[3], status=SpeechStatus.NOT_SELECTED)
    assert _value("speech.plenary", body) == before + 2
    assert speeches[2] not in _records("speech.plenary", body)


def test_stations_count_those_running_in_the_year(staff):
    body = staff.body
    before = _value("member.stations", body)
    services.station_save(
        actor=staff, body=body, data={"kind": "studio", "name": "测试委员工作室", "established_on": TODAY}
    )
    services.station_save(
        actor=staff,
        body=body,
        data={
            "kind": "studio",
            "name": "明年的工作室",
            "established_on": datetime.date(TODAY.year + 1, 1, 2),
        },
    )
    services.station_save(
        actor=staff,
        body=body,
        data={
            "kind": "studio",
            "name": "去年撤销的工作室",
            "established_on": datetime.date(2020, 1, 1),
            "closed_on": datetime.date(TODAY.year - 1, 6, 1),
            "is_active": False,
        },
    )
    services.station_save(
        actor=staff, body=body, data={"kind": "studio", "name": "停用的工作室", "is_active": False}
    )
    assert _value("member.stations", body) == before + 1
    assert Station.objects.get(name="测试委员工作室") in _records("member.stations", body)


def test_member_activities_and_training_count_attendance_present_or_late(staff, user_named):
    body = staff.body
    before_act, before_train = _value("member.activities", body), _value("member.training", body)
    ids = list(body.memberships.values_list("member_id", flat=True)[:4])
    training = _held(staff, "training", "新任委员履职能力培训（测试）", invite=ids)
    rows = list(Attendance.objects.filter(event=training).order_by("member_id"))
    for row, status in zip(rows, ["present", "late", "leave", "absent"], strict=True):
        services.attendance_mark(actor=staff, attendance=row, status=status)
    assert _value("member.activities", body) == before_act + 2
    assert _value("member.training", body) == before_train + 2
    recs = _records("member.training", body)
    assert {r.status for r in recs if r.event_id == training.pk} == {
        AttendanceStatus.PRESENT,
        AttendanceStatus.LATE,
    }
