from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from lvzhi.accounts.models import Role, User
from lvzhi.activities import services
from lvzhi.activities.models import EventType
from lvzhi.orgs.models import Membership


@pytest.fixture
def staff(user_named: Any) -> User:
    return user_named("demo-staff")


@pytest.fixture
def member_user(user_named: Any) -> User:
    return user_named("demo-member")


@pytest.fixture
def other_member_user(db: Any, member_user: User) -> User:
    """A second 委员 of the same body with an account."""
    ms = (
        Membership.objects.filter(body=member_user.body, role="member", is_active=True)
        .exclude(member=member_user.member)
        .select_related("member")
        .first()
    )
    assert ms is not None
    return User.objects.create(
        username="other-member",
        role=Role.MEMBER,
        body=member_user.body,
        member=ms.member,
        display_name=ms.member.name,
    )


@pytest.fixture
def make_event(staff: User, member_user: User) -> Any:
    """An event tomorrow at the demo CPPCC with demo-member invited."""

    def make(
        *, code: str = "topic_consult", invite: bool = True, on: datetime.date | None = None, **data: Any
    ) -> Any:
        event_type = EventType.objects.get(body=None, code=code)
        payload = {
            "title": data.pop("title", "测试专题协商会"),
            "held_on": on or timezone.localdate() + datetime.timedelta(days=1),
        }
        payload.update(data)
        return services.event_create(
            actor=staff,
            body=staff.body,
            event_type=event_type,
            data=payload,
            invitee_ids=[member_user.member_id] if invite else [],
        )

    return make
