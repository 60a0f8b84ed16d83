"""人大监督 on the congress dashboard: the year's oversight figures, each bar opening its records."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from lvzhi.reports import charts, figures

from .figures import OWN_FIGURES


@charts.chart("oversight.figures", "人大监督（本年度）", kind="hbar", body_kinds=("congress",), order=45)
def oversight_figures(q: charts.Query) -> charts.Data:
    if q.body is None or q.body.kind != "congress":
        return charts.Data()
    shown = [(spec, compute(q.body, q.year)) for spec, compute in OWN_FIGURES]
    shown = [(spec, n) for spec, n in shown if n]
    query = urlencode({"year": q.year, "body": q.body.pk})
    return charts.Data(
        categories=[spec.label for spec, _ in shown],
        series=[charts.Series("数量", [n for _, n in shown])],
        links=[
            f"{reverse('reports:figure-records', args=[spec.key])}?{query}"
            if figures.has_records(spec.key)
            else ""
            for spec, _ in shown
        ],
    )
