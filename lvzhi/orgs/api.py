from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from lvzhi.api.pagination import Page, paginate

from . import selectors, services
from .models import Body, HandlingUnit, Member, Membership, Term

router = Router(tags=["组织机构"])

Kind = Literal["cppcc", "congress"]
Level = Literal["national", "provincial", "city", "county"]


class BodyOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    level: str
    parent_id: int | None
    region: str


class BodyIn(Schema):
    name: str = Field(min_length=2, max_length=100)
    short_name: str = Field("", max_length=50)
    kind: Kind
    level: Level
    parent_id: int | None = None
    region: str = Field(min_length=1, max_length=100)


class BodyPatch(Schema):
    name: str | None = Field(None, min_length=2, max_length=100)
    short_name: str | None = Field(None, max_length=50)
    region: str | None = Field(None, min_length=1, max_length=100)


class BodyFilters(Schema):
    kind: Kind | None = None
    level: Level | None = None
    q: str = Field("", max_length=50)
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200)


def _body_out(b: Body) -> dict[str, Any]:
    return {
        "id": b.pk,
        "name": b.name,
        "short_name": b.short_name,
        "kind": b.kind,
        "level": b.level,
        "parent_id": b.parent_id,
        "region": b.region,
    }


@router.get("/bodies", response=Page[BodyOut])
def body_list(request: HttpRequest, filters: Query[BodyFilters]) -> dict[str, Any]:
    """调用者可见的机构。"""
    qs = selectors.body_list_for_actor(
        actor=request.user, kind=filters.kind or "", level=filters.level or "", q=filters.q
    )
    return paginate(qs, page=filters.page, page_size=filters.page_size, to_out=_body_out)


@router.get("/bodies/{body_id}", response=BodyOut)
def body_detail(request: HttpRequest, body_id: int) -> dict[str, Any]:
    return _body_out(selectors.body_get_for_actor(actor=request.user, pk=body_id))


@router.post("/bodies", response={201: BodyOut})
def body_create(request: HttpRequest, payload: BodyIn) -> Status[Any]:
    body = services.body_create(actor=request.user, data=payload.dict())
    return Status(201, _body_out(body))


@router.patch("/bodies/{body_id}", response=BodyOut)
def body_update(request: HttpRequest, body_id: int, payload: BodyPatch) -> dict[str, Any]:
    body = selectors.body_get_for_actor(actor=request.user, pk=body_id)
    data = {k: v for k, v in payload.dict().items() if v is not None}
    return _body_out(services.body_update(actor=request.user, body=body, data=data))


class TermOut(Schema):
    id: int
    body_id: int
    number: int
    name: str
    start_year: int
    end_year: int
    is_current: bool


class TermIn(Schema):
    body_id: int
    number: int = Field(ge=1, le=99)
    name: str = Field(min_length=1, max_length=50)
    start_year: int = Field(ge=1949, le=2100)
    end_year: int = Field(ge=1949, le=2100)
    is_current: bool = False


class TermPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=50)
    start_year: int | None = Field(None, ge=1949, le=2100)
    end_year: int | None = Field(None, ge=1949, le=2100)
    is_current: bool | None = None


def _term_out(t: Term) -> dict[str, Any]:
    return {
        "id": t.pk,
        "body_id": t.body_id,
        "number": t.number,
        "name": t.name,
        "start_year": t.start_year,
        "end_year": t.end_year,
        "is_current": t.is_current,
    }


@router.get("/terms", response=Page[TermOut])
def term_list(
    request: HttpRequest, body_id: int | None = None, page: int = 1, page_size: int = 50
) -> dict[str, Any]:
    qs = selectors.term_list_for_actor(actor=request.user, body_id=body_id)
    return paginate(qs, page=page, page_size=page_size, to_out=_term_out)


@router.get("/terms/{term_id}", response=TermOut)
def term_detail(request: HttpRequest, term_id: int) -> dict[str, Any]:
    return _term_out(selectors.term_get_for_actor(actor=request.user, pk=term_id))


@router.post("/terms", response={201: TermOut})
def term_create(request: HttpRequest, payload: TermIn) -> Status[Any]:
    body = selectors.body_get_for_actor(actor=request.user, pk=payload.body_id)
    term = Term(body=body, **payload.dict(exclude={"body_id"}))
    services.structure_save(actor=request.user, instance=term)
    return Status(201, _term_out(term))


@router.patch("/terms/{term_id}", response=TermOut)
def term_update(request: HttpRequest, term_id: int, payload: TermPatch) -> dict[str, Any]:
    term = selectors.term_get_for_actor(actor=request.user, pk=term_id)
    for k, v in payload.dict().items():
        if v is not None:
            setattr(term, k, v)
    services.structure_save(actor=request.user, instance=term)
    return _term_out(term)


class MembershipOut(Schema):
    body_id: int
    term_id: int
    role: str
    role_label: str
    sector: str | None
    delegation: str | None
    committees: list[str]
    is_active: bool


class MemberOut(Schema):
    id: int
    name: str
    gender: str
    ethnicity: str
    party: str | None
    workplace: str
    post: str
    phone: str | None
    memberships: list[MembershipOut]


class MemberFiltersIn(Schema):
    q: str = Field("", max_length=50)
    body: int | None = None
    sector: int | None = None
    delegation: int | None = None
    party: int | None = None
    committee: int | None = None
    role: str = ""
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=200)


def _membership_out(ms: Membership) -> dict[str, Any]:
    return {
        "body_id": ms.body_id,
        "term_id": ms.term_id,
        "role": ms.role,
        "role_label": ms.get_role_display(),
        "sector": ms.sector.name if ms.sector_id and ms.sector else None,
        "delegation": ms.delegation.name if ms.delegation_id and ms.delegation else None,
        "committees": [c.name for c in ms.committees.all()],
        "is_active": ms.is_active,
    }


def _member_out(request: HttpRequest, m: Member, memberships: list[Membership]) -> dict[str, Any]:
    from lvzhi.core.permissions import can

    show_contact = can(request.user, "orgs.view_member_contact", m)
    return {
        "id": m.pk,
        "name": m.name,
        "gender": m.gender,
        "ethnicity": m.ethnicity,
        "party": str(m.party) if m.party_id and m.party else None,
        "workplace": m.workplace,
        "post": m.post,
        "phone": m.phone if show_contact else None,
        "memberships": [_membership_out(x) for x in memberships],
    }


@router.get("/members", response=Page[MemberOut])
def member_list(request: HttpRequest, filters: Query[MemberFiltersIn]) -> dict[str, Any]:
    """委员/代表名录（每个任职一行），可按姓名、界别、代表团、党派、专委会筛选。"""
    mf = selectors.MemberFilters(
        q=filters.q,
        body_id=filters.body,
        sector_id=filters.sector,
        delegation_id=filters.delegation,
        party_id=filters.party,
        committee_id=filters.committee,
        role=filters.role,
    )
    qs = selectors.membership_list_for_actor(actor=request.user, filters=mf)
    return paginate(
        qs,
        page=filters.page,
        page_size=filters.page_size,
        to_out=lambda ms: _member_out(request, ms.member, [ms]),
    )


@router.get("/members/{member_id}", response=MemberOut)
def member_detail(request: HttpRequest, member_id: int) -> dict[str, Any]:
    m = selectors.member_get_for_actor(actor=request.user, pk=member_id)
    from lvzhi.core.permissions import visible_body_ids

    ids = visible_body_ids(request.user)
    mss = [x for x in m.memberships.all() if ids is None or x.body_id in ids]
    return _member_out(request, m, mss)


class MemberIn(Schema):
    name: str = Field(min_length=1, max_length=50)
    gender: Literal["m", "f"]
    ethnicity: str = Field("汉族", max_length=20)
    birth_year: int | None = Field(None, ge=1900, le=2010)
    party_id: int | None = None
    workplace: str = Field("", max_length=150)
    post: str = Field("", max_length=100)
    phone: str = Field("", max_length=30)
    body_id: int
    role: str
    sector_id: int | None = None
    delegation_id: int | None = None
    committee_ids: list[int] = []


class MemberPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=50)
    gender: Literal["m", "f"] | None = None
    ethnicity: str | None = Field(None, max_length=20)
    party_id: int | None = None
    workplace: str | None = Field(None, max_length=150)
    post: str | None = Field(None, max_length=100)
    phone: str | None = Field(None, max_length=30)


@router.post("/members", response={201: MemberOut})
def member_create(request: HttpRequest, payload: MemberIn) -> Status[Any]:
    body = selectors.body_get_for_actor(actor=request.user, pk=payload.body_id)
    term = selectors.term_current(body=body)
    if term is None:
        from lvzhi.core.exceptions import DomainError

        raise DomainError("该机构没有设置本届，请先设置届次。")
    data = payload.dict()
    member = Member(
        **{
            k: data[k]
            for k in ("name", "gender", "ethnicity", "birth_year", "party_id", "workplace", "post", "phone")
        }
    )
    ms = Membership(
        body=body,
        term=term,
        role=payload.role,
        sector_id=payload.sector_id,
        delegation_id=payload.delegation_id,
    )
    services.member_save(
        actor=request.user, member=member, membership=ms, committee_ids=payload.committee_ids
    )
    return Status(201, member_detail(request, member.pk))


@router.patch("/members/{member_id}", response=MemberOut)
def member_update(request: HttpRequest, member_id: int, payload: MemberPatch) -> dict[str, Any]:
    member = selectors.member_get_for_actor(actor=request.user, pk=member_id)
    for k, v in payload.dict().items():
        if v is not None:
            setattr(member, k, v)
    services.member_save(actor=request.user, member=member)
    return member_detail(request, member.pk)


class UnitOut(Schema):
    id: int
    body_id: int
    name: str
    short_name: str
    category: str
    superior: str
    contact_name: str
    contact_phone: str
    is_active: bool


class UnitIn(Schema):
    body_id: int
    name: str = Field(min_length=2, max_length=100)
    short_name: str = Field("", max_length=50)
    category: Literal[
        "government", "court", "procuratorate", "party_organ", "mass_org", "enterprise", "other"
    ]
    superior: str = Field("", max_length=100)
    contact_name: str = Field("", max_length=50)
    contact_phone: str = Field("", max_length=30)


class UnitPatch(Schema):
    name: str | None = Field(None, min_length=2, max_length=100)
    short_name: str | None = Field(None, max_length=50)
    superior: str | None = Field(None, max_length=100)
    contact_name: str | None = Field(None, max_length=50)
    contact_phone: str | None = Field(None, max_length=30)
    is_active: bool | None = None


class UnitFiltersIn(Schema):
    q: str = Field("", max_length=50)
    category: str = ""
    body: int | None = None
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200)


def _unit_out(u: HandlingUnit) -> dict[str, Any]:
    return {
        "id": u.pk,
        "body_id": u.body_id,
        "name": u.name,
        "short_name": u.short_name,
        "category": u.category,
        "superior": u.superior,
        "contact_name": u.contact_name,
        "contact_phone": u.contact_phone,
        "is_active": u.is_active,
    }


@router.get("/units", response=Page[UnitOut])
def unit_list(request: HttpRequest, filters: Query[UnitFiltersIn]) -> dict[str, Any]:
    uf = selectors.UnitFilters(q=filters.q, category=filters.category, body_id=filters.body)
    qs = selectors.unit_list_for_actor(actor=request.user, filters=uf)
    return paginate(qs, page=filters.page, page_size=filters.page_size, to_out=_unit_out)


@router.get("/units/{unit_id}", response=UnitOut)
def unit_detail(request: HttpRequest, unit_id: int) -> dict[str, Any]:
    return _unit_out(selectors.unit_get_for_actor(actor=request.user, pk=unit_id))


@router.post("/units", response={201: UnitOut})
def unit_create(request: HttpRequest, payload: UnitIn) -> Status[Any]:
    body = selectors.body_get_for_actor(actor=request.user, pk=payload.body_id)
    unit = HandlingUnit(body=body, **payload.dict(exclude={"body_id"}))
    services.unit_save(actor=request.user, unit=unit)
    return Status(201, _unit_out(unit))


@router.patch("/units/{unit_id}", response=UnitOut)
def unit_update(request: HttpRequest, unit_id: int, payload: UnitPatch) -> dict[str, Any]:
    unit = selectors.unit_get_for_actor(actor=request.user, pk=unit_id)
    for k, v in payload.dict().items():
        if v is not None:
            setattr(unit, k, v)
    return _unit_out(services.unit_save(actor=request.user, unit=unit))
