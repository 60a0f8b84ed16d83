from __future__ import annotations

import datetime
import hashlib
import secrets
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("系统管理员")
    STAFF = "staff", _("机关工作人员")
    LEADER = "leader", _("领导")
    MEMBER = "member", _("委员/代表")
    UNIT = "unit", _("承办单位")


class Office(models.TextChoices):
    PROPOSAL = "proposal", _("提案委")
    DEPUTY = "deputy", _("代表工委")
    INFO = "info", _("信息处")
    RESEARCH = "research", _("研究室")
    GENERAL = "general", _("办公厅")


# Accounts the system itself acts as (the public portal submits as one); never a person, so
# user management, member lists and the workbench leave them out.
PUBLIC_PORTAL_USERNAME = "public-portal"
SYSTEM_USERNAMES = (PUBLIC_PORTAL_USERNAME,)


class NoticeEmail(models.TextChoices):
    EACH = "each", _("每条提醒发一封邮件")
    DIGEST = "digest", _("每天汇总发一封")
    OFF = "off", _("不发邮件（只在系统内查看）")


class User(AbstractUser):
    """Everyone who signs in. What they may see follows from role, body and link."""

    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    role = models.CharField(
        _("角色"), max_length=16, choices=Role.choices, default=Role.MEMBER, db_index=True
    )
    office = models.CharField(_("处室"), max_length=16, choices=Office.choices, blank=True)
    body = models.ForeignKey(
        "orgs.Body",
        verbose_name=_("所属机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    member = models.ForeignKey(
        "orgs.Member",
        verbose_name=_("委员/代表"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    handling_unit = models.ForeignKey(
        "orgs.HandlingUnit",
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    phone = models.CharField(_("手机"), max_length=30, blank=True)
    notice_email = models.CharField(
        _("邮件提醒"), max_length=8, choices=NoticeEmail.choices, default=NoticeEmail.EACH
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @cached_property
    def role_label(self) -> str:
        """委员 in a CPPCC body, 代表 in a congress, 信息员 for a member-role account without a seat
        that holds an active 信息员 appointment; otherwise the role's own label."""
        if self.role == Role.MEMBER and self.body is not None:
            if self.member_id is None and self.information_officer_posts.filter(is_active=True).exists():
                return str(_("信息员"))
            return str(_("委员")) if self.body.kind == "cppcc" else str(_("代表"))
        return str(self.get_role_display())

    @property
    def is_office_staff(self) -> bool:
        return self.role == Role.STAFF


def _token_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.LVZHI_TOKEN_DAYS)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def live(self) -> ApiTokenQuerySet:
        """Neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored; the raw value is shown once."""

    user = models.ForeignKey(
        User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("名称"), max_length=50, default="API")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("前缀"), max_length=8)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    expires_at = models.DateTimeField(_("过期时间"), default=_token_expiry, db_index=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_raw() -> str:
        return "lz_" + secrets.token_urlsafe(32)

    @staticmethod
    def hash(raw: str) -> str:
        return _hash(raw)
