"""Charts of the casework (any kind of case): submitted per month, state, answer and satisfaction
rates, overdue by unit. Each reads ``case_scope_for_actor``: a unit sees its assignments, a member
their own cases, staff and leaders their body's."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.urls import reverse
from django.utils import timezone

from lvzhi.core.permissions import is_admin
from lvzhi.reports import charts

from . import selectors
from .models import LIVE_ASSIGNMENT, Assignment
from .workflow import workflow_for, workflows

MONTHS = [f"{m}月" for m in range(1, 13)]


def _steers(actor: Any) -> bool:
    return bool(is_admin(actor) or getattr(actor, "role", "") in {"staff", "leader"})


def _scope(q: charts.Query) -> Any:
    qs = selectors.case_scope_for_actor(actor=q.actor).filter(year=q.year, submitted_at__isnull=False)
    if q.body is not None:
        qs = qs.filter(body_id=q.body.pk)
    return qs.filter(kind=q.kind) if q.kind else qs


def _inbox(**params: Any) -> str:
    return reverse("casework:inbox") + "?" + urlencode({k: v for k, v in params.items() if v != ""})


def _kind_labels() -> dict[str, str]:
    return {wf.kind: str(wf.label) for wf in workflows()}


@charts.chart(
    "casework.by_month",
    "按月提交件数",
    kind="line",
    places=("workbench", "statistics", "figures"),
    roles=("staff", "leader", "unit", "member"),
    order=10,
)
def by_month(q: charts.Query) -> charts.Data:
    rows = (
        _scope(q)
        .annotate(m=ExtractMonth("submitted_at", tzinfo=timezone.get_current_timezone()))
        .values_list("kind", "m")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_kind: dict[str, list[int]] = {}
    for kind, month, n in rows:
        if month:
            per_kind.setdefault(kind, [0] * 12)[month - 1] += n
    labels = _kind_labels()
    return charts.Data(
        categories=MONTHS,
        series=[charts.Series(labels.get(k, k), v) for k, v in sorted(per_kind.items())],
        unit="件",
    )


@charts.chart("casework.by_state", "按办理状态", kind="pie", places=("statistics",), order=20)
def by_state(q: charts.Query) -> charts.Data:
    wf = workflow_for(q.kind) if q.kind else None
    if wf is None:
        return charts.Data()
    counts = dict(_scope(q).values_list("state").annotate(n=Count("id")).order_by())
    states = [(v, str(lbl)) for v, lbl in wf.states.choices if counts.get(v)]
    links = [_inbox(kind=q.kind, state=v, year=q.year) for v, _ in states] if _steers(q.actor) else []
    return charts.Data(
        categories=[lbl for _, lbl in states],
        series=[charts.Series("件数", [counts[v] for v, _ in states])],
        links=links,
        unit="件",
    )


def _rate(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


@charts.chart(
    "casework.rates",
    "答复率与满意率",
    kind="bar",
    places=("workbench", "statistics", "figures"),
    roles=("staff", "leader"),
    order=30,
)
def rates(q: charts.Query) -> charts.Data:
    """Per kind: answered over registered, and satisfied-or-basically over rated (as the figures)."""
    rows = (
        _scope(q)
        .filter(registered_at__isnull=False, merged_into__isnull=True)
        .values_list("kind")
        .annotate(
            registered=Count("id"),
            answered=Count("id", filter=Q(replied_at__isnull=False)),
            rated=Count("id", filter=~Q(rating="")),
            satisfied=Count("id", filter=Q(rating__in=["satisfied", "basic"])),
        )
        .order_by("kind")
    )
    labels = _kind_labels()
    rows = [r for r in rows if r[1]]
    return charts.Data(
        categories=[labels.get(r[0], r[0]) for r in rows],
        series=[
            charts.Series("答复率", [_rate(r[2], r[1]) for r in rows]),
            charts.Series("满意率", [_rate(r[4], r[3]) for r in rows]),
        ],
        unit="%",
    )


@charts.chart(
    "casework.overdue_by_unit",
    "超期未答复（按承办单位）",
    kind="hbar",
    places=("workbench", "statistics"),
    roles=("staff", "leader"),
    order=40,
)
def overdue_by_unit(q: charts.Query) -> charts.Data:
    today = timezone.localdate()
    rows = list(
        Assignment.objects.filter(
            LIVE_ASSIGNMENT,
            case__in=_scope(q),
            due_on__lt=today,
            case__state__in=selectors.HANDLING_STATES,
        )
        .exclude(status="replied")
        .values_list("unit_id", "unit__name")
        .annotate(n=Count("id"))
        .order_by("-n", "unit__name")[:10]
    )
    links = [_inbox(kind=q.kind, state="all", unit=uid, overdue=1, year=q.year) for uid, _, _ in rows]
    return charts.Data(
        categories=[name for _, name, _ in rows],
        series=[charts.Series("超期件数", [n for _, _, n in rows])],
        links=links if _steers(q.actor) else [],
        unit="件",
    )
