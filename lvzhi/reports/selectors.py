"""Reads of peer reports, our own figures and the comparison, scoped to what the actor may see."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet

from lvzhi.core.exceptions import NotFound
from lvzhi.core.permissions import can, visible_body_ids
from lvzhi.orgs.models import Body, Membership

from . import figures as registry
from .models import PeerFigure, PeerReport, format_value

NOT_FOUND = "记录不存在或您无权查看。"
PERMISSION_DENIED = "您无权查看同行报告与数据比较。"
BODY_NOT_COMPARABLE = "机构“%(body)s”不在可比较的范围内。"
PER_MEMBERS = 100  # figures are normalised per 100 members / deputies


def require_view(actor: Any, obj: Any = None) -> None:
    if not can(actor, "reports.view_peerreport", obj):
        raise PermissionDenied(PERMISSION_DENIED)


# ------------------------------------------------------------------- peer reports


def peer_report_list_for_actor(
    *, actor: Any, q: str = "", year: int | None = None, kind: str = "", body_id: int | None = None
) -> QuerySet[PeerReport]:
    require_view(actor)
    qs = PeerReport.objects.select_related("body", "created_by").annotate(figure_count=Count("figures"))
    ids = visible_body_ids(actor)
    if ids is not None:
        qs = qs.filter(body_id__in=ids)
    if body_id:
        qs = qs.filter(body_id=body_id)
    if q:
        qs = qs.filter(Q(peer_name__icontains=q) | Q(region__icontains=q) | Q(source_name__icontains=q))
    if year:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.defer("text").order_by("-year", "peer_name", "id")


def peer_report_get_for_actor(*, actor: Any, pk: int) -> PeerReport:
    """The only sanctioned way to load a peer report: another body's report is simply not found."""
    require_view(actor)
    qs = PeerReport.objects.select_related("body", "peer_body", "created_by")
    ids = visible_body_ids(actor)
    if ids is not None:
        qs = qs.filter(body_id__in=ids)
    report = qs.filter(pk=pk).first()
    if report is None:
        raise NotFound(NOT_FOUND)
    return report


def peer_figure_get_for_actor(*, actor: Any, pk: int, report: PeerReport | None = None) -> PeerFigure:
    qs = PeerFigure.objects.select_related("report", "report__body")
    if report is not None:
        qs = qs.filter(report=report)
    figure = qs.filter(pk=pk).first()
    if figure is None:
        raise NotFound(NOT_FOUND)
    peer_report_get_for_actor(actor=actor, pk=figure.report_id)
    return figure


def peer_report_years(*, actor: Any) -> list[int]:
    return sorted(set(peer_report_list_for_actor(actor=actor).values_list("year", flat=True)), reverse=True)


# ---------------------------------------------------------------- bodies & figures


def comparable_bodies_for_actor(*, actor: Any, body: Body | None) -> QuerySet[Body]:
    """In-system bodies whose figures the actor may put beside theirs.

    A body sees its own records and its children's roll-up figures (DESIGN.md), so
    staff compare with the bodies below them; administrators with any body.
    """
    qs = Body.objects.filter(is_active=True).order_by("kind", "level", "name")
    if visible_body_ids(actor) is None:
        return qs.exclude(pk=body.pk) if body else qs
    if body is None:
        return qs.none()
    return qs.filter(parent=body)


def body_get(*, pk: int) -> Body:
    """Any body, for the operator's commands (no actor to scope by)."""
    body = Body.objects.filter(pk=pk).first()
    if body is None:
        raise NotFound(NOT_FOUND)
    return body


def default_owner_body() -> Body | None:
    """For an operator's import without --body: the deployment's first top-level body."""
    return Body.objects.filter(parent__isnull=True, is_active=True).order_by("pk").first()


def linkable_bodies() -> QuerySet[Body]:
    """Bodies a peer report may be linked to: any active body of the system (names only)."""
    return Body.objects.filter(is_active=True).order_by("kind", "level", "name")


def linkable_body_get(*, pk: int) -> Body:
    body = linkable_bodies().filter(pk=pk).first()
    if body is None:
        raise NotFound(NOT_FOUND)
    return body


def figure_body_get_for_actor(*, actor: Any, body_id: int) -> Body:
    """A body whose figures the actor may read: a visible one or a child of one."""
    if not can(actor, "reports.view_figures"):
        raise PermissionDenied(PERMISSION_DENIED)
    body = Body.objects.filter(pk=body_id).first()
    ids = visible_body_ids(actor)
    if body is None or not (ids is None or body.pk in ids or body.parent_id in ids):
        raise NotFound(NOT_FOUND)
    return body


def member_counts(*, body_ids: Iterable[int]) -> dict[int, int]:
    """Active memberships per body, in one query (the base of per-member normalisation)."""
    rows = (
        Membership.objects.filter(body_id__in=list(body_ids), is_active=True)
        .values_list("body_id")
        .annotate(n=Count("id"))
    )
    return {int(body_id): int(n) for body_id, n in rows}


@dataclass
class FigureRow:
    key: str
    label: str
    unit: str
    value: float | int
    has_records: bool

    @property
    def display(self) -> str:
        return format_value(self.value)


def figure_table(*, body: Body, year: int) -> list[FigureRow]:
    """Our computed figures for a year, with whether each can list the records behind it."""
    values = registry.figures_for(body=body, year=year)
    out = []
    for key, value in values.items():
        spec = registry.spec(key)
        out.append(
            FigureRow(
                key=key,
                label=spec.label,
                unit=spec.unit,
                value=value,
                has_records=registry.has_records(key),
            )
        )
    return out


def figure_records_for_actor(*, actor: Any, body: Body, key: str, year: int) -> list[Any] | None:
    """The records behind one of our figures; None when no app registered them."""
    if not can(actor, "reports.view_figures", body):
        raise PermissionDenied(PERMISSION_DENIED)
    registry.spec(key)  # KeyError for an unknown key
    records = registry.figure_records(key=key, body=body, year=year)
    if records is None:
        return None
    return list(records[:500]) if hasattr(records, "__getitem__") else list(records)[:500]


# ---------------------------------------------------------------------- comparison


@dataclass
class Column:
    id: str  # "ours", "report-<pk>", "body-<pk>"
    name: str
    kind: str
    source: str
    year: int
    member_count: int | None
    values: dict[str, float | int | None] = field(default_factory=dict)
    parts: dict[str, int] = field(default_factory=dict)  # figures added into one key
    approx: dict[str, bool] = field(default_factory=dict)  # the value holds a 余/多/近 figure
    others: dict[str, list[str]] = field(default_factory=dict)  # stated too, not counted in the value


@dataclass
class ComparisonRow:
    key: str
    label: str
    unit: str
    values: list[float | int | None]
    per_members: list[float | None]
    parts: list[int]
    approx: list[bool] = field(default_factory=list)
    others: list[list[str]] = field(default_factory=list)

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"

    def display(self, i: int) -> str:
        v = self.values[i]
        if v is None:
            return "—"
        return format_value(v) + ("余" if self.approx and self.approx[i] else "")

    @property
    def cells(self) -> list[dict[str, Any]]:
        return [
            {
                "value": v,
                "display": self.display(i),
                "per": format_value(p) if p is not None else "",
                "parts": n,
                "others": self.others[i] if self.others else [],
            }
            for i, (v, p, n) in enumerate(zip(self.values, self.per_members, self.parts, strict=True))
        ]


@dataclass
class Comparison:
    year: int
    columns: list[Column]
    rows: list[ComparisonRow]

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "per_members": PER_MEMBERS,
            "columns": [
                {
                    "id": c.id,
                    "name": c.name,
                    "kind": c.kind,
                    "source": c.source,
                    "member_count": c.member_count,
                }
                for c in self.columns
            ],
            "rows": [
                {
                    "key": r.key,
                    "label": r.label,
                    "unit": r.unit,
                    "values": r.values,
                    "approx": r.approx,
                    "per_members": r.per_members,
                }
                for r in self.rows
            ],
        }


# What a count counts: figures in one family may be added, never a 人次 to a 次 or an issue (期)
# to the reports in it. 个 names events and documents alike.
_UNIT_FAMILIES = (
    frozenset({"人次", "人", "名", "位"}),
    frozenset({"次", "场", "项", "轮", "批", "个", "期次"}),
    frozenset({"件", "篇", "条", "份", "部", "个", "项"}),
    frozenset({"期"}),
    frozenset({"%"}),
)


def _same_count(unit: str, key_unit: str) -> bool:
    if not unit or unit == key_unit:
        return True
    return any(unit in fam and key_unit in fam for fam in _UNIT_FAMILIES)


def _as_stated(f: PeerFigure) -> str:
    return f"{format_value(f.value)}{'余' if f.approx else ''}{f.unit}（{f.quote[:40]}）".replace("（）", "")


def _combine(
    figs: Sequence[PeerFigure],
) -> tuple[dict[str, float | int | None], dict[str, int], dict[str, bool], dict[str, list[str]]]:
    """One value per key from a report's figures, as the key's counting rule allows.

    A report often states one key several times for different things ("对口协商30余次、
    界别协商20次"): counts of the key's own unit are added, and an approximate part keeps the
    total approximate (50余). A figure in another unit (人次 beside 次) is shown as stated, not
    added. A rate is never added: the one the key means (``FigureKey.prefer``) is taken, the
    others shown as stated. Staff delete a figure on review when it repeats another (a "其中").
    """
    by_key: dict[str, list[PeerFigure]] = {}
    for f in figs:
        by_key.setdefault(f.key, []).append(f)
    values: dict[str, float | int | None] = {}
    parts: dict[str, int] = {}
    approx: dict[str, bool] = {}
    others: dict[str, list[str]] = {}
    for key, group in by_key.items():
        key_unit = registry_unit(key)
        try:
            prefer = registry.spec(key).prefer
        except KeyError:
            prefer = ()
        if key_unit == "%" or all(f.unit == "%" for f in group):
            chosen = next((f for f in group if any(w in f.quote for w in prefer)), group[0])
            counted = [chosen]
        else:
            counted = [f for f in group if _same_count(f.unit, key_unit)] or group[:1]
        values[key] = _tidy(sum(f.value for f in counted))
        parts[key] = len(counted)
        approx[key] = any(f.approx for f in counted)
        rest = [_as_stated(f) for f in group if f not in counted]
        if rest:
            others[key] = rest
    return values, parts, approx, others


def registry_unit(key: str) -> str:
    try:
        return registry.spec(key).unit
    except KeyError:
        return ""


def _tidy(value: float | int | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 2)


def _per_members(value: float | int | None, unit: str, members: int | None) -> float | None:
    if value is None or unit == "%" or not members:
        return None
    return round(value * PER_MEMBERS / members, 2)


def _recorded(values: dict[str, float | int]) -> dict[str, float | int | None]:
    """A body's own figures where it has records: a 0 (or 0%) computed from nothing shows as "—"."""
    return {k: (v if v else None) for k, v in values.items()}


def _key_order() -> dict[str, int]:
    return {spec.key: i for i, spec in enumerate(registry.all_keys())}


def comparison_for_actor(
    *,
    actor: Any,
    body: Body,
    year: int,
    report_ids: Iterable[int] = (),
    body_ids: Iterable[int] = (),
) -> Comparison:
    """Our figures and the chosen peers' side by side, key by key, for one year.

    Peers are saved peer reports (any year the office chose; normally the same year) and
    in-system bodies (their figures computed by the registry for ``year``). Counts are
    also given per 100 members where the membership is known.
    """
    require_view(actor, body)
    report_ids = [int(i) for i in report_ids]
    body_ids = [int(i) for i in body_ids]
    reports = list(
        peer_report_list_for_actor(actor=actor).filter(pk__in=report_ids).order_by("peer_name", "pk")
    )
    if len(reports) != len(set(report_ids)):
        raise NotFound(NOT_FOUND)
    comparable = comparable_bodies_for_actor(actor=actor, body=body)
    bodies = list(comparable.filter(pk__in=body_ids).order_by("name"))
    if len(bodies) != len(set(body_ids)):
        raise NotFound(NOT_FOUND)
    return _comparison(body=body, year=year, reports=reports, bodies=bodies)


def comparison_with_peer_reports(*, body: Body, year: int) -> Comparison:
    """The year report's appendix: the body beside the peer reports it saved of its own kind, for the
    year (or the newest year before it). Callers check the actor may read the body's figures."""
    qs = PeerReport.objects.filter(body_id=body.pk, kind=body.kind, year__lte=year).defer("text")
    newest = qs.order_by("-year").values_list("year", flat=True).first()
    reports = list(qs.filter(year=newest).order_by("peer_name", "pk")) if newest else []
    return _comparison(body=body, year=year, reports=reports, bodies=[])


def _comparison(*, body: Body, year: int, reports: list[PeerReport], bodies: list[Body]) -> Comparison:
    linked = [r.peer_body_id for r in reports if r.peer_body_id and not r.member_count]
    counts = member_counts(body_ids=[body.pk, *(b.pk for b in bodies), *linked])
    figures_by_report: dict[int, list[PeerFigure]] = {r.pk: [] for r in reports}
    for fig in PeerFigure.objects.filter(report_id__in=[r.pk for r in reports]).order_by(
        "report_id", "order", "id"
    ):
        figures_by_report[fig.report_id].append(fig)

    columns = [
        Column(
            id="ours",
            name=body.short_name or body.name,
            kind=body.kind,
            source="本机构",
            year=year,
            member_count=counts.get(body.pk) or None,
            values=_recorded(registry.figures_for(body=body, year=year)),
        )
    ]
    for r in reports:
        values, parts, approx, others = _combine(figures_by_report[r.pk])
        members = r.member_count or (counts.get(r.peer_body_id) if r.peer_body_id else None) or None
        columns.append(
            Column(
                id=f"report-{r.pk}",
                name=r.peer_name,
                kind=r.kind,
                source="同行报告",
                year=r.year,
                member_count=members,
                values=values,
                parts=parts,
                approx=approx,
                others=others,
            )
        )
    for b in bodies:
        columns.append(
            Column(
                id=f"body-{b.pk}",
                name=b.short_name or b.name,
                kind=b.kind,
                source="本系统机构",
                year=year,
                member_count=counts.get(b.pk) or None,
                values=_recorded(registry.figures_for(body=b, year=year)),
            )
        )

    order = _key_order()
    keys = sorted({k for c in columns for k in c.values}, key=lambda k: (order.get(k, len(order)), k))
    rows = []
    for key in keys:
        unit = registry_unit(key)
        vals = [c.values.get(key) for c in columns]
        rows.append(
            ComparisonRow(
                key=key,
                label=registry.spec(key).label,
                unit=unit,
                values=vals,
                per_members=[
                    _per_members(v, unit, c.member_count) for v, c in zip(vals, columns, strict=True)
                ],
                parts=[c.parts.get(key, 1 if c.values.get(key) is not None else 0) for c in columns],
                approx=[c.approx.get(key, False) for c in columns],
                others=[c.others.get(key, []) for c in columns],
            )
        )
    return Comparison(year=year, columns=columns, rows=rows)


def comparison_chart_data(comparison: Comparison) -> dict[str, Any]:
    """The ECharts inputs: bars per key (raw values) and a radar of normalised counts."""
    names = [c.name for c in comparison.columns]
    bars = [
        {
            "key": r.key,
            "label": r.label,
            "unit": r.unit,
            "values": [v if v is not None else None for v in r.values],
        }
        for r in comparison.rows
        if any(v for v in r.values)
    ]
    radar_rows = [
        r for r in comparison.rows if not r.is_rate and sum(1 for p in r.per_members if p is not None) >= 2
    ]
    indicators = [{"name": r.label, "max": max(p or 0 for p in r.per_members) * 1.1 or 1} for r in radar_rows]
    series = [
        {"name": name, "value": [r.per_members[i] or 0 for r in radar_rows]}
        for i, name in enumerate(names)
        if comparison.columns[i].member_count
    ]
    return {"names": names, "bars": bars, "radar": {"indicators": indicators, "series": series}}
