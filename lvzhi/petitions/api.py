"""/api/v1/public/…: the portal for apps and integrations, without sign-in.

Same guards as the page: the arithmetic check (GET …/captcha first), per-IP limits, the
same messages. A file comes as multipart/form-data on …/submissions/multipart and meets the
page's checks: its type read from its bytes (PDF, .docx, JPG, PNG), at most 5 MB.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from lvzhi.core.exceptions import NotFound
from lvzhi.core.middleware import client_ip
from lvzhi.orgs.models import Body

from . import portal, selectors, services

router = Router(tags=["公众提交"])
BODY_NOT_FOUND = "该机构不存在。"


class SubmissionIn(Schema):
    kind: str = Field(max_length=32)
    title: str = Field(max_length=200)
    content: str = Field(max_length=10000)
    name: str = Field("", max_length=100)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=200)
    id_number: str = Field("", max_length=30)
    address: str = Field("", max_length=200)
    captcha_token: str = Field(max_length=500)
    captcha_answer: str = Field(max_length=10)


class RateIn(Schema):
    rating: str = Field(max_length=16)
    comment: str = Field("", max_length=1000)


def _ip(request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


@router.get("/public/{body_id}/captcha", auth=None, response=dict[str, Any])
def public_captcha(request: HttpRequest, body_id: int) -> dict[str, Any]:
    """验证题：以 token 与答案随提交一并发送；每题只能使用一次，30 分钟内有效。"""
    c = portal.challenge_new()
    return {"question": c.question, "token": c.token}


@router.post("/public/{body_id}/submissions", auth=None, response={201: dict[str, Any]})
def public_submission(request: HttpRequest, body_id: int, payload: SubmissionIn) -> Status[Any]:
    """提交微建议、社情民意信息或信访件；201 返回查询码（只返回这一次）。429 过于频繁。"""
    return _submit(request, body_id, payload, upload=None)


@router.post("/public/{body_id}/submissions/multipart", auth=None, response={201: dict[str, Any]})
def public_submission_multipart(
    request: HttpRequest,
    body_id: int,
    payload: Form[SubmissionIn],
    attachment: UploadedFile | None = File(None),  # noqa: B008  # ninja's way to declare a file part
) -> Status[Any]:
    """同上，以 multipart/form-data 提交，可附一个文件（attachment）：PDF、Word（.docx）、JPG 或 PNG，
    不超过 5 MB；按文件内容识别类型，扩展名不作数。不符合的整件不予保存（422）。"""
    upload = services.upload_read(attachment) if attachment is not None else None
    return _submit(request, body_id, payload, upload=upload)


def _submit(
    request: HttpRequest, body_id: int, payload: SubmissionIn, upload: services.Upload | None
) -> Status[Any]:
    body = Body.objects.filter(pk=body_id, is_active=True).first()
    if body is None:
        raise NotFound(BODY_NOT_FOUND)
    s = services.Submission(
        kind=payload.kind,
        title=payload.title,
        content=payload.content,
        name=payload.name,
        phone=payload.phone,
        email=payload.email,
        id_number=payload.id_number,
        address=payload.address,
    )
    case, code = services.public_submit(
        body=body,
        s=s,
        ip=_ip(request),
        captcha_token=payload.captcha_token,
        captcha_answer=payload.captcha_answer,
        upload=upload,
        channel="api",
    )
    return Status(
        201, {"code": code, "kind": case.kind, "state": case.state, "state_label": case.state_label}
    )


def _track_out(view: dict[str, Any]) -> dict[str, Any]:
    case = view["case"]
    return {
        "kind": case.kind,
        "kind_label": view["kind_label"],
        "title": case.title,
        "body": case.body.name,
        "number": case.number,
        "state": case.state,
        "state_label": view["state_label"],
        "events": [
            {
                "label": e["label"],
                "at": e["at"].isoformat(),
                "note": e["note"],
                "state_label": e["state_label"],
                "is_new": e["is_new"],
            }
            for e in view["events"]
        ],
        "replies": [
            {"unit": r["unit"], "content": r["content"], "at": r["at"].isoformat() if r["at"] else None}
            for r in view["replies"]
        ],
        "rating": case.rating,
        "can_rate": view["can_rate"],
    }


@router.get("/public/track/{code}", auth=None, response=dict[str, Any])
def public_track(request: HttpRequest, code: str) -> dict[str, Any]:
    """凭查询码查看状态与答复；错误的码与不存在的码回答相同（404），并按 IP 限制次数（429）。"""
    tracker = services.tracker_for_code(code=code, ip=_ip(request))
    return _track_out(selectors.tracked_view(tracker=tracker))


@router.post("/public/track/{code}/rate", auth=None, response=dict[str, Any])
def public_rate(request: HttpRequest, code: str, payload: RateIn) -> dict[str, Any]:
    """对答复评价：satisfied / basic / unsatisfied（不满意须说明理由）。"""
    services.public_rate(code=code, ip=_ip(request), rating=payload.rating, comment=payload.comment)
    tracker = services.tracker_for_code(code=code, ip=_ip(request))
    return _track_out(selectors.tracked_view(tracker=tracker))
