"""Helpers every app's views share: errors become messages, lists paginate and export."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(request: HttpRequest, qs: QuerySet[Any], per_page: int | None = None) -> Page[Any]:
    size = per_page or settings.LVZHI_PAGE_SIZE
    raw = request.GET.get("page", "1")
    paginator = Paginator(qs, size)
    return paginator.get_page(raw if raw.isdigit() else 1)


def query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    return params.urlencode()
