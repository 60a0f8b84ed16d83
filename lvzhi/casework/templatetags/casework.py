"""The unread-notifications badge of the top bar (one COUNT query per page)."""

from __future__ import annotations

from typing import Any

from django import template

from lvzhi.casework import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context: Any) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    return selectors.notification_unread_count(actor=user) if user is not None else 0
