from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from . import audit


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class AuditActorMiddleware:
    """Attributes every change made while serving a request to the signed-in user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
        with audit.acting_as(actor, ip=client_ip(request)):
            return self.get_response(request)
