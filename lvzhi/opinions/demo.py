"""Demo year of 社情民意信息 and 微建议 at 示范市政协: ≈150 reports, 24 bulletin issues, adoptions
at 全国政协 / 省政协 / 市委 levels, leader instructions with follow-up, ≈60 micro-suggestions.

Rows are bulk-created in their final states (the year already happened); every case gets
the events its timeline needs, and every credit a PerformanceEvent.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from lvzhi.accounts.models import Office, Role, User
from lvzhi.casework.models import Assignment, AssignmentStatus, Case, CaseEvent, Feedback, Reply
from lvzhi.core import demo
from lvzhi.orgs.models import HandlingUnit, Membership
from lvzhi.proposals.demo_texts import ISSUES, Deck

from . import demo_texts as texts
from .models import (
    Adoption,
    Bulletin,
    BulletinItem,
    BulletinStatus,
    InformationOfficer,
    Instruction,
    OpinionDetail,
    OpinionSource,
    PerformanceEvent,
)

BULLETIN_RECIPIENTS = "市委主要领导\n市政府主要领导\n市委、市政府分管领导\n省政协办公厅信息处"
ADOPTERS = [
    ("全国政协办公厅", "national_cppcc", "digest"),
    ("省政协办公厅", "provincial_cppcc", "special"),
    ("省政协办公厅", "provincial_cppcc", "combined"),
    ("中共示范市委办公室", "city_party", "special"),
    ("中共示范市委办公室", "city_party", "forwarded"),
    ("示范市人民政府办公室", "city_gov", "forwarded"),
]
LEADERS = [
    ("李洪国", "市委书记", "city"),
    ("王兴柱", "市长", "city"),
    ("张明华", "副市长", "city"),
    ("刘建平", "省政协副主席", "provincial"),
]


def _when(value: datetime.datetime | None) -> datetime.datetime:
    return value or timezone.now()


def _at(d: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(d, datetime.time(hour, 0)))


def _day(ctx: demo.DemoContext, start: datetime.date, end: datetime.date) -> datetime.date:
    span = max(0, (end - start).days)
    return start + datetime.timedelta(days=ctx.rng.randint(0, span))


def _units_by_name(body: Any) -> dict[str, HandlingUnit]:
    return {u.name.removeprefix("示范市"): u for u in HandlingUnit.objects.filter(body=body)}


@demo.step(30)
def opinion_year(ctx: demo.DemoContext) -> None:
    body = ctx.bodies.get("city-cppcc")
    if body is None:
        return
    today: datetime.date = ctx.today
    year = today.year
    jan1 = datetime.date(year, 1, 1)
    memberships = list(
        Membership.objects.filter(body=body, is_active=True, term__is_current=True).select_related("member")[
            :120
        ]
    )
    units = _units_by_name(body)
    pw = make_password(settings.LVZHI_DEMO_PASSWORD)
    info = User.objects.create(
        username="demo-info",
        display_name="孙丽娟",
        role=Role.STAFF,
        office=Office.INFO,
        body=body,
        password=pw,
    )
    ctx.users["demo-info"] = info
    officer = User.objects.create(
        username="demo-officer",
        display_name="周海燕",
        role=Role.MEMBER,  # 特约信息员: a member-role account without a seat as 委员
        body=body,
        password=pw,
    )
    InformationOfficer.objects.create(
        body=body, user=officer, organization="示范市城东街道办事处", appointed_on=jan1
    )
    ctx.users["demo-officer"] = officer
    _opinions(ctx, body, year, jan1, today, memberships, units, info)
    _micro(ctx, body, year, jan1, today, memberships, units, info)


def _opinions(
    ctx: Any,
    body: Any,
    year: int,
    jan1: Any,
    today: Any,
    memberships: list[Any],
    units: dict[str, Any],
    staff: Any,
) -> None:
    rng = ctx.rng
    # Texts from their own generator (seeded from ctx.rng's state, which it leaves alone).
    trng = random.Random(f"opinions:{rng.getstate()[1][1]}")
    deck = Deck(trng, ISSUES)
    n = 150
    drafted: list[tuple[Case, Any, tuple[str, str]]] = []
    for i in range(n):
        issue = deck.draw()
        ms = memberships[rng.randrange(len(memberships))] if memberships else None
        d = _day(ctx, jan1, today)
        who = f"{ms.member.name}委员" if ms else "特约信息员"
        title, content, places = texts.opinion_text(trng, issue, who=who, year=year)
        case = Case(
            body=body,
            kind="opinion",
            state="submitted",
            year=year,
            title=title[:200],
            content=content,
            submitter_member=ms.member if ms else None,
            submitter_name=ms.member.name if ms else "信息员",
            submitted_at=_at(d, 9 + i % 8),
            is_public=True,
        )
        drafted.append((case, issue, places))
    drafted.sort(key=lambda row: row[0].submitted_at or timezone.now())
    cases = [row[0] for row in drafted]
    issue_of = {id(c): issue for c, issue, _places in drafted}
    places_of = {id(c): places for c, _issue, places in drafted}
    Case.objects.bulk_create(cases)
    OpinionDetail.objects.bulk_create(
        [
            OpinionDetail(case=c, source=OpinionSource.MEMBER if i % 9 else OpinionSource.OFFICER)
            for i, c in enumerate(cases)
        ]
    )
    events: list[CaseEvent] = []
    perf: list[PerformanceEvent] = []
    for c in cases:
        events.append(
            CaseEvent(
                case=c,
                action="case.submit",
                actor_name=c.submitter_name,
                from_state="draft",
                to_state="submitted",
                at=_when(c.submitted_at),
            )
        )
        perf.append(
            PerformanceEvent(
                body=body,
                member=c.submitter_member,
                case=c,
                kind="submitted",
                on=_when(c.submitted_at).date(),
            )
        )
    # The oldest ≈80 went into 24 issues; of the rest some were archived, some wait in the inbox.
    published, rest = cases[:84], cases[84:]
    issues: list[Bulletin] = []
    span = max(1, (today - jan1).days)
    for k in range(24):
        issued = jan1 + datetime.timedelta(days=min(span, int((k + 1) * span / 24)))
        issues.append(
            Bulletin(
                body=body,
                series="社情民意",
                year=year,
                number=k + 1,
                issued_on=issued,
                recipients=BULLETIN_RECIPIENTS,
                editor=staff.display_name,
                status=BulletinStatus.PUBLISHED,
                published_at=_at(issued, 16),
                published_by=staff,
            )
        )
    Bulletin.objects.bulk_create(issues)
    items = []
    for idx, c in enumerate(published):
        b = issues[min(23, idx * 24 // len(published))]
        items.append(BulletinItem(bulletin=b, case=c, order=idx % 4 + 1))
        c.state = "published"
        events.append(
            CaseEvent(
                case=c,
                action="case.publish",
                actor=staff,
                actor_name=staff.display_name,
                from_state="selected",
                to_state="published",
                at=_when(b.published_at),
                data={"bulletin_id": 0, "bulletin": str(b)},
            )
        )
        perf.append(
            PerformanceEvent(body=body, member=c.submitter_member, case=c, kind="published", on=b.issued_on)
        )
    BulletinItem.objects.bulk_create(items)
    issued_on = {it.case.pk: it.bulletin.issued_on for it in items}
    adoptions: list[Adoption] = []
    instructions: list[Instruction] = []
    leader_of: dict[int, str] = {}
    for idx, c in enumerate(published):
        base = issued_on[c.pk]
        if idx % 3 == 0:  # ≈28 adopted
            adopter, level, form = ADOPTERS[len(adoptions) % len(ADOPTERS)]
            on = min(today, base + datetime.timedelta(days=ctx.rng.randint(3, 20)))
            adoptions.append(Adoption(case=c, adopter=adopter, level=level, form=form, adopted_on=on))
            c.state = "adopted"
            events.append(
                CaseEvent(
                    case=c,
                    action="case.adopt",
                    actor=staff,
                    actor_name=staff.display_name,
                    from_state="published",
                    to_state="adopted",
                    at=_at(on, 11),
                    data={"level": level, "adopter": adopter},
                )
            )
            perf.append(
                PerformanceEvent(
                    body=body, member=c.submitter_member, case=c, kind="adopted", level=level, on=on
                )
            )
        if idx % 5 == 1 or idx % 15 == 0:  # ≈22 instructed
            name, post, level = LEADERS[idx % len(LEADERS)]
            on = min(today, base + datetime.timedelta(days=ctx.rng.randint(2, 15)))
            lead_name = "市" + texts.unit_full(issue_of[id(c)])
            instructions.append(
                Instruction(
                    case=c,
                    leader_name=name,
                    leader_post=post,
                    level=level,
                    instructed_on=on,
                    text=trng.choice(texts.INSTRUCTIONS).format(unit=lead_name),
                )
            )
            leader_of[id(c)] = f"{name}{post}"
            events.append(
                CaseEvent(
                    case=c,
                    action="case.instruct",
                    actor=staff,
                    actor_name=staff.display_name,
                    from_state=c.state,
                    to_state="instructed",
                    at=_at(on, 15),
                    data={"level": level},
                )
            )
            c.state = "instructed"
            perf.append(
                PerformanceEvent(
                    body=body, member=c.submitter_member, case=c, kind="instructed", level=level, on=on
                )
            )
    Adoption.objects.bulk_create(adoptions)
    Instruction.objects.bulk_create(instructions)
    # Follow-up of instructions: the older half are answered and closed, the rest in hand.
    instructed = [c for c in published if c.state == "instructed"]
    assignments, replies = [], []
    for j, c in enumerate(instructed):
        unit = units.get(texts.unit_full(issue_of[id(c)])) or next(iter(units.values()))
        start = issued_on[c.pk] + datetime.timedelta(days=5)
        done = j < len(instructed) // 2
        a = Assignment(
            case=c,
            unit=unit,
            role="lead",
            status=AssignmentStatus.REPLIED if done else AssignmentStatus.ACCEPTED,
            assigned_on=min(today, start),
            due_on=start + datetime.timedelta(days=30),
        )
        assignments.append(a)
        c.state = "closed" if done else "handling"
        c.due_on = a.due_on
        c.assigned_at = _at(a.assigned_on, 9)
        if done:
            c.replied_at = c.closed_at = _at(min(today, start + datetime.timedelta(days=20)), 14)
            c.reply_category = "a"
    Assignment.objects.bulk_create(assignments)
    for a in assignments:
        events.append(
            CaseEvent(
                case=a.case,
                action="case.assign",
                actor=staff,
                actor_name=staff.display_name,
                from_state="instructed",
                to_state="assigned",
                at=_at(a.assigned_on, 9),
                data={"units": [{"unit": a.unit.name, "role": "主办"}]},
            )
        )
        if a.status == AssignmentStatus.REPLIED:
            replies.append(
                Reply(
                    case=a.case,
                    assignment=a,
                    category="a",
                    content=texts.opinion_reply(
                        trng,
                        issue_of[id(a.case)],
                        unit=a.unit.name,
                        leader=leader_of.get(id(a.case), "领导"),
                        year=year,
                    ),
                    signed_by="局长",
                )
            )
            events.append(
                CaseEvent(
                    case=a.case,
                    action="case.reply",
                    actor_name=a.unit.name,
                    from_state="handling",
                    to_state="replied",
                    at=_when(a.case.replied_at),
                )
            )
    Reply.objects.bulk_create(replies)
    for k, c in enumerate(rest):
        if k < 30:
            c.state = "archived"
        elif k < 40:
            c.state = "selected"
        elif k < 52:
            c.state = "edited"
    # Archived reports: a third restate a published one (two members, one matter), the rest
    # were archived for the other usual reasons.
    archived = [c for c in rest if c.state == "archived"]
    reasons: dict[int, str] = {}
    for k, c in enumerate(archived):
        if k % 3 == 0 and published:
            first = published[trng.randrange(len(published))]
            who = f"{c.submitter_name}委员" if c.submitter_member_id else "特约信息员"
            c.title, c.content, _places = texts.opinion_text(
                trng, issue_of[id(first)], who=who, year=year, places=places_of[id(first)]
            )
            reasons[c.pk] = texts.ARCHIVE_REASONS[0]
        else:
            reasons[c.pk] = texts.ARCHIVE_REASONS[1 + k % (len(texts.ARCHIVE_REASONS) - 1)]
    Case.objects.bulk_update(
        cases,
        ["state", "due_on", "assigned_at", "replied_at", "closed_at", "reply_category", "title", "content"],
    )
    details = list(OpinionDetail.objects.filter(case__in=archived))
    for detail in details:
        detail.archive_reason = reasons[detail.case_id]
    OpinionDetail.objects.bulk_update(details, ["archive_reason"])
    CaseEvent.objects.bulk_create(events)
    PerformanceEvent.objects.bulk_create(perf)


def _micro(
    ctx: Any,
    body: Any,
    year: int,
    jan1: Any,
    today: Any,
    memberships: list[Any],
    units: dict[str, Any],
    staff: Any,
) -> None:
    rng = ctx.rng
    cases, plan = [], []
    states = (
        ["submitted"] * 8
        + ["declined"] * 4
        + ["assigned"] * 8
        + ["handling"] * 8
        + ["replied"] * 10
        + ["closed"] * 22
    )
    micro = list(texts.MICRO)
    random.Random(f"micro:{rng.getstate()[1][1]}").shuffle(micro)
    fixes: dict[int, str] = {}
    for i, state in enumerate(states):
        title, unit_name, seen, fixed = micro[i % len(micro)]
        ms = memberships[rng.randrange(len(memberships))] if memberships and i % 3 else None
        d = _day(ctx, jan1, today)
        c = Case(
            body=body,
            kind="micro_suggestion",
            state=state,
            year=year,
            title=title,
            content=f"{title}。{seen}，希望有关部门尽快研究解决。",
            submitter_member=ms.member if ms else None,
            submitter_name=ms.member.name if ms else "社会公众",
            submitted_at=_at(d, 8 + i % 10),
            is_public=True,
        )
        cases.append(c)
        fixes[id(c)] = fixed
        plan.append(units.get(unit_name) or next(iter(units.values())))
    Case.objects.bulk_create(cases)
    OpinionDetail.objects.bulk_create(
        [
            OpinionDetail(
                case=c, source=OpinionSource.MEMBER if c.submitter_member_id else OpinionSource.PUBLIC
            )
            for c in cases
        ]
    )
    events, assignments, replies, feedbacks, perf = [], [], [], [], []
    for c, unit in zip(cases, plan, strict=True):
        events.append(
            CaseEvent(
                case=c,
                action="case.submit",
                actor_name=c.submitter_name,
                from_state="draft",
                to_state="submitted",
                at=_when(c.submitted_at),
            )
        )
        if c.submitter_member_id:
            perf.append(
                PerformanceEvent(
                    body=body,
                    member=c.submitter_member,
                    case=c,
                    kind="submitted",
                    on=_when(c.submitted_at).date(),
                )
            )
        if c.state in {"submitted", "declined"}:
            continue
        start = _when(c.submitted_at).date() + datetime.timedelta(days=2)
        a = Assignment(
            case=c,
            unit=unit,
            role="lead",
            status=AssignmentStatus.ASSIGNED,
            assigned_on=start,
            due_on=start + datetime.timedelta(days=15),
        )
        c.due_on, c.assigned_at = a.due_on, _at(start, 9)
        if c.state in {"handling", "replied", "closed"}:
            a.status = AssignmentStatus.ACCEPTED
        if c.state in {"replied", "closed"}:
            a.status = AssignmentStatus.REPLIED
            c.replied_at = _at(min(today, start + datetime.timedelta(days=10)), 15)
            c.reply_category = "a" if rng.random() < 0.7 else "b"
        if c.state == "closed":
            c.rating, c.rated_at, c.closed_at = (
                ("satisfied" if rng.random() < 0.8 else "basic"),
                c.replied_at,
                c.replied_at,
            )
        assignments.append(a)
    Assignment.objects.bulk_create(assignments)
    for a in assignments:
        c = a.case
        events.append(
            CaseEvent(
                case=c,
                action="case.assign",
                actor=staff,
                actor_name=staff.display_name,
                from_state="submitted",
                to_state="assigned",
                at=_when(c.assigned_at),
            )
        )
        if a.status == AssignmentStatus.REPLIED:
            replies.append(
                Reply(
                    case=c,
                    assignment=a,
                    category=c.reply_category,
                    content=(
                        f"您的建议已收悉。{a.unit.name}已安排专人现场查看，{fixes[id(c)]}。感谢您对我市工作的关心和支持。"
                        if c.reply_category == "a"
                        else f"您的建议已收悉。{a.unit.name}已安排专人现场查看，拟{fixes[id(c)].removeprefix('已')}，"
                        "已列入近期工作计划，预计两个月内完成。感谢您对我市工作的关心和支持。"
                    ),
                    signed_by="办公室主任",
                    promised_on=(_when(c.replied_at).date() + datetime.timedelta(days=60))
                    if c.reply_category == "b"
                    else None,
                )
            )
            events.append(
                CaseEvent(
                    case=c,
                    action="case.reply",
                    actor_name=a.unit.name,
                    from_state="handling",
                    to_state="replied",
                    at=_when(c.replied_at),
                )
            )
        if c.rating:
            feedbacks.append(Feedback(case=c, rating=c.rating, is_submitter=True))
            events.append(
                CaseEvent(
                    case=c,
                    action="case.rate",
                    actor_name=c.submitter_name,
                    from_state="replied",
                    to_state="closed",
                    at=_when(c.rated_at),
                )
            )
    Reply.objects.bulk_create(replies)
    Feedback.objects.bulk_create(feedbacks)
    Case.objects.bulk_update(
        cases, ["due_on", "assigned_at", "replied_at", "reply_category", "rating", "rated_at", "closed_at"]
    )
    CaseEvent.objects.bulk_create(events)
    PerformanceEvent.objects.bulk_create(perf)
