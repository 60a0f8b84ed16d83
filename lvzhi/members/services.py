"""履职档案 and 量化考评: everything that changes state here, in a transaction, audited."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lvzhi.core import audit
from lvzhi.core.permissions import is_admin

from . import scoring, sources
from .models import Appeal, ManualRecord, MemberScore, PerformanceEvent, ScoringRule, ScoringRuleSet

RULES_FORBIDDEN = "只有本机构的工作人员可以修改考评规则。"
APPEAL_FORBIDDEN = "只有本机构的工作人员可以处理申诉。"
APPEAL_NOT_OWN = "只能就本人的履职积分提出申诉。"
APPEAL_DECIDED = "该申诉已处理，不能再次处理。"
APPEAL_REASON_REQUIRED = "请填写申诉理由。"
DECISION_REASON_REQUIRED = "请填写处理意见。"
RECORD_FORBIDDEN = "只有本机构的工作人员可以确认履职记录。"
UNKNOWN_ITEM = "未知的考评事项：%(item)s"
BAD_POINTS = "分值须为数字。"


# ---------------------------------------------------------------- credits written by other apps


def performance_event_record(
    *,
    body_id: int,
    member_id: int | None,
    case_id: int | None,
    source: str,
    kind: str,
    level: str,
    on: datetime.date,
) -> PerformanceEvent | None:
    """Write one credit; a second 报送/编发 of the same case is ignored (earned once)."""
    try:
        with transaction.atomic():
            return PerformanceEvent.objects.create(
                body_id=body_id,
                member_id=member_id,
                case_id=case_id,
                source=source,
                kind=kind,
                level=level,
                on=on,
            )
    except IntegrityError:
        return None


def performance_events_bulk_record(*, rows: Iterable[dict[str, Any]]) -> int:
    """Many credits at once (the demo's year); rows are PerformanceEvent field values."""
    created = PerformanceEvent.objects.bulk_create([PerformanceEvent(**row) for row in rows])
    return len(created)


# ---------------------------------------------------------------- rules


def _require_staff(actor: Any, body: Any, message: str) -> None:
    if not (is_admin(actor) or (getattr(actor, "role", "") == "staff" and actor.body_id == body.pk)):
        raise PermissionDenied(message)


def _decimal_or_none(value: Any, *, allow_none: bool = False) -> Decimal | None:
    if value in (None, "") and allow_none:
        return None
    return _decimal(value)


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(BAD_POINTS) from exc


@transaction.atomic
def ruleset_revise(
    *,
    actor: Any,
    body: Any,
    year: int,
    rules: Iterable[dict[str, Any]],
    warning_below: Any = None,
    board_enabled: bool | None = None,
    note: str = "",
) -> ScoringRuleSet:
    """A new version of the body's rules for the year (the old one stays, for the scores made with it);
    the scores are recomputed at once so the ranking and every explanation follow the new rules."""
    _require_staff(actor, body, RULES_FORBIDDEN)
    return _ruleset_write(
        actor=actor,
        body=body,
        year=year,
        rules=rules,
        warning_below=warning_below,
        board_enabled=board_enabled,
        note=note,
    )


@transaction.atomic
def ruleset_seed(
    *,
    body: Any,
    year: int,
    rules: Iterable[dict[str, Any]],
    warning_below: Any = None,
    board_enabled: bool = False,
    note: str = "",
) -> ScoringRuleSet:
    """The system's path (demo data, a body's first year): the same write, attributed to no one."""
    return _ruleset_write(
        actor=None,
        body=body,
        year=year,
        rules=rules,
        warning_below=warning_below,
        board_enabled=board_enabled,
        note=note,
    )


def _ruleset_write(
    *,
    actor: Any,
    body: Any,
    year: int,
    rules: Iterable[dict[str, Any]],
    warning_below: Any,
    board_enabled: bool | None,
    note: str,
) -> ScoringRuleSet:
    known = sources.item_keys()
    current = scoring.ruleset_current(body=body, year=year)
    rows = []
    for rule in rules:
        item = str(rule["item"])
        if item not in known:
            raise ValidationError(UNKNOWN_ITEM % {"item": item})
        rows.append(
            {
                "item": item,
                "level": str(rule.get("level") or ""),
                "points": _decimal(rule["points"]),
                "cap": _decimal_or_none(rule.get("cap"), allow_none=True),
            }
        )
    ruleset = ScoringRuleSet.objects.create(
        body=body,
        year=year,
        version=(current.version + 1) if current else 1,
        warning_below=_decimal(warning_below)
        if warning_below not in (None, "")
        else (current.warning_below if current else Decimal(10)),
        board_enabled=board_enabled if board_enabled is not None else bool(current and current.board_enabled),
        note=note[:200],
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    ScoringRule.objects.bulk_create([ScoringRule(ruleset=ruleset, **row) for row in rows])
    audit.record(
        action="scoring.revise",
        instance=ruleset,
        actor=actor,
        changes={"version": ruleset.version, "rules": len(rows)},
    )
    scores_recompute(actor=actor, ruleset=ruleset)
    return ruleset


@transaction.atomic
def scores_recompute(*, actor: Any, ruleset: ScoringRuleSet) -> int:
    """Score every member of the body under ``ruleset`` and store the totals and ranks."""
    result = scoring.score_body(ruleset=ruleset)
    now = timezone.now()
    MemberScore.objects.filter(ruleset=ruleset).delete()
    ranked = sorted(result.values(), key=lambda s: (-s.total, s.member_id))
    rows = []
    rank = 0
    previous: Decimal | None = None
    for position, score in enumerate(ranked, start=1):
        if score.total != previous:
            rank, previous = position, score.total
        rows.append(
            MemberScore(
                ruleset=ruleset,
                member_id=score.member_id,
                total=score.total,
                rank=rank,
                items=len(score.lines),
                computed_at=now,
            )
        )
    MemberScore.objects.bulk_create(rows, batch_size=1000)
    audit.record(action="scoring.recompute", instance=ruleset, actor=actor, changes={"members": len(rows)})
    return len(rows)


# ---------------------------------------------------------------- hand-recorded items


@transaction.atomic
def manual_record_create(
    *,
    actor: Any,
    body: Any,
    member: Any,
    item: str,
    title: str,
    on: datetime.date,
    evidence: Any = None,
    evidence_note: str = "",
) -> ManualRecord:
    if item not in sources.item_keys():
        raise ValidationError(UNKNOWN_ITEM % {"item": item})
    own = getattr(actor, "member_id", None) == member.pk
    if not own:
        _require_staff(actor, body, RECORD_FORBIDDEN)
    record = ManualRecord(
        body=body,
        member=member,
        item=item,
        title=title.strip()[:200],
        on=on,
        evidence_note=evidence_note[:200],
    )
    if evidence:
        record.evidence = evidence
    if not own:  # staff entering it themselves confirm it at once
        record.status = ManualRecord.Status.CONFIRMED
        record.decided_by = actor
    record.full_clean(exclude=["evidence"])
    record.save()
    return record


@transaction.atomic
def manual_record_decide(*, actor: Any, record: ManualRecord, confirm: bool, note: str = "") -> ManualRecord:
    _require_staff(actor, record.body, RECORD_FORBIDDEN)
    record.status = ManualRecord.Status.CONFIRMED if confirm else ManualRecord.Status.REJECTED
    record.decided_by = actor
    record.decision_note = note[:200]
    record.save(update_fields=["status", "decided_by", "decision_note", "updated_at"])
    audit.record(
        action="manual_record.confirm", instance=record, actor=actor, changes={"status": record.status}
    )
    return record


# ---------------------------------------------------------------- appeals


@transaction.atomic
def appeal_submit(
    *,
    actor: Any,
    member: Any,
    body: Any,
    year: int,
    reason: str,
    ref: str = "",
    ref_label: str = "",
    points_claimed: Any = 0,
) -> Appeal:
    if getattr(actor, "member_id", None) != member.pk:
        raise PermissionDenied(APPEAL_NOT_OWN)
    if not reason.strip():
        raise ValidationError({"reason": APPEAL_REASON_REQUIRED})
    return Appeal.objects.create(
        body=body,
        member=member,
        year=year,
        ref=ref[:60],
        ref_label=ref_label[:200],
        reason=reason.strip(),
        points_claimed=_decimal(points_claimed or 0),
    )


@transaction.atomic
def appeal_decide(*, actor: Any, appeal: Appeal, accept: bool, note: str, points: Any = None) -> Appeal:
    """Accept (granting ``points``, default the points claimed) or reject, always with a reason; the
    scores are recomputed so the correction shows in the ranking and the member's file at once."""
    _require_staff(actor, appeal.body, APPEAL_FORBIDDEN)
    if appeal.status != Appeal.Status.PENDING:
        raise ValidationError(APPEAL_DECIDED)
    if not note.strip():
        raise ValidationError({"note": DECISION_REASON_REQUIRED})
    moved = Appeal.objects.filter(pk=appeal.pk, status=Appeal.Status.PENDING).update(
        status=Appeal.Status.ACCEPTED if accept else Appeal.Status.REJECTED,
        points_granted=(_decimal(points) if points not in (None, "") else appeal.points_claimed)
        if accept
        else Decimal(0),
        decision_note=note.strip()[:300],
        decided_by=actor,
        decided_at=timezone.now(),
    )
    if moved != 1:
        raise ValidationError(APPEAL_DECIDED)
    appeal.refresh_from_db()
    audit.record(
        action="appeal.decide",
        instance=appeal,
        actor=actor,
        changes={"status": appeal.status, "points": str(appeal.points_granted)},
    )
    ruleset = scoring.ruleset_current(body=appeal.body, year=appeal.year)
    if ruleset is not None:
        scores_recompute(actor=actor, ruleset=ruleset)
    return appeal
