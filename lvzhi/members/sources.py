"""The performance file's sources: each app registers what it contributes; this module names no app.

    members.sources.register(Source(
        key="opinion", label="社情民意信息",
        items=(Item("opinion.adopted", "社情民意信息被采用", points=2, levels={"national_cppcc": 10}),),
        fetch=opinion_file_items,   # (body, year, member_ids or None) -> iterable of FileItem
    ))

A ``FileItem`` is one fact of a member's year as its app records it, with the link to that record;
the file, the scores and every explanation are read from these, never copied.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class FileItem:
    member_id: int
    item: str  # the scoring item, e.g. "case.lead"
    level: str  # "" or the level/kind the rule may weigh (a case kind, an adoption level, a meeting type)
    on: datetime.date
    title: str
    url: str  # the record that earned it
    ref: str  # stable reference ("case:12"), named by appeals
    points: Decimal | None = None  # fixed points (an accepted appeal), bypassing the rules
    note: str = ""


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    points: float = 0  # the default rule a body starts from; negative = deduction
    cap: float | None = None
    levels: dict[str, float] = field(default_factory=dict)  # default points per level
    level_labels: dict[str, str] = field(default_factory=dict)


Fetch = Callable[[Any, int, Collection[int] | None], Iterable[FileItem]]


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    items: tuple[Item, ...]
    fetch: Fetch
    group: str = "履职"  # the heading of the file the items appear under


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    _SOURCES[source.key] = source
    return source


def all_sources() -> list[Source]:
    return list(_SOURCES.values())


def items() -> dict[str, Item]:
    return {item.key: item for source in _SOURCES.values() for item in source.items}


def item_keys() -> set[str]:
    return set(items())


def item_label(key: str) -> str:
    item = items().get(key)
    return item.label if item else key


def level_label(key: str, level: str) -> str:
    item = items().get(key)
    if not level:
        return ""
    return item.level_labels.get(level, level) if item else level


def source_of(item_key: str) -> Source | None:
    for source in _SOURCES.values():
        if any(i.key == item_key for i in source.items):
            return source
    return None


def file_items(*, body: Any, year: int, member_ids: Collection[int] | None = None) -> list[FileItem]:
    """Every registered source's items for the body's year (all members, or only ``member_ids``)."""
    out: list[FileItem] = []
    for source in _SOURCES.values():
        out.extend(source.fetch(body, year, member_ids))
    return out
