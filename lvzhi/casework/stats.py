"""Statistics of the casework, each table in one grouped query (no N+1 at 10,000 cases)."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.utils import timezone

from . import selectors
from .models import LIVE_ASSIGNMENT, Assignment, CaseCategory, ReplyCategory
from .workflow import workflow_for


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def unit_progress(*, actor: Any, kind: str, year: int) -> list[dict[str, Any]]:
    today = timezone.localdate()
    scope = selectors.case_scope_for_actor(actor=actor).filter(kind=kind, year=year)
    rows = (
        Assignment.objects.filter(LIVE_ASSIGNMENT, case__in=scope)
        .values("unit_id", "unit__name")
        .annotate(
            lead=Count("id", filter=Q(role="lead")),
            assisting=Count("id", filter=Q(role="assisting")),
            replied=Count("id", filter=Q(status="replied")),
            open=Count("id", filter=~Q(status="replied")),
            overdue=Count(
                "id",
                filter=~Q(status="replied") & Q(due_on__lt=today, case__state__in=selectors.HANDLING_STATES),
            ),
            a=Count("id", filter=Q(role="lead", case__reply_category="a")),
            b=Count("id", filter=Q(role="lead", case__reply_category="b")),
            c=Count("id", filter=Q(role="lead", case__reply_category="c")),
            satisfied=Count("id", filter=Q(role="lead", case__rating__in=["satisfied", "basic"])),
            total=Count("id"),
        )
        .order_by("-total", "unit__name")
    )
    return [{**r, "unit": r["unit__name"], "rate": _pct(r["replied"], r["total"])} for r in rows]


def overview(*, actor: Any, kind: str, year: int) -> dict[str, Any]:
    wf = workflow_for(kind)
    scope = selectors.case_scope_for_actor(actor=actor).filter(kind=kind, year=year)
    # One grouped query, folded in Python: at most states × categories × classes × ratings rows.
    by_state: dict[str, int] = {}
    by_category: dict[str, int] = {}
    by_reply: dict[str, int] = {}
    by_rating: dict[str, int] = {}
    rows = (
        scope.order_by()
        .annotate(reg=ExpressionWrapper(Q(registered_at__isnull=False), output_field=BooleanField()))
        .values_list("state", "category", "reply_category", "rating", "reg")
        .annotate(n=Count("id"))
    )
    for state, category, reply, rating, registered, n in rows:
        by_state[state] = by_state.get(state, 0) + n
        if registered:
            by_category[category] = by_category.get(category, 0) + n
        if reply:
            by_reply[reply] = by_reply.get(reply, 0) + n
        if rating:
            by_rating[rating] = by_rating.get(rating, 0) + n
    return {
        "wf": wf,
        "states": [
            {"label": str(lbl), "count": by_state.get(v, 0)} for v, lbl in (wf.states.choices if wf else [])
        ],
        "categories": [
            {"label": str(lbl), "count": by_category.get(v, 0)} for v, lbl in CaseCategory.choices
        ],
        "replies": [{"label": str(lbl), "count": by_reply.get(v, 0)} for v, lbl in ReplyCategory.choices],
        "ratings": by_rating,
        "units": unit_progress(actor=actor, kind=kind, year=year)[:15],
        "total": sum(n for s, n in by_state.items() if s != "draft"),
    }
