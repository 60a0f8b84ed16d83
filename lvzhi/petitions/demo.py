"""Demo 信访件 at 示范市人大常委会, last year in full and this year to date, and the 信访 staff account.

Letters, visits, online and phone petitions. Last year's (≈130) are all finished the way the
workflow finishes them: closed after the petitioner's rating or the office's 办结, not admitted
(不予受理), or closed with a 复查意见 after a review. This year's (≈120) are in every state, the
open ones recent. Some petitioners come back: a repeated petition (重复信访) is linked to their
earlier one, this year's often to last year's.

Each year is planned in Python first (route, dates, petitioner, text), then bulk-created in its
final states with the events of its timeline, none dated after today.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.utils import timezone
from faker import Faker

from lvzhi.accounts.models import Office, Role, User
from lvzhi.casework import workdays
from lvzhi.casework.models import Assignment, AssignmentStatus, Case, CaseEvent, Feedback, Reply
from lvzhi.core import demo
from lvzhi.orgs.models import HandlingUnit

from . import demo_texts as texts
from . import portal
from .models import PetitionDetail
from .services import REVIEW_WINDOW_DAYS, public_actor
from .workflow import PetitionForm

# Petitions a year by the state they end the span in. "reviewed" is closed after a 复查.
# Sixty days to handle, ten a month arriving: about a quarter of the year's are open at once.
NOW = {
    "submitted": 3,
    "registered": 3,
    "admitted": 4,
    "rejected": 8,
    "transferred": 5,
    "assigned": 4,
    "handling": 6,
    "replied": 4,
    "dissatisfied": 2,
    "reviewing": 2,
    "reviewed": 3,
    "closed": 76,
}
DONE = {"rejected": 10, "reviewed": 6, "closed": 114}
REPEATS = {True: 6, False: 10}  # 重复信访 a year; this year's mostly about last year's
FORMS = (
    [PetitionForm.LETTER] * 5 + [PetitionForm.VISIT] * 3 + [PetitionForm.ONLINE] * 3 + [PetitionForm.PHONE]
)
# Days between a step and the one before it (register: the day it arrives).
GAPS = {
    "register": (0, 0),
    "admit": (3, 12),
    "reject": (3, 12),
    "transfer": (1, 3),
    "assign": (1, 3),
    "accept": (1, 4),
    "answer": (5, 20),
    "reply": (10, 50),
    "rate": (3, 15),
    "close": (3, 10),
    "request_review": (5, 25),
    "conclude_review": (15, 30),
}
HOURS = {
    "submit": 9,
    "register": 15,
    "admit": 10,
    "reject": 11,
    "transfer": 9,
    "assign": 9,
    "accept": 14,
    "answer": 16,
    "reply": 15,
    "rate": 10,
    "close": 16,
    "request_review": 10,
    "conclude_review": 16,
}
# An open petition's last step is this recent (days before today); finished ones fall anywhere.
RECENT = {
    "submitted": 6,
    "registered": 12,
    "admitted": 20,
    "transferred": 50,
    "assigned": 40,
    "handling": 50,
    "replied": 45,
    "dissatisfied": 25,
    "reviewing": 25,
}
REPLY_DAYS = 60  # working days from admission, PETITION_WORKFLOW.reply_days
ANSWERED = {"replied", "dissatisfied", "rejected", "reviewed", "closed"}
TRANSFER_CLOSE = "承办单位已直接答复信访人，予以办结。"
REVIEW_ASK = "信访人对处理意见不服，请求复查。"


Person = tuple[str, str, str, str]  # name, ID number, phone, address


@dataclass
class Petition:
    """One petition being planned: its route through the workflow and who wrote about what."""

    state: str
    path: list[str]
    times: dict[str, datetime.date]
    person: Person
    matter: texts.Matter
    names: dict[str, str]
    earlier: Petition | None = None
    case: Case | None = None

    def repeat(self, earlier: Petition) -> None:
        """Make this the same person coming back about the same matter (重复信访)."""
        self.earlier, self.person, self.matter, self.names = (
            earlier,
            earlier.person,
            earlier.matter,
            earlier.names,
        )

    @property
    def received(self) -> datetime.date:
        return self.times["submit"]

    @property
    def settled(self) -> datetime.date:
        """The day the office was last done with it."""
        return self.times[self.path[-1]] if self.path else self.received


def _at(d: datetime.date, hour: int = 10) -> datetime.datetime:
    """A time on ``d``; never later than now (events of today stay in the past)."""
    return min(timezone.make_aware(datetime.datetime.combine(d, datetime.time(hour, 0))), timezone.now())


def _route(rng: random.Random, state: str) -> list[str]:
    """The steps after 提交 that leave a petition in ``state``."""
    routed = ["register", "admit", rng.choice(["transfer", "assign"])]
    handled = [*routed, "accept", "reply"]
    if state in {"submitted", "registered", "admitted", "rejected"}:
        return {
            "submitted": [],
            "registered": ["register"],
            "admitted": ["register", "admit"],
            "rejected": ["register", "reject"],
        }[state]
    if state == "transferred":
        return ["register", "admit", "transfer"]
    if state == "assigned":
        return ["register", "admit", "assign"]
    if state == "handling":
        return [*routed, "accept"]
    if state == "replied":
        return ["register", "admit", "answer"] if rng.random() < 0.15 else handled
    if state == "dissatisfied":
        return [*handled, "rate"]
    if state in {"reviewing", "reviewed"}:
        asked = (
            ["register", "reject", "request_review"]
            if rng.random() < 0.34
            else [*handled, "rate", "request_review"]
        )
        return asked + (["conclude_review"] if state == "reviewed" else [])
    # closed: answered directly, or by the unit; a transferred one the office may close itself
    roll = rng.random()
    if roll < 0.15:
        return ["register", "admit", "answer", "rate"]
    if roll < 0.35:
        return ["register", "admit", "transfer", "accept", "reply", "close"]
    return [*handled, "rate"]


def _timeline(
    rng: random.Random, span: demo.Span, path: list[str], recent: int | None
) -> dict[str, datetime.date]:
    """Dates of 提交 and each step, all within the span; an open one's last step recent."""
    gaps = [rng.randint(*GAPS[step]) for step in path]
    total = datetime.timedelta(days=sum(gaps))
    earliest = span.start + total
    if recent is not None:
        earliest = max(earliest, span.end - datetime.timedelta(days=recent))
    earliest = min(earliest, span.end)
    t = earliest + datetime.timedelta(days=rng.randint(0, (span.end - earliest).days)) - total
    times = {"submit": t}
    for step, gap in zip(path, gaps, strict=True):
        t += datetime.timedelta(days=gap)
        times[step] = t
    return times


def _repeats(rng: random.Random, plans: list[Petition], before: list[Petition], n: int) -> None:
    """Make ``n`` of the year's petitions repeated ones: the same person about the same matter
    again, two thirds after last year's (``before``; the not admitted and the reviewed first),
    the rest after one answered earlier this year."""
    unhappy = [p for p in before if p.state in {"rejected", "reviewed"}]
    k = min(len(before), n * 2 // 3)
    taken: set[int] = set()  # plans already someone's first or repeat, by id
    for first in rng.sample(unhappy if len(unhappy) >= k else before, k):
        again = rng.choice(plans)
        while id(again) in taken:
            again = rng.choice(plans)
        again.repeat(first)
        taken.add(id(again))
    for _ in range(20 * n):
        if sum(p.earlier is not None for p in plans) >= n:
            break
        again = rng.choice(plans)
        firsts = [
            p
            for p in plans
            if p.state in ANSWERED and p.settled < again.received and id(p) not in taken and p is not again
        ]
        if firsts and id(again) not in taken:
            first = rng.choice(firsts)
            again.repeat(first)
            taken |= {id(again), id(first)}


@demo.step(30)
def petition_year(ctx: demo.DemoContext) -> None:
    body = ctx.bodies.get("city-congress")
    if body is None:
        return
    fake = Faker("zh_CN")
    fake.seed_instance(5)
    staff = User.objects.create(
        username="demo-petition",
        display_name="王志刚",
        role=Role.STAFF,
        office=Office.GENERAL,
        body=body,
        password=make_password(settings.LVZHI_DEMO_PASSWORD),
    )
    staff.user_permissions.add(
        Permission.objects.get(codename="handle_petition", content_type__app_label="petitions")
    )
    ctx.users["demo-petition"] = staff
    units = {u.name.removeprefix("示范市"): u for u in HandlingUnit.objects.filter(body=body)}
    people = iter(
        [
            (fake.name(), fake.ssn(), fake.phone_number(), fake.address()[:60])
            for _ in range(sum(DONE.values()) + sum(NOW.values()))
        ]
    )
    last_year: list[Petition] = []
    for span in demo.demo_years(ctx.today):
        last_year = petition_span(ctx, body, span, staff=staff, units=units, people=people, before=last_year)


def petition_span(
    ctx: demo.DemoContext,
    body: Any,
    span: demo.Span,
    *,
    staff: User,
    units: dict[str, HandlingUnit],
    people: Iterator[Person],
    before: list[Petition],
) -> list[Petition]:
    """One year of petitions (``before``: last year's, for repeated ones); returns this year's."""
    rng = ctx.rng
    # Texts from their own generator (seeded from ctx.rng's state, which it leaves alone).
    trng = random.Random(f"petitions:{span.year}:{rng.getstate()[1][1]}")
    states = [s for s, n in (DONE if span.finished else NOW).items() for _ in range(n)]
    rng.shuffle(states)
    order = list(texts.MATTERS)
    plans = []
    for i, state in enumerate(states):
        if i % len(order) == 0:
            trng.shuffle(order)
        path = _route(rng, state)
        times = _timeline(rng, span, path, RECENT.get(state))
        plans.append(Petition(state, path, times, next(people), order[i % len(order)], texts.pick(trng)))
    plans.sort(key=lambda p: p.received)
    _repeats(rng, plans, before, REPEATS[span.finished])
    _build(ctx, body, span, plans, staff=staff, units=units, trng=trng)
    return plans


@dataclass
class Trail:
    """The events of one case, each step from the state the one before left it in."""

    case: Case
    times: dict[str, datetime.date]
    staff: User
    events: list[CaseEvent]
    state: str = "submitted"

    def step(self, name: str, dst: str, *, by: str = "", actor: Any = None, **extra: Any) -> None:
        """``name`` done on its planned day by the staff, or by ``by`` (a unit, the public)."""
        self.events.append(
            CaseEvent(
                case=self.case,
                action=f"case.{name}",
                actor=actor if actor is not None else (None if by else self.staff),
                actor_name=by or self.staff.display_name,
                from_state=self.state,
                to_state=dst,
                at=_at(self.times[name], HOURS[name]),
                **extra,
            )
        )
        self.state = dst


def _build(
    ctx: demo.DemoContext,
    body: Any,
    span: demo.Span,
    plans: list[Petition],
    *,
    staff: User,
    units: dict[str, HandlingUnit],
    trng: random.Random,
) -> None:
    """The cases, details, assignments, replies, feedback and events of a planned year."""
    rng, public = ctx.rng, public_actor()
    fallback = next(iter(units.values()))
    serial = 0
    cases, details, assignments, replies, feedbacks = [], [], [], [], []
    events: list[CaseEvent] = []
    for i, p in enumerate(plans):
        person, matter, t = p.person, p.matter, p.times
        title, content = texts.petition_text(
            trng, matter, p.names, surname=person[0][0], year=span.year, repeat=p.earlier is not None
        )
        c = Case(
            body=body,
            kind="petition",
            state="closed" if p.state == "reviewed" else p.state,
            year=span.year,
            title=title,
            content=content,
            submitter=public,
            submitter_name=portal.mask_name(person[0]),
            submitted_at=_at(p.received, HOURS["submit"] + i % 4),
            is_public=False,
            public_note="信访件，不公开",
        )
        p.case = c
        cases.append(c)
        form = FORMS[i % len(FORMS)]
        d = PetitionDetail(
            case=c,
            form=form,
            category=matter.category if p.path else "",
            petitioner_name=person[0],
            id_number=person[1],
            phone=person[2],
            address=person[3],
            persons=rng.randint(1, 12) if form == PetitionForm.VISIT else 1,
            received_on=p.received,
            notify_due_on=workdays.due_after(p.received, 15),
            notified_on=t.get("admit") or t.get("reject"),
            earlier=p.earlier.case if p.earlier else None,
        )
        details.append(d)
        unit = units.get(matter.unit, fallback)
        events.append(
            CaseEvent(
                case=c,
                action="case.submit",
                actor_name="社会公众",
                from_state="draft",
                to_state="submitted",
                at=_at(p.received, HOURS["submit"] + i % 4),
            )
        )
        trail = Trail(c, t, staff, events)
        a: Assignment | None = None
        for name in p.path:
            on = t[name]
            if name == "register":
                serial += 1  # plans are in order of receipt, and registered the day they arrive
                c.serial, c.number, c.registered_at = (
                    serial,
                    f"信访〔{span.year}〕第{serial:04d}号",
                    _at(on, 15),
                )
                trail.step(name, "registered", data={"number": c.number})
            elif name == "admit":
                c.due_on = workdays.due_after(on, REPLY_DAYS)
                trail.step(name, "admitted")
            elif name == "reject":
                c.replied_at, c.due_on = _at(on, 11), None
                trail.step(name, "rejected", note=trng.choice(texts.REJECT_REASONS))
            elif name in {"transfer", "assign"}:
                a = Assignment(
                    case=c,
                    unit=unit,
                    role="lead",
                    status=AssignmentStatus.ASSIGNED,
                    assigned_on=on,
                    due_on=c.due_on or workdays.due_after(on, REPLY_DAYS),
                )
                assignments.append(a)
                c.assigned_at = _at(on, 9)
                routed = {"units": [{"unit": unit.name, "role": "主办"}]}
                trail.step(name, "transferred" if name == "transfer" else "assigned", data=routed)
            elif name == "accept" and a is not None:
                a.status, a.accepted_at = AssignmentStatus.ACCEPTED, _at(on, 14)
                trail.step(name, "handling", by=unit.name)
            elif name == "answer":
                d.answer = texts.petition_answer(trng, matter, p.names, unit=unit.name, year=span.year)
                c.replied_at, c.due_on = _at(on, 16), None
                c.reply_category = "a" if rng.random() < 0.6 else "c"
                trail.step(name, "replied")
            elif name == "reply" and a is not None:
                c.replied_at = _at(on, 15)
                c.reply_category = "a" if rng.random() < 0.6 else "c"
                a.status, a.replied_at = AssignmentStatus.REPLIED, c.replied_at
                answer = texts.petition_answer(trng, matter, p.names, unit=unit.name, year=span.year)
                replies.append(
                    Reply(
                        case=c,
                        assignment=a,
                        category=c.reply_category,
                        content=answer,
                        signed_by="分管负责人",
                    )
                )
                trail.step(name, "replied", by=unit.name, data={"category": c.reply_category})
            elif name == "rate":
                unhappy = p.state in {"dissatisfied", "reviewing", "reviewed"}
                c.rating = "unsatisfied" if unhappy else ("satisfied" if rng.random() < 0.75 else "basic")
                c.rated_at = _at(on, 10)
                feedbacks.append(Feedback(case=c, rater=public, rating=c.rating, is_submitter=True))
                target = "dissatisfied" if unhappy else "closed"
                trail.step(name, target, actor=public, by="社会公众", data={"rating": c.rating})
            elif name == "close":
                trail.step(name, "closed", note=TRANSFER_CLOSE)
            elif name == "request_review":
                c.due_on = workdays.due_after(on, REVIEW_WINDOW_DAYS)
                trail.step(name, "reviewing", actor=public, by="社会公众", note=REVIEW_ASK)
            elif name == "conclude_review":
                d.review_opinion = texts.review_opinion(trng, matter, p.names, unit=unit.name, year=span.year)
                trail.step(name, "closed")
        if c.state == "closed":
            c.closed_at, c.due_on = _at(p.settled, HOURS[p.path[-1]]), None
    Case.objects.bulk_create(cases)
    PetitionDetail.objects.bulk_create(details)
    Assignment.objects.bulk_create(assignments)
    Reply.objects.bulk_create(replies)
    Feedback.objects.bulk_create(feedbacks)
    CaseEvent.objects.bulk_create(events)
