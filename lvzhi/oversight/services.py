"""Writes of the oversight records: each inside a transaction, each checked and audited.

Plain records (a report heard, an inspection, a filed document…) go through ``record_save``;
the audit signals record the change. Votes, polls, imports and the roll have their own
services below, each with the refusals the standing committee's rules require.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone

from lvzhi.core import audit
from lvzhi.core.exceptions import ConcurrentTransition, DomainError, ImportRejected, TransitionNotAllowed
from lvzhi.orgs import services as org_services
from lvzhi.orgs.models import Body, HandlingUnit, Membership

from . import models as m
from . import selectors

# Messages (importable, so tests assert the exact text).
FORBIDDEN = "您无权办理人大监督事项。"
NOT_CONGRESS = "该机构不是人大常委会，不能记录人大监督事项。"
WRONG_BODY = "“%(label)s”不属于本机构。"
POLL_NOT_DRAFT = "测评已开始或已结束，不能再次开始。"
POLL_NOT_OPEN = "测评未在进行中，不能投票。"
POLL_NOT_OPEN_TO_CLOSE = "测评未在进行中，不能结束。"
POLL_NO_SEATS = "请至少选择一名出席的组成人员。"
POLL_NOT_PRESENT = "您不在本次测评的出席名单中，不能投票。"
POLL_ALREADY_VOTED = "您已投过票，每人只能投一次。"
POLL_BAD_CHOICE = "请选择满意、基本满意或不满意。"
VOTE_ALREADY = "该事项已经表决，不能再次表决。"
VOTE_COUNTS = "赞成、反对、弃权票数之和不能超过出席人数。"
VOTE_PRESENT_TOO_MANY = "出席人数（%(present)s）不能超过在任组成人员数（%(in_office)s）。"
NO_QUORUM = "出席人数 %(present)s 人，未达到在任组成人员 %(in_office)s 人的过半数，不能交付表决。"
EXAM_REQUIRED = "“%(person)s”尚未记录任前法律知识考试成绩，不能交付表决。"
EXAM_SCORE_RANGE = "考试成绩应在 0 到 100 之间。"
OATH_BEFORE_VOTE = "任命通过后才能记录宪法宣誓。"
PUBLISH_BEFORE_ADOPTED = "决议决定通过后才能公布。"
CHANGE_NOT_CONGRESS_ROLL = "只能变动本机构人大代表或常委会组成人员的任职。"
BUDGET_BAD_FILE = "无法读取文件，请上传 Excel（.xlsx）文件。"
BUDGET_NO_ROWS = "文件中没有数据行。"
BUDGET_MONTH = "月份应在 1 到 12 之间。"
DRAFT_CLOSED = "该草案已停止征求意见。"
DRAFT_TEXT_SHORT = "意见内容至少 5 个字。"
LIVELIHOOD_VOTES_TOO_MANY = "“%(name)s”的赞成票（%(votes)s）超过参加票决的代表人数。"

for _name, _label in (
    ("poll.open", "开始测评"),
    ("poll.close", "结束测评并公布结果"),
    ("poll.vote", "测评投票"),
    ("resolution.vote", "表决决议决定"),
    ("resolution.publish", "公布决议决定"),
    ("appointment.exam", "记录任前法律知识考试"),
    ("appointment.vote", "表决任免"),
    ("appointment.oath", "记录宪法宣誓"),
    ("deputy.change", "代表变动"),
    ("budget.import", "导入预算数据"),
    ("budget.check", "预算执行预警"),
    ("livelihood.vote", "民生实事项目票决"),
    ("draft.forward", "报送草案意见"),
):
    audit.action_label_register(_name, _label)


def _require_manage(actor: Any, body: Any) -> None:
    if body.kind != "congress":
        raise DomainError(NOT_CONGRESS)
    if not selectors.can_manage(actor, body):
        raise PermissionDenied(FORBIDDEN)


def _body_of(instance: Model) -> Body:
    for path in (
        "body",
        "report",
        "inspection",
        "inquiry",
        "draft",
        "reception",
        "vote",
        "project",
        "poll",
        "line",
    ):
        obj = getattr(instance, path, None)
        if isinstance(obj, Body):
            return obj
        if obj is not None:
            return _body_of(obj)
    raise DomainError(NOT_CONGRESS)


_SAME_BODY_FIELDS = ("organ", "owner", "department", "work_report", "contact_point")


@transaction.atomic
def record_save(*, actor: Any, instance: Model, m2m: dict[str, Any] | None = None) -> Model:
    """Create or change one plain record of a congress body (audited by the signals)."""
    body = _body_of(instance)
    _require_manage(actor, body)
    for name in _SAME_BODY_FIELDS:
        ref = getattr(instance, name, None) if hasattr(instance, f"{name}_id") else None
        if ref is not None and getattr(ref, "body_id", body.pk) != body.pk:
            raise ValidationError(
                {name: WRONG_BODY % {"label": getattr(instance._meta.get_field(name), "verbose_name", name)}}
            )
    instance.full_clean()
    instance.save()
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)
    return instance


# ---------------------------------------------------------------- 满意度测评


@transaction.atomic
def poll_open(*, actor: Any, poll: m.Poll, present_member_ids: list[int]) -> m.Poll:
    """Staff open the poll with the roll of present members (常委会组成人员 in office that day)."""
    _require_manage(actor, poll.body)
    roll = {ms.member_id for ms in selectors.members_in_office(body=poll.body, on=poll.held_on)}
    present = set(present_member_ids) & roll
    if not present:
        raise ValidationError({"present": POLL_NO_SEATS})
    moved = m.Poll.objects.filter(pk=poll.pk, state=m.PollState.DRAFT).update(
        state=m.PollState.OPEN, opened_at=timezone.now()
    )
    if moved != 1:
        raise TransitionNotAllowed(POLL_NOT_DRAFT)
    m.PollSeat.objects.bulk_create(
        [m.PollSeat(poll=poll, member_id=i, present=i in present) for i in sorted(roll)]
    )
    audit.record(
        action="poll.open", instance=poll, note=f"出席 {len(present)} 人，应到 {len(roll)} 人", actor=actor
    )
    poll.refresh_from_db()
    return poll


@transaction.atomic
def poll_vote(*, actor: Any, poll: m.Poll, choice: str) -> None:
    """One secret vote. The seat is marked voted and the chosen total goes up by one in the
    same transaction; nothing anywhere links the member to the choice: no ballot row, no
    audit row with the choice, no signal (``QuerySet.update`` sends none), no log line."""
    if choice not in m.Choice.values:
        raise ValidationError({"choice": POLL_BAD_CHOICE})
    member_id = getattr(actor, "member_id", None)
    if not m.Poll.objects.filter(pk=poll.pk, state=m.PollState.OPEN).exists():
        raise TransitionNotAllowed(POLL_NOT_OPEN)
    seat = (
        m.PollSeat.objects.filter(poll=poll, member_id=member_id, present=True).first() if member_id else None
    )
    if seat is None:
        raise PermissionDenied(POLL_NOT_PRESENT)
    marked = m.PollSeat.objects.filter(pk=seat.pk, has_voted=False).update(has_voted=True)
    if marked != 1:
        raise ConcurrentTransition(POLL_ALREADY_VOTED)
    counted = m.Poll.objects.filter(pk=poll.pk, state=m.PollState.OPEN).update(**{choice: F(choice) + 1})
    if counted != 1:  # closed between the check and now: the seat mark rolls back with this error
        raise TransitionNotAllowed(POLL_NOT_OPEN)
    # Who voted is recorded (the roll is public at the meeting); what they chose is not.
    audit.record(action="poll.vote", instance=poll, actor=actor, note="已投票")


@transaction.atomic
def poll_close(*, actor: Any, poll: m.Poll) -> m.Poll:
    """Close the poll; the tally is published at once to everyone who may see the body's polls."""
    _require_manage(actor, poll.body)
    moved = m.Poll.objects.filter(pk=poll.pk, state=m.PollState.OPEN).update(
        state=m.PollState.CLOSED, closed_at=timezone.now()
    )
    if moved != 1:
        raise TransitionNotAllowed(POLL_NOT_OPEN_TO_CLOSE)
    poll.refresh_from_db()
    audit.record(
        action="poll.close",
        instance=poll,
        actor=actor,
        changes={"满意": poll.satisfied, "基本满意": poll.basic, "不满意": poll.unsatisfied},
    )
    return poll


# ---------------------------------------------------------------- 决议决定 · 任免


@dataclass(frozen=True)
class Tally:
    present: int
    votes_for: int
    votes_against: int
    votes_abstain: int


def _check_tally(t: Tally, in_office: int) -> None:
    if min(t.present, t.votes_for, t.votes_against, t.votes_abstain) < 0:
        raise ValidationError({"present": VOTE_COUNTS})
    if t.present > in_office:
        raise ValidationError(
            {"present": VOTE_PRESENT_TOO_MANY % {"present": t.present, "in_office": in_office}}
        )
    if t.votes_for + t.votes_against + t.votes_abstain > t.present:
        raise ValidationError({"votes_for": VOTE_COUNTS})
    if t.present * 2 <= in_office:
        raise DomainError(NO_QUORUM % {"present": t.present, "in_office": in_office})


@transaction.atomic
def resolution_vote(
    *, actor: Any, resolution: m.Resolution, voted_on: datetime.date, tally: Tally
) -> m.Resolution:
    """Put a draft to the vote: quorum is more than half of the members in office that day;
    it is adopted with more than half of them (not of those present) voting for."""
    _require_manage(actor, resolution.body)
    in_office = selectors.members_in_office(body=resolution.body, on=voted_on).count()
    _check_tally(tally, in_office)
    state = m.VoteState.ADOPTED if tally.votes_for * 2 > in_office else m.VoteState.REJECTED
    moved = m.Resolution.objects.filter(pk=resolution.pk, state=m.VoteState.PENDING).update(
        state=state,
        voted_on=voted_on,
        in_office=in_office,
        present=tally.present,
        votes_for=tally.votes_for,
        votes_against=tally.votes_against,
        votes_abstain=tally.votes_abstain,
        updated_at=timezone.now(),
    )
    if moved != 1:
        raise TransitionNotAllowed(VOTE_ALREADY)
    resolution.refresh_from_db()
    audit.record(
        action="resolution.vote",
        instance=resolution,
        actor=actor,
        changes={
            "结果": resolution.get_state_display(),
            "在任": in_office,
            "出席": tally.present,
            "赞成": tally.votes_for,
        },
    )
    return resolution


@transaction.atomic
def resolution_publish(
    *, actor: Any, resolution: m.Resolution, text: str, published_on: datetime.date
) -> m.Resolution:
    _require_manage(actor, resolution.body)
    if resolution.state != m.VoteState.ADOPTED:
        raise TransitionNotAllowed(PUBLISH_BEFORE_ADOPTED)
    resolution.text = text.strip() or resolution.draft
    resolution.published_on = published_on
    resolution.full_clean()
    resolution.save()
    audit.record(action="resolution.publish", instance=resolution, actor=actor)
    return resolution


@transaction.atomic
def appointment_exam(
    *, actor: Any, appointment: m.Appointment, exam_on: datetime.date, score: Decimal
) -> m.Appointment:
    _require_manage(actor, appointment.body)
    if not Decimal("0") <= score <= Decimal("100"):
        raise ValidationError({"exam_score": EXAM_SCORE_RANGE})
    if appointment.state != m.VoteState.PENDING:
        raise TransitionNotAllowed(VOTE_ALREADY)
    appointment.exam_on = exam_on
    appointment.exam_score = score
    appointment.full_clean()
    appointment.save()
    return appointment


@transaction.atomic
def appointment_vote(
    *, actor: Any, appointment: m.Appointment, voted_on: datetime.date, tally: Tally
) -> m.Appointment:
    _require_manage(actor, appointment.body)
    if appointment.needs_exam and appointment.exam_score is None:
        raise DomainError(EXAM_REQUIRED % {"person": appointment.person})
    in_office = selectors.members_in_office(body=appointment.body, on=voted_on).count()
    _check_tally(tally, in_office)
    state = m.VoteState.ADOPTED if tally.votes_for * 2 > in_office else m.VoteState.REJECTED
    moved = m.Appointment.objects.filter(pk=appointment.pk, state=m.VoteState.PENDING).update(
        state=state,
        voted_on=voted_on,
        votes_for=tally.votes_for,
        votes_against=tally.votes_against,
        votes_abstain=tally.votes_abstain,
        updated_at=timezone.now(),
    )
    if moved != 1:
        raise TransitionNotAllowed(VOTE_ALREADY)
    appointment.refresh_from_db()
    audit.record(
        action="appointment.vote",
        instance=appointment,
        actor=actor,
        changes={
            "结果": appointment.get_state_display(),
            "在任": in_office,
            "出席": tally.present,
            "赞成": tally.votes_for,
        },
    )
    return appointment


@transaction.atomic
def appointment_oath(*, actor: Any, appointment: m.Appointment, oath_on: datetime.date) -> m.Appointment:
    _require_manage(actor, appointment.body)
    if appointment.state != m.VoteState.ADOPTED or not appointment.needs_exam:
        raise TransitionNotAllowed(OATH_BEFORE_VOTE)
    appointment.oath_on = oath_on
    appointment.full_clean()
    appointment.save()
    return appointment


@transaction.atomic
def deputy_change_record(
    *, actor: Any, membership: Membership, kind: str, effective_on: datetime.date, note: str = ""
) -> m.DeputyChange:
    """补选 starts the membership on ``effective_on``; 辞职/资格终止/罢免 end it that day.
    The roll used for every quorum follows from these dates."""
    body = membership.body
    _require_manage(actor, body)
    if membership.role not in {r.value for r in selectors.SC_ROLES} | {"deputy"}:
        raise ValidationError({"membership": CHANGE_NOT_CONGRESS_ROLL})
    change = m.DeputyChange(
        body=body, membership=membership, kind=kind, effective_on=effective_on, note=note.strip()
    )
    change.full_clean()
    if kind == m.DeputyChangeKind.BY_ELECTION:
        membership.joined_on, membership.left_on, membership.is_active = effective_on, None, True
    else:
        membership.left_on, membership.is_active = effective_on, False
    org_services.member_save(actor=actor, member=membership.member, membership=membership)
    change.save()
    return change


# ---------------------------------------------------------------- 预算联网监督


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def _rows(upload: Any) -> list[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        data = upload.read() if hasattr(upload, "read") else bytes(upload)
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportRejected(BUDGET_BAD_FILE) from exc
    ws = wb.worksheets[0]
    out = []
    for n, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        values = ["" if v is None else v for v in row]
        if any(str(v).strip() for v in values):
            out.append((n, values))
    if not out:
        raise ImportRejected(BUDGET_NO_ROWS)
    return out


def _amount(value: Any) -> Decimal | None:
    try:
        d = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None
    return d.quantize(Decimal("0.01")) if d >= 0 else None


def _reject(errors: list[str]) -> None:
    raise ImportRejected(
        f"导入未保存任何数据，请修正以下 {len(errors)} 处错误后重新上传：" + "；".join(errors[:200]),
        extra={"errors": errors},
    )


BUDGET_LINE_HEADERS = ["项目编码", "项目名称", "预算单位", "预算数（万元）"]
BUDGET_EXECUTION_HEADERS = ["项目编码", "累计支出（万元）"]


@transaction.atomic
def budget_import_lines(*, actor: Any, body: Body, year: int, upload: Any) -> ImportResult:
    """The finance bureau's budget of the year: 项目编码 | 项目名称 | 预算单位 | 预算数（万元）.
    Every bad row is reported by number and reason; nothing is saved unless all are good."""
    _require_manage(actor, body)
    units = {u.name: u for u in HandlingUnit.objects.filter(body=body)}
    units.update({u.short_name: u for u in units.values() if u.short_name})
    errors: list[str] = []
    good: dict[str, tuple[str, HandlingUnit, Decimal]] = {}
    for n, row in _rows(upload):
        code, name, dept, amount = ([*list(row), "", "", "", ""])[:4]
        code, name, dept = str(code).strip(), str(name).strip(), str(dept).strip()
        amt = _amount(amount)
        problems = []
        if not code:
            problems.append("缺少项目编码")
        elif code in good:
            problems.append(f"项目编码 {code} 重复")
        if not name:
            problems.append("缺少项目名称")
        if dept not in units:
            problems.append(f"预算单位“{dept}”不在本机构承办单位名录中")
        if amt is None:
            problems.append(f"预算数“{amount}”不是非负数字")
        if problems:
            errors.append(f"第 {n} 行：" + "、".join(problems))
        elif amt is not None:
            good[code] = (name, units[dept], amt)
    if errors:
        _reject(errors)
    existing = {b.code: b for b in m.BudgetLine.objects.filter(body=body, year=year)}
    created = updated = 0
    for code, (name, unit, amt) in good.items():
        line = existing.get(code)
        if line is None:
            m.BudgetLine.objects.create(
                body=body, year=year, code=code, name=name, department=unit, amount=amt
            )
            created += 1
        elif (line.name, line.department_id, line.amount) != (name, unit.pk, amt):
            line.name, line.department, line.amount = name, unit, amt
            line.save()
            updated += 1
    audit.record(
        action="budget.import",
        instance=body,
        actor=actor,
        note=f"{year} 年预算项目：新增 {created}，更新 {updated}",
    )
    return ImportResult(created, updated)


@transaction.atomic
def budget_import_execution(*, actor: Any, body: Body, year: int, month: int, upload: Any) -> ImportResult:
    """Monthly execution: 项目编码 | 累计支出（万元）, same all-or-nothing rule."""
    _require_manage(actor, body)
    if not 1 <= month <= 12:
        raise ValidationError({"month": BUDGET_MONTH})
    lines = {b.code: b for b in m.BudgetLine.objects.filter(body=body, year=year)}
    errors: list[str] = []
    good: dict[str, Decimal] = {}
    for n, row in _rows(upload):
        code, spent = ([*list(row), "", ""])[:2]
        code = str(code).strip()
        amt = _amount(spent)
        problems = []
        if code not in lines:
            problems.append(f"项目编码“{code}”不在 {year} 年预算中")
        elif code in good:
            problems.append(f"项目编码 {code} 重复")
        if amt is None:
            problems.append(f"累计支出“{spent}”不是非负数字")
        if problems:
            errors.append(f"第 {n} 行：" + "、".join(problems))
        elif amt is not None:
            good[code] = amt
    if errors:
        _reject(errors)
    existing = {
        e.line_id: e for e in m.BudgetExecution.objects.filter(line__body=body, line__year=year, month=month)
    }
    created = updated = 0
    for code, amt in good.items():
        line = lines[code]
        execution = existing.get(line.pk)
        if execution is None:
            m.BudgetExecution.objects.create(line=line, month=month, executed=amt)
            created += 1
        elif execution.executed != amt:
            execution.executed = amt
            execution.save()
            updated += 1
    audit.record(
        action="budget.import",
        instance=body,
        actor=actor,
        note=f"{year} 年 {month} 月执行数：新增 {created}，更新 {updated}",
    )
    return ImportResult(created, updated)


def rule_flags(rule: m.BudgetRule, *, amount: Decimal, executed: Decimal, month: int) -> Decimal | None:
    """The execution rate when ``rule`` flags the line this month, else None (pure)."""
    if month < rule.from_month or not amount:
        return None
    rate = selectors.budget_rate(amount, executed)
    if rule.kind == m.BudgetRuleKind.LAG:
        schedule = Decimal(month * 100) / 12
        return rate if rate < schedule - rule.tolerance else None
    return rate if rate > 100 + rule.tolerance else None


@transaction.atomic
def budget_check(*, actor: Any, body: Body, year: int, month: int) -> list[m.BudgetFlag]:
    """Apply the body's active rules to the month's execution; new flags only (idempotent)."""
    _require_manage(actor, body)
    rules = list(m.BudgetRule.objects.filter(body=body, is_active=True))
    made = []
    for e in m.BudgetExecution.objects.filter(line__body=body, line__year=year, month=month).select_related(
        "line"
    ):
        for rule in rules:
            rate = rule_flags(rule, amount=e.line.amount, executed=e.executed, month=month)
            if rate is None:
                continue
            flag, created = m.BudgetFlag.objects.get_or_create(
                line=e.line, rule=rule, month=month, defaults={"rate": rate}
            )
            if created:
                made.append(flag)
    audit.record(
        action="budget.check", instance=body, actor=actor, note=f"{year} 年 {month} 月：新预警 {len(made)} 条"
    )
    return made


# ---------------------------------------------------------------- 征求意见 · 民生实事


@transaction.atomic
def draft_opinion_public(
    *, draft: m.Draft, author: str, text: str, article: str = "", contact_point_id: int | None = None
) -> m.DraftOpinion:
    """An opinion from the public page of a draft (no sign-in; the view rate-limits by IP)."""
    if not draft.is_open or draft.due_on < timezone.localdate():
        raise DomainError(DRAFT_CLOSED)
    if len(text.strip()) < 5:
        raise ValidationError({"text": DRAFT_TEXT_SHORT})
    point = (
        m.ContactPoint.objects.filter(pk=contact_point_id, body_id=draft.body_id).first()
        if contact_point_id
        else None
    )
    op = m.DraftOpinion(
        draft=draft,
        source=m.OpinionSource.CONTACT_POINT if point else m.OpinionSource.PUBLIC,
        contact_point=point,
        author=author.strip()[:50] or "匿名",
        article=article.strip()[:50],
        text=text.strip(),
        received_on=timezone.localdate(),
    )
    op.full_clean()
    op.save()
    return op


@transaction.atomic
def draft_forward(*, actor: Any, draft: m.Draft, on: datetime.date) -> int:
    """汇总报送: every opinion not yet forwarded is marked, the draft dated; returns how many."""
    _require_manage(actor, draft.body)
    n = m.DraftOpinion.objects.filter(draft=draft, is_forwarded=False).update(is_forwarded=True)
    draft.forwarded_on = on
    draft.save()
    audit.record(action="draft.forward", instance=draft, actor=actor, note=f"报送意见 {n} 条")
    return n


@transaction.atomic
def livelihood_vote_record(
    *, actor: Any, vote: m.LivelihoodVote, voted_on: datetime.date, present: int, votes: dict[int, int]
) -> list[m.LivelihoodProject]:
    """The deputies' vote: each project's 赞成票; the ``seats`` projects with most votes, and
    more than half of those present, are chosen."""
    _require_manage(actor, vote.body)
    projects = list(vote.projects.all())
    for p in projects:
        n = int(votes.get(p.pk, 0))
        if n < 0 or n > present:
            raise ValidationError({"votes": LIVELIHOOD_VOTES_TOO_MANY % {"name": p.name, "votes": n}})
        p.votes_for = n
    ranked = sorted(projects, key=lambda p: (-p.votes_for, p.pk))
    chosen = {p.pk for p in ranked[: vote.seats] if p.votes_for * 2 > present}
    for p in projects:
        p.is_chosen = p.pk in chosen
        p.save()
    vote.voted_on, vote.deputies_present = voted_on, present
    vote.save()
    audit.record(action="livelihood.vote", instance=vote, actor=actor, note=f"确定项目 {len(chosen)} 个")
    return [p for p in ranked if p.is_chosen]
