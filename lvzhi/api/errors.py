"""Every API error is JSON {"code", "message"} in Chinese, with the right 4xx status."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from lvzhi.core.exceptions import DomainError, ErrorCode

logger = logging.getLogger(__name__)

MESSAGES = {
    "not_authenticated": "请先登录或提供有效的访问令牌。",
    "permission_denied": "您无权执行此操作。",
    "not_found": "记录不存在或您无权查看。",
    "bad_json": "请求内容不是有效的 JSON。",
    "invalid": "请求数据有误。",
    "rate_limited": "请求过于频繁，请稍后再试。",
    "out_of_range": "请求中的数值超出允许范围。",
    "server_error": "服务器暂时无法处理该请求，请稍后再试。",
}

_TYPE_HINTS = {
    "missing": "必填",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "string_type": "应为文本",
    "bool_parsing": "应为是/否",
    "bool_type": "应为是/否",
    "literal_error": "取值无效",
    "enum": "取值无效",
    "string_too_long": "过长",
    "string_too_short": "过短",
    "greater_than_equal": "过小",
    "less_than_equal": "过大",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "model_attributes_type": "应为对象",
    "dict_type": "应为对象",
    "json_invalid": "不是有效的 JSON",
}


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": message, **extra}


def _field_message(err: dict[str, Any]) -> str:
    loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "payload", "data")]
    where = ".".join(loc) or "请求"
    hint = _TYPE_HINTS.get(str(err.get("type", "")), "无效")
    return f"{where}：{hint}"


def install(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(NinjaValidationError)
    def _validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        fields = [_field_message(e) for e in exc.errors]
        return respond(
            request, 422, error_body("invalid", "请求数据有误：" + "；".join(fields), errors=fields)
        )

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 401, error_body("not_authenticated", MESSAGES["not_authenticated"]))

    @api.exception_handler(AuthorizationError)
    def _forbidden_ninja(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 403, error_body("permission_denied", MESSAGES["permission_denied"]))

    @api.exception_handler(Throttled)
    def _throttled(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 429, error_body("rate_limited", MESSAGES["rate_limited"]))

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and "parse" in str(exc).lower():
            return respond(request, 400, error_body("bad_json", MESSAGES["bad_json"]))
        code = {401: "not_authenticated", 403: "permission_denied", 404: "not_found"}.get(
            exc.status_code, "invalid"
        )
        message = str(exc) if any("\u4e00" <= ch <= "\u9fff" for ch in str(exc)) else MESSAGES[code]
        return respond(request, exc.status_code, error_body(code, message))

    @api.exception_handler(DomainError)
    def _domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return respond(request, exc.status, error_body(str(exc.code), exc.message, **exc.extra))

    @api.exception_handler(PermissionDenied)
    def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or MESSAGES["permission_denied"]
        return respond(request, 403, error_body(ErrorCode.PERMISSION_DENIED, message))

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 404, error_body(ErrorCode.NOT_FOUND, MESSAGES["not_found"]))

    @api.exception_handler(DjangoValidationError)
    def _invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "message_dict"):
            fields = {k: "；".join(v) for k, v in exc.message_dict.items()}
            message = "；".join(f"{k}：{v}" if k != "__all__" else v for k, v in fields.items())
        else:
            fields = {}
            message = "；".join(exc.messages)
        return respond(request, 422, error_body(ErrorCode.INVALID, message, fields=fields))

    @api.exception_handler(OverflowError)
    def _overflow(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 422, error_body(ErrorCode.INVALID, MESSAGES["out_of_range"]))

    @api.exception_handler(DataError)
    def _data_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # A value the database cannot hold (an id past bigint): bad input, not a server fault.
        return respond(request, 422, error_body(ErrorCode.INVALID, MESSAGES["out_of_range"]))

    @api.exception_handler(Exception)
    def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error", exc_info=exc)
        return respond(request, 500, error_body("server_error", MESSAGES["server_error"]))
