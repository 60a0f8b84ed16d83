"""Demo-data steps: the orgs app builds the world, later apps add their year of records.

An app registers ``@demo.step(order)`` functions taking a ``DemoContext``; ``seed_demo``
runs them in order. Steps must be deterministic for a given seed.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DemoContext:
    scale: str = "demo"
    rng: random.Random = field(default_factory=lambda: random.Random(20251))
    today: Any = None
    bodies: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    log: Callable[[str], None] = print


Step = Callable[[DemoContext], None]
_STEPS: list[tuple[int, str, Step]] = []


def step(order: int) -> Callable[[Step], Step]:
    def decorator(func: Step) -> Step:
        _STEPS.append((order, f"{func.__module__}.{func.__name__}", func))
        return func

    return decorator


def steps() -> list[tuple[int, str, Step]]:
    return sorted(_STEPS, key=lambda s: (s[0], s[1]))


@dataclass(frozen=True)
class Span:
    """One demo year: ``end`` is the last day anything may happen (31 December, or today)."""

    year: int
    start: datetime.date
    end: datetime.date
    finished: bool


def demo_years(today: datetime.date) -> tuple[Span, Span]:
    """Last year in full (finished) and this year to date."""
    last = today.year - 1
    return (
        Span(last, datetime.date(last, 1, 1), datetime.date(last, 12, 31), finished=True),
        Span(today.year, datetime.date(today.year, 1, 1), today, finished=False),
    )
