"""/api/v1/cases and /api/v1/kinds: thin endpoints over the casework services and selectors."""

from __future__ import annotations

import contextlib
import json
from typing import Any
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from lvzhi.api.pagination import Page, paginate
from lvzhi.core.exceptions import NotFound
from lvzhi.orgs.selectors import body_get_for_actor

from . import documents, files, selectors, serializers, services
from .models import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from .workflow import workflow_for, workflows

router = Router(tags=["提案·建议·议案"])

BAD_JSON = "请求内容不是有效的 JSON 对象。"


class CaseIn(Schema):
    kind: str = Field(max_length=32)
    body_id: int
    title: str = Field(max_length=TITLE_MAX_LENGTH)
    content: str = Field(max_length=TEXT_MAX_LENGTH)
    background: str = Field("", max_length=TEXT_MAX_LENGTH)
    category: str = ""
    cosponsor_ids: list[int] = []
    proposed_unit_ids: list[int] = []
    submitter_kind: str = "individual"
    submitter_name: str = Field("", max_length=100)
    is_public: bool = True
    public_note: str = Field("", max_length=200)
    sector_id: int | None = None
    delegation_id: int | None = None
    committee_id: int | None = None
    party_id: int | None = None
    legal_basis: str = Field("", max_length=4000)


class CasePatch(Schema):
    title: str | None = Field(None, max_length=TITLE_MAX_LENGTH)
    content: str | None = Field(None, max_length=TEXT_MAX_LENGTH)
    background: str | None = Field(None, max_length=TEXT_MAX_LENGTH)
    category: str | None = None
    cosponsor_ids: list[int] | None = None
    proposed_unit_ids: list[int] | None = None
    is_public: bool | None = None
    public_note: str | None = Field(None, max_length=200)


class CaseFiltersIn(Schema):
    kind: str = ""
    state: str = ""
    q: str = Field("", max_length=50)
    unit: int | None = None
    year: int | None = None
    category: str = ""
    key: bool | None = None
    overdue: bool = False
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=200)


class CaseRowOut(Schema):
    id: int
    kind: str
    kind_label: str
    body_id: int
    state: str
    state_label: str
    number: str
    title: str
    category: str
    category_label: str
    year: int
    submitter_name: str
    is_key: bool
    due_on: str | None
    reply_category: str
    reply_category_label: str
    rating: str
    rating_label: str
    units: list[dict[str, Any]]
    submitted_at: str | None


@router.post("/cases", response={201: dict[str, Any]})
def case_create(request: HttpRequest, payload: CaseIn) -> Status[Any]:
    """起草一件提案 / 代表建议 / 议案（草稿）；随后以 actions/submit 提交。"""
    body = body_get_for_actor(actor=request.user, pk=payload.body_id)
    extra = payload.dict(include={"sector_id", "delegation_id", "committee_id", "party_id", "legal_basis"})
    case = services.case_create(
        actor=request.user,
        kind=payload.kind,
        body=body,
        title=payload.title,
        content=payload.content,
        background=payload.background,
        category=payload.category,
        cosponsor_ids=payload.cosponsor_ids,
        proposed_unit_ids=payload.proposed_unit_ids,
        submitter_kind=payload.submitter_kind,
        submitter_name=payload.submitter_name,
        is_public=payload.is_public,
        public_note=payload.public_note,
        extra=extra,
    )
    return Status(
        201,
        serializers.case_detail(
            selectors.case_get_for_actor(actor=request.user, pk=case.pk), actor=request.user
        ),
    )


@router.get("/cases", response=Page[CaseRowOut])
def case_list(request: HttpRequest, filters: Query[CaseFiltersIn]) -> dict[str, Any]:
    """调用者可见的件：委员只见本人的，承办单位只见交办给本单位的。"""
    f = selectors.CaseFilters(
        kind=filters.kind,
        state=filters.state,
        q=filters.q,
        unit_id=filters.unit,
        year=filters.year,
        category=filters.category,
        is_key=filters.key,
        overdue=filters.overdue,
    )
    # A row shows no text: the bodies of 20 cases are most of the bytes a page would read.
    qs = selectors.case_list_for_actor(actor=request.user, filters=f).defer(*serializers.CASE_TEXT_FIELDS)
    return paginate(qs, page=filters.page, page_size=filters.page_size, to_out=serializers.case_row)


@router.get("/cases/{case_id}", response=dict[str, Any])
def case_detail(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = selectors.case_get_for_actor(actor=request.user, pk=case_id)
    return serializers.case_detail(case, actor=request.user)


@router.patch("/cases/{case_id}", response=dict[str, Any])
def case_update(request: HttpRequest, case_id: int, payload: CasePatch) -> dict[str, Any]:
    """修改草稿或退回修改的件（仅提出人）。"""
    case = selectors.case_get_for_actor(actor=request.user, pk=case_id)
    services.case_update(actor=request.user, case=case, data=payload.dict(exclude_none=True))
    return serializers.case_detail(
        selectors.case_get_for_actor(actor=request.user, pk=case_id), actor=request.user
    )


@router.post(
    "/cases/{case_id}/actions/{action}",
    response=dict[str, Any],
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {"schema": {"type": "object", "additionalProperties": True}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                        },
                        "additionalProperties": True,
                    }
                },
            },
            "description": "该操作的字段，见 GET /api/v1/kinds/{kind}/workflow 中 transitions[].fields。"
            "带附件时（transitions[].attachments 为 true）以 multipart/form-data 提交，文件字段名 files，"
            "仅限 PDF、DOCX、XLSX、JPG、PNG（按文件内容识别），单个不超过 10 MB。",
            "required": False,
        }
    },
)
def case_action(request: HttpRequest, case_id: int, action: str) -> dict[str, Any]:
    """执行一步办理：200 返回新状态；409 当前状态不允许；403 无权；422 字段有误或附件不合格。"""
    data, uploads = _action_input(request)
    case = selectors.case_get_for_actor(actor=request.user, pk=case_id)
    event = services.case_transition(case=case, name=action, actor=request.user, data=data, uploads=uploads)
    out = serializers.case_detail(
        selectors.case_get_for_actor(actor=request.user, pk=case_id)
        if _still_visible(request, case_id)
        else case,
        actor=request.user,
    )
    out["event"] = serializers.event_out(event, workflow_for(case.kind))
    return out


def _action_input(request: HttpRequest) -> tuple[dict[str, Any], list[files.Upload]]:
    """The step's fields from a JSON body, or from a multipart form with its files."""
    if (request.content_type or "").startswith("multipart/form-data"):
        data: dict[str, Any] = {}
        for key in request.POST:
            values = request.POST.getlist(key)
            value: Any = values if len(values) > 1 else values[0]
            if isinstance(value, str) and value[:1] in "[{":
                with contextlib.suppress(ValueError):
                    value = json.loads(value)  # e.g. units=[{"unit_id": 3, "role": "lead"}]
            data[key] = value
        return data, [files.Upload.from_django(f) for f in request.FILES.getlist("files")]
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        raise ValidationError(BAD_JSON) from None
    if not isinstance(data, dict):
        raise ValidationError(BAD_JSON)
    return data, []


def _still_visible(request: HttpRequest, case_id: int) -> bool:
    # A unit whose 调整交办 was approved no longer sees the case; answer with what it just did.
    return selectors.case_scope_for_actor(actor=request.user).filter(pk=case_id).exists()


@router.get("/cases/{case_id}/events", response=list[dict[str, Any]])
def case_events(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """办理记录（时间线）。"""
    case = selectors.case_get_for_actor(actor=request.user, pk=case_id)
    wf = workflow_for(case.kind)
    return [serializers.event_out(e, wf) for e in selectors.case_events(case=case)]


@router.get("/cases/{case_id}/document.docx")
def case_document(request: HttpRequest, case_id: int) -> HttpResponse:
    """单件 Word 文档（提案正文、交办、答复和评价）。"""
    case = selectors.case_get_for_actor(actor=request.user, pk=case_id)
    return _docx(documents.case_docx(case=case), f"{case.number or case.title[:20]}.docx")


def _docx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=documents.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@router.get("/cases/{case_id}/attachments", response=list[dict[str, Any]])
def case_attachments(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """该件的附件（答复、沟通记录、办理材料）。"""
    case = selectors.case_get_for_actor(actor=request.user, pk=case_id)
    return [serializers.attachment_out(a) for a in selectors.case_attachments(case=case)]


@router.get("/cases/{case_id}/attachments/{attachment_id}")
def case_attachment_download(request: HttpRequest, case_id: int, attachment_id: int) -> FileResponse:
    """下载附件：只有能查看该件的人可以下载，其他人得到 404。"""
    row = selectors.attachment_get_for_actor(actor=request.user, case_id=case_id, pk=attachment_id)
    try:
        handle = row.file.open("rb")
    except FileNotFoundError:
        raise NotFound(selectors.ATTACHMENT_NOT_FOUND) from None
    response = FileResponse(
        handle, as_attachment=True, filename=row.name, content_type=files.CONTENT_TYPES[row.kind]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class NotificationReadIn(Schema):
    ids: list[int] | None = None


@router.get("/notifications", response=dict[str, Any])
def notification_list(
    request: HttpRequest, unread: bool = False, page: int = 1, page_size: int = 20
) -> dict[str, Any]:
    """本人的站内提醒（最新在前）与未读数。"""
    qs = selectors.notification_list_for_actor(actor=request.user, unread=unread)
    out = paginate(
        qs, page=max(1, page), page_size=min(max(1, page_size), 200), to_out=serializers.notification_out
    )
    return {**out, "unread": selectors.notification_unread_count(actor=request.user)}


@router.post("/notifications/read", response=dict[str, Any])
def notification_read(request: HttpRequest, payload: NotificationReadIn) -> dict[str, Any]:
    """标为已读：给出 ids 只标这些，不给则全部标为已读。"""
    n = services.notification_mark_read(actor=request.user, ids=payload.ids)
    return {"marked": n, "unread": selectors.notification_unread_count(actor=request.user)}


@router.get("/kinds", response=list[dict[str, Any]])
def kind_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"kind": wf.kind, "label": str(wf.label), "body_kinds": sorted(wf.body_kinds)} for wf in workflows()
    ]


@router.get("/kinds/{kind}/workflow", response=dict[str, Any])
def kind_workflow(request: HttpRequest, kind: str) -> dict[str, Any]:
    """该类型的状态与操作（含中文名称、可执行角色和所需字段）。"""
    wf = workflow_for(kind)
    if wf is None:
        raise NotFound(services.UNKNOWN_KIND % {"kind": kind})
    return wf.as_json()
