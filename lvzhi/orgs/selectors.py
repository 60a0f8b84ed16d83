"""Reads of the organisation records, always scoped to what the actor may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet

from lvzhi.core.exceptions import NotFound
from lvzhi.core.permissions import can, visible_body_ids

from .models import (
    Body,
    Delegation,
    HandlingUnit,
    Member,
    Membership,
    Party,
    Sector,
    Session,
    SpecialCommittee,
    Term,
)

NOT_FOUND_MESSAGE = "记录不存在或您无权查看。"
DIRECTORY_DENIED = "您无权查看委员/代表名录。"


def _scope(qs: QuerySet[Any], actor: Any, field: str = "body_id") -> QuerySet[Any]:
    ids = visible_body_ids(actor)
    if ids is None:
        return qs
    return qs.filter(**{f"{field}__in": ids})


def body_list_for_actor(*, actor: Any, kind: str = "", level: str = "", q: str = "") -> QuerySet[Body]:
    ids = visible_body_ids(actor)
    qs = Body.objects.select_related("parent")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    if kind:
        qs = qs.filter(kind=kind)
    if level:
        qs = qs.filter(level=level)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(region__icontains=q))
    return qs


def body_get_for_actor(*, actor: Any, pk: int) -> Body:
    body = body_list_for_actor(actor=actor).filter(pk=pk).first()
    if body is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    return body


def body_for_actor(*, actor: Any, body_id: int | None = None) -> Body | None:
    """The body a page works for: the one chosen (if the actor may see it), else the actor's
    own, else — for an administrator, who belongs to none — the first they may see."""
    if body_id:
        return body_get_for_actor(actor=actor, pk=body_id)
    if getattr(actor, "body_id", None):
        return actor.body  # type: ignore[no-any-return]  # a User
    return body_list_for_actor(actor=actor).first()


def body_children_for_actor(*, actor: Any, body: Body) -> QuerySet[Body]:
    """A higher body may list the bodies below it (for their aggregate figures only)."""
    return Body.objects.filter(parent=body).order_by("name")


def term_list_for_actor(*, actor: Any, body_id: int | None = None) -> QuerySet[Term]:
    qs = _scope(Term.objects.select_related("body"), actor)
    if body_id:
        qs = qs.filter(body_id=body_id)
    return qs


def term_get_for_actor(*, actor: Any, pk: int) -> Term:
    term = term_list_for_actor(actor=actor).filter(pk=pk).first()
    if term is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    return term


def term_current(*, body: Body) -> Term | None:
    return Term.objects.filter(body=body, is_current=True).first()


def session_list(*, term: Term) -> QuerySet[Session]:
    return Session.objects.filter(term=term)


def sector_list_for_actor(*, actor: Any, body_id: int | None = None) -> QuerySet[Sector]:
    qs = _scope(Sector.objects.all(), actor)
    return qs.filter(body_id=body_id) if body_id else qs


def delegation_list_for_actor(*, actor: Any, body_id: int | None = None) -> QuerySet[Delegation]:
    qs = _scope(Delegation.objects.all(), actor)
    return qs.filter(body_id=body_id) if body_id else qs


def committee_list_for_actor(*, actor: Any, body_id: int | None = None) -> QuerySet[SpecialCommittee]:
    qs = _scope(SpecialCommittee.objects.all(), actor)
    return qs.filter(body_id=body_id) if body_id else qs


def party_list() -> QuerySet[Party]:
    return Party.objects.all()


@dataclass(frozen=True)
class MemberFilters:
    q: str = ""
    body_id: int | None = None
    sector_id: int | None = None
    delegation_id: int | None = None
    party_id: int | None = None
    committee_id: int | None = None
    role: str = ""
    gender: str = ""
    active: bool | None = True

    @classmethod
    def from_params(cls, params: Any) -> MemberFilters:
        def as_int(name: str) -> int | None:
            raw = str(params.get(name) or "").strip()
            return int(raw) if raw.isdigit() else None

        active_raw = str(params.get("active") or "").strip()
        return cls(
            q=str(params.get("q") or "").strip()[:50],
            body_id=as_int("body"),
            sector_id=as_int("sector"),
            delegation_id=as_int("delegation"),
            party_id=as_int("party"),
            committee_id=as_int("committee"),
            role=str(params.get("role") or "").strip(),
            gender=str(params.get("gender") or "").strip(),
            active={"": True, "1": True, "0": False, "all": None}.get(active_raw, True),
        )


def membership_list_for_actor(*, actor: Any, filters: MemberFilters | None = None) -> QuerySet[Membership]:
    """The member directory: one row per membership in a body the actor may see.

    Refuses whoever may not read the directory (handling units, information officers), so the
    page, its export and the API share one scope.
    """
    if not can(actor, "orgs.view_member"):
        raise PermissionDenied(DIRECTORY_DENIED)
    f = filters or MemberFilters()
    qs = _scope(Membership.objects.all(), actor)
    if f.body_id:
        qs = qs.filter(body_id=f.body_id)
    if f.active is not None:
        qs = qs.filter(is_active=f.active)
    if f.q:
        qs = qs.filter(
            Q(member__name__icontains=f.q)
            | Q(member__workplace__icontains=f.q)
            | Q(member__post__icontains=f.q)
        )
    if f.sector_id:
        qs = qs.filter(sector_id=f.sector_id)
    if f.delegation_id:
        qs = qs.filter(delegation_id=f.delegation_id)
    if f.party_id:
        qs = qs.filter(member__party_id=f.party_id)
    if f.committee_id:
        qs = qs.filter(committees__id=f.committee_id)
    if f.role:
        qs = qs.filter(role=f.role)
    if f.gender:
        qs = qs.filter(member__gender=f.gender)
    return (
        qs.select_related("member", "member__party", "body", "term", "sector", "delegation")
        .prefetch_related(Prefetch("committees", queryset=SpecialCommittee.objects.only("id", "name")))
        .order_by("body_id", "member__name", "id")
    )


def member_get_for_actor(*, actor: Any, pk: int) -> Member:
    member = (
        Member.objects.select_related("party")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related(
                    "body", "term", "sector", "delegation"
                ).prefetch_related("committees"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if member is None or not can(actor, "orgs.view_member", member):
        raise NotFound(NOT_FOUND_MESSAGE)
    return member


@dataclass(frozen=True)
class UnitFilters:
    q: str = ""
    category: str = ""
    body_id: int | None = None
    active: bool | None = True

    @classmethod
    def from_params(cls, params: Any) -> UnitFilters:
        raw_body = str(params.get("body") or "")
        active_raw = str(params.get("active") or "").strip()
        return cls(
            q=str(params.get("q") or "").strip()[:50],
            category=str(params.get("category") or "").strip(),
            body_id=int(raw_body) if raw_body.isdigit() else None,
            active={"": True, "1": True, "0": False, "all": None}.get(active_raw, True),
        )


def unit_list_for_actor(*, actor: Any, filters: UnitFilters | None = None) -> QuerySet[HandlingUnit]:
    f = filters or UnitFilters()
    qs = _scope(HandlingUnit.objects.select_related("body"), actor)
    if getattr(actor, "role", "") == "unit" and actor.handling_unit_id:
        # A handling unit sees its own record only; other units' contacts are not its business.
        qs = qs.filter(pk=actor.handling_unit_id)
    if f.body_id:
        qs = qs.filter(body_id=f.body_id)
    if f.active is not None:
        qs = qs.filter(is_active=f.active)
    if f.q:
        qs = qs.filter(Q(name__icontains=f.q) | Q(short_name__icontains=f.q) | Q(superior__icontains=f.q))
    if f.category:
        qs = qs.filter(category=f.category)
    return qs.order_by("body_id", "category", "name")


def unit_get_for_actor(*, actor: Any, pk: int) -> HandlingUnit:
    unit = unit_list_for_actor(actor=actor, filters=UnitFilters(active=None)).filter(pk=pk).first()
    if unit is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    return unit


def directory_counts(*, actor: Any, body_id: int | None) -> dict[str, int]:
    """Live counts for the dashboard, in one query per table."""
    members = _scope(Membership.objects.filter(is_active=True), actor)
    units = _scope(HandlingUnit.objects.filter(is_active=True), actor)
    if body_id:
        members = members.filter(body_id=body_id)
        units = units.filter(body_id=body_id)
    by_role = dict(members.values_list("role").annotate(n=Count("id")).values_list("role", "n"))
    return {
        "members": sum(by_role.values()),
        "standing": sum(n for r, n in by_role.items() if r not in {"member", "deputy"}),
        "units": units.count(),
    }


def require(actor: Any, perm: str, obj: Any = None) -> None:
    if not can(actor, perm, obj):
        raise PermissionDenied("您无权执行此操作。")


def body_member_rows(*, body: Body) -> list[dict[str, Any]]:
    """The body's serving members, one row each (member, sector, delegation), for scoring and rankings
    (system reads: callers scope the body first)."""
    rows = (
        Membership.objects.filter(body_id=body.pk, is_active=True)
        .order_by("member_id", "id")
        .values(
            "member_id",
            "member__name",
            "sector_id",
            "sector__name",
            "delegation_id",
            "delegation__name",
            "role",
        )
    )
    seen: dict[int, dict[str, Any]] = {}
    for r in rows:
        seen.setdefault(r["member_id"], dict(r))
    return list(seen.values())
