"""社情民意 adopted in the year, by the level that adopted them (one report adopted at two levels
shows under each; the figure ``opinion.adopted`` counts it once)."""

from __future__ import annotations

from django.db.models import Count

from lvzhi.casework import selectors as case_selectors
from lvzhi.reports import charts

from .models import Adoption
from .workflow import AdoptionLevel


@charts.chart(
    "opinions.adopted_by_level", "社情民意信息采用（按层级）", kind="bar", body_kinds=("cppcc",), order=60
)
def adopted_by_level(q: charts.Query) -> charts.Data:
    if q.body is None:
        return charts.Data()
    visible = case_selectors.case_scope_for_actor(actor=q.actor).filter(body_id=q.body.pk, kind="opinion")
    counts = dict(
        Adoption.objects.filter(case__in=visible, adopted_on__year=q.year)
        .values_list("level")
        .annotate(n=Count("case_id", distinct=True))
        .order_by()
    )
    shown = [lv for lv in AdoptionLevel if counts.get(lv)]
    return charts.Data(
        categories=[str(lv.label) for lv in shown],
        series=[charts.Series("篇数", [counts[lv] for lv in shown])],
        unit="篇",
    )
