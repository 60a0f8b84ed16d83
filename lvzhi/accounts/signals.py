from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

from lvzhi.core import audit
from lvzhi.core.models import AuditEntry

from .models import ApiToken, User


@receiver(pre_save, sender=User)
def _password_changed(sender: Any, instance: User, update_fields: Any = None, **kwargs: Any) -> None:
    """A new password (own change, admin reset, the admin site, a shell) revokes every API token."""
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    old = User.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if old is not None and old != instance.password:
        ApiToken.objects.filter(user_id=instance.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )


@receiver(user_logged_in)
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit.record(action=AuditEntry.Action.SIGN_IN, instance=user, actor=user, note="登录成功")


@receiver(user_logged_out)
def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record(action=AuditEntry.Action.SIGN_OUT, instance=user, actor=user)


@receiver(user_login_failed)
def _sign_in_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    audit.record(
        action=AuditEntry.Action.SIGN_IN_FAILED,
        model="accounts.user",
        object_repr=username,
        note="用户名或密码错误",
    )
