"""A believable year (and the year before) of 提案 and 代表建议, seeded in bulk.

Every state of the lifecycle is present, with replies in all three categories, feedback,
key cases led by a leader, chases of overdue assignments and B-category follow-ups.
demo-member, demo-deputy and demo-unit get visible work of their own.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from dataclasses import dataclass, field
from typing import Any

import chinese_calendar
from django.utils import timezone

from lvzhi.casework.models import (
    Assignment,
    AssignmentStatus,
    Case,
    CaseEvent,
    Chase,
    Contact,
    Cosponsor,
    Feedback,
    KindSetting,
    Reply,
    SubmitterKind,
)
from lvzhi.casework.services import deadlines_sweep
from lvzhi.casework.workflow import workflow_for
from lvzhi.core import demo
from lvzhi.orgs.models import Body, BodyKind, BodyLevel, HandlingUnit, Membership, Session

from . import demo_texts as texts
from .models import ProposalDetail

PATHS: dict[str, list[str]] = {
    "draft": [],
    "submitted": ["submit"],
    "returned": ["submit", "return"],
    "declined": ["submit", "decline"],
    "merged": ["submit", "merge"],
    "registered": ["submit", "register"],
    "assigned": ["submit", "register", "assign"],
    "handling": ["submit", "register", "assign", "accept"],
    "replied": ["submit", "register", "assign", "accept", "reply"],
    "dissatisfied": ["submit", "register", "assign", "accept", "reply", "rate"],
    "rehandling": ["submit", "register", "assign", "accept", "reply", "rate", "rehandle"],
    "closed": ["submit", "register", "assign", "accept", "reply", "rate"],
}
GAPS = {
    "submit": (0, 0),
    "return": (3, 10),
    "decline": (5, 20),
    "merge": (5, 20),
    "register": (5, 20),
    "assign": (3, 10),
    "accept": (1, 5),
    "reply": (25, 75),
    "rate": (3, 20),
    "rehandle": (2, 7),
}
# Share of each state in the current year; the year before is nearly all closed.
CURRENT = {
    "draft": 3,
    "submitted": 9,
    "returned": 2,
    "declined": 4,
    "merged": 2,
    "registered": 6,
    "assigned": 10,
    "handling": 21,
    "replied": 13,
    "dissatisfied": 2,
    "rehandling": 2,
    "closed": 26,
}
# By summer the session's cases have all been answered; what is still open then is the
# 平时提案 that came in since, so the mix slides from CURRENT to LATE as the year goes on.
LATE = {
    "draft": 2,
    "submitted": 4,
    "returned": 1,
    "declined": 4,
    "merged": 2,
    "registered": 2,
    "assigned": 3,
    "handling": 6,
    "replied": 3,
    "dissatisfied": 1,
    "rehandling": 1,
    "closed": 71,
}
PREVIOUS: dict[str, float] = {"declined": 4, "merged": 2, "closed": 94}
IN_PROGRESS = {
    "registered",
    "assigned",
    "handling",
    "replied",
    "dissatisfied",
    "rehandling",
    "submitted",
    "returned",
    "draft",
}
REPLIED = {"replied", "dissatisfied", "rehandling", "closed"}
DECLINE_CODES = ["out_of_scope", "vague", "multiple_topics", "in_progress"]
# Intentional near-duplicates: two members on the same matter in different words (≈6% of a
# year), a few of them among the cases still open to 并案 (submitted or registered).
TWIN_SHARE = 0.06
MERGEABLE = ("submitted", "registered")


def _roll_to_workday(day: datetime.date) -> datetime.date:
    while True:
        try:
            if chinese_calendar.is_workday(day):
                return day
        except NotImplementedError:
            if day.weekday() < 5:
                return day
        day += datetime.timedelta(days=1)


@dataclass
class Plan:
    body: Body
    kind: str
    years: dict[int, int]
    staff: Any = None
    leader: Any = None
    focus_user: Any = None
    focus_unit: HandlingUnit | None = None
    focus_states: list[str] = field(default_factory=list)
    focus_unit_states: list[str] = field(default_factory=list)


def current_shares(today: datetime.date) -> dict[str, float]:
    """The state mix of this year's cases on ``today``: CURRENT in spring, LATE from July."""
    f = min(1.0, max(0.0, (today - datetime.date(today.year, 3, 15)).days / 110))
    return {s: CURRENT[s] * (1 - f) + LATE[s] * f for s in CURRENT}


def _states(rng: Any, n: int, shares: dict[str, float]) -> list[str]:
    total = sum(shares.values())
    out: list[str] = []
    for state, share in shares.items():
        out += [state] * max(1 if share else 0, round(n * share / total))
    out = out[:n] + ["closed"] * max(0, n - len(out))
    rng.shuffle(out)
    return out


def _twins(rng: Any, states: list[str], *, current: bool) -> dict[int, int]:
    """Which case (by position in the year) restates which earlier one."""
    n = len(states)
    twin_of: dict[int, int] = {}
    want = round(n * TWIN_SHARE)
    open_ = [i for i, s in enumerate(states) if s in MERGEABLE]
    if current and len(open_) >= 4:
        pairs = 3 if len(open_) >= 12 else 2
        picked = sorted(rng.sample(open_, pairs * 2))
        rng.shuffle(picked)
        for a, b in zip(picked[::2], picked[1::2], strict=True):
            twin_of[max(a, b)] = min(a, b)
    taken = set(twin_of) | set(twin_of.values())
    candidates = [j for j in range(1, n) if j not in taken]
    rng.shuffle(candidates)
    for j in candidates:
        if len(twin_of) >= want:
            break
        i = rng.randrange(j)
        if i in taken or j in taken:
            continue
        twin_of[j] = i
        taken |= {i, j}
    return twin_of


def _addressee(case: Case) -> str:
    if case.submitter_kind == SubmitterKind.SECTOR:
        return case.submitter_name
    return f"{case.submitter_name}{'委员' if case.kind == 'proposal' else '代表'}"


def _aware(day: datetime.date, rng: Any) -> datetime.datetime:
    at = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(rng.randint(8, 17), rng.randint(0, 59)))
    )
    return min(at, timezone.now())  # an office hour later today has not come yet


def seed_cases(ctx: demo.DemoContext, plan: Plan) -> int:  # one linear recipe, easier read whole
    rng, today = ctx.rng, ctx.today
    now = timezone.now()
    wf = workflow_for(plan.kind)
    if wf is None:
        return 0
    body = plan.body
    memberships = list(
        Membership.objects.filter(body=body, is_active=True, term__is_current=True)
        .select_related("member", "sector", "delegation")
        .order_by("id")
    )
    plain = [m for m in memberships if m.role in {"member", "deputy", "standing", "sc_member"}] or memberships
    units = list(HandlingUnit.objects.filter(body=body, is_active=True).order_by("id"))
    by_short: dict[str, HandlingUnit] = {}
    for u in units:
        by_short.setdefault(u.short_name, u)
    sessions = {s.year: s for s in Session.objects.filter(term__body=body, term__is_current=True)}
    focus_ms = None
    if plan.focus_user is not None:
        focus_ms = next((m for m in memberships if m.member_id == plan.focus_user.member_id), None)
    noun = "提案" if plan.kind == "proposal" else ("议案" if plan.kind == "bill" else "建议")
    # Texts come from their own generator, so rewording the banks never moves the states,
    # dates and assignments drawn from ctx.rng; it is seeded from ctx.rng's state, untouched.
    trng = random.Random(f"{body.short_name}:{plan.kind}:{rng.getstate()[1][1]}")
    bank = texts.BILLS if plan.kind == "bill" else texts.ISSUES
    focus_short = plan.focus_unit.short_name if plan.focus_unit else ""
    deputy = plan.kind != "proposal"

    cases: list[Case] = []
    meta: list[dict[str, Any]] = []
    last_year: set[int] = set()
    worded: dict[texts.Issue, int] = {}  # the wording an issue had last time, to vary it
    for year, n in sorted(plan.years.items()):
        states = _states(rng, n, current_shares(today) if year == today.year else PREVIOUS)
        deck = texts.Deck(trng, bank, prefer_not=last_year)
        twin_of = _twins(trng, states, current=year == today.year)
        written: dict[int, texts.CaseText] = {}
        authors: dict[int, Any] = {}
        if year == today.year:
            focus_states = list(plan.focus_states)
            unit_states = list(plan.focus_unit_states)
        else:
            focus_states = ["closed", "closed"] if plan.focus_states else []
            unit_states = ["closed"] * 4 if plan.focus_unit_states else []
        for pos, state in enumerate(states):
            is_focus = False
            if focus_states and state in focus_states:
                focus_states.remove(state)
                is_focus = True
            to_focus_unit = False
            if (
                unit_states
                and state in unit_states
                and state in PATHS
                and "assign" in PATHS[state]
                and not is_focus
            ):
                unit_states.remove(state)
                to_focus_unit = True
            source = written.get(twin_of.get(pos, -1))
            is_twin = source is not None and not is_focus and not to_focus_unit
            if source is not None and is_twin:
                text = texts.compose(
                    trng,
                    source.issue,
                    noun=noun,
                    year=year,
                    wording=1 - source.wording,
                    places=source.places,
                    deputy=deputy,
                    twin=True,
                    opener=source.opener,
                )
            else:
                issue = deck.draw(
                    lead=focus_short if to_focus_unit else "",
                    reserve_lead=focus_short,
                    reserve=len(unit_states),
                )
                wording = 1 - worded[issue] if issue in worded else trng.randrange(2)
                wording = 0 if plan.kind == "bill" else wording
                one_noun = noun if plan.kind != "proposal" or trng.random() < 0.85 else "建议"
                text = texts.compose(trng, issue, noun=one_noun, year=year, wording=wording, deputy=deputy)
            written[pos] = text
            worded[text.issue] = text.wording
            category, lead_short, assist_short = text.issue.category, text.issue.lead, text.issue.assist
            ms = focus_ms if is_focus and focus_ms else rng.choice(plain)
            first = authors.get(twin_of.get(pos, -1)) if is_twin else None
            if first is not None:
                # A near-duplicate comes from another member (a different name, too).
                k = plain.index(ms) if ms in plain else 0
                while plain[k % len(plain)].member.name == first.member.name and k < 2 * len(plain):
                    k += 1
                ms = plain[k % len(plain)]
            authors[pos] = ms
            group = None
            if not is_focus and plan.kind == "proposal" and rng.random() < 0.08 and ms.sector_id:
                group = ms.sector
            session = sessions.get(year)
            in_flight = year == today.year and state in IN_PROGRESS
            # A case still open is one of the session's only while the session is recent.
            during = not in_flight or (
                session is not None
                and session.opens_on is not None
                and (today - session.opens_on).days < 100
                and rng.random() < 0.5
            )
            if during and session and session.opens_on:
                submitted = session.opens_on + datetime.timedelta(days=rng.randint(-15, 3))
            else:
                start = datetime.date(year, 2, 1)
                end = min(datetime.date(year, 12, 15), today - datetime.timedelta(days=10))
                submitted = start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))
                session = (
                    None
                    if submitted
                    > (
                        session.submission_closes_on
                        if session and session.submission_closes_on
                        else submitted
                    )
                    else session
                )
            path = PATHS[state]
            times: dict[str, datetime.date] = {}
            t = submitted
            for step in path:
                lo, hi = GAPS[step]
                t = t + datetime.timedelta(days=rng.randint(lo, hi))
                times[step] = t
            overdue = False
            if path and (t > today or (in_flight and not during)):
                # An open 平时提案 reached its present state lately, not months ago.
                # a unit handling one has had it up to three months; deadlines fall due all along
                ago = rng.randint(2, 85 if state in {"assigned", "handling"} else 40)
                shift = (t - (today - datetime.timedelta(days=ago))).days
                if submitted - datetime.timedelta(days=shift) < datetime.date(year, 1, 2):
                    shift = (submitted - datetime.date(year, 1, 2)).days
                times = {k: v - datetime.timedelta(days=shift) for k, v in times.items()}
                submitted -= datetime.timedelta(days=shift)
            if state in {"assigned", "handling"} and year == today.year and rng.random() < 0.15:
                back = rng.randint(95, 140) - (today - times["assign"]).days
                if back > 0:
                    times = {k: v - datetime.timedelta(days=back) for k, v in times.items()}
                    submitted -= datetime.timedelta(days=back)
            submitted_dt = _aware(submitted, rng)
            assign_day = times.get("assign")
            due = (
                _roll_to_workday(assign_day + datetime.timedelta(days=wf.reply_days)) if assign_day else None
            )
            if state == "rehandling":
                due = _roll_to_workday(times["rehandle"] + datetime.timedelta(days=wf.rehandle_days))
            if due and state in {"assigned", "handling", "rehandling"} and due < today:
                overdue = True
            reply_cat = ""
            if state in REPLIED:
                reply_cat = rng.choices(["a", "b", "c"], weights=[55, 35, 10])[0]
            rating = ""
            if state in {"dissatisfied", "rehandling"}:
                rating = "unsatisfied" if state == "dissatisfied" else ""
            elif state == "closed":
                rating = rng.choices(["satisfied", "basic", "unsatisfied"], weights=[78, 20, 2])[0]
            case = Case(
                body=body,
                kind=plan.kind,
                state=state,
                year=year,
                session=session if during else None,
                title=text.title,
                background=text.background,
                content=text.content,
                category=category,
                submitter=plan.focus_user if is_focus else None,
                submitter_member=None if group else ms.member,
                submitter_kind=SubmitterKind.SECTOR if group else SubmitterKind.INDIVIDUAL,
                submitter_name=f"{group.name}界别" if group else ms.member.name,
                is_key=False,
                decline_reason=rng.choice(DECLINE_CODES) if state == "declined" else "",
                reply_category=reply_cat,
                rating=rating,
                due_on=due,
                submitted_at=submitted_dt if path else None,
                registered_at=_aware(times["register"], rng) if "register" in times else None,
                assigned_at=_aware(times["assign"], rng) if "assign" in times else None,
                replied_at=_aware(times["reply"], rng) if "reply" in times else None,
                rated_at=_aware(times["rate"], rng) if "rate" in times and rating else None,
                closed_at=_aware(times["rate"], rng) if state == "closed" else None,
                round=2 if state == "rehandling" else 1,
                followup_on=(times["reply"] + datetime.timedelta(days=rng.choice([90, 180, 270])))
                if reply_cat == "b"
                else None,
                version=len(path),
            )
            cases.append(case)
            lead = plan.focus_unit if to_focus_unit else by_short.get(lead_short) or rng.choice(units)
            assist: HandlingUnit | None = by_short.get(assist_short) or rng.choice(units)
            if assist == lead:
                assist = None
            meta.append(
                {
                    "times": times,
                    "path": path,
                    "ms": ms,
                    "group": group,
                    "lead": lead,
                    "assist": assist if rng.random() < 0.6 else None,
                    "is_focus": is_focus,
                    "overdue": overdue,
                    "during": during,
                    "text": text,
                }
            )
        last_year = deck.used_ids()
    Case.objects.bulk_create(cases, batch_size=1000)

    # 立案 numbers in order of registration, per year.
    serials: dict[int, int] = {}
    order = sorted((c for c in cases if c.registered_at), key=lambda c: (c.year, c.registered_at))
    for c in order:
        serials[c.year] = serials.get(c.year, 0) + 1
        c.serial = serials[c.year]
        c.number = wf.number_format.format(year=c.year, serial=c.serial)
    # 重点件: about 4% of registered cases, a few led by the demo leader.
    key_pool = [c for c in order if c.state not in {"merged"}]
    for c in rng.sample(key_pool, min(len(key_pool), max(2, len(key_pool) // 25))):
        c.is_key = True
        if plan.leader is not None and rng.random() < 0.5:
            c.lead_leader = plan.leader
    Case.objects.bulk_update(order, ["serial", "number", "is_key", "lead_leader"], batch_size=1000)
    survivors = [c for c in order if c.state not in {"merged", "declined"}]

    details, cosponsors, assignments, events, chases = [], [], [], [], []
    staff_name = str(plan.staff) if plan.staff else "工作人员"
    for c, m in zip(cases, meta, strict=True):
        ms = m["ms"]
        details.append(
            ProposalDetail(
                case=c,
                sector_id=ms.sector_id if plan.kind == "proposal" else None,
                delegation_id=ms.delegation_id if plan.kind != "proposal" else None,
                party_id=ms.member.party_id,
            )
        )
        if not m["group"] and rng.random() < 0.25:
            for other in rng.sample(plain, rng.randint(1, 4)):
                if other.member_id != ms.member_id:
                    cosponsors.append(
                        Cosponsor(
                            case=c,
                            member=other.member,
                            status=Cosponsor.Status.CONFIRMED,
                            responded_at=c.submitted_at,
                        )
                    )
        submitter_name = c.submitter_name
        times, path = m["times"], m["path"]
        events.append(
            CaseEvent(
                case=c,
                action="case.create",
                actor=c.submitter,
                actor_name=submitter_name,
                to_state="draft",
                at=(c.submitted_at or now) - datetime.timedelta(days=2),
            )
        )
        state = "draft"
        targets = {
            "submit": "submitted",
            "return": "returned",
            "decline": "declined",
            "merge": "merged",
            "register": "registered",
            "assign": "assigned",
            "accept": "handling",
            "reply": "replied",
            "rehandle": "rehandling",
        }
        for step in path:
            if step == "rate":
                to = "dissatisfied" if c.state in {"dissatisfied", "rehandling"} else "closed"
            else:
                to = targets[step]
            actor, name = (plan.staff, staff_name)
            if step in {"submit", "rate"}:
                actor, name = c.submitter, submitter_name
            elif step in {"accept", "reply"}:
                actor, name = None, m["lead"].name
            note = {
                "return": "请补充具体建议和可行措施后重新提交。",
                "decline": "经审查，不符合立案条件。",
                "rehandle": "提出人不满意，请重新研究办理。",
            }.get(step, "")
            data: dict[str, Any] = {}
            if step == "register":
                data = {"number": c.number}
            if step == "merge":
                target = rng.choice(survivors) if survivors else None
                data = {"into_id": target.pk if target else None}
            if step == "assign":
                data = {
                    "units": [{"unit": m["lead"].name, "role": "主办"}]
                    + ([{"unit": m["assist"].name, "role": "协办"}] if m["assist"] else [])
                }
            if step == "reply":
                data = {"category": c.reply_category or "a", "unit": m["lead"].name}
            if step == "rate":
                data = {"rating": "unsatisfied" if to == "dissatisfied" else c.rating}
            events.append(
                CaseEvent(
                    case=c,
                    action=f"case.{step}",
                    actor=actor,
                    actor_name=name,
                    from_state=state,
                    to_state=to,
                    note=note,
                    data=data,
                    at=_aware(times[step], rng),
                )
            )
            state = to
        if "assign" in times:
            status = AssignmentStatus.ASSIGNED
            if "accept" in times:
                status = AssignmentStatus.ACCEPTED
            if c.state in {"replied", "dissatisfied", "closed"}:
                status = AssignmentStatus.REPLIED
            assignments.append(
                Assignment(
                    case=c,
                    unit=m["lead"],
                    role="lead",
                    status=status,
                    round=c.round,
                    assigned_on=times["assign"],
                    due_on=c.due_on or times["assign"],
                    reroute_until=times["assign"] + datetime.timedelta(days=9),
                    accepted_at=_aware(times["accept"], rng) if "accept" in times else None,
                    replied_at=c.replied_at if status == AssignmentStatus.REPLIED else None,
                )
            )
            if m["assist"]:
                assignments.append(
                    Assignment(
                        case=c,
                        unit=m["assist"],
                        role="assisting",
                        status=status,
                        round=c.round,
                        assigned_on=times["assign"],
                        due_on=c.due_on or times["assign"],
                        reroute_until=times["assign"] + datetime.timedelta(days=9),
                        accepted_at=_aware(times["accept"], rng) if "accept" in times else None,
                        replied_at=c.replied_at if status == AssignmentStatus.REPLIED else None,
                    )
                )
            if m["overdue"]:
                note = f"{m['lead'].name}办理已超期，请抓紧办理并报送答复。"
                chases.append(Chase(case=c, level="chase", note=note, by=plan.staff))
                events.append(
                    CaseEvent(
                        case=c,
                        action="case.chase",
                        actor=plan.staff,
                        actor_name=staff_name,
                        from_state=c.state,
                        to_state=c.state,
                        note=note,
                        data={"level": "chase"},
                        at=now - datetime.timedelta(days=rng.randint(1, 5)),
                    )
                )
        if c.is_key and c.registered_at:
            events.append(
                CaseEvent(
                    case=c,
                    action="case.mark_key",
                    actor=plan.staff,
                    actor_name=staff_name,
                    from_state="registered",
                    to_state="registered",
                    data={"leader": str(c.lead_leader or "")},
                    at=c.registered_at + datetime.timedelta(days=1),
                )
            )
            if c.assigned_at:
                events.append(
                    CaseEvent(
                        case=c,
                        action="case.supervise",
                        actor=plan.leader,
                        actor_name=str(plan.leader or "领导"),
                        from_state=c.state,
                        to_state=c.state,
                        note="赴承办单位实地督办，召开办理协商座谈会。",
                        data={"mode": "meeting"},
                        at=min(now, c.assigned_at + datetime.timedelta(days=20)),
                    )
                )
    ProposalDetail.objects.bulk_create(details, batch_size=2000)
    Cosponsor.objects.bulk_create(cosponsors, batch_size=2000, ignore_conflicts=True)
    Assignment.objects.bulk_create(assignments, batch_size=2000)
    CaseEvent.objects.bulk_create(events, batch_size=2000)
    Chase.objects.bulk_create(chases, batch_size=2000)
    Case.objects.filter(
        pk__in=[c.pk for c, m in zip(cases, meta, strict=True) if c.state == "merged"]
    ).update(merged_into=survivors[0] if survivors else None)

    # Replies, contacts and feedback follow the assignments.
    replies, contacts, feedbacks = [], [], []
    written_for = {c.pk: m["text"] for c, m in zip(cases, meta, strict=True)}
    lead_of = {a.case_id: a.unit.name for a in assignments if a.role == "lead"}
    signers = ["王建国", "李明华", "张志强", "刘晓燕", "陈卫东", "杨红梅", "赵立新", "黄海涛"]
    for a in assignments:
        c = a.case
        if a.accepted_at and rng.random() < 0.7:
            contacts.append(
                Contact(
                    case=c,
                    assignment=a,
                    stage="before",
                    mode=rng.choice(["face", "phone", "visit"]),
                    on=timezone.localtime(a.accepted_at).date(),
                    note="与提出人沟通办理思路和时间安排。",
                )
            )
        if c.state not in REPLIED or not c.replied_at:
            continue
        is_lead = a.role == "lead"
        category = c.reply_category if is_lead else ""
        answer = texts.reply_text(
            trng,
            written_for[c.pk],
            category=category,
            addressee=_addressee(c),
            year=c.year,
            promised=c.followup_on if category == "b" else None,
            lead_name=lead_of.get(c.pk, ""),
        )
        replies.append(
            Reply(
                case=c,
                assignment=a,
                round=1,
                category=category,
                content=answer,
                signed_by=rng.choice(signers),
                promised_on=c.followup_on if category == "b" else None,
                reviewed_at=c.replied_at,
            )
        )
        if is_lead and c.rated_at:
            rating = "unsatisfied" if c.state in {"dissatisfied", "rehandling"} else c.rating
            feedbacks.append(
                Feedback(
                    case=c,
                    round=1,
                    rater=c.submitter,
                    rating=rating,
                    comment="答复未解决实际问题。" if rating == "unsatisfied" else "",
                    consulted="face",
                    attitude="good" if rating != "unsatisfied" else "fair",
                    addresses_points=rating != "unsatisfied",
                    result="solved" if category == "a" else "planned",
                )
            )
    Reply.objects.bulk_create(replies, batch_size=2000)
    Contact.objects.bulk_create(contacts, batch_size=2000)
    Feedback.objects.bulk_create(feedbacks, batch_size=2000, ignore_conflicts=True)
    return len(cases)


@demo.step(20)
def proposals_and_suggestions(ctx: demo.DemoContext) -> None:
    year = ctx.today.year
    if ctx.scale == "national":
        body = ctx.bodies.get("national")
        if body is not None:
            n = seed_cases(
                ctx,
                Plan(body=body, kind="proposal", years={year: 10_000}, staff=ctx.users.get("bench-staff")),
            )
            ctx.log(f"全国规模：已生成提案 {n} 件。")
        return
    users = ctx.users
    cppcc, congress = ctx.bodies["city-cppcc"], ctx.bodies["city-congress"]
    unit = users["demo-unit"].handling_unit
    plan = Plan(
        body=cppcc,
        kind="proposal",
        years={year - 1: 160, year: 140},
        staff=users["demo-staff"],
        leader=users["demo-leader"],
        focus_user=users["demo-member"],
        focus_unit=unit,
        focus_states=["draft", "submitted", "handling", "replied", "replied", "closed", "closed", "returned"],
        focus_unit_states=[
            "assigned",
            "assigned",
            "assigned",
            "handling",
            "handling",
            "handling",
            "handling",
            "handling",
            "replied",
            "replied",
            "rehandling",
            "closed",
            "closed",
            "closed",
        ],
    )
    n1 = seed_cases(ctx, plan)
    congress_unit = HandlingUnit.objects.filter(body=congress, short_name=unit.short_name).first()
    n2 = seed_cases(
        ctx,
        Plan(
            body=congress,
            kind="suggestion",
            years={year - 1: 130, year: 120},
            staff=users["demo-deputy-staff"],
            focus_user=users["demo-deputy"],
            focus_unit=congress_unit,
            focus_states=["draft", "submitted", "handling", "replied", "closed"],
        ),
    )
    n3 = seed_cases(
        ctx, Plan(body=congress, kind="bill", years={year - 1: 6, year: 8}, staff=users["demo-deputy-staff"])
    )
    # Each county body keeps its own smaller year, so the city bodies see their children's
    # figures; own generators, so the city's demo stays as it was.
    n4 = 0
    for key, child in sorted(ctx.bodies.items()):
        if child.level == BodyLevel.COUNTY:
            sub = dataclasses.replace(ctx, rng=random.Random(f"county:{key}"))
            kind = "proposal" if child.kind == BodyKind.CPPCC else "suggestion"
            size = {year - 1: sub.rng.randint(30, 55), year: sub.rng.randint(25, 50)}
            n4 += seed_cases(sub, Plan(body=child, kind=kind, years=size))
    # Both bodies publish answered proposals and suggestions (公开答复) whose submitters consented.
    for body, kind in ((cppcc, "proposal"), (congress, "suggestion")):
        KindSetting.objects.update_or_create(body=body, kind=kind, defaults={"publish_replies": True})
    # The sweep's reminders land on the handling units' notifications pages, as every morning.
    deadlines_sweep(body_id=cppcc.pk)
    ctx.log(f"已生成提案 {n1} 件、代表建议 {n2} 件、议案 {n3} 件；县区 {n4} 件。")
