from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from lvzhi.accounts.models import Role, User
from lvzhi.orgs.models import Body
from lvzhi.oversight import models as m
from lvzhi.oversight import selectors


@pytest.fixture
def congress(db: Any) -> Body:
    return Body.objects.get(short_name="示范市人大常委会")


@pytest.fixture
def staff(user_named: Any) -> User:
    return user_named("demo-deputy-staff")


@pytest.fixture
def sc_users(db: Any, congress: Body) -> list[User]:
    """Three 常委会组成人员 of the city congress with member accounts (the demo has none)."""
    roll = list(
        selectors.members_in_office(body=congress, on=timezone.localdate()).select_related("member")[:4]
    )
    users = []
    for i, ms in enumerate(roll):
        u = User.objects.create(
            username=f"sc-{i}", display_name=ms.member.name, role=Role.MEMBER, body=congress, member=ms.member
        )
        u.set_password("Lvzhi@2025")
        u.save()
        users.append(u)
    return users


@pytest.fixture
def poll(congress: Body) -> m.Poll:
    return m.Poll.objects.create(
        body=congress,
        title="对市教育局落实“双减”工作的满意度测评",
        subject="示范市教育局",
        held_on=timezone.localdate(),
    )
