"""The figure registry: one meaning per key, whether computed, extracted or compared.

Keys and labels come from ``schema.py`` (the corpus's figure schema). An app that
owns the data registers the function computing a key for a body and a year:

    @figures.computes("proposal.registered")
    def _registered(body: Body, year: int) -> int: ...

and, optionally, the records behind it with ``figures.records_for``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .schema import FIGURE_KEYS, FIGURE_KEYS_BY_NAME, FigureKey

Compute = Callable[[Any, int], float | int]
Records = Callable[[Any, int], Any]


@dataclass
class RegisteredFigure:
    spec: FigureKey
    compute: Compute | None = None
    records: Records | None = None


_REGISTRY: dict[str, RegisteredFigure] = {f.key: RegisteredFigure(spec=f) for f in FIGURE_KEYS}

UNKNOWN_KEY = "未知的数据项：%(key)s"


def add_key(spec: FigureKey) -> None:
    """Register a key beyond the schema (document its meaning in docs/figures.md)."""
    _REGISTRY.setdefault(spec.key, RegisteredFigure(spec=spec))


def computes(key: str) -> Callable[[Compute], Compute]:
    if key not in _REGISTRY:
        raise KeyError(UNKNOWN_KEY % {"key": key})

    def decorator(func: Compute) -> Compute:
        _REGISTRY[key].compute = func
        return func

    return decorator


def records_for(key: str) -> Callable[[Records], Records]:
    def decorator(func: Records) -> Records:
        _REGISTRY[key].records = func
        return func

    return decorator


def all_keys() -> list[FigureKey]:
    return [r.spec for r in _REGISTRY.values()]


def spec(key: str) -> FigureKey:
    return _REGISTRY[key].spec if key in _REGISTRY else FIGURE_KEYS_BY_NAME[key]


def computable_keys(kind: str) -> list[str]:
    return [k for k, r in _REGISTRY.items() if r.compute is not None and kind in r.spec.kinds]


def figures_for(*, body: Any, year: int) -> dict[str, float | int]:
    """Every key the body's kind can compute, 0 where there are no records."""
    out: dict[str, float | int] = {}
    for key in computable_keys(body.kind):
        compute = _REGISTRY[key].compute
        value = compute(body, year) if compute is not None else 0
        out[key] = value if value is not None else 0
    return out


def has_records(key: str) -> bool:
    """Whether an app registered the records behind this key (for "click to see the cases")."""
    reg = _REGISTRY.get(key)
    return reg is not None and reg.records is not None


def figure_records(*, key: str, body: Any, year: int) -> Any:
    reg = _REGISTRY.get(key)
    if reg is None or reg.records is None:
        return None
    return reg.records(body, year)
