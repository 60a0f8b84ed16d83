"""人大监督 in the 大事记: reports heard, inspections, inquiries, resolutions made, polls published."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lvzhi.reports import chronicle

from . import selectors


@chronicle.source
def oversight_entries(body: Any, year: int) -> Iterable[chronicle.Entry]:
    if body.kind != "congress":
        return
    for r in selectors.reviews_in_year(body, year):
        yield chronicle.Entry(
            on=r.reviewed_on, text=f"听取审议{r.title}。", url=r.get_absolute_url(), kind="监督"
        )
    for i in selectors.law_inspections_in_year(body, year):
        yield chronicle.Entry(on=i.started_on, text=f"开展{i.title}。", url=i.get_absolute_url(), kind="监督")
    for q in selectors.inquiries_in_year(body, year):
        yield chronicle.Entry(
            on=q.held_on, text=f"就{q.topic}开展专题询问。", url=q.get_absolute_url(), kind="监督"
        )
    for d in selectors.resolutions_in_year(body, year):
        if d.voted_on:
            yield chronicle.Entry(
                on=d.voted_on, text=f"作出《{d.title}》。", url=d.get_absolute_url(), kind="决定"
            )
    for p in selectors.polls_in_year(body, year):
        yield chronicle.Entry(
            on=p.held_on,
            text=f"开展{p.title}，满意和基本满意率{p.approval_rate or 0}%。",
            url=p.get_absolute_url(),
            kind="监督",
        )
    for v in selectors.livelihood_votes_in_year(body, year).exclude(voted_on=None):
        if v.voted_on:
            yield chronicle.Entry(
                on=v.voted_on,
                text=f"人大代表票决产生{v.year}年民生实事项目。",
                url=v.get_absolute_url(),
                kind="决定",
            )
