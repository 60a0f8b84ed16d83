"""The demo world: 示范市政协 and 示范市人大常委会, three county bodies under each."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from faker import Faker

from lvzhi.accounts.models import Office, Role, User
from lvzhi.core import demo

from . import demo_data as d
from .models import (
    Body,
    BodyKind,
    BodyLevel,
    Delegation,
    HandlingUnit,
    Member,
    Membership,
    MembershipRole,
    Party,
    Sector,
    Session,
    SpecialCommittee,
    Term,
)

COUNTIES = [("东城区", "区"), ("西山县", "县"), ("南湖县", "县")]
CITY = "示范市"
CHINESE_NUMERALS = "零一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return CHINESE_NUMERALS[n]
    if n < 20:
        return "十" + (CHINESE_NUMERALS[n - 10] if n > 10 else "")
    return CHINESE_NUMERALS[n // 10] + "十" + (CHINESE_NUMERALS[n % 10] if n % 10 else "")


def _parties() -> dict[str, Party]:
    out = {}
    for order, (name, short, kind) in enumerate(d.PARTIES):
        out[name], _ = Party.objects.get_or_create(
            name=name, defaults={"short_name": short, "kind": kind, "order": order}
        )
    return out


def _term(body: Body, number: int, start: int, current_year: int) -> Term:
    term = Term.objects.create(
        body=body,
        number=number,
        name=f"第{_cn(number)}届",
        start_year=start,
        end_year=start + 5,
        is_current=True,
    )
    for i, year in enumerate(range(start, min(current_year, start + 4) + 1), start=1):
        opens = datetime.date(year, 1, 8 + (3 if body.kind == BodyKind.CONGRESS else 0))
        Session.objects.create(
            term=term,
            number=i,
            name=f"{term.name}{'人民代表大会' if body.kind == BodyKind.CONGRESS else '委员会'}第{_cn(i)}次会议",
            year=year,
            opens_on=opens,
            closes_on=opens + datetime.timedelta(days=4),
            submission_opens_on=opens - datetime.timedelta(days=20),
            submission_closes_on=opens + datetime.timedelta(days=3),
        )
    return term


def _structure(body: Body, sectors: list[str]) -> None:
    if body.kind == BodyKind.CPPCC:
        Sector.objects.bulk_create([Sector(body=body, name=n, order=i) for i, n in enumerate(sectors)])
        names = d.CPPCC_COMMITTEES if body.level != BodyLevel.COUNTY else d.CPPCC_COMMITTEES[:4]
        SpecialCommittee.objects.bulk_create(
            [SpecialCommittee(body=body, name=n, order=i) for i, n in enumerate(names)]
        )
    else:
        comms = d.CONGRESS_COMMITTEES if body.level != BodyLevel.COUNTY else d.CONGRESS_COMMITTEES[:3]
        SpecialCommittee.objects.bulk_create(
            [SpecialCommittee(body=body, name=n, kind=k, order=i) for i, (n, k) in enumerate(comms)]
        )


def _units(body: Body, place: str, count: int) -> list[HandlingUnit]:
    gov = f"{place}人民政府"
    rows: list[HandlingUnit] = []
    for name, short, cat in d.UNITS[:count]:
        superior = {"court": "", "procuratorate": "", "mass_org": "", "enterprise": ""}.get(cat, gov)
        full = f"{place}{name}" if cat != "enterprise" else f"国网{place}{name}"
        rows.append(
            HandlingUnit(
                body=body,
                name=full,
                short_name=short,
                category=cat,
                superior=superior,
                contact_name="",
                contact_phone=f"0731-8{abs(hash(full)) % 10**6:06d}",
                address=f"{place}人民路{len(rows) + 1}号",
            )
        )
    return HandlingUnit.objects.bulk_create(rows)


def _people(
    ctx: demo.DemoContext, body: Body, term: Term, n: int, parties: dict[str, Party], fake: Faker, place: str
) -> list[Membership]:
    rng = ctx.rng
    sectors = list(body.sectors.all())
    delegations = list(body.delegations.all())
    committees = list(body.committees.filter(kind=SpecialCommittee.Kind.COMMITTEE))
    cppcc = body.kind == BodyKind.CPPCC
    leaders = (
        [MembershipRole.CHAIR] + [MembershipRole.VICE_CHAIR] * 5 + [MembershipRole.SECRETARY_GENERAL]
        if cppcc
        else [MembershipRole.DIRECTOR] + [MembershipRole.VICE_DIRECTOR] * 5
    )
    standing = MembershipRole.STANDING if cppcc else MembershipRole.SC_MEMBER
    plain = MembershipRole.MEMBER if cppcc else MembershipRole.DEPUTY
    members: list[Member] = []
    roles: list[str] = []
    for i in range(n):
        leaders_here = leaders[:3] if body.level == BodyLevel.COUNTY else leaders
        role = leaders_here[i] if i < len(leaders_here) else (standing if i < n * 0.22 else plain)
        roles.append(role)
        sector = sectors[i % len(sectors)] if sectors else None
        party_name = (
            sector.name
            if sector and sector.name in parties
            else rng.choice(
                ["中国共产党"] * 6 + ["无党派人士", "群众", "中国民主同盟", "九三学社", "中国民主促进会"]
            )
        )
        places = d.WORKPLACES.get(sector.name if sector else "", None)
        workplace = (
            f"{place}{rng.choice(places)}"
            if places
            else (
                fake.company()
                if rng.random() < 0.5
                else f"{place}{rng.choice(['住房和城乡建设局', '第一人民医院', '实验中学', '农业农村局', '律师事务所', '商会'])}"
            )
        )
        gender = "f" if rng.random() < 0.33 else "m"
        name = fake.last_name() + (fake.first_name_female() if gender == "f" else fake.first_name_male())
        members.append(
            Member(
                name=name,
                gender=gender,
                ethnicity=rng.choice(["汉族"] * 12 + ["土家族", "苗族", "回族", "瑶族"]),
                birth_year=rng.randint(1962, 1990),
                party=parties.get(party_name),
                workplace=workplace,
                post=rng.choice(d.POSTS),
                phone=f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}",
            )
        )
    members = Member.objects.bulk_create(members)
    memberships = Membership.objects.bulk_create(
        [
            Membership(
                member=m,
                body=body,
                term=term,
                role=r,
                sector=sectors[i % len(sectors)] if sectors else None,
                delegation=delegations[i % len(delegations)] if delegations else None,
                joined_on=datetime.date(term.start_year, 1, 10),
            )
            for i, (m, r) in enumerate(zip(members, roles, strict=True))
        ]
    )
    if committees:
        through = Membership.committees.through
        links = []
        for i, ms in enumerate(memberships):
            if i % 3 == 0 or ms.role != plain:
                links.append(
                    through(membership_id=ms.pk, specialcommittee_id=committees[i % len(committees)].pk)
                )
        through.objects.bulk_create(links)
    return memberships


def _user(
    username: str,
    *,
    role: str,
    display: str,
    body: Body | None = None,
    office: str = "",
    member: Member | None = None,
    unit: HandlingUnit | None = None,
    password_hash: str,
) -> User:
    return User.objects.create(
        username=username,
        display_name=display,
        role=role,
        office=office,
        body=body,
        member=member,
        handling_unit=unit,
        password=password_hash,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )


@demo.step(10)
def build_world(ctx: demo.DemoContext) -> None:
    year = ctx.today.year
    fake = Faker("zh_CN")
    fake.seed_instance(20251)
    parties = _parties()
    city_kinds = [
        (BodyKind.CPPCC, f"{CITY}政协", f"中国人民政治协商会议{CITY}委员会", 160, 14, 2022),
        (BodyKind.CONGRESS, f"{CITY}人大常委会", f"{CITY}人民代表大会常务委员会", 140, 17, 2022),
    ]
    for kind, short, name, n, term_no, start in city_kinds:
        body = Body.objects.create(name=name, short_name=short, kind=kind, level=BodyLevel.CITY, region=CITY)
        ctx.bodies[f"city-{kind}"] = body
        _structure(body, d.CITY_SECTORS)
        if kind == BodyKind.CONGRESS:
            Delegation.objects.bulk_create(
                [Delegation(body=body, name=f"{c}代表团", order=i) for i, (c, _) in enumerate(COUNTIES)]
                + [Delegation(body=body, name="解放军代表团", order=9)]
            )
        term = _term(body, term_no, start, year)
        _people(ctx, body, term, n, parties, fake, CITY)
        _units(body, CITY, 40)
        for county, suffix in COUNTIES:
            cname = f"{county}政协" if kind == BodyKind.CPPCC else f"{county}人大常委会"
            full = (
                f"中国人民政治协商会议{county}委员会"
                if kind == BodyKind.CPPCC
                else f"{county}人民代表大会常务委员会"
            )
            child = Body.objects.create(
                name=full,
                short_name=cname,
                kind=kind,
                level=BodyLevel.COUNTY,
                parent=body,
                region=f"{CITY}{county}",
            )
            ctx.bodies[f"{county}-{kind}"] = child
            _structure(child, d.COUNTY_SECTORS)
            if kind == BodyKind.CONGRESS:
                Delegation.objects.bulk_create(
                    [
                        Delegation(body=child, name=f"{t}代表组", order=i)
                        for i, t in enumerate(["城关镇", "新华街道", "青山乡", "河口镇"])
                    ]
                )
            cterm = _term(
                child, 10 if kind == BodyKind.CPPCC else 18, start - 1 if suffix == "县" else start, year
            )
            _people(ctx, child, cterm, 15, parties, fake, county)
            _units(child, county, 12)
    # A few people sit in both a county and the city body (市县两级委员).
    city = ctx.bodies[f"city-{BodyKind.CPPCC}"]
    city_term = Term.objects.get(body=city, is_current=True)
    county_people = Membership.objects.filter(body__parent=city, role=MembershipRole.MEMBER).select_related(
        "member"
    )[:6]
    sector = city.sectors.get(name="经济界")
    for ms in county_people:
        Membership.objects.create(
            member=ms.member,
            body=city,
            term=city_term,
            role=MembershipRole.MEMBER,
            sector=sector,
            joined_on=datetime.date(2022, 1, 10),
        )
    _demo_users(ctx)


def _demo_users(ctx: demo.DemoContext) -> None:
    pw = make_password(settings.LVZHI_DEMO_PASSWORD)
    cppcc = ctx.bodies["city-cppcc"]
    congress = ctx.bodies["city-congress"]
    chair = Membership.objects.filter(body=cppcc, role=MembershipRole.CHAIR).select_related("member").first()
    member = (
        Membership.objects.filter(body=cppcc, role=MembershipRole.MEMBER, sector__name="教育界")
        .select_related("member")
        .first()
    )
    deputy = (
        Membership.objects.filter(body=congress, role=MembershipRole.DEPUTY).select_related("member").first()
    )
    if not (chair and member and deputy):
        raise RuntimeError("演示数据缺少主席、委员或代表")
    unit = HandlingUnit.objects.get(body=cppcc, name=f"{CITY}教育局")
    ctx.users = {
        "demo-admin": _user("demo-admin", role=Role.ADMIN, display="系统管理员", password_hash=pw),
        "demo-staff": _user(
            "demo-staff",
            role=Role.STAFF,
            display="周晓梅",
            body=cppcc,
            office=Office.PROPOSAL,
            password_hash=pw,
        ),
        "demo-leader": _user(
            "demo-leader",
            role=Role.LEADER,
            display=chair.member.name,
            body=cppcc,
            member=chair.member,
            password_hash=pw,
        ),
        "demo-member": _user(
            "demo-member",
            role=Role.MEMBER,
            display=member.member.name,
            body=cppcc,
            member=member.member,
            password_hash=pw,
        ),
        "demo-deputy": _user(
            "demo-deputy",
            role=Role.MEMBER,
            display=deputy.member.name,
            body=congress,
            member=deputy.member,
            password_hash=pw,
        ),
        "demo-unit": _user(
            "demo-unit", role=Role.UNIT, display="市教育局办公室", body=cppcc, unit=unit, password_hash=pw
        ),
        "demo-deputy-staff": _user(
            "demo-deputy-staff",
            role=Role.STAFF,
            display="陈建军",
            body=congress,
            office=Office.DEPUTY,
            password_hash=pw,
        ),
    }


def build_national(ctx: demo.DemoContext, *, members: int = 3000, units: int = 300) -> Body:
    """A national-size body for benchmarks: 3,000 members, 300 handling units."""
    fake = Faker("zh_CN")
    fake.seed_instance(7)
    parties = _parties()
    body = Body.objects.create(
        name="中国人民政治协商会议示范全国委员会",
        short_name="示范全国政协",
        kind=BodyKind.CPPCC,
        level=BodyLevel.NATIONAL,
        region="全国",
    )
    ctx.bodies["national"] = body
    _structure(body, d.NATIONAL_SECTORS)
    term = _term(body, 14, 2023, ctx.today.year)
    _people(ctx, body, term, members, parties, fake, "")
    base = d.UNITS
    rows: list[HandlingUnit] = []
    for i in range(units):
        name, short, cat = base[i % len(base)]
        rows.append(
            HandlingUnit(
                body=body,
                name=f"{'国家' if i < len(base) else f'第{i // len(base)}片区'}{name}",
                short_name=short,
                category=cat,
                superior="国务院",
            )
        )
    HandlingUnit.objects.bulk_create(rows)
    pw = make_password(settings.LVZHI_DEMO_PASSWORD)
    ctx.users["bench-staff"] = _user(
        "bench-staff",
        role=Role.STAFF,
        display="基准测试",
        body=body,
        office=Office.PROPOSAL,
        password_hash=pw,
    )
    return body


def demo_logins() -> list[tuple[str, str]]:
    return [
        ("demo-admin", "系统管理员（全部机构）"),
        ("demo-staff", "示范市政协 提案委工作人员"),
        ("demo-leader", "示范市政协 主席（领导）"),
        ("demo-member", "示范市政协 委员"),
        ("demo-deputy", "示范市人大 代表"),
        ("demo-unit", "承办单位：示范市教育局"),
        ("demo-deputy-staff", "示范市人大常委会 代表工委工作人员"),
        ("demo-info", "示范市政协 信息处工作人员（社情民意）"),
        ("demo-officer", "示范市政协 信息员"),
        ("demo-petition", "示范市人大常委会 信访工作人员"),
    ]
