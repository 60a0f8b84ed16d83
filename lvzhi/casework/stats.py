"""Statistics of the casework, each table in one grouped query (no N+1 at 10,000 cases)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
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
    by_state = dict(scope.order_by().values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    by_category = dict(
        scope.exclude(registered_at__isnull=True)
        .order_by()
        .values_list("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    by_reply = dict(
        scope.exclude(reply_category="")
        .order_by()
        .values_list("reply_category")
        .annotate(n=Count("id"))
        .values_list("reply_category", "n")
    )
    by_rating = dict(
        scope.exclude(rating="")
        .order_by()
        .values_list("rating")
        .annotate(n=Count("id"))
        .values_list("rating", "n")
    )
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
