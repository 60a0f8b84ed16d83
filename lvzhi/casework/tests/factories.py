"""Test helpers: users the demo does not have, and cases in a given state through the services."""

from __future__ import annotations

from typing import Any

from lvzhi.accounts.models import Role, User
from lvzhi.casework import services
from lvzhi.casework.models import Case
from lvzhi.orgs.models import Body, HandlingUnit, Membership

LONG = (
    "建议加快推进相关工作，明确责任分工，加大资金投入，完善配套政策，形成工作合力，切实解决群众急难愁盼问题。"
)


def body(short: str = "示范市政协") -> Body:
    return Body.objects.get(short_name=short)


def unit_user(unit: HandlingUnit, username: str | None = None) -> User:
    username = username or f"unit-{unit.pk}"
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "role": Role.UNIT,
            "body": unit.body,
            "handling_unit": unit,
            "display_name": f"{unit.name}经办人",
        },
    )
    return user


def member_user(membership: Membership, username: str | None = None) -> User:
    username = username or f"member-{membership.member_id}"
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "role": Role.MEMBER,
            "body": membership.body,
            "member": membership.member,
            "display_name": membership.member.name,
        },
    )
    return user


def staff_user(b: Body, username: str) -> User:
    user, _ = User.objects.get_or_create(
        username=username, defaults={"role": Role.STAFF, "body": b, "display_name": "工作人员"}
    )
    return user


def other_members(b: Body, exclude_member_id: int | None, n: int) -> list[Membership]:
    return list(
        Membership.objects.filter(
            body=b, is_active=True, term__is_current=True, role__in=["member", "deputy"]
        )
        .exclude(member_id=exclude_member_id)
        .select_related("member", "body")
        .order_by("id")[:n]
    )


def units(b: Body, n: int = 2, first: str = "") -> list[HandlingUnit]:
    qs = HandlingUnit.objects.filter(body=b, is_active=True).order_by("id")
    out = list(qs.filter(name__endswith=first)[:1]) if first else []
    out += [u for u in qs[: n + 1] if u not in out]
    return out[:n]


def draft(
    actor: User, *, kind: str = "proposal", title: str = "关于加快城区停车设施建设的提案", **kw: Any
) -> Case:
    assert actor.body is not None
    return services.case_create(actor=actor, kind=kind, body=actor.body, title=title, content=LONG, **kw)


def move(case: Case, actor: User, name: str, **data: Any) -> Case:
    services.case_transition(case=case, name=name, actor=actor, data=data)
    return Case.objects.get(pk=case.pk)
