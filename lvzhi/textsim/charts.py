"""热点议题 of the year on 数据明细: the topics most cases of the year share (petitions left out, as
on the topics page); each bar opens the search for the topic."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from lvzhi.reports import charts

from . import selectors


@charts.chart("textsim.hot_topics", "热点议题（本年度件数）", kind="hbar", places=("figures",), order=80)
def hot_topics(q: charts.Query) -> charts.Data:
    if q.body is None:
        return charts.Data()
    data = selectors.hot_topics(actor=q.actor, body_id=q.body.pk)
    if q.year not in data["years"]:
        return charts.Data()
    at = data["years"].index(q.year)
    rows = sorted(((s["name"], s["data"][at]) for s in data["series"] if s["data"][at]), key=lambda r: -r[1])
    search = reverse("textsim:search")
    return charts.Data(
        categories=[name for name, _ in rows],
        series=[charts.Series("件数", [n for _, n in rows])],
        links=[f"{search}?{urlencode({'q': name, 'year': q.year})}" for name, _ in rows],
        unit="件",
    )
