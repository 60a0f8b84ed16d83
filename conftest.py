"""Shared fixtures: the demo world is seeded once per session; tests run inside transactions."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115  # closed at exit


@pytest.fixture
def user_named(db: Any) -> Any:
    from lvzhi.accounts.models import User

    def get(username: str) -> User:
        return User.objects.select_related("body", "member", "handling_unit").get(username=username)

    return get


@pytest.fixture
def client_as(db: Any, user_named: Any) -> Any:
    """A test client signed in as the named demo user."""

    def make(username: str) -> Client:
        c = Client()
        c.force_login(user_named(username))
        return c

    return make


@pytest.fixture
def api_token(db: Any) -> Any:
    from lvzhi.accounts.models import User
    from lvzhi.accounts.services import token_create

    def make(username: str) -> str:
        user = User.objects.get(username=username)
        return token_create(actor=user, user=user, name="test")

    return make


@pytest.fixture
def api(db: Any, api_token: Any) -> Any:
    """A JSON client for /api/v1 with a bearer token for the named user."""

    class ApiClient:
        def __init__(self, username: str | None):
            self.client = Client()
            self.headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token(username)}"} if username else {}

        def get(self, path: str, **params: Any) -> Any:
            return self.client.get(path, params, **self.headers)

        def post(self, path: str, data: Any = None, raw: str | None = None) -> Any:
            import json

            body = raw if raw is not None else json.dumps(data or {})
            return self.client.post(path, body, content_type="application/json", **self.headers)

        def patch(self, path: str, data: Any) -> Any:
            import json

            return self.client.patch(path, json.dumps(data), content_type="application/json", **self.headers)

        def delete(self, path: str) -> Any:
            return self.client.delete(path, **self.headers)

    return ApiClient


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """Each test starts in the default language (a request may switch the thread to another)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    """Rate limits and cached figures live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
