from __future__ import annotations

import functools
import ipaddress
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DataError
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError

from . import audit


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _trusted_networks())


@functools.cache
def _trusted_networks() -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(n, strict=False) for n in settings.LVZHI_TRUSTED_PROXIES)


def client_ip(request: HttpRequest) -> str | None:
    """The citizen's address: the socket's, unless it is a configured trusted proxy.

    Behind trusted proxies (``LVZHI_TRUSTED_PROXIES``), the address is the right-most entry
    of X-Forwarded-For that is not itself a trusted proxy; a client cannot forge it, because
    whatever it sends is to the left of what our proxies append. Rate limits, the portal's
    limits, the sign-in lock-out (axes) and the audit trail all read this one function.
    """
    remote = request.META.get("REMOTE_ADDR") or ""
    if not remote or not _trusted(remote):
        return remote or None
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    for address in reversed(forwarded):
        if not _trusted(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote
    return remote


class AuditActorMiddleware:
    """Attributes every change made while serving a request to the signed-in user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
        with audit.acting_as(actor, ip=client_ip(request)):
            return self.get_response(request)


NUL_REFUSED = "请求中含有无效字符（NUL），请删除后重试。"
BAD_BODY = "请求内容无法解析：multipart/form-data 缺少 boundary 或格式不正确。"
OUT_OF_RANGE = "请求中的数值超出允许范围。"


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _refusal(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        body = json.dumps({"code": code, "message": message}, ensure_ascii=False)
        return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    from django.shortcuts import render

    return render(request, "web/error.html", {"code": status, "message": message}, status=status)


def request_refusal(request: HttpRequest) -> HttpResponse | None:
    """The one input boundary for pages and API: what no view should ever see.

    NUL bytes (PostgreSQL cannot store them) in the path, a query value, a form field or a
    JSON string; multipart bodies that cannot be parsed (no boundary). Refused with 400 and
    a Chinese message before any view runs, so nothing is changed.
    """
    if "\x00" in request.path or any(_has_nul(k) or _has_nul(v) for k, v in request.GET.lists()):
        return _refusal(request, 400, "invalid", NUL_REFUSED)
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return None
    ctype = request.META.get("CONTENT_TYPE", "")
    if ctype.startswith("multipart/") or ctype.startswith("application/x-www-form-urlencoded"):
        try:
            fields = request.POST
        except (MultiPartParserError, ValueError, UnicodeDecodeError):
            return _refusal(request, 400, "bad_request", BAD_BODY)
        if any(_has_nul(k) or _has_nul(v) for k, v in fields.lists()):
            return _refusal(request, 400, "invalid", NUL_REFUSED)
    elif "json" in ctype:
        try:
            data = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            return None  # the API answers malformed JSON itself
        if _has_nul(data):
            return _refusal(request, 400, "invalid", NUL_REFUSED)
    return None


class RequestBoundaryMiddleware:
    """Refuses malformed input before the views; numbers past the database's range become 400."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return request_refusal(request) or self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OverflowError | DataError):
            return _refusal(request, 400, "invalid", OUT_OF_RANGE)
        return None


class ContentSecurityPolicyMiddleware:
    """Sends ``settings.LVZHI_CSP``: scripts from our own static files only, no inline script."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.LVZHI_CSP and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = settings.LVZHI_CSP
        return response
