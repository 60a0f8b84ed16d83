from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def changes_pairs(changes: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    return [(k, v[0], v[1]) for k, v in (changes or {}).items() if isinstance(v, list) and len(v) == 2]


@register.simple_tag(takes_context=True)
def page_url(context: Any, number: int) -> str:
    query = context.get("query", "")
    return f"?{query}&page={number}" if query else f"?page={number}"


@register.filter
def mask_phone(phone: str) -> str:
    phone = phone or ""
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 11 else ("****" if phone else "")


@register.filter
def action_label(name: str) -> str:
    from lvzhi.core.audit import action_label as label

    return label(name)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "") if isinstance(mapping, dict) else ""
