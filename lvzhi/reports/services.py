"""Writes of peer reports and their figures. Each runs in a transaction and validates first.

``actor=None`` means the system (the import command run by an operator); every other
caller passes the acting user, whose permission is checked here, not only in views.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from lvzhi.core import audit
from lvzhi.core.permissions import can

from . import chronicle, intake, yearreport
from . import figures as registry
from .models import PeerFigure, PeerReport, YearReportDraft

PERMISSION_DENIED = "您无权执行此操作。"
YEAR_REQUIRED = "未能识别报告年度，请填写年度。"
KIND_REQUIRED = "未能识别报告机构的类型（政协或人大常委会），请选择类型。"
NAME_REQUIRED = "请填写报告机构名称。"
PEER_BODY_KIND_MISMATCH = "对应的本系统机构“%(body)s”与报告类型不一致。"
FIGURE_ROW_INVALID = "第 %(row)s 项数据：%(reason)s"

REPORT_FIELDS = ("peer_name", "kind", "level", "region", "year", "member_count", "peer_body", "source_name")
FIGURE_FIELDS = ("key", "value", "unit", "approx", "quote")


def _require(actor: Any, perm: str, obj: Any = None) -> None:
    if actor is None:  # the system, e.g. an operator's import command
        return
    if not can(actor, perm, obj):
        raise PermissionDenied(PERMISSION_DENIED)


def _figure(report: PeerReport, data: Mapping[str, Any], *, order: int, is_manual: bool) -> PeerFigure:
    key = str(data.get("key") or "")
    unit = data.get("unit")
    if not unit:
        try:
            unit = registry.spec(key).unit
        except KeyError:
            unit = ""
    return PeerFigure(
        report=report,
        key=key,
        value=data.get("value"),  # type: ignore[misc]  # None is refused by full_clean with a message
        unit=str(unit)[:16],
        approx=bool(data.get("approx", False)),
        quote=str(data.get("quote") or ""),
        is_manual=bool(data.get("is_manual", is_manual)),
        order=order,
    )


def _check_peer_body(report: PeerReport) -> None:
    if report.peer_body is not None and report.peer_body.kind != report.kind:
        raise ValidationError({"peer_body": PEER_BODY_KIND_MISMATCH % {"body": report.peer_body.name}})


def _save_figures(report: PeerReport, items: Iterable[Mapping[str, Any]], *, is_manual: bool) -> None:
    rows = [_figure(report, data, order=i, is_manual=is_manual) for i, data in enumerate(items)]
    errors = []
    for n, row in enumerate(rows, start=1):
        try:
            row.full_clean(exclude=["report"])
        except ValidationError as exc:
            reason = "；".join(exc.messages)
            errors.append(FIGURE_ROW_INVALID % {"row": n, "reason": reason})
    if errors:
        raise ValidationError({"figures": errors})
    for row in rows:
        row.save()  # one by one, so each figure gets its audit row


@transaction.atomic
def peer_report_create(
    *,
    actor: Any,
    body: Any,
    text: str,
    peer_name: str,
    kind: str,
    year: int | None,
    level: str = "",
    region: str = "",
    source_name: str = "",
    member_count: int | None = None,
    peer_body: Any = None,
    figures: Iterable[Mapping[str, Any]] = (),
    figures_are_manual: bool = False,
) -> PeerReport:
    """Save a peer's report with its (reviewed) figures; all or nothing."""
    _require(actor, "reports.add_peerreport", body)
    if not (peer_name or "").strip():
        raise ValidationError({"peer_name": NAME_REQUIRED})
    if not kind:
        raise ValidationError({"kind": KIND_REQUIRED})
    if not year:
        raise ValidationError({"year": YEAR_REQUIRED})
    report = PeerReport(
        body=body,
        text=text,
        peer_name=peer_name.strip()[:100],
        kind=kind,
        level=level or "",
        region=(region or "")[:100],
        year=year,
        source_name=(source_name or "")[:255],
        member_count=member_count or None,
        peer_body=peer_body,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    report.full_clean()
    _check_peer_body(report)
    with audit.acting_as(actor):
        report.save()
        _save_figures(report, figures, is_manual=figures_are_manual)
    return report


def _from_extraction(
    *, actor: Any, body: Any, extraction: intake.Extraction, overrides: Mapping[str, Any] | None
) -> PeerReport:
    meta: dict[str, Any] = {
        "peer_name": extraction.peer_name,
        "kind": extraction.kind or "",
        "level": extraction.level,
        "region": extraction.region or "",
        "year": extraction.year,
        "source_name": extraction.doc,
    }
    meta.update({k: v for k, v in (overrides or {}).items() if k in REPORT_FIELDS and v not in (None, "")})
    return peer_report_create(
        actor=actor, body=body, text=extraction.text, figures=extraction.figures, **meta
    )


def peer_report_create_from_text(
    *, actor: Any, body: Any, text: str, source_name: str = "", overrides: Mapping[str, Any] | None = None
) -> PeerReport:
    """Run the extractor on the text and save the report with every figure it found."""
    extraction = intake.read_text(text, doc=source_name)
    return _from_extraction(actor=actor, body=body, extraction=extraction, overrides=overrides)


def peer_report_create_from_file(
    *,
    actor: Any,
    body: Any,
    path: str | Path | None = None,
    name: str = "",
    data: bytes | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> PeerReport:
    """Read a .txt/.docx/.pdf report (a path, or an upload's name and bytes), extract and save."""
    if data is not None:
        extraction = intake.read_upload(name=name, data=data)
    elif path is not None:
        extraction = intake.read_path(path, doc=name or Path(path).name)
    else:
        raise ValidationError(intake.NO_INPUT)
    return _from_extraction(actor=actor, body=body, extraction=extraction, overrides=overrides)


@transaction.atomic
def peer_report_update(*, actor: Any, report: PeerReport, data: Mapping[str, Any]) -> PeerReport:
    _require(actor, "reports.change_peerreport", report)
    for name, value in data.items():
        if name in REPORT_FIELDS:
            setattr(report, name, value)
    report.full_clean()
    _check_peer_body(report)
    with audit.acting_as(actor):
        report.save()
    return report


@transaction.atomic
def peer_report_delete(*, actor: Any, report: PeerReport) -> None:
    _require(actor, "reports.change_peerreport", report)
    with audit.acting_as(actor):
        for figure in report.figures.all():
            figure.report = report  # reuse the loaded report for the audit row's body
            figure.delete()
        report.delete()


@transaction.atomic
def peer_figure_add(
    *,
    actor: Any,
    report: PeerReport,
    key: str,
    value: float,
    unit: str = "",
    approx: bool = False,
    quote: str = "",
) -> PeerFigure:
    """A figure the extractor missed, added by staff."""
    _require(actor, "reports.change_peerreport", report)
    last = report.figures.order_by("-order").values_list("order", flat=True).first()
    figure = _figure(
        report,
        {"key": key, "value": value, "unit": unit, "approx": approx, "quote": quote},
        order=(last or 0) + 1,
        is_manual=True,
    )
    figure.full_clean()
    with audit.acting_as(actor):
        figure.save()
    return figure


@transaction.atomic
def peer_figure_update(*, actor: Any, figure: PeerFigure, data: Mapping[str, Any]) -> PeerFigure:
    """Correct a figure's key, value, unit, approximation or quote; it becomes a manual figure."""
    _require(actor, "reports.change_peerreport", figure.report)
    key_changed = "key" in data and data["key"] != figure.key
    changed = False
    for name, value in data.items():
        if name in FIGURE_FIELDS and value is not None and getattr(figure, name) != value:
            setattr(figure, name, value)
            changed = True
    if key_changed and not data.get("unit"):
        with contextlib.suppress(KeyError):  # an unknown key is refused by full_clean below
            figure.unit = registry.spec(str(figure.key)).unit
    if not changed:
        return figure
    figure.is_manual = True
    figure.full_clean()
    with audit.acting_as(actor):
        figure.save()
    return figure


@transaction.atomic
def peer_figure_delete(*, actor: Any, figure: PeerFigure) -> None:
    _require(actor, "reports.change_peerreport", figure.report)
    with audit.acting_as(actor):
        figure.delete()


# ---------------------------------------------------------------------- year report


@transaction.atomic
def year_report_draft_create(*, actor: Any, body: Any, year: int, site: str = "") -> tuple[Any, bytes]:
    """Write the 工作报告 draft and keep what it stated (for the staleness check); staff only, or the
    command line (``actor=None``)."""
    from .selectors import comparison_with_peer_reports

    if actor is not None:
        _require(actor, "reports.add_peerreport", body)
    values = registry.figures_for(body=body, year=year)
    entries = chronicle.entries(body=body, year=year)
    draft = YearReportDraft.objects.create(
        body=body,
        year=year,
        figures={k: v for k, v in values.items() if v},
        chronicle_count=len(entries),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    data = yearreport.year_report_docx(
        body=body,
        year=year,
        values=values,
        comparison=comparison_with_peer_reports(body=body, year=year),
        site=site,
        draft_id=draft.pk,
    )
    audit.record(action="year_report.draft", instance=draft, actor=actor, body_id=body.pk)
    return draft, data
