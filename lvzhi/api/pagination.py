from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Schema

T = TypeVar("T")
MAX_PAGE_SIZE = 200


class Page(Schema, Generic[T]):
    items: list[T]
    count: int
    page: int
    page_size: int
    pages: int


def paginate(
    qs: QuerySet[Any], *, page: int, page_size: int, to_out: Callable[[Any], Any] | None = None
) -> dict[str, Any]:
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    count = qs.count()
    pages = max(1, -(-count // page_size))
    # Past the last page (10**19 included) reads the last page: no offset overflows the database.
    page = min(max(1, page), pages)
    start = (page - 1) * page_size
    rows = list(qs[start : start + page_size])
    return {
        "items": [to_out(r) for r in rows] if to_out else rows,
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": pages,
    }
