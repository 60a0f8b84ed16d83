"""Charts of the performance files: how the body's members spread over the year's scores (staff and
leaders), and a member's own file by part (the member's workbench)."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lvzhi.core.exceptions import NotFound
from lvzhi.reports import charts

from . import scoring, selectors, sources
from .models import MemberScore

STEPS = (5, 10, 20, 25, 50, 100, 200, 500)


def bands(totals: list[Decimal]) -> tuple[list[str], list[int]]:
    """Five to six bands of a round width (10, 20, 50 …) over the scores; zero and below on its own."""
    top = max((t for t in totals), default=Decimal(0))
    step = next((s for s in STEPS if s * 5 >= top), STEPS[-1])
    labels = ["0分及以下"]
    counts = [0]
    low = 0
    while low < top:
        labels.append(f"{low + 1}–{low + step}分" if step > 1 else f"{low + 1}分")
        counts.append(0)
        low += step
    for t in totals:
        if t <= 0:
            counts[0] += 1
        else:
            counts[min(int((t - 1) // step) + 1 if t > 1 else 1, len(counts) - 1)] += 1
    return labels, counts


@charts.chart("members.score_distribution", "委员/代表履职积分分布", kind="bar", order=70)
def score_distribution(q: charts.Query) -> charts.Data:
    """Members per band of the year's stored scores (the current rules); each bar opens the ranking."""
    if q.body is None or not selectors.is_scoring_staff(q.actor, q.body):
        return charts.Data()
    ruleset = scoring.ruleset_current(body=q.body, year=q.year)
    if ruleset is None:
        return charts.Data()
    labels, counts = bands(list(MemberScore.objects.filter(ruleset=ruleset).values_list("total", flat=True)))
    ranking = reverse("members:ranking") + "?" + urlencode({"year": q.year})
    return charts.Data(
        categories=labels,
        series=[charts.Series("人数", counts)],
        links=[ranking] * len(labels),
        unit="人",
    )


@charts.chart(
    "members.my_file",
    "我的履职积分（按类别）",
    kind="radar",
    places=("workbench",),
    roles=("member",),
    order=5,
)
def my_file(q: charts.Query) -> charts.Data:
    """The member's own points per part of the file; fewer than three parts read better as bars,
    so the radar keeps every registered part (zero where nothing was earned)."""
    member_id = getattr(q.actor, "member_id", None)
    if q.body is None or not member_id:
        return charts.Data()
    try:
        file = selectors.member_file_for_actor(actor=q.actor, body=q.body, member_id=member_id, year=q.year)
    except (PermissionDenied, NotFound):
        return charts.Data()
    points = {g["label"]: max(g["points"], Decimal(0)) for g in file.groups}
    parts = [p for p in dict.fromkeys(s.group for s in sources.all_sources()) if p != "申诉更正"]
    values = [float(points.get(p, 0)) for p in parts]
    top = max(values, default=0) or 1
    return charts.Data(
        categories=parts,
        series=[charts.Series("本人积分", values)],
        maximum=[round(top * 1.2, 1)] * len(parts),
        unit="分",
    )
