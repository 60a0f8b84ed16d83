import datetime

import pytest
from django.db import IntegrityError, transaction

from lvzhi.activities.models import EventType, Meeting, MeetingKind, Station, StationKind
from lvzhi.orgs.models import Body, Member

pytestmark = pytest.mark.django_db


def test_standing_committee_meetings_are_numbered_once_within_a_term():
    body = Body.objects.get(short_name="示范市政协")
    term = body.terms.get(is_current=True)
    Meeting.objects.create(
        body=body,
        kind=MeetingKind.STANDING,
        term=term,
        number=99,
        title="第99次常委会会议",
        held_on=datetime.date(2025, 3, 1),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            body=body,
            kind=MeetingKind.STANDING,
            term=term,
            number=99,
            title="重复",
            held_on=datetime.date(2025, 4, 1),
        )


def test_station_keeps_its_members_and_builtin_types_exist():
    body = Body.objects.get(short_name="示范市人大常委会")
    station = Station.objects.create(
        body=body, kind=StationKind.LIAISON, name="测试代表联络站", address="解放路1号"
    )
    members = list(Member.objects.filter(memberships__body=body)[:3])
    station.members.set(members)
    assert set(station.members.all()) == set(members)
    assert EventType.objects.filter(body=None, category="consultation").count() >= 8
