from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


AUDIT_READ_ONLY = "审计日志由系统自动记录，不能新增、修改或删除。"


class AuditEntry(models.Model):
    """One recorded change of a business record: who, when, what, before → after."""

    class Action(models.TextChoices):
        CREATE = "create", _("新增")
        UPDATE = "update", _("修改")
        DELETE = "delete", _("删除")
        SIGN_IN = "sign_in", _("登录")
        SIGN_IN_FAILED = "sign_in_failed", _("登录失败")
        SIGN_OUT = "sign_out", _("退出")
        IMPORT = "import", _("导入")
        TOKEN = "token", _("令牌")
        PASSWORD = "password", _("密码")

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    # Plain id, not a foreign key: the trail must outlive what it describes.
    body_id = models.BigIntegerField(_("所属机构"), null=True, blank=True, db_index=True)
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    model = models.CharField(_("对象类型"), max_length=100, db_index=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=255, blank=True)
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    ip = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    # The case kind the record belongs to: its entries are read by whoever may read that kind.
    kind = models.CharField(_("案件类别"), max_length=32, blank=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The trail is written once by the system (core.audit.record) and never rewritten.
        if self.pk is not None and not self._state.adding:
            raise PermissionDenied(AUDIT_READ_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionDenied(AUDIT_READ_ONLY)
