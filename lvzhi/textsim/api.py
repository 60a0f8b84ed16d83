"""/api/v1/search, /api/v1/text/similar, /api/v1/cases/{id}/similar and /routing."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from . import selectors

router = Router(tags=["文本智能"])


class SearchIn(Schema):
    q: str = Field("", max_length=selectors.MAX_QUERY_CHARS)
    kind: str = Field("", max_length=32)
    year: int | None = None
    state: str = Field("", max_length=32)
    unit: int | None = None
    sector: int | None = None
    source: str = Field("", max_length=16)
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=100)


class SearchHitOut(Schema):
    source: str
    object_id: int
    case_id: int | None
    kind: str
    title: str
    state: str
    year: int | None
    score: float
    snippet: str
    keywords: list[str]
    url: str


class SearchOut(Schema):
    items: list[SearchHitOut]
    count: int
    page: int
    page_size: int
    pages: int
    terms: list[str]


class SimilarIn(Schema):
    # The length check is the selector's, so the message is the same Chinese one everywhere.
    text: str = Field(..., max_length=20_000)
    kind: str = Field("", max_length=32)
    body_id: int | None = None


class SimilarOut(Schema):
    case_id: int
    title: str
    score: float
    state: str
    state_label: str
    year: int
    outcome: str
    is_duplicate: bool
    reason: str = ""


class RoutingOut(Schema):
    unit_id: int
    name: str
    confidence: float


@router.get("/search", response=SearchOut)
def search(request: HttpRequest, params: Query[SearchIn]) -> dict[str, Any]:
    """全文检索调用者可见的案件、答复和简报（结巴分词，按相关度排序，带高亮摘要）。"""
    f = selectors.SearchFilters(
        kind=params.kind,
        year=params.year,
        state=params.state,
        unit_id=params.unit,
        sector_id=params.sector,
        source=params.source,
    )
    result = selectors.search_for_actor(
        actor=request.user, q=params.q, filters=f, page=params.page, page_size=params.page_size
    )
    return {
        "items": [
            {
                "source": h.entry.source,
                "object_id": h.entry.object_id,
                "case_id": h.entry.case_id,
                "kind": h.entry.kind,
                "title": h.entry.title,
                "state": h.entry.state,
                "year": h.entry.year,
                "score": h.score,
                "snippet": str(h.snippet),
                "keywords": h.entry.keyword_list,
                "url": h.url,
            }
            for h in result.hits
        ],
        "count": result.count,
        "page": result.page,
        "page_size": result.page_size,
        "pages": result.pages,
        "terms": result.terms,
    }


@router.post("/text/similar", response=list[SimilarOut])
def text_similar(request: HttpRequest, payload: SimilarIn) -> list[dict[str, Any]]:
    """起草时查重：与草稿最相似的已有件（本年及往年），含相似度和办理结果。"""
    found = selectors.similar_for_text(
        actor=request.user, text=payload.text, kind=payload.kind, body_id=payload.body_id
    )
    return [s.as_json() for s in found]


@router.get("/cases/{case_id}/similar", response=list[SimilarOut])
def case_similar(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """与该件最相似的其他件。"""
    return [s.as_json() for s in selectors.similar_for_case(actor=request.user, case_id=case_id)]


class ReplyCheckOut(Schema):
    reply_id: int
    unit: str
    round: int
    working_days: int | None
    late: bool
    problems: list[str]


@router.get("/cases/{case_id}/reply-check", response=list[ReplyCheckOut])
def case_reply_check(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """审核答复辅助：逐条答复检查是否回应所提地点和问题、有无具体措施或时间、是否超期（仅本机构工作人员）。"""
    return [c.as_json() for c in selectors.reply_checks_for_case(actor=request.user, case_id=case_id)]


@router.get("/cases/{case_id}/routing", response=list[RoutingOut])
def case_routing(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """建议承办单位（前三位及置信度），仅本机构工作人员可用。"""
    return [
        {"unit_id": s.unit_id, "name": s.name, "confidence": s.confidence}
        for s in selectors.routing_for_case(actor=request.user, case_id=case_id)
    ]
