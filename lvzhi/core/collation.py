"""Names in 姓氏笔画 order, as name lists in Chinese official documents are printed.

Order: the first character's stroke count, then its strokes' shapes in writing order
(横 竖 撇 点 折), then the next character the same way. The table is written at setup from
an npm package (``scripts/stroke_table.js``); without it, names fall back to code-point order
rather than failing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cache
from typing import TypeVar

from django.conf import settings

T = TypeVar("T")

_UNKNOWN = (99, "")


@cache
def _strokes() -> dict[str, tuple[int, str]]:
    path = settings.BASE_DIR / "node_modules" / ".lvzhi" / "strokes.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {ch: (int(v[0]), str(v[1])) for ch, v in raw.items()}


def stroke_key(name: str) -> tuple[tuple[int, str, int], ...]:
    """Sort key of a name in 姓氏笔画 order; characters outside the table sort last by code point."""
    table = _strokes()
    key = []
    for ch in (name or "").strip():
        count, shapes = table.get(ch, _UNKNOWN)
        key.append((count, shapes, ord(ch)))
    return tuple(key)


def by_strokes(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    return sorted(items, key=lambda item: stroke_key(name(item)))
