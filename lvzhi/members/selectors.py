"""Reads of the performance file, scores, rankings, warnings, the board and appeals, scoped per actor."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone

from lvzhi.core.exceptions import NotFound
from lvzhi.core.permissions import is_admin, visible_body_ids
from lvzhi.orgs.selectors import body_member_rows

from . import scoring, sources
from .models import Appeal, ManualRecord, MemberScore, PerformanceEvent, ScoringRuleSet

FILE_FORBIDDEN = "只能查看本人的履职档案。"
NO_RULES = "本年度尚未制定考评规则。"
BOARD_OFF = "本机构未启用每月晾晒榜。"


def performance_event_rows(
    *, body: Any, year: int, source: str, member_ids: Collection[int] | None = None
) -> list[dict[str, Any]]:
    """The credits a source's app recorded for the body's year (for that app's file source)."""
    qs = PerformanceEvent.objects.filter(body_id=body.pk, on__year=year, source=source, member__isnull=False)
    if member_ids is not None:
        qs = qs.filter(member_id__in=list(member_ids))
    return [dict(r) for r in qs.values("member_id", "kind", "level", "on", "case_id", "case__title")]


def is_scoring_staff(actor: Any, body: Any) -> bool:
    return bool(
        is_admin(actor) or (getattr(actor, "role", "") in {"staff", "leader"} and actor.body_id == body.pk)
    )


@dataclass
class MemberFile:
    member: dict[str, Any]
    body: Any
    year: int
    ruleset: ScoringRuleSet | None
    score: scoring.Score
    groups: list[dict[str, Any]]
    rank: int | None
    of: int
    warning: bool
    appeals: list[Appeal]
    records: list[ManualRecord]


def _member_row(body: Any, member_id: int) -> dict[str, Any]:
    for row in body_member_rows(body=body):
        if row["member_id"] == member_id:
            return row
    raise NotFound("该委员不在本机构。")


def member_file_for_actor(*, actor: Any, body: Any, member_id: int, year: int) -> MemberFile:
    """One member's file for the year: every item with the points it earned and the rule that gave them.
    The member sees their own; the body's staff and leaders (and administrators) see anyone's."""
    if getattr(actor, "member_id", None) != member_id and not is_scoring_staff(actor, body):
        raise PermissionDenied(FILE_FORBIDDEN)
    ids = visible_body_ids(actor)
    if ids is not None and body.pk not in ids:
        raise PermissionDenied(FILE_FORBIDDEN)
    row = _member_row(body, member_id)
    ruleset = scoring.ruleset_current(body=body, year=year)
    rules = scoring.rules_of(ruleset) if ruleset else {}
    items = sources.file_items(body=body, year=year, member_ids=[member_id])
    score = scoring.score_items(member_id, [i for i in items if i.member_id == member_id], rules)
    groups: dict[str, dict[str, Any]] = {}
    for source in sources.all_sources():
        groups.setdefault(source.group, {"label": source.group, "lines": [], "points": Decimal(0)})
    for line in score.lines:
        src = sources.source_of(line.item.item)
        g = groups[src.group if src else "其他"]
        g["lines"].append(line)
        g["points"] += line.points
    stored = MemberScore.objects.filter(ruleset=ruleset, member_id=member_id).first() if ruleset else None
    of = MemberScore.objects.filter(ruleset=ruleset).count() if ruleset else 0
    return MemberFile(
        member=row,
        body=body,
        year=year,
        ruleset=ruleset,
        score=score,
        groups=[g for g in groups.values() if g["lines"]],
        rank=stored.rank if stored else None,
        of=of,
        warning=bool(ruleset and score.total < ruleset.warning_below),
        appeals=list(Appeal.objects.filter(body_id=body.pk, member_id=member_id, year=year)),
        records=list(ManualRecord.objects.filter(body_id=body.pk, member_id=member_id, on__year=year)),
    )


def line_for_ref(*, file: MemberFile, ref: str, item: str) -> scoring.Line | None:
    for line in file.score.lines:
        if line.item.ref == ref and line.item.item == item:
            return line
    return None


def ranking(*, body: Any, year: int, by: str = "body") -> list[dict[str, Any]]:
    """Scores ranked across the body, or within each sector / delegation (``by``)."""
    ruleset = scoring.ruleset_current(body=body, year=year)
    if ruleset is None:
        return []
    roster = {r["member_id"]: r for r in body_member_rows(body=body)}
    rows = []
    for s in MemberScore.objects.filter(ruleset=ruleset).order_by("rank", "member_id"):
        r = roster.get(s.member_id)
        if r is None:
            continue
        rows.append(
            {
                "member_id": s.member_id,
                "name": r["member__name"],
                "sector": r["sector__name"] or "",
                "delegation": r["delegation__name"] or "",
                "total": s.total,
                "rank": s.rank,
                "items": s.items,
                "warning": s.total < ruleset.warning_below,
            }
        )
    if by in {"sector", "delegation"}:
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            groups[row[by] or "未分组"].append(row)
        out = []
        for name in sorted(groups):
            previous, rank = None, 0
            for position, row in enumerate(groups[name], start=1):
                if row["total"] != previous:
                    rank, previous = position, row["total"]
                out.append({**row, "group": name, "group_rank": rank})
        return out
    return rows


def warnings(*, body: Any, year: int) -> list[dict[str, Any]]:
    return [r for r in ranking(body=body, year=year) if r["warning"]]


def board(*, body: Any, year: int, month: int, top: int = 10) -> list[dict[str, Any]]:
    """晾晒榜: the points each member earned in one month under the year's rules, best first."""
    ruleset = scoring.ruleset_current(body=body, year=year)
    if ruleset is None or not ruleset.board_enabled:
        raise PermissionDenied(BOARD_OFF)
    rules = scoring.rules_of(ruleset)
    roster = {r["member_id"]: r for r in body_member_rows(body=body)}
    by_member: dict[int, list[Any]] = defaultdict(list)
    for it in sources.file_items(body=body, year=year):
        if it.on.month == month and it.member_id in roster:
            by_member[it.member_id].append(it)
    scored = [scoring.score_items(mid, items, rules) for mid, items in by_member.items()]
    scored.sort(key=lambda s: (-s.total, roster[s.member_id]["member__name"]))
    return [
        {
            "member_id": s.member_id,
            "name": roster[s.member_id]["member__name"],
            "total": s.total,
            "items": len(s.lines),
        }
        for s in scored[:top]
        if s.total > 0
    ]


def appeal_list_for_actor(*, actor: Any, body: Any, year: int) -> QuerySet[Appeal]:
    qs = Appeal.objects.filter(body_id=body.pk, year=year).select_related("member", "decided_by")
    if is_scoring_staff(actor, body):
        return qs
    return qs.filter(member_id=getattr(actor, "member_id", None) or 0)


def appeal_get_for_actor(*, actor: Any, pk: int) -> Appeal:
    appeal = Appeal.objects.select_related("member", "body", "decided_by").filter(pk=pk).first()
    if appeal is None:
        raise NotFound("申诉不存在。")
    if getattr(actor, "member_id", None) != appeal.member_id and not is_scoring_staff(actor, appeal.body):
        raise PermissionDenied(FILE_FORBIDDEN)
    return appeal


def pending_records(*, body: Any) -> QuerySet[ManualRecord]:
    return ManualRecord.objects.filter(body_id=body.pk, status=ManualRecord.Status.PENDING).select_related(
        "member"
    )


def ruleset_rules(*, ruleset: ScoringRuleSet | None) -> list[dict[str, Any]]:
    """The rules as a table: item label, level label, points, cap (for the rules page and the file)."""
    if ruleset is None:
        return []
    return [
        {
            "item": r.item,
            "level": r.level,
            "item_label": sources.item_label(r.item),
            "level_label": sources.level_label(r.item, r.level),
            "points": r.points,
            "cap": r.cap,
        }
        for r in ruleset.rules.all()
    ]


def activity_distribution(*, body: Any, year: int) -> dict[str, int]:
    """How many members earned how many items (0, 1–5, 6–10 …): the members' activity chart."""
    counts: dict[int, int] = defaultdict(int)
    roster = {r["member_id"] for r in body_member_rows(body=body)}
    for it in sources.file_items(body=body, year=year):
        if it.member_id in roster:
            counts[it.member_id] += 1
    buckets = {"0": 0, "1–5": 0, "6–10": 0, "11–20": 0, "20以上": 0}
    for mid in roster:
        n = counts.get(mid, 0)
        key = "0" if n == 0 else "1–5" if n <= 5 else "6–10" if n <= 10 else "11–20" if n <= 20 else "20以上"
        buckets[key] += 1
    return buckets


def today_month() -> tuple[int, int]:
    today = timezone.localdate()
    return today.year, today.month
