from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .navigation import resolved


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": resolved(user, request.path)}
