"""Figures, extraction, peer reports and the comparison over the API (/api/v1/)."""

from __future__ import annotations

import json
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from lvzhi.api.pagination import Page, paginate
from lvzhi.core.exceptions import ImportRejected
from lvzhi.core.permissions import can
from lvzhi.orgs import selectors as org_selectors

from . import figures as registry
from . import intake, selectors, services
from .models import PeerFigure, PeerReport

router = Router(tags=["工作报告数据"])

Kind = Literal["cppcc", "congress"]
Level = Literal["national", "provincial", "city", "county", ""]

BAD_JSON = "请求内容不是有效的 JSON。"
NO_BODY = "请指定机构（body_id）。"
BAD_PEERS = "peers 应为以逗号分隔的 report-<编号> 或 body-<编号>。"


class FiguresOut(Schema):
    body: int
    year: int
    figures: dict[str, float | int]


class FiguresQuery(Schema):
    body_id: int | None = None
    year: int = Field(ge=1949, le=2100)


@router.get("/figures", response=FiguresOut)
def body_figures(request: HttpRequest, params: Query[FiguresQuery]) -> dict[str, Any]:
    """机构某年度由本系统记录计算出的数据（与 `manage.py figures --format json` 相同）。"""
    body_id = params.body_id or getattr(request.user, "body_id", None)
    if not body_id:
        raise HttpError(400, NO_BODY)
    body = selectors.figure_body_get_for_actor(actor=request.user, body_id=body_id)
    return {
        "body": body.pk,
        "year": params.year,
        "figures": registry.figures_for(body=body, year=params.year),
    }


class ExtractedFigure(Schema):
    key: str
    value: float | int
    unit: str
    approx: bool
    quote: str


class ExtractionOut(Schema):
    doc: str
    body: str | None
    region: str | None
    year: int | None
    figures: list[ExtractedFigure]


def _extract_request(request: HttpRequest) -> intake.Extraction:
    """A multipart upload (field ``file``) or JSON ``{"text": ...}``."""
    if request.content_type == "multipart/form-data":
        upload = request.FILES.get("file")
        if upload is None:
            text = request.POST.get("text", "")
            return intake.read_text(text, doc=request.POST.get("doc", ""))
        if upload.size and upload.size > intake.MAX_UPLOAD_BYTES:
            raise ImportRejected(intake.FILE_TOO_LARGE % {"name": upload.name})
        return intake.read_upload(name=upload.name or "", data=upload.read())
    try:
        data = json.loads(request.body or b"{}")
    except ValueError as exc:
        raise HttpError(400, BAD_JSON) from exc
    if not isinstance(data, dict):
        raise HttpError(400, BAD_JSON)
    return intake.read_text(str(data.get("text") or ""), doc=str(data.get("doc") or ""))


_EXTRACT_BODY = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
            },
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"text": {"type": "string"}, "doc": {"type": "string"}},
                    "required": ["text"],
                }
            },
        }
    }
}


@router.post("/reports/extract", response=ExtractionOut, openapi_extra=_EXTRACT_BODY)
def report_extract(request: HttpRequest) -> dict[str, Any]:
    """从工作报告（.txt/.docx/.pdf 文件或 JSON 文本）中提取数据，不保存。"""
    if not can(request.user, "reports.view_peerreport"):
        raise PermissionDenied(selectors.PERMISSION_DENIED)
    return _extract_request(request).as_json()


class PeerFigureOut(Schema):
    id: int
    key: str
    label: str
    value: float | int
    unit: str
    approx: bool
    quote: str
    is_manual: bool


class PeerReportOut(Schema):
    id: int
    body_id: int
    peer_name: str
    kind: str
    level: str
    region: str
    year: int
    source_name: str
    member_count: int | None
    peer_body_id: int | None
    created_at: str


class PeerReportDetailOut(PeerReportOut):
    text: str
    figures: list[PeerFigureOut]


class FigureIn(Schema):
    key: str = Field(min_length=1, max_length=64)
    value: float = Field(ge=0)
    unit: str = Field("", max_length=16)
    approx: bool = False
    quote: str = ""


class PeerReportIn(Schema):
    text: str = Field(min_length=1)
    source_name: str = Field("", max_length=255)
    peer_name: str | None = Field(None, max_length=100)
    kind: Kind | None = None
    level: Level | None = None
    region: str | None = Field(None, max_length=100)
    year: int | None = Field(None, ge=1949, le=2100)
    member_count: int | None = Field(None, ge=1)
    peer_body_id: int | None = None
    body_id: int | None = None
    figures: list[FigureIn] | None = Field(None, description="已核对的数据；省略时保存自动提取的全部数据")


class PeerReportFilters(Schema):
    q: str = Field("", max_length=50)
    year: int | None = Field(None, ge=1949, le=2100)
    kind: Kind | None = None
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200)


def _num(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _report_out(r: PeerReport) -> dict[str, Any]:
    return {
        "id": r.pk,
        "body_id": r.body_id,
        "peer_name": r.peer_name,
        "kind": r.kind,
        "level": r.level,
        "region": r.region,
        "year": r.year,
        "source_name": r.source_name,
        "member_count": r.member_count,
        "peer_body_id": r.peer_body_id,
        "created_at": r.created_at.isoformat(),
    }


def _figure_out(f: PeerFigure) -> dict[str, Any]:
    return {
        "id": f.pk,
        "key": f.key,
        "label": f.label,
        "value": _num(f.value),
        "unit": f.unit,
        "approx": f.approx,
        "quote": f.quote,
        "is_manual": f.is_manual,
    }


def _detail_out(r: PeerReport) -> dict[str, Any]:
    return {**_report_out(r), "text": r.text, "figures": [_figure_out(f) for f in r.figures.all()]}


@router.get("/peer-reports", response=Page[PeerReportOut])
def peer_report_list(request: HttpRequest, filters: Query[PeerReportFilters]) -> dict[str, Any]:
    """本机构保存的同行报告。"""
    qs = selectors.peer_report_list_for_actor(
        actor=request.user, q=filters.q, year=filters.year, kind=filters.kind or ""
    )
    return paginate(qs, page=filters.page, page_size=filters.page_size, to_out=_report_out)


@router.get("/peer-reports/{report_id}", response=PeerReportDetailOut)
def peer_report_detail(request: HttpRequest, report_id: int) -> dict[str, Any]:
    return _detail_out(selectors.peer_report_get_for_actor(actor=request.user, pk=report_id))


@router.post("/peer-reports", response={201: PeerReportDetailOut})
def peer_report_create(request: HttpRequest, payload: PeerReportIn) -> Status[Any]:
    """保存同行报告：提取全文中的数据；给出 figures 时保存核对后的数据。"""
    body = org_selectors.body_for_actor(actor=request.user, body_id=payload.body_id)
    if body is None:
        raise HttpError(400, NO_BODY)
    extraction = intake.read_text(payload.text, doc=payload.source_name)
    peer_body = selectors.linkable_body_get(pk=payload.peer_body_id) if payload.peer_body_id else None
    items = (
        [{**f.dict(), "is_manual": True} for f in payload.figures]
        if payload.figures is not None
        else extraction.figures
    )
    report = services.peer_report_create(
        actor=request.user,
        body=body,
        text=extraction.text,
        source_name=payload.source_name,
        peer_name=payload.peer_name or extraction.peer_name,
        kind=payload.kind or extraction.kind or "",
        level=payload.level if payload.level is not None else extraction.level,
        region=payload.region if payload.region is not None else (extraction.region or ""),
        year=payload.year or extraction.year,
        member_count=payload.member_count,
        peer_body=peer_body,
        figures=items,
    )
    return Status(201, _detail_out(report))


class ComparisonQuery(Schema):
    year: int = Field(ge=1949, le=2100)
    peers: str = Field("", max_length=2000, description="以逗号分隔：report-<同行报告编号>、body-<机构编号>")
    body_id: int | None = None


def _peer_ids(raw: str) -> tuple[list[int], list[int]]:
    reports: list[int] = []
    bodies: list[int] = []
    for token in filter(None, (t.strip() for t in raw.split(","))):
        kind, _, num = token.partition("-")
        if not num.isdigit() or kind not in {"report", "body"}:
            raise HttpError(422, BAD_PEERS)
        (reports if kind == "report" else bodies).append(int(num))
    return reports, bodies


@router.get("/comparison")
def comparison(request: HttpRequest, params: Query[ComparisonQuery]) -> dict[str, Any]:
    """本机构与所选同行逐项对照，含每百名委员/代表折算。"""
    report_ids, body_ids = _peer_ids(params.peers)
    body = org_selectors.body_for_actor(actor=request.user, body_id=params.body_id)
    if body is None:
        raise HttpError(400, NO_BODY)
    result = selectors.comparison_for_actor(
        actor=request.user, body=body, year=params.year, report_ids=report_ids, body_ids=body_ids
    )
    return result.as_dict()
