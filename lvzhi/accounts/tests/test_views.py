from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from lvzhi.accounts.models import ApiToken, User
from lvzhi.core.models import AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = settings.LVZHI_DEMO_PASSWORD


def test_sign_in_with_right_password_reaches_dashboard_and_is_audited():
    # given
    c = Client()
    # when
    r = c.post(reverse("accounts:login"), {"username": "demo-staff", "password": PASSWORD}, follow=True)
    # then
    assert r.status_code == 200
    assert "工作台" in r.content.decode()
    assert AuditEntry.objects.filter(action="sign_in", object_repr__contains="周晓梅").exists()


def test_wrong_password_shows_chinese_error():
    r = Client().post(reverse("accounts:login"), {"username": "demo-staff", "password": "wrong"})
    assert r.status_code == 200
    assert "用户名或密码错误" in r.content.decode()


def test_repeated_failures_lock_the_account_even_with_the_right_password():
    c = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        c.post(reverse("accounts:login"), {"username": "demo-member", "password": "wrong"})
    r = c.post(reverse("accounts:login"), {"username": "demo-member", "password": PASSWORD})
    assert r.status_code == 429
    assert "锁定" in r.content.decode()
    assert "_auth_user_id" not in c.session


def test_session_expires_and_cookies_are_safe():
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE


def test_login_form_requires_csrf_token():
    c = Client(enforce_csrf_checks=True)
    r = c.post(reverse("accounts:login"), {"username": "demo-staff", "password": PASSWORD})
    assert r.status_code == 403
    assert "页面已过期" in r.content.decode()


def test_logout_needs_post(client_as):
    c = client_as("demo-staff")
    assert c.get(reverse("accounts:logout")).status_code == 405
    r = c.post(reverse("accounts:logout"))
    assert r.status_code == 302
    assert c.get(reverse("web:dashboard")).status_code == 302


def test_password_change_checks_the_old_password(client_as, user_named):
    c = client_as("demo-member")
    r = c.post(
        reverse("accounts:password-change"),
        {"old_password": "nope", "new_password1": "Xy!23456abc", "new_password2": "Xy!23456abc"},
    )
    assert r.status_code == 200
    assert user_named("demo-member").check_password(PASSWORD)
    r = c.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": "Xy!23456abc", "new_password2": "Xy!23456abc"},
    )
    assert r.status_code == 302
    assert user_named("demo-member").check_password("Xy!23456abc")


def test_user_creates_and_revokes_own_token(client_as, user_named):
    c = client_as("demo-member")
    c.post(reverse("accounts:token-create"), {"name": "手机"})
    token = ApiToken.objects.get(user__username="demo-member", name="手机")
    page = c.get(reverse("accounts:profile")).content.decode()
    assert "只显示这一次" in page
    c.post(reverse("accounts:token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_only_admin_resets_passwords_and_reset_revokes_tokens(client_as, api_token):
    target = User.objects.get(username="demo-member")
    api_token("demo-member")
    assert (
        client_as("demo-staff").get(reverse("accounts:user-password-reset", args=[target.pk])).status_code
        == 403
    )
    r = client_as("demo-admin").post(
        reverse("accounts:user-password-reset", args=[target.pk]),
        {"new_password1": "Reset!2025xy", "new_password2": "Reset!2025xy"},
    )
    assert r.status_code == 302
    target.refresh_from_db()
    assert target.check_password("Reset!2025xy")
    assert not ApiToken.objects.live().filter(user=target).exists()
