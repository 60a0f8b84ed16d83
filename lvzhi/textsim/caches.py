"""Per-body in-process caches: the similarity index and the router, built lazily.

Each cache entry remembers a cheap database stamp (row count and newest ``updated_at`` /
id). Before use, one aggregate query compares it with the database: unchanged → use as is;
new or edited rows → apply them incrementally (``SimilarityIndex.add``, ``Router.learn``);
anything else (rows deleted, a rollback) → rebuild. So every app process converges on the
database without Redis or messages, and a change is visible on the next request.
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max

from lvzhi.casework.models import LIVE_ASSIGNMENT, Assignment, AssignmentRole

from . import engine, pairs
from .models import MergeDecision, MergeDecisionStatus, RoutingRule, SearchEntry, SearchSource

_LOCK = threading.RLock()
CALIBRATE_MAX_UNITS = 12  # above this, calibrated probabilities cost seconds per refit


@dataclass
class _IndexState:
    index: engine.SimilarityIndex
    count: int = 0
    newest: datetime.datetime | None = None
    decisions_stamp: tuple[int, Any] = (0, None)  # staff 并案 decisions the model has learned


@dataclass
class _RouterState:
    router: engine.Router
    last_assignment_id: int = 0
    rules_stamp: tuple[int, Any] = (0, None)
    examples: int = 0
    labels: set[str] = field(default_factory=set)


_INDEXES: dict[int, _IndexState] = {}
_ROUTERS: dict[int, _RouterState] = {}


def clear() -> None:
    """Forget every cached index and router (tests, reindex command)."""
    with _LOCK:
        _INDEXES.clear()
        _ROUTERS.clear()


def _case_entries(body_id: int) -> Any:
    return SearchEntry.objects.filter(body_id=body_id, source=SearchSource.CASE)


_ENTRY_FIELDS = (
    "object_id",
    "text",
    "updated_at",
    "case__submitter_id",
    "case__submitter_name",
    "case__submitted_at",
    "case__created_at",
)


def author_key(submitter_id: int | None, submitter_name: str = "") -> str:
    """Who submitted a case, as the pair model's same-submitter feature compares it."""
    if submitter_id:
        return f"u{submitter_id}"
    return f"n{submitter_name.strip()}" if submitter_name and submitter_name.strip() else ""


def case_metadata(
    submitter_id: int | None, submitter_name: str, submitted_at: Any, created_at: Any
) -> dict[str, Any]:
    when = submitted_at or created_at
    return {
        "author": author_key(submitter_id, submitter_name),
        "day": when.date().toordinal() if when else None,
    }


def _add_rows(index: engine.SimilarityIndex, rows: Any, newest: Any) -> Any:
    for object_id, text, updated, sub_id, sub_name, submitted, created in rows:
        index.add(int(object_id), text, case_metadata(sub_id, sub_name, submitted, created))
        newest = updated if newest is None or updated > newest else newest
    return newest


def index_for(body_id: int) -> engine.SimilarityIndex:
    """The body's similarity index over its case entries, synced with the database."""
    stamp = _case_entries(body_id).aggregate(n=Count("id"), newest=Max("updated_at"))
    with _LOCK:
        state = _INDEXES.get(body_id)
        if state is not None and (state.count, state.newest) == (stamp["n"], stamp["newest"]):
            return state.index
        if state is None or state.newest is None or stamp["newest"] is None or stamp["newest"] < state.newest:
            state = _IndexState(index=engine.SimilarityIndex())
            rows = _case_entries(body_id).values_list(*_ENTRY_FIELDS)
        else:
            rows = _case_entries(body_id).filter(updated_at__gte=state.newest).values_list(*_ENTRY_FIELDS)
        state.newest = _add_rows(state.index, rows, state.newest)
        state.count = len(state.index)
        if state.count != stamp["n"]:  # rows were deleted since: start again from the table
            _INDEXES.pop(body_id, None)
            state = _IndexState(index=engine.SimilarityIndex())
            state.newest = _add_rows(state.index, _case_entries(body_id).values_list(*_ENTRY_FIELDS), None)
            state.count = len(state.index)
        _learn_decisions(body_id, state)
        _INDEXES[body_id] = state
        return state.index


def labelled_pairs(body_id: int) -> list[tuple[int, int, int]]:
    """Staff's 并案 decisions as labelled pairs (a, b, label): every two cases of an accepted
    group are one matter (1); of a dismissed group, not (0)."""
    out: list[tuple[int, int, int]] = []
    for ids, status in MergeDecision.objects.filter(body_id=body_id).values_list("case_ids", "status"):
        label = 1 if status == MergeDecisionStatus.ACCEPTED else 0
        uniq = sorted({int(i) for i in ids or []})
        out += [(a, b, label) for i, a in enumerate(uniq) for b in uniq[i + 1 :]]
    return out


def _learn_decisions(body_id: int, state: _IndexState) -> None:
    """Refit the index's pair model on the shipped pairs plus this body's staff decisions."""
    base = pairs.default_model()
    if base is None:
        return
    agg = MergeDecision.objects.filter(body_id=body_id).aggregate(n=Count("id"), newest=Max("updated_at"))
    stamp = (int(agg["n"]), agg["newest"])
    if stamp == state.decisions_stamp:
        return
    index = state.index
    known = [(a, b, y) for a, b, y in labelled_pairs(body_id) if a in index and b in index]
    rows = [index.judge_ids(a, b).features for a, b, _ in known]
    index.model = base.refit(rows, [y for *_, y in known]) if rows else base
    state.decisions_stamp = stamp


def _rules_stamp(body_id: int) -> tuple[int, Any]:
    agg = RoutingRule.objects.filter(body_id=body_id).aggregate(n=Count("id"), newest=Max("updated_at"))
    return int(agg["n"]), agg["newest"]


def _lead_rows(body_id: int, after_id: int) -> Any:
    return (
        Assignment.objects.filter(
            LIVE_ASSIGNMENT, case__body_id=body_id, role=AssignmentRole.LEAD, pk__gt=after_id
        )
        .order_by("pk")
        .values_list("pk", "unit_id", "case__title", "case__background", "case__content")
    )


def _text(title: str, background: str, content: str) -> str:
    return "\n".join(p for p in (title, background, content) if p)[:2000]


def router_for(body_id: int) -> engine.Router:
    """The body's router: trained on past lead assignments (case text → unit id), plus rules.

    New assignments since the last call are fed to ``Router.learn`` (staff choices improve
    the next suggestions); rule edits are re-applied with ``set_rules``.
    """
    rules_stamp = _rules_stamp(body_id)
    with _LOCK:
        state = _ROUTERS.get(body_id)
        if state is None:
            rows = list(_lead_rows(body_id, 0))
            router = engine.Router(calibrate=len({r[1] for r in rows}) <= CALIBRATE_MAX_UNITS)
            router.fit([_text(t, b, c) for _, _, t, b, c in rows], [str(u) for _, u, *_ in rows])
            state = _RouterState(router=router, last_assignment_id=max((r[0] for r in rows), default=0))
            state.examples = len(rows)
            _ROUTERS[body_id] = state
        else:
            for pk, unit_id, t, b, c in _lead_rows(body_id, state.last_assignment_id):
                state.router.learn(_text(t, b, c), str(unit_id))
                state.last_assignment_id = pk
                state.examples += 1
        if state.rules_stamp != rules_stamp:
            rules = RoutingRule.objects.filter(body_id=body_id)
            state.router.set_rules({str(r.unit_id): r.keyword_list for r in rules})
            state.rules_stamp = rules_stamp
        return state.router


def router_examples(body_id: int) -> int:
    state = _ROUTERS.get(body_id)
    return state.examples if state else 0
