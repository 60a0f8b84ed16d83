"""大事记: dated entries of a body's year, contributed by the apps that record them.

    from lvzhi.reports import chronicle

    @chronicle.source
    def _sessions(body, year):          # -> iterable of chronicle.Entry
        ...

This module names no app; the year report lists every registered source's entries in date order.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Entry:
    on: datetime.date
    text: str  # as the chronicle writes it: "召开政协示范市第十届委员会第三次会议。"
    url: str = ""  # the record
    kind: str = ""  # 会议 / 协商 / 视察 / 监督 / 决定 … (for grouping and filters)


Source = Callable[[Any, int], Iterable[Entry]]
_SOURCES: list[Source] = []


def source(func: Source) -> Source:
    if func not in _SOURCES:
        _SOURCES.append(func)
    return func


def entries(*, body: Any, year: int) -> list[Entry]:
    """Every registered source's entries for the body's year, in date order (then as registered)."""
    out: list[tuple[datetime.date, int, int, Entry]] = []
    for n, src in enumerate(_SOURCES):
        for i, e in enumerate(src(body, year)):
            if e.on.year == year:
                out.append((e.on, n, i, e))
    return [e for *_k, e in sorted(out, key=lambda t: (t[0], t[1], t[2]))]
