"""Demo year of 信访件 at 示范市人大常委会: ≈120 letters, visits, online and phone petitions in
every state, ten of them repeated petitions linked to the first, and the 信访 staff account."""

from __future__ import annotations

import datetime
import random

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
from .services import public_actor
from .workflow import PetitionForm

STATES = (
    ["submitted"] * 8
    + ["registered"] * 8
    + ["admitted"] * 8
    + ["rejected"] * 6
    + ["transferred"] * 20
    + ["assigned"] * 10
    + ["handling"] * 12
    + ["replied"] * 10
    + ["dissatisfied"] * 3
    + ["reviewing"] * 2
    + ["closed"] * 33
)
FORMS = (
    [PetitionForm.LETTER] * 5 + [PetitionForm.VISIT] * 3 + [PetitionForm.ONLINE] * 3 + [PetitionForm.PHONE]
)


def _when(value: datetime.datetime | None) -> datetime.datetime:
    return value or timezone.now()


def _at(d: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(d, datetime.time(hour, 0)))


@demo.step(30)
def petition_year(ctx: demo.DemoContext) -> None:
    body = ctx.bodies.get("city-congress")
    if body is None:
        return
    rng, today = ctx.rng, ctx.today
    year, jan1 = today.year, datetime.date(today.year, 1, 1)
    span = max(0, (today - jan1).days)
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
    public = public_actor()
    units = {u.name.removeprefix("示范市"): u for u in HandlingUnit.objects.filter(body=body)}
    fallback = next(iter(units.values()))
    people = [(fake.name(), fake.ssn(), fake.phone_number(), fake.address()[:60]) for _ in range(110)]
    # Texts from their own generator (seeded from ctx.rng's state, which it leaves alone).
    trng = random.Random(f"petitions:{rng.getstate()[1][1]}")
    order = list(texts.MATTERS)
    matters: list[texts.Matter] = []
    names: list[dict[str, str]] = []
    cases, details, serial = [], [], 0
    for i, state in enumerate(STATES):
        # The last ten are the same people coming back about the same matter: 重复信访.
        repeat = i >= len(STATES) - 10
        person = people[i - 100] if repeat else people[i % len(people)]
        if i % len(order) == 0:
            trng.shuffle(order)
        matter = matters[i - 100] if repeat else order[i % len(order)]
        named = names[i - 100] if repeat else texts.pick(trng)
        matters.append(matter)
        names.append(named)
        title, content = texts.petition_text(
            trng, matter, named, surname=person[0][0], year=year, repeat=repeat
        )
        received = jan1 + datetime.timedelta(days=min(span, int(i * span / len(STATES))))
        c = Case(
            body=body,
            kind="petition",
            state=state,
            year=year,
            title=title,
            content=content,
            submitter=public,
            submitter_name=portal.mask_name(person[0]),
            submitted_at=_at(received, 9 + i % 8),
            is_public=False,
            public_note="信访件，不公开",
        )
        if state != "submitted":
            serial += 1
            c.serial, c.number, c.registered_at = serial, f"信访〔{year}〕第{serial:04d}号", _at(received, 15)
        cases.append(c)
        form = FORMS[i % len(FORMS)]
        details.append(
            PetitionDetail(
                case=c,
                form=form,
                category=matter.category if state != "submitted" else "",
                petitioner_name=person[0],
                id_number=person[1],
                phone=person[2],
                address=person[3],
                persons=rng.randint(1, 12) if form == PetitionForm.VISIT else 1,
                received_on=received,
                notify_due_on=workdays.due_after(received, 15),
                notified_on=received + datetime.timedelta(days=rng.randint(3, 12))
                if state not in {"submitted", "registered"}
                else None,
            )
        )
    Case.objects.bulk_create(cases)
    first_of: dict[str, Case] = {}
    for c, d in zip(cases, details, strict=True):
        if d.id_number in first_of:
            d.earlier = first_of[d.id_number]
        else:
            first_of[d.id_number] = c
        if c.state == "rejected":
            c.replied_at = _at(d.notified_on or d.received_on, 11)
    PetitionDetail.objects.bulk_create(details)
    events, assignments, replies, feedbacks = [], [], [], []
    routed = {"transferred", "assigned", "handling", "replied", "dissatisfied", "reviewing", "closed"}
    for i, (c, d) in enumerate(zip(cases, details, strict=True)):
        events.append(
            CaseEvent(
                case=c,
                action="case.submit",
                actor_name="社会公众",
                from_state="draft",
                to_state="submitted",
                at=_when(c.submitted_at),
            )
        )
        if c.registered_at:
            events.append(
                CaseEvent(
                    case=c,
                    action="case.register",
                    actor=staff,
                    actor_name=staff.display_name,
                    from_state="submitted",
                    to_state="registered",
                    at=_when(c.registered_at),
                    data={"number": c.number},
                )
            )
        if d.notified_on and c.state != "rejected":
            events.append(
                CaseEvent(
                    case=c,
                    action="case.admit",
                    actor=staff,
                    actor_name=staff.display_name,
                    from_state="registered",
                    to_state="admitted",
                    at=_at(d.notified_on, 10),
                )
            )
        if c.state not in routed:
            continue
        unit = units.get(matters[i].unit, fallback)
        start = (d.notified_on or d.received_on) + datetime.timedelta(days=1)
        answered = c.state in {"replied", "dissatisfied", "reviewing", "closed"}
        direct = answered and i % 7 == 0
        transfer = c.state == "transferred" or (answered and i % 2 == 0)
        c.due_on = workdays.due_after(start, 60)
        if direct:
            d.answer = texts.petition_answer(trng, matters[i], names[i], unit=unit.name, year=year)
            events.append(
                CaseEvent(
                    case=c,
                    action="case.answer",
                    actor=staff,
                    actor_name=staff.display_name,
                    from_state="admitted",
                    to_state="replied",
                    at=_at(start + datetime.timedelta(days=10), 16),
                )
            )
        else:
            a = Assignment(
                case=c,
                unit=unit,
                role="lead",
                status=AssignmentStatus.ACCEPTED,
                assigned_on=start,
                due_on=c.due_on,
            )
            if answered:
                a.status = AssignmentStatus.REPLIED
            assignments.append(a)
            c.assigned_at = _at(start, 9)
            events.append(
                CaseEvent(
                    case=c,
                    action="case.transfer" if transfer else "case.assign",
                    actor=staff,
                    actor_name=staff.display_name,
                    from_state="admitted",
                    to_state="transferred" if transfer else "assigned",
                    at=_when(c.assigned_at),
                    data={"units": [{"unit": unit.name, "role": "主办"}]},
                )
            )
        if answered:
            c.replied_at = _at(min(today, start + datetime.timedelta(days=rng.randint(10, 50))), 15)
            c.reply_category = "a" if rng.random() < 0.6 else "c"
            if not direct:
                events.append(
                    CaseEvent(
                        case=c,
                        action="case.reply",
                        actor_name=unit.name,
                        from_state="handling",
                        to_state="replied",
                        at=_when(c.replied_at),
                    )
                )
        if c.state in {"closed", "dissatisfied", "reviewing"}:
            c.rating = (
                "unsatisfied" if c.state != "closed" else ("satisfied" if rng.random() < 0.75 else "basic")
            )
            c.rated_at = c.replied_at
            feedbacks.append(Feedback(case=c, rater=public, rating=c.rating, is_submitter=True))
            events.append(
                CaseEvent(
                    case=c,
                    action="case.rate",
                    actor=public,
                    actor_name="社会公众",
                    from_state="replied",
                    to_state="closed" if c.state == "closed" else "dissatisfied",
                    at=_when(c.rated_at),
                )
            )
        if c.state == "closed":
            c.closed_at, c.due_on = c.rated_at, None
    Assignment.objects.bulk_create(assignments)
    position = {id(c): i for i, c in enumerate(cases)}
    replies = [
        Reply(
            case=a.case,
            assignment=a,
            category=a.case.reply_category,
            content=texts.petition_answer(
                trng, matters[position[id(a.case)]], names[position[id(a.case)]], unit=a.unit.name, year=year
            ),
            signed_by="分管负责人",
        )
        for a in assignments
        if a.status == AssignmentStatus.REPLIED
    ]
    Reply.objects.bulk_create(replies)
    Feedback.objects.bulk_create(feedbacks)
    Case.objects.bulk_update(
        cases, ["due_on", "assigned_at", "replied_at", "reply_category", "rating", "rated_at", "closed_at"]
    )
    PetitionDetail.objects.bulk_update([d for d in details if d.answer], ["answer"])
    CaseEvent.objects.bulk_create(events)
