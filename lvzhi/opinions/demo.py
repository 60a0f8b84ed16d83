"""Demo 社情民意信息 and 微建议 at 示范市政协: last year in full and this year to date.

Last year reads the way an office's past year does: every report published in one of its 24–26
issues of 《社情民意》 (and perhaps adopted, or instructed and followed up to 办结) or archived,
every 微建议 answered and closed or declined. This year runs to today, with the inbox, the next
issue's selection and instruction follow-ups still in hand. About 170 reports last year and 150
this year, adoptions at 全国政协 / 省政协 / 市委 levels, leader instructions, 60 micro-suggestions
a year.

Each year is decided in Python first (dates, states, issues), then bulk-created in its final
states; every case gets the events of its timeline, none dated after today, and every credit a
PerformanceEvent.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from lvzhi.accounts.models import Office, Role, User
from lvzhi.casework.models import Assignment, AssignmentStatus, Case, CaseEvent, Feedback, Reply
from lvzhi.core import demo
from lvzhi.members import services as members_services
from lvzhi.orgs.models import HandlingUnit, Membership
from lvzhi.proposals.demo_texts import ISSUES, Deck, Issue

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

# Reports a year (by whether the year is finished); the share of decided ones chosen for an issue.
REPORTS = {True: 170, False: 150}
PUBLISH_SHARE = 0.7
ISSUES_A_YEAR = (24, 26)  # 《社情民意》 comes out about every fortnight
ISSUE_ITEMS = (3, 6)
DAY = datetime.timedelta(days=1)
EDITING = datetime.timedelta(days=14)  # from 择优 to the issue: editing, the leader's sign-off
FOLLOW_UP_DAYS = 30  # OPINION_WORKFLOW's deadline for 批示落实

# 微建议 a year, by state: last year everything is answered and closed or declined.
# Fifteen days to reply: by any day of the year most of its 微建议 are long answered.
MICRO_NOW = {"submitted": 3, "declined": 5, "assigned": 3, "handling": 5, "replied": 5, "closed": 39}
MICRO_DONE = {"declined": 6, "closed": 54}
MICRO_PATHS: dict[str, tuple[str, ...]] = {
    "submitted": (),
    "declined": ("decline",),
    "assigned": ("assign",),
    "handling": ("assign", "accept"),
    "replied": ("assign", "accept", "reply"),
    "closed": ("assign", "accept", "reply", "rate"),
}
MICRO_GAPS = {"decline": (1, 4), "assign": (1, 3), "accept": (1, 3), "reply": (4, 13), "rate": (2, 10)}
# An open one's last step is this recent (days before today); finished ones fall anywhere.
MICRO_RECENT = {"submitted": 5, "assigned": 8, "handling": 20, "replied": 30}
MICRO_DUE_DAYS = 15
MICRO_DECLINE = (
    ("out_of_scope", "所提事项不属于微建议受理范围，已告知通过相应渠道反映。"),
    ("in_progress", "所提问题已列入有关部门近期工作计划，正在实施。"),
    ("personal", "涉及个人具体诉求，已引导通过信访渠道反映。"),
)


@dataclass
class InfoOffice:
    """The information office of the body the demo fills, and who works there."""

    body: Any
    memberships: list[Membership]
    units: dict[str, HandlingUnit]
    staff: User
    officer: User | None = None  # the demo's 特约信息员, who files some reports in their own name

    def unit(self, name: str) -> HandlingUnit:
        return self.units.get(name) or next(iter(self.units.values()))


@dataclass
class Report:
    """One 社情民意 report being planned: what happens to it, and when."""

    case: Case
    detail: OpinionDetail
    issue: Issue
    places: tuple[str, str]
    submitted: datetime.date
    decided: datetime.date | None  # selected or archived; None = still in the inbox
    publish: bool
    bulletin: Bulletin | None = None


@dataclass
class Ledger:
    """The events and performance credits of a year, bulk-created once its cases exist."""

    office: InfoOffice
    events: list[CaseEvent] = field(default_factory=list)
    perf: list[dict[str, Any]] = field(default_factory=list)

    def event(
        self,
        case: Case,
        action: str,
        src: str,
        dst: str,
        at: datetime.datetime,
        *,
        by: str = "",
        **extra: Any,
    ) -> None:
        """A step by the office's staff, or by ``by`` (a unit or the submitter) when given."""
        staff = self.office.staff
        self.events.append(
            CaseEvent(
                case=case,
                action=action,
                actor=None if by else staff,
                actor_name=by or staff.display_name,
                from_state=src,
                to_state=dst,
                at=at,
                **extra,
            )
        )

    def credit(self, case: Case, kind: str, on: datetime.date, level: str = "") -> None:
        self.perf.append(
            {
                "body_id": self.office.body.pk,
                "member_id": case.submitter_member_id,
                "case_id": case.pk,
                "source": "opinion",
                "kind": kind,
                "level": level,
                "on": on,
            }
        )

    def save(self) -> None:
        CaseEvent.objects.bulk_create(self.events)
        members_services.performance_events_bulk_record(rows=self.perf)


def _at(d: datetime.date, hour: int = 10) -> datetime.datetime:
    """A time on ``d``; never later than now (events of today stay in the past)."""
    return min(timezone.make_aware(datetime.datetime.combine(d, datetime.time(hour, 0))), timezone.now())


def _plus(rng: random.Random, d: datetime.date, span: tuple[int, int]) -> datetime.date:
    return d + datetime.timedelta(days=rng.randint(*span))


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


@demo.step(30)
def opinion_year(ctx: demo.DemoContext) -> None:
    body = ctx.bodies.get("city-cppcc")
    if body is None:
        return
    years = demo.demo_years(ctx.today)
    memberships = list(
        Membership.objects.filter(body=body, is_active=True, term__is_current=True).select_related("member")[
            :120
        ]
    )
    units = {u.name.removeprefix("示范市"): u for u in HandlingUnit.objects.filter(body=body)}
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
        body=body, user=officer, organization="示范市城东街道办事处", appointed_on=years[0].start
    )
    ctx.users["demo-officer"] = officer
    office = InfoOffice(body=body, memberships=memberships, units=units, staff=info, officer=officer)
    issues_used: set[int] = set()
    micro_used: set[int] = set()
    for span in years:
        issues_used = opinion_span(ctx, office, span, prefer_not=issues_used)
        micro_used = micro_span(ctx, office, span, prefer_not=micro_used)


# ---------------------------------------------------------------- 社情民意信息


def _issue_dates(rng: random.Random, span: demo.Span) -> list[datetime.date]:
    """About every fortnight from late January to before Christmas; only those issued by ``end``."""
    per_year = rng.randint(*ISSUES_A_YEAR)
    first, last = datetime.date(span.year, 1, 20), datetime.date(span.year, 12, 22)
    step = (last - first).days / (per_year - 1)
    dates = [first + datetime.timedelta(days=round(k * step)) for k in range(per_year)]
    return [d for d in dates if d <= span.end]


def _place(rng: random.Random, rows: list[Report], issues: list[Bulletin]) -> None:
    """Fill each issue with reports selected at least ``EDITING`` before it, oldest first; a
    thin issue also takes what came in since (those are edited in a hurry)."""
    for b in issues:
        cap = rng.randint(*ISSUE_ITEMS)
        ready = b.issued_on - EDITING
        take = [r for r in rows if r.bulletin is None and r.publish and r.decided and r.decided < ready][:cap]
        for r in rows:
            if len(take) >= ISSUE_ITEMS[0]:
                break
            if r.bulletin is None and r not in take and r.submitted <= b.issued_on - 3 * DAY:
                if r.decided is None or r.decided >= b.issued_on:
                    r.decided = max(r.submitted + DAY, ready)
                r.publish = True
                take.append(r)
        for r in take:
            r.bulletin = b


def opinion_span(
    ctx: demo.DemoContext, office: InfoOffice, span: demo.Span, *, prefer_not: set[int]
) -> set[int]:
    """One year of reports, issues, adoptions, instructions and their follow-up; the issues it used."""
    rng = ctx.rng
    body, staff = office.body, office.staff
    # Texts from their own generator (seeded from ctx.rng's state, which it leaves alone).
    trng = random.Random(f"opinions:{span.year}:{rng.getstate()[1][1]}")
    deck = Deck(trng, ISSUES, prefer_not=prefer_not)
    memberships = office.memberships
    last_in = span.end - datetime.timedelta(days=1 if span.finished else 0)
    rows: list[Report] = []
    for i in range(REPORTS[span.finished]):
        issue = deck.draw()
        by_officer = i % 9 == 0 or not memberships  # 特约信息员 send some in
        ms = None if by_officer else memberships[rng.randrange(len(memberships))]
        d = _day(rng, span.start, last_in)
        # Most are dealt with within weeks; some wait months for a decision.
        decided: datetime.date | None = _plus(rng, d, (3, 20) if rng.random() < 0.55 else (25, 120))
        if decided and decided > span.end:  # a finished year's inbox was cleared before its end
            decided = min(_plus(rng, d, (3, 20)), span.end) if span.finished else None
        officer = office.officer if by_officer else None
        who = f"{ms.member.name}委员" if ms else "特约信息员"
        title, content, places = texts.opinion_text(trng, issue, who=who, year=span.year)
        case = Case(
            body=body,
            kind="opinion",
            state="submitted",
            year=span.year,
            title=title[:200],
            content=content,
            submitter=officer,
            submitter_member=ms.member if ms else None,
            submitter_name=ms.member.name if ms else (officer.display_name if officer else "信息员"),
            submitted_at=_at(d, 9 + i % 8),
            is_public=True,
        )
        detail = OpinionDetail(
            case=case, source=OpinionSource.OFFICER if by_officer else OpinionSource.MEMBER
        )
        rows.append(Report(case, detail, issue, places, d, decided, publish=rng.random() < PUBLISH_SHARE))
    rows.sort(key=lambda r: r.submitted)

    issues = [
        Bulletin(
            body=body,
            series="社情民意",
            year=span.year,
            number=k + 1,
            issued_on=on,
            recipients=BULLETIN_RECIPIENTS,
            editor=staff.display_name,
            status=BulletinStatus.PUBLISHED,
            published_at=_at(on, 16),
            published_by=staff,
        )
        for k, on in enumerate(_issue_dates(rng, span))
    ]
    Bulletin.objects.bulk_create(issues)
    _place(rng, rows, issues)

    log = Ledger(office)
    published: list[tuple[Report, Bulletin]] = []
    archived: list[Report] = []
    for r in rows:
        c = r.case
        log.event(
            c, "case.submit", "draft", "submitted", c.submitted_at or _at(r.submitted), by=c.submitter_name
        )
        log.credit(c, "submitted", r.submitted)
        if r.bulletin is not None:
            published.append((r, r.bulletin))
        elif r.decided is None:  # still in the inbox; some already edited
            waited = (span.end - r.submitted).days
            if waited > 7 and rng.random() < 0.55:
                c.state = "edited"
                on = r.submitted + datetime.timedelta(days=rng.randint(1, min(waited, 10)))
                log.event(c, "case.edit", "submitted", "edited", _at(on, 11))
        elif r.publish and not span.finished:  # chosen, waiting for the next issue
            c.state = "selected"
            log.event(c, "case.select", "submitted", "selected", _at(r.decided, 10))
        else:
            c.state = "archived"
            archived.append(r)

    items: list[BulletinItem] = []
    order: dict[int, int] = {}
    for r, b in published:
        c = r.case
        order[b.pk] = order.get(b.pk, 0) + 1
        items.append(BulletinItem(bulletin=b, case=c, order=order[b.pk]))
        c.state = "published"
        log.event(c, "case.select", "submitted", "selected", _at(r.decided or b.issued_on, 10))
        data = {"bulletin_id": b.pk, "bulletin": str(b)}
        log.event(c, "case.publish", "selected", "published", _at(b.issued_on, 16), data=data)
        log.credit(c, "published", b.issued_on)

    # Archived: chosen ones no issue of a finished year had room for; a third of the rest restate
    # a report already published (two members, one matter); the others for the usual reasons.
    for k, r in enumerate(archived):
        c, on = r.case, r.decided or span.end
        earlier = [p for p, b in published if b.issued_on <= on]
        if r.publish:
            r.detail.archive_reason = texts.ARCHIVE_LATE
        elif k % 3 == 0 and earlier:
            first = earlier[trng.randrange(len(earlier))]
            who = f"{c.submitter_name}委员" if c.submitter_member else "特约信息员"
            title, c.content, _places = texts.opinion_text(
                trng, first.issue, who=who, year=span.year, places=first.places
            )
            c.title = title[:200]
            r.detail.archive_reason = texts.ARCHIVE_REASONS[0]
        else:
            r.detail.archive_reason = texts.ARCHIVE_REASONS[1 + k % (len(texts.ARCHIVE_REASONS) - 1)]
        log.event(c, "case.archive", "submitted", "archived", _at(on, 11), note=r.detail.archive_reason)

    adoptions, instructions, assignments, replies = _uptake(ctx, office, span, published, trng, log)
    Case.objects.bulk_create([r.case for r in rows])
    OpinionDetail.objects.bulk_create([r.detail for r in rows])
    BulletinItem.objects.bulk_create(items)
    Adoption.objects.bulk_create(adoptions)
    Instruction.objects.bulk_create(instructions)
    Assignment.objects.bulk_create(assignments)
    Reply.objects.bulk_create(replies)
    log.save()
    return deck.used_ids()


def _follow_up(
    rng: random.Random, on: datetime.date, span: demo.Span
) -> tuple[datetime.date, datetime.date, datetime.date, datetime.date] | None:
    """When an instruction of ``on`` was assigned, accepted, answered and closed. A finished year
    closed every follow-up by its end, the late ones in a hurry; None if too late even for that."""
    assigned = _plus(rng, on, (2, 6))
    accepted = _plus(rng, assigned, (1, 3))
    replied = _plus(rng, accepted, (15, 55))
    closed = _plus(rng, replied, (1, 5))
    if span.finished and closed > span.end:
        closed = span.end
        replied = min(replied, closed - DAY)
        accepted = min(accepted, replied - DAY)
        assigned = min(assigned, accepted - DAY)
        if assigned <= on:
            return None
    return assigned, accepted, replied, closed


def _uptake(
    ctx: demo.DemoContext,
    office: InfoOffice,
    span: demo.Span,
    published: list[tuple[Report, Bulletin]],
    trng: random.Random,
    log: Ledger,
) -> tuple[list[Adoption], list[Instruction], list[Assignment], list[Reply]]:
    """Adoptions of a third of the published reports, leader instructions on about a quarter, and
    the instructions' follow-up: assigned to the unit, answered, closed. A finished year's
    instructions were all followed up to 办结 within it; this year's may still be in hand."""
    rng = ctx.rng
    adoptions: list[Adoption] = []
    instructions: list[Instruction] = []
    assignments: list[Assignment] = []
    replies: list[Reply] = []
    for idx, (r, b) in enumerate(published):
        c, base = r.case, b.issued_on
        adopted_on: datetime.date | None = None
        if idx % 3 == 0:
            on = _plus(rng, base, (3, 20))
            if on <= span.end:
                adopter, level, form = ADOPTERS[len(adoptions) % len(ADOPTERS)]
                adoptions.append(Adoption(case=c, adopter=adopter, level=level, form=form, adopted_on=on))
                data = {"level": level, "adopter": adopter}
                log.event(c, "case.adopt", c.state, "adopted", _at(on, 11), data=data)
                log.credit(c, "adopted", on, level)
                c.state, adopted_on = "adopted", on
        if not (idx % 5 == 1 or idx % 15 == 0):
            continue
        on = _plus(rng, adopted_on or base, (2, 15))
        follow_up = _follow_up(rng, on, span)
        if on > span.end or follow_up is None:
            continue
        assigned, accepted, replied, closed = follow_up
        name, post, level = LEADERS[idx % len(LEADERS)]
        unit = office.unit(texts.unit_full(r.issue))
        instructions.append(
            Instruction(
                case=c,
                leader_name=name,
                leader_post=post,
                level=level,
                instructed_on=on,
                text=trng.choice(texts.INSTRUCTIONS).format(unit="市" + texts.unit_full(r.issue)),
            )
        )
        log.event(c, "case.instruct", c.state, "instructed", _at(on, 15), data={"level": level})
        log.credit(c, "instructed", on, level)
        c.state = "instructed"
        if assigned > span.end:
            continue
        a = Assignment(
            case=c,
            unit=unit,
            role="lead",
            status=AssignmentStatus.ASSIGNED,
            assigned_on=assigned,
            due_on=assigned + datetime.timedelta(days=FOLLOW_UP_DAYS),
        )
        assignments.append(a)
        c.state, c.due_on, c.assigned_at = "assigned", a.due_on, _at(assigned, 9)
        units = {"units": [{"unit": unit.name, "role": "主办"}]}
        log.event(c, "case.assign", "instructed", "assigned", _at(assigned, 9), data=units)
        if accepted > span.end:
            continue
        a.status, a.accepted_at = AssignmentStatus.ACCEPTED, _at(accepted, 14)
        log.event(c, "case.accept", "assigned", "handling", _at(accepted, 14), by=unit.name)
        c.state = "handling"
        if replied > span.end:
            continue
        a.status, a.replied_at = AssignmentStatus.REPLIED, _at(replied, 15)
        c.state, c.replied_at, c.reply_category = "replied", _at(replied, 15), "a"
        content = texts.opinion_reply(trng, r.issue, unit=unit.name, leader=f"{name}{post}", year=span.year)
        replies.append(Reply(case=c, assignment=a, category="a", content=content, signed_by="局长"))
        log.event(c, "case.reply", "handling", "replied", _at(replied, 15), by=unit.name)
        if closed > span.end:
            continue
        c.state, c.closed_at = "closed", _at(closed, 10)
        log.event(c, "case.close", "replied", "closed", _at(closed, 10))
    return adoptions, instructions, assignments, replies


# ---------------------------------------------------------------- 微建议


def _micro_bank(rng: random.Random, n: int, prefer_not: set[int]) -> list[int]:
    """Which entries of the bank a year's micro-suggestions take: ones last year did not use first."""
    fresh = [i for i in range(len(texts.MICRO)) if i not in prefer_not]
    seen = [i for i in range(len(texts.MICRO)) if i in prefer_not]
    rng.shuffle(fresh)
    rng.shuffle(seen)
    picked = fresh + seen
    return [picked[i % len(picked)] for i in range(n)]


def _timeline(
    rng: random.Random, span: demo.Span, path: tuple[str, ...], *, recent: int | None
) -> dict[str, datetime.date]:
    """Dates of ``submit`` and each step of ``path``, all within the span; an open case's last
    step no more than ``recent`` days before the span's end."""
    gaps = [rng.randint(*MICRO_GAPS[step]) for step in path]
    total = datetime.timedelta(days=sum(gaps))
    earliest = span.start + total
    if recent is not None:
        earliest = max(earliest, span.end - datetime.timedelta(days=recent))
    t = _day(rng, min(earliest, span.end), span.end) - total
    times = {"submit": t}
    for step, gap in zip(path, gaps, strict=True):
        t += datetime.timedelta(days=gap)
        times[step] = t
    return times


def micro_span(
    ctx: demo.DemoContext, office: InfoOffice, span: demo.Span, *, prefer_not: set[int]
) -> set[int]:
    """One year of 微建议, each with the timeline its state needs; the bank entries it used."""
    rng = ctx.rng
    body = office.body
    states = [s for s, n in (MICRO_DONE if span.finished else MICRO_NOW).items() for _ in range(n)]
    rng.shuffle(states)
    picks = _micro_bank(random.Random(f"micro:{span.year}:{rng.getstate()[1][1]}"), len(states), prefer_not)
    plans: list[tuple[Case, HandlingUnit, str, dict[str, datetime.date]]] = []
    for i, (state, pick) in enumerate(zip(states, picks, strict=True)):
        title, unit_name, seen, fixed = texts.MICRO[pick]
        ms = (
            office.memberships[rng.randrange(len(office.memberships))]
            if office.memberships and i % 3
            else None
        )
        times = _timeline(rng, span, MICRO_PATHS[state], recent=MICRO_RECENT.get(state))
        c = Case(
            body=body,
            kind="micro_suggestion",
            state=state,
            year=span.year,
            title=title,
            content=f"{title}。{seen}，希望有关部门尽快研究解决。",
            submitter_member=ms.member if ms else None,
            submitter_name=ms.member.name if ms else "社会公众",
            submitted_at=_at(times["submit"], 8 + i % 10),
            is_public=True,
        )
        plans.append((c, office.unit(unit_name), fixed, times))
    plans.sort(key=lambda p: p[3]["submit"])
    log = Ledger(office)
    details, assignments, replies, feedbacks = [], [], [], []
    for c, unit, fixed, times in plans:
        source = OpinionSource.MEMBER if c.submitter_member else OpinionSource.PUBLIC
        details.append(OpinionDetail(case=c, source=source))
        submitted = c.submitted_at or _at(times["submit"])
        log.event(c, "case.submit", "draft", "submitted", submitted, by=c.submitter_name)
        if c.submitter_member:
            log.credit(c, "submitted", times["submit"])
        if "decline" in times:
            code, note = rng.choice(MICRO_DECLINE)
            c.decline_reason = code
            on = _at(times["decline"], 11)
            log.event(c, "case.decline", "submitted", "declined", on, note=note, data={"reason_code": code})
        if "assign" not in times:
            continue
        a = Assignment(
            case=c,
            unit=unit,
            role="lead",
            status=AssignmentStatus.ASSIGNED,
            assigned_on=times["assign"],
            due_on=times["assign"] + datetime.timedelta(days=MICRO_DUE_DAYS),
        )
        assignments.append(a)
        c.due_on, c.assigned_at = a.due_on, _at(times["assign"], 9)
        units = {"units": [{"unit": unit.name, "role": "主办"}]}
        log.event(c, "case.assign", "submitted", "assigned", _at(times["assign"], 9), data=units)
        if "accept" in times:
            a.status, a.accepted_at = AssignmentStatus.ACCEPTED, _at(times["accept"], 14)
            log.event(c, "case.accept", "assigned", "handling", _at(times["accept"], 14), by=unit.name)
        if "reply" in times:
            c.replied_at = _at(times["reply"], 15)
            a.status, a.replied_at = AssignmentStatus.REPLIED, c.replied_at
            c.reply_category = "a" if rng.random() < 0.7 else "b"
            replies.append(_micro_reply(c, a, fixed, times["reply"]))
            data = {"category": c.reply_category, "unit": unit.name}
            log.event(
                c, "case.reply", "handling", "replied", _at(times["reply"], 15), by=unit.name, data=data
            )
        if "rate" in times:
            c.rating = "satisfied" if rng.random() < 0.8 else "basic"
            c.rated_at = c.closed_at = _at(times["rate"], 10)
            feedbacks.append(Feedback(case=c, rating=c.rating, is_submitter=True))
            data = {"rating": c.rating}
            log.event(
                c, "case.rate", "replied", "closed", _at(times["rate"], 10), by=c.submitter_name, data=data
            )
    Case.objects.bulk_create([p[0] for p in plans])
    OpinionDetail.objects.bulk_create(details)
    Assignment.objects.bulk_create(assignments)
    Reply.objects.bulk_create(replies)
    Feedback.objects.bulk_create(feedbacks)
    log.save()
    return set(picks)


def _micro_reply(c: Case, a: Assignment, fixed: str, on: datetime.date) -> Reply:
    unit = a.unit.name
    if c.reply_category == "a":
        content = f"您的建议已收悉。{unit}已安排专人现场查看，{fixed}。感谢您对我市工作的关心和支持。"
        promised = None
    else:
        content = (
            f"您的建议已收悉。{unit}已安排专人现场查看，拟{fixed.removeprefix('已')}，"
            "已列入近期工作计划，预计两个月内完成。感谢您对我市工作的关心和支持。"
        )
        promised = on + datetime.timedelta(days=60)
    return Reply(
        case=c,
        assignment=a,
        category=c.reply_category,
        content=content,
        signed_by="办公室主任",
        promised_on=promised,
    )
