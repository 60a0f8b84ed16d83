"""Writes of the organisation records. Each runs in a transaction and validates first."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model

from lvzhi.core.permissions import can

from .models import (
    CONGRESS_ROLES,
    CPPCC_ROLES,
    Body,
    BodyKind,
    Delegation,
    HandlingUnit,
    Member,
    Membership,
    Sector,
    Term,
)

PERMISSION_DENIED = "您无权执行此操作。"
ROLE_KIND_MISMATCH = "“%(role)s”不是%(kind)s的身份。"
SECTOR_ONLY_CPPCC = "只有政协委员才有界别。"
DELEGATION_ONLY_CONGRESS = "只有人大代表才属于代表团。"


def _require(actor: Any, perm: str, obj: Any = None) -> None:
    if not can(actor, perm, obj):
        raise PermissionDenied(PERMISSION_DENIED)


def _apply(instance: Model, data: dict[str, Any]) -> None:
    for field, value in data.items():
        setattr(instance, field, value)


@transaction.atomic
def body_create(*, actor: Any, data: dict[str, Any]) -> Body:
    _require(actor, "orgs.add_body")
    body = Body(**data)
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def body_update(*, actor: Any, body: Body, data: dict[str, Any]) -> Body:
    _require(actor, "orgs.change_body", body)
    if not can(actor, "orgs.add_body"):
        # Office staff may rename their body, not move it in the hierarchy.
        data = {k: v for k, v in data.items() if k not in {"parent", "parent_id", "kind", "level"}}
    _apply(body, data)
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def structure_save(*, actor: Any, instance: Model) -> Model:
    """Create or change a term, session, sector, delegation or committee of a body."""
    _require(actor, "orgs.manage_structure", instance)
    instance.full_clean()
    if isinstance(instance, Term) and instance.is_current:
        for previous in Term.objects.filter(body_id=instance.body_id, is_current=True).exclude(
            pk=instance.pk
        ):
            previous.is_current = False
            previous.save(update_fields=["is_current", "updated_at"])
    instance.save()
    return instance


@transaction.atomic
def unit_save(*, actor: Any, unit: HandlingUnit) -> HandlingUnit:
    _require(actor, "orgs.change_handlingunit", unit)
    unit.full_clean()
    unit.save()
    return unit


def membership_validate(membership: Membership) -> None:
    body = membership.body
    allowed = CPPCC_ROLES if body.kind == BodyKind.CPPCC else CONGRESS_ROLES
    errors: dict[str, str] = {}
    if membership.role not in allowed:
        errors["role"] = ROLE_KIND_MISMATCH % {
            "role": membership.get_role_display(),
            "kind": body.get_kind_display(),
        }
    if membership.sector_id and body.kind != BodyKind.CPPCC:
        errors["sector"] = SECTOR_ONLY_CPPCC
    if membership.delegation_id and body.kind != BodyKind.CONGRESS:
        errors["delegation"] = DELEGATION_ONLY_CONGRESS
    # Ids may come from a client: one that names no row of this body is refused by field.
    if membership.term_id and not Term.objects.filter(pk=membership.term_id, body=body).exists():
        errors["term"] = "届次不存在或不属于该机构。"
    if membership.sector_id and not Sector.objects.filter(pk=membership.sector_id, body=body).exists():
        errors.setdefault("sector", "界别不存在或不属于该机构。")
    if (
        membership.delegation_id
        and not Delegation.objects.filter(pk=membership.delegation_id, body=body).exists()
    ):
        errors.setdefault("delegation", "代表团不存在或不属于该机构。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def member_save(
    *,
    actor: Any,
    member: Member,
    membership: Membership | None = None,
    committee_ids: list[int] | None = None,
) -> Member:
    """Create or change a member and, optionally, their membership in the actor's body."""
    target = membership.body if membership is not None else None
    if member.pk:
        _require(actor, "orgs.change_member", member)
    else:
        _require(actor, "orgs.change_member", target)
    member.full_clean()
    member.save()
    if membership is not None:
        membership.member = member
        membership_validate(membership)
        membership.full_clean(exclude=["member"])
        membership.save()
        if committee_ids is not None:
            membership.committees.set(membership.body.committees.filter(pk__in=committee_ids))
    return member


@transaction.atomic
def member_deactivate(*, actor: Any, membership: Membership, note: str = "") -> Membership:
    """Members leave; they are never deleted, their record stays in the performance file."""
    _require(actor, "orgs.change_member", membership.body)
    membership.is_active = False
    membership.save()
    return membership
