"""API sign-in shares the web's lock-out; tokens expire, are capped and die with the password."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from lvzhi.accounts.models import ApiToken
from lvzhi.accounts.services import token_create
from lvzhi.core import ratelimit

pytestmark = pytest.mark.django_db
PASSWORD = settings.LVZHI_DEMO_PASSWORD


def _token(client: Client, password: str, username: str = "demo-member", **extra):
    return client.post(
        "/api/v1/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
        **extra,
    )


def test_failed_api_sign_ins_lock_the_account_for_api_and_web_alike():
    c = Client()
    codes = [_token(c, "wrong").status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert codes == [401] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    r = _token(c, PASSWORD)
    assert r.status_code == 429 and "锁定" in r.json()["message"]
    web = c.post(reverse("accounts:login"), {"username": "demo-member", "password": PASSWORD})
    assert web.status_code == 429


def test_an_outsider_cannot_lock_a_user_out_of_their_own_address():
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _token(attacker, "wrong")
    assert _token(attacker, PASSWORD).status_code == 429
    assert _token(Client(REMOTE_ADDR="198.51.100.20"), PASSWORD).status_code == 200


@override_settings(LVZHI_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_each_citizen_has_their_own_address():
    from lvzhi.core.middleware import _trusted_networks

    _trusted_networks.cache_clear()
    try:
        # given an abuser behind the proxy locks themselves out
        for _ in range(settings.AXES_FAILURE_LIMIT + 1):
            _token(Client(), "wrong", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
        # then another citizen through the same proxy signs in; a forged header changes nothing
        ok = _token(Client(), PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20")
        assert ok.status_code == 200
        forged = _token(
            Client(), PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20, 203.0.113.7"
        )
        assert forged.status_code == 429
    finally:
        _trusted_networks.cache_clear()


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored():
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _token(Client(), "wrong", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"198.51.100.{_}")
    assert _token(Client(), PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 429


@override_settings(LVZHI_TOKEN_LIMIT_PER_ADDRESS=3)
def test_the_token_endpoint_is_throttled_per_address():
    codes = [_token(Client(), "wrong", username=f"nobody{i}").status_code for i in range(4)]
    assert codes == [401, 401, 401, 429]


@override_settings(LVZHI_TOKEN_LIMIT_PER_ACCOUNT=3)
def test_the_token_endpoint_is_throttled_per_account():
    codes = [_token(Client(REMOTE_ADDR=f"198.51.100.{i}"), "wrong").status_code for i in range(4)]
    assert codes == [401, 401, 401, 429]


def test_an_expired_token_is_refused(user_named):
    raw = token_create(actor=user_named("demo-member"), user=user_named("demo-member"))
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert Client().get("/api/v1/bodies", **headers).status_code == 200
    ApiToken.objects.filter(key_hash=ApiToken.hash(raw)).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert Client().get("/api/v1/bodies", **headers).status_code == 401


def test_tokens_expire_after_the_configured_days(user_named):
    raw = token_create(actor=user_named("demo-member"), user=user_named("demo-member"))
    token = ApiToken.objects.get(key_hash=ApiToken.hash(raw))
    expected = timezone.now() + datetime.timedelta(days=settings.LVZHI_TOKEN_DAYS)
    assert abs((token.expires_at - expected).total_seconds()) < 60


@override_settings(LVZHI_TOKENS_PER_USER=2)
def test_tokens_are_capped_per_user_and_the_oldest_is_revoked(user_named):
    member = user_named("demo-member")
    first, second, third = (token_create(actor=member, user=member) for _ in range(3))
    live = set(ApiToken.objects.live().filter(user=member).values_list("key_hash", flat=True))
    assert live == {ApiToken.hash(second), ApiToken.hash(third)}
    assert Client().get("/api/v1/bodies", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 401


def test_changing_the_password_revokes_every_token(client_as, user_named):
    member = user_named("demo-member")
    raw = token_create(actor=member, user=member)
    r = client_as("demo-member").post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": "Xy!23456abc", "new_password2": "Xy!23456abc"},
    )
    assert r.status_code == 302
    assert Client().get("/api/v1/bodies", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_rate_limits_live_in_the_database_cache_every_worker_shares():
    db_cache = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "lvzhi_cache"}
    }
    with override_settings(CACHES=db_cache):
        call_command("createcachetable", verbosity=0)
        for _ in range(3):
            ratelimit.hit("portal:track:198.51.100.1", 2, 60)
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM lvzhi_cache")
            assert cursor.fetchone()[0] >= 1
        assert ratelimit.over("portal:track:198.51.100.1", 2, 60) is not None
        cache.clear()


def test_base_settings_use_the_database_cache_unless_redis_is_configured():
    import importlib

    from lvzhi.settings import base

    importlib.reload(base)
    assert base.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
