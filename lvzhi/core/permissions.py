"""Who may see and change what: the one place the rules live, for views and API alike.

A user sees only their own body's records (an administrator sees all). A higher body
sees its children's aggregate figures, never their records. Selectors apply
``visible_body_ids``; object checks go through the ``rules`` permissions below.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Model

from lvzhi.accounts.models import Role


@rules.predicate
def is_admin(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN))


@rules.predicate
def is_office_staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.STAFF)


@rules.predicate
def is_leader(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.LEADER)


@rules.predicate
def is_member(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.MEMBER)


@rules.predicate
def is_seated_member(user: Any) -> bool:
    """A 委员/代表 with a seat: an information officer has the member role but no seat."""
    return bool(user.is_authenticated and user.role == Role.MEMBER and user.member_id is not None)


@rules.predicate
def is_unit_user(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.UNIT)


def body_id_of(obj: Any) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Model) and obj._meta.label_lower == "orgs.body":
        return int(obj.pk)
    value = getattr(obj, "body_id", None)
    return int(value) if value is not None else None


@rules.predicate
def in_same_body(user: Any, obj: Any) -> bool:
    if obj is None:
        return True
    if not user.is_authenticated or user.body_id is None:
        return False
    if isinstance(obj, Model) and obj._meta.label_lower == "orgs.member":
        return bool(obj.memberships.filter(body_id=user.body_id).exists())  # type: ignore[attr-defined]  # a Member
    return body_id_of(obj) == user.body_id


@rules.predicate
def is_self_member(user: Any, obj: Any) -> bool:
    return obj is not None and user.is_authenticated and getattr(user, "member_id", None) == obj.pk


is_body_staff = is_office_staff & in_same_body
# The member directory: the body's staff, leaders and seated members; not handling units,
# not information officers. Pages and API read it through membership_list_for_actor alone.
can_see_directory = is_admin | ((is_office_staff | is_leader | is_seated_member) & in_same_body)

rules.add_perm("orgs.view_body", is_admin | in_same_body)
rules.add_perm("orgs.change_body", is_admin | is_body_staff)
rules.add_perm("orgs.add_body", is_admin)
rules.add_perm("orgs.view_member", can_see_directory | is_self_member)
rules.add_perm(
    "orgs.view_member_contact", is_admin | is_body_staff | is_leader & in_same_body | is_self_member
)
rules.add_perm("orgs.change_member", is_admin | is_body_staff)
rules.add_perm("orgs.view_handlingunit", is_admin | in_same_body)
rules.add_perm("orgs.change_handlingunit", is_admin | is_body_staff)
rules.add_perm("orgs.manage_structure", is_admin | is_body_staff)
rules.add_perm("core.view_auditentry", is_admin | is_office_staff)
rules.add_perm("orgs.import", is_admin | is_office_staff)


def visible_body_ids(user: Any) -> list[int] | None:
    """Body ids whose records the user may read; None means every body (administrators)."""
    if not user.is_authenticated:
        return []
    if is_admin(user):
        return None
    return [user.body_id] if user.body_id else []


def can(user: Any, perm: str, obj: Any = None) -> bool:
    return bool(user.has_perm(perm, obj))
