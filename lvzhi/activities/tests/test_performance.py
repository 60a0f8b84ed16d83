"""The performance file reads meetings and activities: attendance (late, leave, absence), speeches,
research and inspection, station duty, training, 文史 and online duty, each item linked to its record."""

from __future__ import annotations

import datetime

import pytest

from lvzhi.activities.models import (
    Attendance,
    AttendanceStatus,
    DutyPost,
    EventCategory,
    Manuscript,
    ManuscriptStage,
    Speech,
    StationReception,
)
from lvzhi.activities.selectors import SPEECH_COUNTED
from lvzhi.members import selectors as member_selectors
from lvzhi.members import sources

pytestmark = pytest.mark.django_db


def _year() -> int:
    return datetime.date.today().year - 1  # noqa: DTZ011  # the demo's finished year


def _items(user, **kw):
    return [
        it
        for it in sources.file_items(body=user.body, year=_year(), member_ids=[user.member_id])
        if it.item.startswith("activity.") and all(getattr(it, k) == v for k, v in kw.items())
    ]


def test_every_attendance_of_the_year_is_in_the_file_by_what_happened(user_named):
    # given the demo member's attendance records of the finished year
    member = user_named("demo-member")
    rows = Attendance.objects.filter(body=member.body, member_id=member.member_id, on__year=_year())
    assert rows.exists(), "the demo year has attendance"
    # when the file is read
    items = _items(member)
    # then each attended meeting, event and training counts once, with a link to the gathering
    attended = rows.filter(status__in=(AttendanceStatus.PRESENT, AttendanceStatus.LATE))
    counted = [i for i in items if i.item in {"activity.meeting", "activity.event", "activity.training"}]
    assert len(counted) == attended.count()
    training = attended.filter(event__type__category=EventCategory.TRAINING).count()
    assert len([i for i in counted if i.item == "activity.training"]) == training
    for it in counted:
        assert it.url.startswith(("/activities/meetings/", "/activities/events/"))
    # and late, leave and absence are listed on their own lines
    for status, item in (
        (AttendanceStatus.LATE, "activity.late"),
        (AttendanceStatus.LEAVE, "activity.leave"),
        (AttendanceStatus.ABSENT, "activity.absent"),
    ):
        assert len([i for i in items if i.item == item]) == rows.filter(status=status).count()


def test_an_unexcused_absence_from_the_plenary_is_deducted(user_named):
    # given a plenary attendance of the demo member turned into an absence
    member = user_named("demo-member")
    row = (
        Attendance.objects.filter(
            body=member.body, member_id=member.member_id, on__year=_year(), meeting__kind="plenary"
        )
        .order_by("on")
        .first()
    )
    if row is None:
        pytest.skip("the demo member has no plenary attendance")
    Attendance.objects.filter(pk=row.pk).update(status=AttendanceStatus.ABSENT)
    # when the file is scored
    file = member_selectors.member_file_for_actor(
        actor=member, body=member.body, member_id=member.member_id, year=_year()
    )
    # then the absence costs the plenary's deduction and explains itself
    line = next(ln for ln in file.score.lines if ln.item.ref == f"attendance:{row.pk}")
    assert line.item.item == "activity.absent" and line.item.level == "plenary"
    assert line.points < 0 and "扣" in line.rule


def test_speeches_stations_culture_and_duty_posts_are_in_the_file(user_named):
    member = user_named("demo-member")
    body, mid, year = member.body, member.member_id, _year()
    speeches = Speech.objects.filter(
        body=body, member_id=mid, status__in=SPEECH_COUNTED, delivered_on__year=year
    )
    receptions = StationReception.objects.filter(station__body=body, members=mid, on__year=year)
    manuscripts = Manuscript.objects.filter(body=body, contributors=mid, received_on__year=year).exclude(
        stage=ManuscriptStage.RETURNED
    )
    posts = DutyPost.objects.filter(thread__body=body, member_id=mid, created_at__year=year)
    assert len(_items(member, item="activity.speech")) == speeches.count()
    assert len(_items(member, item="activity.station")) == receptions.count()
    assert len(_items(member, item="activity.culture")) == manuscripts.count()
    assert len(_items(member, item="activity.duty_post")) == posts.count()
    total = speeches.count() + receptions.count() + manuscripts.count() + posts.count()
    assert total, "the demo member has speeches, duty, 文史 or posts in the finished year"


def test_the_file_reads_every_registered_source_of_meetings_activities_and_oversight():
    keys = {s.key for s in sources.all_sources()}
    assert {"case", "opinion", "activity", "oversight", "manual", "appeal"} <= keys
