"""Sidebar entries of text intelligence (web/navigation.py adds them)."""

from __future__ import annotations

from typing import Any


def items(user: Any, nav_item: Any) -> list[Any]:
    role = getattr(user, "role", "")
    out = [nav_item("全文检索", "textsim:search", "search", "文本智能")]
    if role in {"admin", "staff", "leader"} or user.is_superuser:
        out += [
            nav_item("并案建议", "textsim:merge-suggestions", "intersect", "文本智能"),
            nav_item("分办规则", "textsim:routing-rules", "signpost-split", "文本智能"),
        ]
    if role != "unit":
        out.append(nav_item("热点议题", "textsim:topics", "graph-up", "文本智能"))
    return out
