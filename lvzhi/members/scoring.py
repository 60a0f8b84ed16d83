"""量化考评 as arithmetic over the file: rules are data (points per item and level, caps, deductions);
every point keeps the item that earned it, so the explanation is the computation itself."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import sources
from .models import ScoringRule, ScoringRuleSet
from .sources import FileItem

ZERO = Decimal(0)


@dataclass
class Line:
    """One item of the file and the points it earned under the rules."""

    item: FileItem
    points: Decimal
    rule: str  # "每件 2 分，上限 20 分"
    capped: bool = False

    @property
    def label(self) -> str:
        return sources.item_label(self.item.item)

    @property
    def level_label(self) -> str:
        return sources.level_label(self.item.item, self.item.level)


@dataclass
class Score:
    member_id: int
    total: Decimal = ZERO
    lines: list[Line] = field(default_factory=list)

    def by_item(self) -> list[dict[str, Any]]:
        groups: dict[str, dict[str, Any]] = {}
        for line in self.lines:
            g = groups.setdefault(
                line.item.item,
                {
                    "item": line.item.item,
                    "label": sources.item_label(line.item.item),
                    "count": 0,
                    "points": ZERO,
                },
            )
            g["count"] += 1
            g["points"] += line.points
        return sorted(groups.values(), key=lambda g: (-g["points"], g["label"]))


@dataclass(frozen=True)
class Rule:
    item: str
    level: str
    points: Decimal
    cap: Decimal | None

    def describe(self) -> str:
        verb = "扣" if self.points < 0 else "计"
        text = f"每项{verb}{abs(self.points).normalize():f}分"
        if self.cap is not None:
            text += f"，{'最多扣' if self.points < 0 else '上限'}{abs(self.cap).normalize():f}分"
        return text


def ruleset_current(*, body: Any, year: int) -> ScoringRuleSet | None:
    return ScoringRuleSet.objects.filter(body_id=body.pk, year=year).order_by("-version").first()


def rules_of(ruleset: ScoringRuleSet) -> dict[tuple[str, str], Rule]:
    return {
        (r.item, r.level): Rule(r.item, r.level, r.points, r.cap)
        for r in ScoringRule.objects.filter(ruleset=ruleset).only("item", "level", "points", "cap")
    }


def default_rules() -> list[dict[str, Any]]:
    """The rules every registered item suggests; a body starts from these and edits them."""
    out: list[dict[str, Any]] = []
    for item in sources.items().values():
        if item.points or not item.levels:
            out.append({"item": item.key, "level": "", "points": item.points, "cap": item.cap})
        for level, points in item.levels.items():
            out.append({"item": item.key, "level": level, "points": points, "cap": item.cap})
    return out


def score_items(member_id: int, items: list[FileItem], rules: dict[tuple[str, str], Rule]) -> Score:
    """Apply the rules in date order: a level's rule wins over the item's general one; a cap (or the
    most a deduction may take) applies to the rule's running total, so later items show 0 and why."""
    score = Score(member_id=member_id)
    running: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    for it in sorted(items, key=lambda i: (i.on, i.ref)):
        if it.points is not None:
            score.lines.append(Line(it, it.points, "申诉更正"))
            score.total += it.points
            continue
        rule = rules.get((it.item, it.level)) or rules.get((it.item, ""))
        if rule is None:
            score.lines.append(Line(it, ZERO, "本年度规则未计分"))
            continue
        key = (rule.item, rule.level)
        earned = rule.points
        capped = False
        if rule.cap is not None:
            room = abs(rule.cap) - abs(running[key])
            if room <= 0:
                earned, capped = ZERO, True
            elif abs(earned) > room:
                earned, capped = (room if earned > 0 else -room), True
        running[key] += earned
        score.lines.append(Line(it, earned, rule.describe() + ("（已达上限）" if capped else ""), capped))
        score.total += earned
    return score


def score_body(*, ruleset: ScoringRuleSet, member_ids: Collection[int] | None = None) -> dict[int, Score]:
    """Scores of every current member of the body (or ``member_ids``) under ``ruleset``."""
    from lvzhi.orgs.selectors import body_member_rows

    rules = rules_of(ruleset)
    body = ruleset.body
    roster = [r["member_id"] for r in body_member_rows(body=body)]
    wanted = set(member_ids) if member_ids is not None else set(roster)
    by_member: dict[int, list[FileItem]] = defaultdict(list)
    for it in sources.file_items(body=body, year=ruleset.year, member_ids=member_ids):
        if it.member_id in wanted:
            by_member[it.member_id].append(it)
    return {mid: score_items(mid, by_member.get(mid, []), rules) for mid in wanted}
