"""工作台: each role's own work first. Apps register the panels they own; this module names none.

An app registers a function for the roles it serves (in its ``AppConfig.ready``)::

    @workbench.panels_for_roles("unit")
    def _unit_panels(user, today) -> list[workbench.Panel]: ...

The home page asks every function registered for the user's role and shows the panels in
their ``order``. Charts of figures belong to the figures pages; the home page leaves them a
place of their own (``web/dashboard.html``, block ``figures``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lvzhi.core.permissions import is_admin


@dataclass(frozen=True)
class Row:
    text: str
    url: str = ""
    meta: str = ""  # a second line: state, deadline, who
    badge: str = ""  # a short number or word at the right
    danger: bool = False  # overdue, locked: shown in red


@dataclass(frozen=True)
class Panel:
    key: str  # stable, for tests and anchors (data-testid="panel-<key>")
    title: str
    rows: list[Row] = field(default_factory=list)
    count: int | None = None  # the total behind the rows when more exist than are listed
    more_url: str = ""
    empty: str = "暂无"
    order: int = 50
    wide: bool = False


PanelsFn = Callable[[Any, datetime.date], list[Panel]]

# The roles a workbench knows: a member-role user is 委员/代表 (or 信息员), an administrator
# has no body. Everyone else is their ``User.role``.
ROLES = ("member", "unit", "staff", "leader", "admin")

_REGISTRY: dict[str, list[PanelsFn]] = {r: [] for r in ROLES}


def panels_for_roles(*roles: str) -> Callable[[PanelsFn], PanelsFn]:
    for r in roles:
        if r not in _REGISTRY:
            raise ValueError(f"未知角色：{r}")

    def decorator(fn: PanelsFn) -> PanelsFn:
        for r in roles:
            if fn not in _REGISTRY[r]:
                _REGISTRY[r].append(fn)
        return fn

    return decorator


def role_of(user: Any) -> str:
    if is_admin(user):
        return "admin"
    role = str(getattr(user, "role", ""))
    return role if role in _REGISTRY else ""


def panels(user: Any, today: datetime.date) -> list[Panel]:
    out: list[Panel] = []
    for fn in _REGISTRY.get(role_of(user), []):
        out.extend(fn(user, today))
    return sorted(out, key=lambda p: p.order)
