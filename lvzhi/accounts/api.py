from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from lvzhi.api.errors import error_body
from lvzhi.core.exceptions import DomainError

from . import services
from .models import ApiToken

router = Router(tags=["认证"])


class TokenIn(Schema):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=128)


class TokenOut(Schema):
    token: str


class ErrorOut(Schema):
    code: str
    message: str


@router.post("/auth/token", response={200: TokenOut, 401: ErrorOut, 429: ErrorOut}, auth=None)
def token_create(request: HttpRequest, payload: TokenIn) -> Status[Any]:
    """用户名和密码换取访问令牌；此后以 `Authorization: Bearer <token>` 调用。"""
    try:
        raw = services.token_issue(request=request, username=payload.username, password=payload.password)
    except DomainError as exc:
        status = 429 if exc.code == "rate_limited" else 401
        return Status(status, error_body(str(exc.code), exc.message))
    return Status(200, {"token": raw})


@router.delete("/auth/token", response={204: None})
def token_revoke(request: HttpRequest) -> Status[Any]:
    """吊销当前请求所用的令牌。"""
    header = request.headers.get("Authorization", "")
    raw = header.split(" ", 1)[1].strip() if " " in header else ""
    token = ApiToken.objects.filter(key_hash=ApiToken.hash(raw), user_id=request.user.pk or 0).first()
    if token is not None:
        services.token_revoke(actor=request.user, token=token)
    return Status(204, None)
