"""Demo meetings and activities: last year in full and this year to date, for both city bodies and
their county bodies; ``--scale national`` gives the benchmark body 1,000 events and 40,000
attendance rows.

Proportions follow the corpus reports: a city CPPCC holds one plenary, 4–6 standing-committee
meetings, 12–16 chair meetings and 20–28 Party-group meetings a year; some 25–30 consultations
(two 专题议政性常委会议, six 专题协商会, 提案办理协商 on the key proposals, 对口 and 界别协商, a
few 请你来协商), a dozen research topics with their reports, a dozen inspections, a handful of
democratic-supervision items and dozens of 微协商 at its stations; 50 大会发言 submitted with
about 30 used. A congress standing committee meets 8–9 times, its director meeting 16 times,
and its deputies' year is research, inspection, training and reception at the liaison stations.
Everything is decided in Python first, then bulk-created in its final state (no audit rows: no
one acted); nothing is dated after today.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from lvzhi.core import demo
from lvzhi.orgs.models import (
    LEADER_ROLES,
    Body,
    BodyLevel,
    HandlingUnit,
    Membership,
    MembershipRole,
    Session,
    SpecialCommittee,
    Term,
)

from . import demo_texts as t
from .eventtypes import ensure_builtin_event_types
from .models import (
    Attendance,
    AttendanceStatus,
    CultureCall,
    CultureVolume,
    DutyPost,
    DutyThread,
    DutyThreadStatus,
    Event,
    EventStatus,
    EventType,
    Manuscript,
    ManuscriptStage,
    Meeting,
    MeetingKind,
    Outcome,
    OutcomeKind,
    OutcomeRecipient,
    OutcomeStatus,
    Plan,
    PlanItem,
    PlanItemState,
    PlanStatus,
    SignInState,
    Speech,
    SpeechKind,
    SpeechStatus,
    Station,
    StationReception,
    StudyGroup,
)
from .services import meeting_default_title

DAY = datetime.timedelta(days=1)


@dataclass
class World:
    body: Body
    rng: random.Random
    today: datetime.date
    members: list[int]
    standing: list[int]
    leaders: list[str]
    committees: list[SpecialCommittee]
    units: list[HandlingUnit]
    term: Term | None
    types: dict[str, EventType]
    stations: list[Station] = field(default_factory=list)
    scale: float = 1.0

    @property
    def cppcc(self) -> bool:
        return self.body.kind == "cppcc"

    @property
    def place(self) -> str:
        return self.body.region

    def sample(self, pool: Sequence[int], k: int) -> list[int]:
        return self.rng.sample(list(pool), min(k, len(pool)))


def _world(body: Body, today: datetime.date, scale: float) -> World:
    rng = random.Random(f"activities:{body.name}")
    ms = list(
        Membership.objects.filter(body=body, is_active=True, term__is_current=True).values_list(
            "member_id", "role"
        )
    )
    leaders = list(
        Membership.objects.filter(body=body, role__in=LEADER_ROLES, is_active=True)
        .select_related("member")
        .values_list("member__name", "role")
    )
    role_label = dict(MembershipRole.choices)
    types = {et.code: et for et in EventType.objects.filter(body=None)}
    return World(
        body=body,
        rng=rng,
        today=today,
        members=[m for m, _ in ms],
        standing=[m for m, r in ms if r not in {MembershipRole.MEMBER, MembershipRole.DEPUTY}],
        leaders=[f"{role_label[r]}{n}" for n, r in leaders] or ["主席会议成员"],
        committees=list(SpecialCommittee.objects.filter(body=body)),
        units=list(HandlingUnit.objects.filter(body=body)[:40]),
        term=Term.objects.filter(body=body, is_current=True).first(),
        types=types,
        scale=scale,
    )


def _date_in(w: World, span: demo.Span, month: int | None = None) -> datetime.date:
    if month is not None:
        start = datetime.date(span.year, month, 1)
        end = (datetime.date(span.year + (month // 12), month % 12 + 1, 1)) - DAY
    else:
        start, end = datetime.date(span.year, 2, 20), datetime.date(span.year, 12, 20)
    d = start + datetime.timedelta(days=w.rng.randint(0, max(0, (end - start).days)))
    while d.weekday() >= 5:
        d += DAY
    return d


def _spread(w: World, span: demo.Span, n: int, first: int = 2, last: int = 12) -> list[datetime.date]:
    """n dates spread over the months of the year, weekdays."""
    out = []
    for i in range(n):
        month = first + (i * (last - first + 1)) // max(n, 1)
        out.append(_date_in(w, span, min(month, 12)))
    return sorted(out)


def _attendance_rows(
    w: World, member_ids: Sequence[int], on: datetime.date, held: bool, **link: Any
) -> list[Attendance]:
    rows = []
    for m in member_ids:
        if held:
            r = w.rng.random()
            status = (
                AttendanceStatus.PRESENT
                if r < 0.8
                else AttendanceStatus.LATE
                if r < 0.85
                else AttendanceStatus.LEAVE
                if r < 0.94
                else AttendanceStatus.ABSENT
            )
        else:
            status = AttendanceStatus.LEAVE_REQUESTED if w.rng.random() < 0.05 else AttendanceStatus.INVITED
        signed = None
        if status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE):
            minute = w.rng.randint(5, 28) if status == AttendanceStatus.PRESENT else w.rng.randint(31, 50)
            signed = timezone.make_aware(datetime.datetime.combine(on, datetime.time(8, minute)))
        rows.append(
            Attendance(
                member_id=m,
                body=w.body,
                on=on,
                status=status,
                signed_in_at=signed,
                leave_reason="工作冲突，已向会务组报备"
                if status in (AttendanceStatus.LEAVE, AttendanceStatus.LEAVE_REQUESTED)
                else "",
                **link,
            )
        )
    return rows


def _starts(on: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(on, datetime.time(hour, 0)))


# ------------------------------------------------------------------------------------------- meetings


def _meetings(w: World, span: demo.Span) -> tuple[list[Meeting], Meeting | None, list[Meeting]]:
    body, rng = w.body, w.rng
    years_in = span.year - (w.term.start_year if w.term else span.year)
    plan = [
        (MeetingKind.STANDING, round((8 if not w.cppcc else 5) * max(w.scale, 0.6))),
        (
            MeetingKind.CHAIR if w.cppcc else MeetingKind.DIRECTOR,
            round((14 if w.cppcc else 16) * max(w.scale, 0.5)),
        ),
        (MeetingKind.PARTY_GROUP, round(24 * max(w.scale, 0.5))),
        (MeetingKind.SECRETARY, round(10 * w.scale)),
    ]
    meetings: list[Meeting] = []
    attendance: list[Attendance] = []
    session = Session.objects.filter(term=w.term, year=span.year).first() if w.term else None
    plenary = None
    if session is not None and session.opens_on and session.opens_on <= span.end:
        plenary = Meeting(
            body=body,
            kind=MeetingKind.PLENARY,
            term=w.term,
            session=session,
            number=session.number,
            title=session.name,
            held_on=session.opens_on,
            ends_on=min(session.closes_on or session.opens_on, span.end),
            place=f"{w.place}人民会堂",
            presided_by=w.leaders[0],
            agenda="听取和审议常务委员会工作报告\n听取和审议提案工作情况报告\n列席本级人民代表大会会议，听取政府工作报告\n大会发言\n通过政治决议"
            if w.cppcc
            else "听取和审议政府工作报告\n听取和审议人大常委会工作报告\n审查和批准计划、预算\n听取和审议法院、检察院工作报告\n选举",
            documents="政治决议\n提案审查委员会关于提案审查情况的报告"
            if w.cppcc
            else "关于政府工作报告的决议\n关于人大常委会工作报告的决议",
            signin_state=SignInState.CLOSED,
            starts_at=_starts(session.opens_on),
        )
        meetings.append(plenary)
    for kind, n in plan:
        if n <= 0:
            continue
        dates = [d for d in _spread(w, span, n, first=1) if d <= span.end]
        for i, on in enumerate(dates, start=1):
            number = (
                years_in * n + i
                if kind in (MeetingKind.STANDING, MeetingKind.CHAIR, MeetingKind.DIRECTOR)
                else None
            )
            title = meeting_default_title(
                body=body, kind=kind, number=number, term=w.term, session=None, committee=None, held_on=on
            )
            agenda = {
                MeetingKind.STANDING: "传达学习中央和省委、市委有关会议精神\n专题议政\n审议有关人事事项",
                MeetingKind.CHAIR: "研究年度协商计划落实\n审议专委会调研报告\n研究委员履职有关事项",
                MeetingKind.DIRECTOR: "研究常委会会议议程\n听取专题调研情况汇报\n研究代表建议督办事项",
                MeetingKind.PARTY_GROUP: "落实“第一议题”制度，学习习近平总书记重要讲话精神\n研究重大事项请示报告",
                MeetingKind.SECRETARY: "研究机关重点工作推进\n部署近期会务",
            }[kind]
            meetings.append(
                Meeting(
                    body=body,
                    kind=kind,
                    term=w.term,
                    number=number,
                    title=title,
                    held_on=on,
                    place=f"{body.short_name or body.name}机关{rng.choice(['一', '二', '三'])}楼会议室",
                    presided_by=w.leaders[0],
                    agenda=agenda,
                    documents="关于年度协商计划的决定"
                    if kind == MeetingKind.STANDING and i == 1 and w.cppcc
                    else "",
                    signin_state=SignInState.CLOSED,
                    starts_at=_starts(on, 15 if kind == MeetingKind.PARTY_GROUP else 9),
                )
            )
    # 专委会会议: each committee meets two or three times a year.
    for c in w.committees[: max(2, int(len(w.committees) * w.scale))]:
        for on in _spread(w, span, rng.randint(2, 3)):
            if on <= span.end:
                meetings.append(
                    Meeting(
                        body=body,
                        kind=MeetingKind.COMMITTEE,
                        committee=c,
                        term=w.term,
                        title=f"{c.name}全体会议（{on:%Y年%-m月%-d日}）",
                        held_on=on,
                        agenda="研究本委年度工作\n审议调研报告",
                        signin_state=SignInState.CLOSED,
                    )
                )
    Meeting.objects.bulk_create(meetings)
    for m in meetings:
        if m.kind == MeetingKind.PLENARY:
            attendance += _attendance_rows(w, w.members, m.held_on, True, meeting=m)
        elif m.kind == MeetingKind.STANDING:
            attendance += _attendance_rows(w, w.standing, m.held_on, True, meeting=m)
    Attendance.objects.bulk_create(attendance, batch_size=2000)
    chair_meetings = [m for m in meetings if m.kind in (MeetingKind.CHAIR, MeetingKind.DIRECTOR)]
    return meetings, plenary, chair_meetings


# ----------------------------------------------------------------------------------------------- plan


@dataclass
class Planned:
    type: str
    title: str
    topic: str
    month: int
    committee: SpecialCommittee | None = None
    station: Station | None = None
    in_plan: bool = False
    sector: Any = None
    study_group: StudyGroup | None = None


def _cycle(w: World, items: Sequence[Any], n: int) -> list[Any]:
    pool = list(items)
    w.rng.shuffle(pool)
    return [pool[i % len(pool)] for i in range(n)]


def _cppcc_year(w: World, brand: EventType | None, groups: list[StudyGroup]) -> list[Planned]:
    s, rng = w.scale, w.rng
    out: list[Planned] = []
    com = w.committees or [None]  # type: ignore[list-item]  # a body without committees
    topics = _cycle(w, t.CONSULTATION, 30)
    sc_topics, topics = topics[:2], topics[2:]
    for topic in sc_topics:
        out.append(
            Planned("topic_sc", f"“{topic}”专题议政性常委会议", topic, rng.choice([5, 9]), None, in_plan=True)
        )
    for topic in topics[: max(2, round(6 * s))]:
        out.append(
            Planned(
                "topic_consult",
                f"“{topic}”专题协商会",
                topic,
                rng.randint(3, 11),
                rng.choice(com),
                in_plan=True,
            )
        )
    topics = topics[6:]
    for topic in topics[: max(1, round(5 * s))]:
        out.append(
            Planned(
                "counterpart", f"“{topic}”对口协商", topic, rng.randint(3, 11), rng.choice(com), in_plan=True
            )
        )
    topics = topics[5:]
    sectors = list(w.body.sectors.all()[:12])
    for topic in topics[: max(1, round(4 * s))]:
        sector = rng.choice(sectors) if sectors else None
        title = f"{sector.name}界别协商：{topic}" if sector else f"界别协商：{topic}"
        out.append(
            Planned(
                "sector_consult",
                title,
                topic,
                rng.randint(4, 11),
                rng.choice(com),
                in_plan=True,
                sector=sector,
            )
        )
    topics = topics[4:]
    for topic in _cycle(w, t.PROPOSAL_CONSULT, max(2, round(8 * s))):
        out.append(
            Planned(
                "proposal_consult",
                topic,
                topic.replace("重点提案办理协商", ""),
                rng.randint(5, 10),
                com[0],
                in_plan=True,
            )
        )
    if brand is not None:
        for topic in topics[: max(1, round(4 * s))]:
            out.append(
                Planned(
                    brand.code,
                    f"{brand.name}：{topic}",
                    topic,
                    rng.randint(3, 11),
                    rng.choice(com),
                    in_plan=True,
                )
            )
    if s >= 1:
        for topic in t.ONLINE[:2]:
            out.append(
                Planned("online_consult", topic, topic.split("：")[-1], rng.randint(4, 10), rng.choice(com))
            )
    for topic in _cycle(w, t.RESEARCH, max(3, round(12 * s))):
        out.append(
            Planned(
                "research", f"关于{topic}的专题调研", topic, rng.randint(3, 10), rng.choice(com), in_plan=True
            )
        )
    for topic in _cycle(w, t.INSPECTION, max(3, round(12 * s))):
        out.append(
            Planned(
                "inspection",
                f"视察{topic}",
                topic,
                rng.randint(3, 11),
                rng.choice(com),
                in_plan=rng.random() < 0.5,
            )
        )
    suffix = {
        "special_supervision": "专项民主监督",
        "supervisory_inspection": "监督性视察",
        "democratic_review": "民主评议",
    }
    for code, topic in _cycle(w, t.SUPERVISION, max(2, round(6 * s))):
        out.append(
            Planned(code, f"{topic}{suffix[code]}", topic, rng.randint(4, 11), rng.choice(com), in_plan=True)
        )
    for name in t.BRIEFING[: max(1, round(3 * s))]:
        out.append(Planned("briefing", name, name, rng.randint(2, 12)))
    for name in t.STUDY[: max(2, round(6 * s))]:
        out.append(Planned("study", name, name, rng.randint(2, 12)))
    for name in t.TRAINING[: max(1, round(3 * s))]:
        out.append(Planned("training", name, name, rng.randint(3, 11)))
    for g in groups:
        for book in g.book_list:
            out.append(
                Planned("reading", f"{g.name}读书分享会：{book}", book, rng.randint(3, 11), study_group=g)
            )
    for st in w.stations:
        for issue in _cycle(w, t.GRASSROOTS, rng.randint(2, 4)):
            out.append(
                Planned("grassroots", f"{st.name}“微协商”：{issue}", issue, rng.randint(2, 12), station=st)
            )
    return out


def _congress_year(w: World) -> list[Planned]:
    s, rng = w.scale, w.rng
    com = w.committees or [None]  # type: ignore[list-item]  # a body without committees
    out: list[Planned] = []
    for topic in _cycle(w, t.CONGRESS_RESEARCH, max(3, round(14 * s))):
        out.append(
            Planned(
                "research", f"关于{topic}的专题调研", topic, rng.randint(3, 11), rng.choice(com), in_plan=True
            )
        )
    for topic in _cycle(w, t.CONGRESS_INSPECTION, max(2, round(8 * s))):
        out.append(
            Planned(
                "inspection",
                f"视察{topic}",
                topic,
                rng.randint(3, 11),
                rng.choice(com),
                in_plan=rng.random() < 0.5,
            )
        )
    for name in t.CONGRESS_BRIEFING:
        out.append(Planned("briefing", name, name, rng.randint(3, 11)))
    for name in t.CONGRESS_STUDY:
        out.append(Planned("study", name, name, rng.randint(2, 12)))
    for name in t.CONGRESS_TRAINING[: max(2, round(4 * s))]:
        out.append(Planned("training", name, name, rng.randint(3, 11)))
    for st in w.stations:
        for _ in range(rng.randint(2, 4)):
            out.append(
                Planned(
                    "deputy_reception", f"{st.name}代表进站接待选民", st.name, rng.randint(2, 12), station=st
                )
            )
    return out


# -------------------------------------------------------------------------------------------- outcomes


OUTCOME_FOR = {
    "research": (OutcomeKind.RESEARCH_REPORT, "关于{}的调研报告", 0.9),
    "inspection": (OutcomeKind.INSPECTION_REPORT, "关于{}的视察报告", 0.7),
    "supervision": (OutcomeKind.SUPERVISION_OPINION, "关于{}的民主监督意见", 0.9),
    "consultation": (OutcomeKind.CONSULTATION_ADVICE, "关于{}的协商建议", 0.8),
}
EFFECTS = [
    "市委主要领导批示肯定，相关建议纳入市政府年度重点工作。",
    "市政府常务会议专题研究，出台配套实施意见。",
    "主管部门逐条研究，已落实建议5条、列入计划3条。",
    "相关建议被吸收进“十四五”专项规划中期调整。",
]


def _outcomes(w: World, events: list[Event], planned: dict[int, Planned], span: demo.Span) -> dict[int, str]:
    """Outcomes of held events; returns the plan-item state each event reached."""
    rng, today = w.rng, w.today
    outcomes: list[Outcome] = []
    reached: dict[int, str] = {}
    for e in events:
        p = planned[e.pk]
        category = e.type.category
        if e.status != EventStatus.HELD or category not in OUTCOME_FOR or e.type.is_grassroots:
            continue
        kind, pattern, share = OUTCOME_FOR[category]
        if rng.random() > share:
            continue
        sent = e.held_on + datetime.timedelta(days=rng.randint(12, 40))
        status = OutcomeStatus.DRAFT
        sent_on = acted = answered = None
        last = min(span.end, today)
        if sent <= last:
            sent_on, status = sent, OutcomeStatus.SENT
            answer_day = sent + datetime.timedelta(days=rng.randint(10, 30))
            if answer_day <= last and rng.random() < 0.8:
                status, answered = OutcomeStatus.ANSWERED, answer_day
                acted_day = answer_day + datetime.timedelta(days=rng.randint(20, 60))
                if acted_day <= last and rng.random() < 0.7:
                    status, acted = OutcomeStatus.ACTED_ON, acted_day
        outcomes.append(
            Outcome(
                body=w.body,
                event=e,
                kind=kind,
                title=pattern.format(p.topic),
                content=f"{w.body.short_name}围绕“{p.topic}”组织{e.type.name}，形成本报告。一、基本情况。二、存在的问题。三、意见建议：（一）加强统筹谋划；（二）强化要素保障；（三）健全长效机制。",
                status=status,
                sent_on=sent_on,
                answered_on=answered,
                acted_on=acted,
                effect=rng.choice(EFFECTS) if acted else "",
            )
        )
        reached[e.pk] = (
            PlanItemState.ACTED_ON
            if status == OutcomeStatus.ACTED_ON
            else PlanItemState.OUTCOME_SENT
            if status == OutcomeStatus.SENT
            else PlanItemState.HELD
        )
    Outcome.objects.bulk_create(outcomes)
    recipients: list[OutcomeRecipient] = []
    top = ("市委", "市政府") if w.body.level != BodyLevel.COUNTY else ("县委", "县政府")
    for o in outcomes:
        recipients += [
            OutcomeRecipient(outcome=o, name=f"{w.place}{top[0]}"),
            OutcomeRecipient(outcome=o, name=f"{w.place}{top[1]}"),
        ]
        if w.units and rng.random() < 0.5:
            unit = rng.choice(w.units)
            recipients.append(
                OutcomeRecipient(
                    outcome=o,
                    name=unit.name,
                    unit=unit,
                    owes_answer=True,
                    due_on=(o.sent_on or o.event.held_on) + datetime.timedelta(days=30),  # type: ignore[union-attr]  # outcomes here have events
                )
            )
    OutcomeRecipient.objects.bulk_create(recipients)
    return reached


# ----------------------------------------------------------------------------------------- one body


def _stations(w: World) -> None:
    rng = w.rng
    names = t.CPPCC_STATIONS if w.cppcc else t.CONGRESS_STATIONS
    n = len(names) if w.scale >= 1 else rng.randint(3, 5)
    rows = []
    for i, (kind, name) in enumerate(names[:n]):
        label = name if w.scale >= 1 else f"{w.place}{name}"
        rows.append(
            Station(
                body=w.body,
                kind=kind,
                name=label,
                address=f"{w.place}{rng.choice(['人民路', '解放路', '建设大道', '滨河路', '新华街'])}{rng.randint(1, 300)}号",
                contact_phone=f"0{rng.randint(300, 999)}-{rng.randint(2000000, 8999999)}",
                reception_days=rng.choice(["每月第二个周四", "每月15日", "每周三下午", "每月最后一个周五"]),
                established_on=datetime.date(
                    w.today.year - 2 - (i % 3), rng.randint(1, 12), rng.randint(1, 28)
                ),
                lead_member_id=rng.choice(w.members) if w.members else None,
            )
        )
    # One station opened this year, so this year's count differs from last year's.
    if rows:
        rows[-1].established_on = datetime.date(w.today.year, 3, 18)
    Station.objects.bulk_create(rows)
    through = Station.members.through
    links = []
    for st in rows:
        for m in w.sample(w.members, rng.randint(6, 15)):
            links.append(through(station_id=st.pk, member_id=m))
    through.objects.bulk_create(links, ignore_conflicts=True)
    w.stations = rows


def _receptions(w: World, span: demo.Span) -> None:
    rng = w.rng
    rows = []
    for st in w.stations:
        if st.established_on and st.established_on > span.end:
            continue
        for month in range(1, 13, 2):
            on = _date_in(w, span, month)
            if on > span.end or (st.established_on and on < st.established_on):
                continue
            rows.append(
                StationReception(
                    station=st,
                    on=on,
                    residents_count=rng.randint(4, 30),
                    topics="；".join(rng.sample(t.GRASSROOTS, 2)),
                )
            )
    StationReception.objects.bulk_create(rows)
    through = StationReception.members.through
    links = []
    members_of = {st.pk: list(st.members.values_list("pk", flat=True)) for st in w.stations}
    for r in rows:
        for m in w.sample(members_of.get(r.station_id, []), 2):
            links.append(through(stationreception_id=r.pk, member_id=m))
    through.objects.bulk_create(links, ignore_conflicts=True)


def _groups(w: World, span: demo.Span) -> list[StudyGroup]:
    if not w.cppcc:
        return []
    rng = w.rng
    chosen = t.READING_GROUPS if w.scale >= 1 else t.READING_GROUPS[:1]
    groups = [
        StudyGroup(
            body=w.body, year=span.year, name=name, books="\n".join(books), leader_id=rng.choice(w.members)
        )
        for name, books in chosen
    ]
    StudyGroup.objects.bulk_create(groups)
    through = StudyGroup.members.through
    links = [
        through(studygroup_id=g.pk, member_id=m)
        for g in groups
        for m in w.sample(w.members, rng.randint(12, 30))
    ]
    through.objects.bulk_create(links, ignore_conflicts=True)
    return groups


def _events(w: World, span: demo.Span, planned: list[Planned], chair_meetings: list[Meeting]) -> None:
    rng, body = w.rng, w.body
    # The plan: approved by the Party committee in February, adopted by the first chair/director meeting.
    plan = Plan(
        body=body,
        year=span.year,
        title=f"{body.short_name}{span.year}年度{'协商计划' if w.cppcc else '工作要点'}",
        status=PlanStatus.APPROVED,
        party_approved_on=datetime.date(span.year, 2, 10),
        party_approval_doc=f"{w.place}委办〔{span.year}〕{rng.randint(3, 20)}号",
        approved_at_meeting=chair_meetings[0] if chair_meetings else None,
    )
    plan.save()
    in_plan = sorted((p for p in planned if p.in_plan), key=lambda p: p.month)
    items = []
    for n, p in enumerate(in_plan, start=1):
        items.append(
            PlanItem(
                plan=plan,
                number=n,
                event_type=w.types.get(p.type) or EventType.objects.get(code=p.type),
                topic=p.topic,
                lead_committee=p.committee,
                month=p.month,
                leaders=rng.choice(w.leaders),
            )
        )
    PlanItem.objects.bulk_create(items)
    item_of = {id(p): item for p, item in zip(in_plan, items, strict=True)}
    events: list[Event] = []
    by_event: dict[int, Planned] = {}
    slipped = 0
    for p in planned:
        on = _date_in(w, span, p.month)
        item = item_of.get(id(p))
        # Two of this year's planned items slipped: their month passed, they are still being prepared.
        late = (
            (not span.finished)
            and item is not None
            and on < w.today - 20 * DAY
            and slipped < 2
            and rng.random() < 0.15
        )
        if late:
            slipped += 1
            on = w.today + datetime.timedelta(days=rng.randint(10, 40))
        held = on <= span.end and on <= w.today
        status = EventStatus.HELD if held else EventStatus.PLANNED
        if held and rng.random() < 0.02:
            status = EventStatus.CANCELLED
        et = w.types.get(p.type) or EventType.objects.get(code=p.type)
        officials = (
            "\n".join(rng.sample(t.OFFICIALS, 2)) if et.category in {"consultation", "supervision"} else ""
        )
        events.append(
            Event(
                body=body,
                type=et,
                title=p.title,
                status=status,
                held_on=on,
                place=(
                    p.station.address
                    if p.station
                    else f"{w.place}{rng.choice(['市民中心', '机关会议中心', '现场'])}"
                ),
                committee=p.committee,
                sector=p.sector,
                station=p.station,
                study_group=p.study_group,
                plan_item=item,
                led_by=rng.choice(w.leaders)
                if et.category in {"consultation", "research", "inspection", "supervision"}
                else "",
                officials=officials,
                agenda="通报有关情况\n委员发言\n有关部门回应\n领导讲话"
                if et.category == "consultation"
                else "",
                summary=f"围绕“{p.topic}”开展{et.name}。" if held else "",
                residents_count=rng.randint(8, 40) if p.station else 0,
                signin_state=SignInState.CLOSED if held else SignInState.NOT_OPEN,
                starts_at=_starts(on, rng.choice([9, 14, 15])),
            )
        )
        if not held and item is not None:
            item.state = PlanItemState.PREPARING if late or on - w.today < 30 * DAY else PlanItemState.PLANNED
    Event.objects.bulk_create(events)
    for p, e in zip(planned, events, strict=True):
        by_event[e.pk] = p
    attendance: list[Attendance] = []
    for e in events:
        if e.status == EventStatus.CANCELLED:
            continue
        p = by_event[e.pk]
        if p.study_group is not None:
            pool = list(p.study_group.members.values_list("pk", flat=True))
        elif p.station is not None:
            pool = list(p.station.members.values_list("pk", flat=True))
        else:
            pool = w.members
        size = {"training": 60, "study": 40, "topic_sc": 45, "briefing": 50}.get(p.type, 14)
        size = max(4, round(size * (w.scale if w.scale < 1 else 1)))
        attendance += _attendance_rows(
            w, w.sample(pool, size), e.held_on, e.status == EventStatus.HELD, event=e
        )
    Attendance.objects.bulk_create(attendance, batch_size=2000)
    reached = _outcomes(w, events, by_event, span)
    for e in events:
        if e.plan_item is None:
            continue
        if e.status == EventStatus.HELD:
            e.plan_item.state = reached.get(e.pk, PlanItemState.HELD)
            e.plan_item.held_on = e.held_on
        elif e.status == EventStatus.CANCELLED:
            e.plan_item.state = PlanItemState.CANCELLED
            e.plan_item.note = "因工作调整取消"
    PlanItem.objects.bulk_update(items, ["state", "held_on", "note"])


def _speeches(w: World, plenary: Meeting | None, meetings: list[Meeting]) -> None:
    rng = w.rng
    rows: list[Speech] = []
    if plenary is not None and w.cppcc:
        n = max(6, round(50 * w.scale))
        for i, topic in enumerate(_cycle(w, t.CONSULTATION + t.RESEARCH, n)):
            behalf = rng.choice(t.SPEAKERS_ON_BEHALF)
            status = (
                SpeechStatus.NOT_SELECTED
                if i % 5 == 4
                else SpeechStatus.DELIVERED
                if i % 5 == 0
                else SpeechStatus.PUBLISHED
            )
            submitted = timezone.make_aware(
                datetime.datetime.combine(plenary.held_on - 12 * DAY, datetime.time(10))
            )
            rows.append(
                Speech(
                    body=w.body,
                    kind=SpeechKind.PLENARY,
                    meeting=plenary,
                    member_id=rng.choice(w.members),
                    on_behalf_of=behalf,
                    title=f"关于{topic}的建议",
                    content=f"围绕{topic}，提出以下建议：一要加强统筹；二要完善政策；三要狠抓落实。",
                    status=status,
                    submitted_at=submitted,
                    decided_at=submitted + 5 * DAY,
                    delivered_on=plenary.held_on + DAY if status != SpeechStatus.NOT_SELECTED else None,
                )
            )
    for m in meetings:
        if m.kind != MeetingKind.STANDING:
            continue
        for topic in rng.sample(t.CONSULTATION, 2 if w.scale < 1 else 4):
            submitted = timezone.make_aware(datetime.datetime.combine(m.held_on - 5 * DAY, datetime.time(10)))
            rows.append(
                Speech(
                    body=w.body,
                    kind=SpeechKind.MEETING,
                    meeting=m,
                    member_id=rng.choice(w.standing or w.members),
                    title=f"关于{topic}的发言",
                    content=f"就{topic}谈几点意见。",
                    status=SpeechStatus.DELIVERED,
                    submitted_at=submitted,
                    decided_at=submitted,
                    delivered_on=m.held_on,
                )
            )
    Speech.objects.bulk_create(rows)


def _culture(w: World, span: demo.Span) -> None:
    """文史: last year a call, its manuscripts and the volume they made; this year's call in editing."""
    rng = w.rng
    call = CultureCall(
        body=w.body,
        title=f"{span.year}年{t.CULTURE_CALL}" if span.finished else f"{span.year}年“城市记忆”文史资料征集",
        description="面向委员和社会各界征集亲历、亲见、亲闻的史料。",
        opens_on=datetime.date(span.year, 3, 1),
        closes_on=datetime.date(span.year, 8, 31),
    )
    call.save()
    titles = t.CULTURE_TITLES if span.finished else rng.sample(t.CULTURE_TITLES, 8)
    ms = []
    for title in titles:
        on = datetime.date(span.year, rng.randint(3, 8), rng.randint(1, 28))
        if on > w.today:
            continue
        ms.append(
            Manuscript(
                body=w.body,
                call=call,
                title=title,
                received_on=on,
                word_count=rng.randint(3000, 12000),
                other_contributors=rng.choice(["", "", "口述：退休老干部", "整理：市档案馆"]),
                stage=ManuscriptStage.REVIEWED
                if span.finished
                else rng.choice([ManuscriptStage.RECEIVED, ManuscriptStage.EDITING]),
            )
        )
    Manuscript.objects.bulk_create(ms)
    through = Manuscript.contributors.through
    through.objects.bulk_create(
        [through(manuscript_id=m.pk, member_id=rng.choice(w.members)) for m in ms], ignore_conflicts=True
    )
    if span.finished and ms:
        volume = CultureVolume(
            body=w.body,
            series=t.CULTURE_SERIES,
            number=span.year - 2000,
            subtitle=t.CULTURE_SUBTITLE,
            published_on=datetime.date(span.year, 11, 28),
            publisher="中国文史出版社",
            word_count=round(sum(m.word_count for m in ms[:14]) / 10000),
        )
        volume.save()
        chosen = ms[:14]
        for m in chosen:
            m.volume, m.stage = volume, ManuscriptStage.PUBLISHED
        for m in ms[14:]:
            m.stage = ManuscriptStage.RETURNED
        Manuscript.objects.bulk_update(ms, ["volume", "stage"])


def _online(w: World, span: demo.Span) -> None:
    rng = w.rng
    for topic in t.ONLINE:
        opens = datetime.date(span.year, rng.randint(3, 10), rng.randint(1, 20))
        if opens > w.today:
            continue
        closes = opens + 14 * DAY
        thread = DutyThread(
            body=w.body, topic=topic, opens_on=opens, closes_on=closes, description="请委员围绕议题建言。"
        )
        thread.save()
        posts = [
            DutyPost(
                thread=thread,
                member_id=m,
                text=f"建议{rng.choice(['加强统筹', '完善机制', '加大投入', '强化监督'])}，{rng.choice(t.GRASSROOTS)}问题要抓紧解决。",
            )
            for m in w.sample(w.members, rng.randint(8, 20))
        ]
        DutyPost.objects.bulk_create(posts)
        if closes < w.today:
            compiled = posts[: len(posts) // 2]
            o = Outcome(
                body=w.body,
                kind=OutcomeKind.CONSULTATION_ADVICE,
                title=f"关于“{topic}”的网络议政建议",
                content="\n".join(p.text for p in compiled),
                status=OutcomeStatus.SENT,
                sent_on=closes + 7 * DAY if closes + 7 * DAY <= w.today else None,
            )
            if o.sent_on is None:
                o.status = OutcomeStatus.DRAFT
            o.save()
            if o.sent_on:
                OutcomeRecipient.objects.create(
                    outcome=o, name=f"{w.place}市委" if w.body.level != BodyLevel.COUNTY else f"{w.place}县委"
                )
            DutyPost.objects.filter(pk__in=[p.pk for p in compiled]).update(is_compiled=True)
            thread.status, thread.outcome = DutyThreadStatus.COMPILED, o
            thread.save()


def seed_body(body: Body, today: datetime.date, *, scale: float) -> dict[str, int]:
    w = _world(body, today, scale)
    if not w.members:
        return {}
    brand = None
    if w.cppcc and scale >= 1:
        brand = EventType.objects.create(
            body=body,
            code=f"b{body.pk}-qnlxs",
            name="请你来协商",
            category="consultation",
            body_kinds="cppcc",
            order=900,
        )
        EventType.objects.create(
            body=body,
            code=f"b{body.pk}-msyst",
            name="民生议事堂",
            category="consultation",
            body_kinds="cppcc",
            is_grassroots=True,
            order=910,
        )
    _stations(w)
    for span in demo.demo_years(today):
        meetings, plenary, chairs = _meetings(w, span)
        groups = _groups(w, span)
        planned = _cppcc_year(w, brand, groups) if w.cppcc else _congress_year(w)
        _events(w, span, planned, chairs)
        _speeches(w, plenary, meetings)
        _receptions(w, span)
        if w.cppcc and scale >= 1:
            _culture(w, span)
            _online(w, span)
    return {
        "events": Event.objects.filter(body=body).count(),
        "attendance": Attendance.objects.filter(body=body).count(),
    }


def seed_national(body: Body, today: datetime.date, *, events: int = 1000, attendance: int = 40_000) -> None:
    """The benchmark body: 1,000 events and 40,000 attendance rows in this year, with meetings,
    speeches, outcomes and stations in national proportions."""
    w = _world(body, today, 1.0)
    rng = w.rng
    span = demo.Span(today.year, datetime.date(today.year, 1, 1), today, finished=False)
    _meetings(w, span)
    _stations(w)
    codes = [code for code, et in w.types.items() if et.applies_to("cppcc")]
    per = attendance // events
    evs = []
    for i in range(events):
        code = codes[i % len(codes)]
        on = _date_in(w, span)
        on = min(on, today)
        evs.append(
            Event(
                body=body,
                type=w.types[code],
                title=f"{w.types[code].name}：{rng.choice(t.CONSULTATION + t.RESEARCH + t.INSPECTION)}（{i + 1}）",
                status=EventStatus.HELD,
                held_on=on,
                signin_state=SignInState.CLOSED,
            )
        )
    Event.objects.bulk_create(evs, batch_size=1000)
    rows: list[Attendance] = []
    for e in evs:
        rows += _attendance_rows(w, w.sample(w.members, per), e.held_on, True, event=e)
    Attendance.objects.bulk_create(rows, batch_size=5000)
    outcomes = [
        Outcome(
            body=body,
            event=e,
            kind=OutcomeKind.RESEARCH_REPORT
            if e.type.category == "research"
            else OutcomeKind.CONSULTATION_ADVICE,
            title=f"关于{e.title}的报告",
            content="正文",
            status=OutcomeStatus.SENT,
            sent_on=e.held_on,
        )
        for e in evs[::5]
    ]
    Outcome.objects.bulk_create(outcomes)


@demo.step(40)
def activities_year(ctx: demo.DemoContext) -> None:
    ensure_builtin_event_types()
    if ctx.scale == "national":
        body = ctx.bodies.get("national")
        if body is not None:
            seed_national(body, ctx.today)
            ctx.log("全国规模：已生成履职活动 1000 场、出席记录 40000 条。")
        return
    total: dict[str, int] = {"events": 0, "attendance": 0}
    for _key, body in sorted(ctx.bodies.items()):
        if body.level == BodyLevel.NATIONAL:
            continue
        got = seed_body(body, ctx.today, scale=1.0 if body.level != BodyLevel.COUNTY else 0.25)
        for k in total:
            total[k] += got.get(k, 0)
    ctx.log(f"已生成会议与履职活动：活动 {total['events']} 场、出席记录 {total['attendance']} 条。")
