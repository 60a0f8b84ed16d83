"""Pages particular to 提案 / 代表建议 / 议案: the statistics by sector or delegation, with the figures."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lvzhi.casework import selectors as case_selectors
from lvzhi.casework import stats
from lvzhi.casework.views import _kind, _kinds_for, _year, staff_only
from lvzhi.reports import charts
from lvzhi.reports import figures as registry

from . import figures, selectors

FIGURES_BY_KIND = {
    "proposal": [
        ("proposal.submitted", figures.proposal_submitted),
        ("proposal.registered", figures.proposal_registered),
        ("proposal.answered", figures.proposal_answered),
        ("proposal.answer_rate", figures.proposal_answer_rate),
        ("proposal.satisfaction_rate", figures.proposal_satisfaction_rate),
        ("proposal.key", figures.proposal_key),
    ],
    "suggestion": [("deputy.suggestions", figures.deputy_suggestions)],
    "bill": [("deputy.bills", figures.deputy_bills)],
}


@staff_only
def statistics(request: HttpRequest) -> HttpResponse:
    """办理统计: by state, category, reply class, sector / delegation and unit; the year's figures."""
    user: Any = request.user
    kind, year = _kind(request), _year(request)
    data = stats.overview(actor=user, kind=kind, year=year)
    scope = case_selectors.case_scope_for_actor(actor=user).filter(kind=kind, year=year)
    group_field = "sector" if kind == "proposal" else "delegation"
    body = user.body
    figure_rows = []
    if body is not None:
        # One aggregate query for all of the kind's figures, not one per key.
        values = figures.figure_values(body, year, kind)
        for key, _compute in FIGURES_BY_KIND.get(kind, []):
            spec = registry.spec(key)
            figure_rows.append(
                {"key": key, "label": spec.label, "unit": spec.unit, "value": values.get(key, 0)}
            )
    return render(
        request,
        "proposals/statistics.html",
        {
            **data,
            "kind": kind,
            "year": year,
            "kinds": _kinds_for(user),
            "figure_rows": figure_rows,
            # Each kind's first figure is its submitted count: the 提交件数 card already shows it.
            "cards": figure_rows[1:4],
            "groups": selectors.counts_by_group(cases=scope, field=group_field),
            "group_label": "界别" if group_field == "sector" else "代表团",
            "years": list(range(timezone.localdate().year, 2019, -1)),
            "charts": charts.rendered(
                place="statistics", query=charts.Query(actor=user, body=body, year=year, kind=kind)
            ),
        },
    )
