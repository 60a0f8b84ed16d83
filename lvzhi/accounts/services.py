from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from lvzhi.core import audit, ratelimit
from lvzhi.core.exceptions import DomainError, ErrorCode
from lvzhi.core.middleware import client_ip
from lvzhi.core.models import AuditEntry

from .models import ApiToken, User

BAD_CREDENTIALS = "用户名或密码错误。"
THROTTLED = "登录尝试过于频繁，请一分钟后再试。"
LOCKED_OUT = "登录失败次数过多，账号已被暂时锁定，请稍后再试或联系管理员。"


def token_issue(*, request: HttpRequest | None, username: str, password: str, name: str = "API") -> str:
    """Exchange a username and password for a new API token; the raw value is returned once.

    Not one transaction: a failed attempt must stay counted (axes records it, keyed on the
    account and the client's address, toward the same lock-out as the web sign-in) although
    the attempt itself is refused. The endpoint is also throttled per account and per address.
    """
    from axes.handlers.proxy import AxesProxyHandler

    if request is not None:
        ip = client_ip(request) or "unknown"
        for key, limit in (
            (f"token:address:{ip}", settings.LVZHI_TOKEN_LIMIT_PER_ADDRESS),
            (f"token:account:{username.lower()}", settings.LVZHI_TOKEN_LIMIT_PER_ACCOUNT),
        ):
            if ratelimit.hit(key, limit, 60) is not None:
                raise DomainError(THROTTLED, code=ErrorCode.RATE_LIMITED)
        if AxesProxyHandler.is_locked(request, credentials={"username": username}):
            raise DomainError(LOCKED_OUT, code=ErrorCode.RATE_LIMITED)
    user = authenticate(request, username=username, password=password)
    if user is None or not user.is_active:
        if request is not None and getattr(request, "axes_locked_out", False):
            raise DomainError(LOCKED_OUT, code=ErrorCode.RATE_LIMITED)
        raise DomainError(BAD_CREDENTIALS, code=ErrorCode.NOT_AUTHENTICATED)
    return token_create(actor=user, user=user, name=name)


@transaction.atomic
def token_create(*, actor: Any, user: User, name: str = "API") -> str:
    if actor.pk != user.pk and not actor.is_admin:
        raise PermissionDenied("您无权为他人创建令牌。")
    raw = ApiToken.new_raw()
    token = ApiToken.objects.create(
        user=user, name=(name or "API")[:50], key_hash=ApiToken.hash(raw), prefix=raw[3:9]
    )
    # At most LVZHI_TOKENS_PER_USER live tokens: the oldest beyond the cap are revoked.
    surplus = list(
        ApiToken.objects.live()
        .filter(user=user)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)[settings.LVZHI_TOKENS_PER_USER :]
    )
    if surplus:
        ApiToken.objects.filter(pk__in=surplus).update(revoked_at=timezone.now())
    audit.record(
        action=AuditEntry.Action.TOKEN,
        instance=token,
        actor=actor,
        model="accounts.apitoken",
        note=f"创建令牌 {token.prefix}…",
        body_id=user.body_id,
    )
    return raw


@transaction.atomic
def token_revoke(*, actor: Any, token: ApiToken) -> None:
    if actor.pk != token.user_id and not actor.is_admin:
        raise PermissionDenied("您无权吊销该令牌。")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            action=AuditEntry.Action.TOKEN,
            instance=token,
            actor=actor,
            model="accounts.apitoken",
            note=f"吊销令牌 {token.prefix}…",
            body_id=token.user.body_id,
        )


@transaction.atomic
def password_reset_by_admin(*, actor: Any, user: User, new_password: str) -> None:
    if not actor.is_admin:
        raise PermissionDenied("只有系统管理员可以重置密码。")
    validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit.record(
        action=AuditEntry.Action.PASSWORD, instance=user, actor=actor, note="管理员重置密码，已吊销其全部令牌"
    )


@transaction.atomic
def user_notice_settings_update(*, actor: Any, email: str, notice_email: str) -> User:
    """The signed-in person changes their own e-mail address and how notices reach them."""
    user = User.objects.select_for_update().get(pk=actor.pk)
    user.email, user.notice_email = email.strip(), notice_email
    user.full_clean(validate_unique=False, exclude=["password", "username"])
    user.save(update_fields=["email", "notice_email"])
    return user
