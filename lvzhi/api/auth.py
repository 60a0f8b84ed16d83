from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from lvzhi.accounts.models import ApiToken
from lvzhi.core import audit


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        row = (
            ApiToken.objects.live()
            .select_related("user", "user__body")
            .filter(key_hash=ApiToken.hash(token), user__is_active=True)
            .order_by()  # key_hash is unique: no sort
            .first()
        )
        if row is None:
            return None
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        audit.set_actor(row.user)
        return row.user


class Session(SessionAuth):
    """The signed-in browser may call the API too (CSRF-checked by ninja)."""
