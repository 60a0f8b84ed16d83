"""Charts of the figures: each app declares its charts in its own ``charts.py`` and registers them;
this module, the pages and the one script that draws them (``web/static/web/charts.js``) name none.

    from lvzhi.reports import charts

    @charts.chart("<app>.<name>", "图表标题", kind="line", places={"statistics", "workbench"},
                  roles={"staff", "leader"})
    def _chart(q: charts.Query) -> charts.Data: ...

A chart reads through the selectors with ``q.actor``, so it shows what the actor may read and
nothing else: the body comes from the page (already checked), the records from the shared rule.
Each bar or slice may carry the address of the records it counts (``Data.links``): a click opens
them. A chart with nothing to show says “暂无数据” instead of an empty frame.

Places: ``workbench`` (the role's 工作台), ``figures`` (数据明细), ``statistics`` (办理统计, with the
case kind as ``q.kind``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

KINDS = ("bar", "hbar", "line", "pie", "radar")
PLACES = ("workbench", "figures", "statistics")
EMPTY_TEXT = "暂无数据"


@dataclass(frozen=True)
class Query:
    actor: Any
    body: Any  # the body the page shows (checked by the page), or None for the administrator
    year: int
    kind: str = ""  # the case kind on 办理统计


@dataclass
class Series:
    name: str
    values: Sequence[float | int]


@dataclass
class Data:
    categories: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # one address per category ("" = none)
    unit: str = ""
    maximum: list[float] = field(default_factory=list)  # radar: the scale of each category

    @property
    def empty(self) -> bool:
        return not self.categories or not any(v for s in self.series for v in s.values)


Build = Callable[[Query], Data]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    kind: str
    build: Build
    places: frozenset[str]
    roles: frozenset[str]  # workbench roles that see it (member, unit, staff, leader, admin)
    body_kinds: frozenset[str]
    case_kinds: frozenset[str]  # on 办理统计: the kinds it belongs to (empty = every kind)
    order: int


_REGISTRY: dict[str, Chart] = {}


def chart(
    key: str,
    title: str,
    *,
    kind: str = "bar",
    places: Collection[str] = ("workbench", "figures"),
    roles: Collection[str] = ("staff", "leader"),
    body_kinds: Collection[str] = ("cppcc", "congress"),
    case_kinds: Collection[str] = (),
    order: int = 50,
) -> Callable[[Build], Build]:
    if kind not in KINDS:
        raise ValueError(f"未知图表类型：{kind}")
    unknown = set(places) - set(PLACES)
    if unknown:
        raise ValueError(f"未知图表位置：{', '.join(sorted(unknown))}")

    def decorator(build: Build) -> Build:
        _REGISTRY[key] = Chart(
            key=key,
            title=title,
            kind=kind,
            build=build,
            places=frozenset(places),
            roles=frozenset(roles),
            body_kinds=frozenset(body_kinds),
            case_kinds=frozenset(case_kinds),
            order=order,
        )
        return build

    return decorator


def all_charts() -> list[Chart]:
    return sorted(_REGISTRY.values(), key=lambda c: (c.order, c.key))


def charts_for(*, place: str, role: str = "", body_kind: str = "", case_kind: str = "") -> list[Chart]:
    out = []
    for c in all_charts():
        if place not in c.places:
            continue
        if place == "workbench" and role not in c.roles:
            continue
        if body_kind and body_kind not in c.body_kinds:
            continue
        if place == "statistics" and c.case_kinds and case_kind not in c.case_kinds:
            continue
        out.append(c)
    return out


def _number(v: Any) -> float | int:
    return int(v) if isinstance(v, bool) or float(v).is_integer() else round(float(v), 1)


def spec(c: Chart, data: Data) -> dict[str, Any]:
    """What the page hands the script (JSON): the chart's kind, title and numbers, nothing else."""
    return {
        "key": c.key,
        "kind": c.kind,
        "title": c.title,
        "unit": data.unit,
        "categories": data.categories,
        "series": [{"name": s.name, "values": [_number(v) for v in s.values]} for s in data.series],
        "links": data.links,
        "max": data.maximum,
    }


def rendered(*, place: str, query: Query, role: str = "") -> list[dict[str, Any]]:
    """The charts of a place for the actor, ready for ``reports/_charts.html``."""
    body_kind = getattr(query.body, "kind", "") if query.body is not None else ""
    out = []
    for c in charts_for(place=place, role=role, body_kind=body_kind, case_kind=query.kind):
        data = c.build(query)
        dom_id = "chart-" + c.key.replace(".", "-").replace("_", "-")
        out.append(
            {
                "key": c.key,
                "dom_id": dom_id,
                "data_id": dom_id + "-data",
                "title": c.title,
                "kind": c.kind,
                "empty": data.empty,
                "empty_text": EMPTY_TEXT,
                "spec": spec(c, data),
            }
        )
    return out
