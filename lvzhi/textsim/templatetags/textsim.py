from __future__ import annotations

from typing import Any

from django import template

from lvzhi.textsim import selectors

register = template.Library()


@register.inclusion_tag("textsim/_hot_topics_card.html", takes_context=True)
def hot_topics_card(context: Any) -> dict[str, Any]:
    """The dashboard card: this body's most frequent title terms of the latest year."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "body_id", None):
        return {"topics": []}
    data = selectors.hot_topics(actor=user, body_id=user.body_id, top=12)
    if not data["years"]:
        return {"topics": []}
    last = len(data["years"]) - 1
    topics = [{"name": s["name"], "count": s["data"][last]} for s in data["series"] if s["data"][last]]
    return {"topics": topics}
