"""履职档案 and 量化考评: the credits apps record, the body's scoring rules per year, scores and appeals.

The performance file itself is not stored: it is read from each app's records through the sources
registered in ``sources.py``. Stored here are only what has no other home: credits an app records
as they happen (``PerformanceEvent``), items recorded by hand with evidence (``ManualRecord``),
the scoring rules (data, versioned per body and year), the computed scores and the appeals.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lvzhi.core.models import BaseModel


class PerformanceEvent(models.Model):
    """One credit a member earned, written by the app whose step earned it, in the same transaction.

    ``source`` names the registered source that reads it back (``opinion`` for 社情民意), ``kind`` the
    step (报送/编发/被采用/获批示 …) and ``level`` the level it was adopted or instructed at, so a scoring
    rule can weigh 全国政协采用 above 市委采用. Rows are never updated; a report adopted twice earns two.
    """

    body = models.ForeignKey("orgs.Body", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(
        "orgs.Member",
        verbose_name=_("委员"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="performance_events",
    )
    case = models.ForeignKey(
        "casework.Case",
        verbose_name=_("案件"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="performance_events",
    )
    source = models.CharField(_("来源"), max_length=24, default="opinion", db_index=True)
    kind = models.CharField(_("事项"), max_length=32, db_index=True)
    level = models.CharField(_("层级"), max_length=24, blank=True)
    on = models.DateField(_("日期"), db_index=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("履职记录")
        verbose_name_plural = _("履职记录")
        indexes = [models.Index(fields=["member", "on"], name="opinions_pe_member__f6dc10_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=Q(kind__in=["submitted", "published"]),
                name="perf_once_submitted_published",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.source}.{self.kind} {self.level}"


class ScoringRuleSet(BaseModel):
    """A body's scoring rules for one year; editing makes a new version, the newest one is in force."""

    body = models.ForeignKey("orgs.Body", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    warning_below = models.DecimalField(
        _("预警分数线"),
        max_digits=7,
        decimal_places=1,
        default=10,
        help_text=_("低于此分数的委员列入履职预警"),
    )
    board_enabled = models.BooleanField(_("启用每月晾晒榜"), default=False)
    note = models.CharField(_("修订说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("修订人"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-year", "-version"]
        verbose_name = _("考评规则版本")
        verbose_name_plural = _("考评规则版本")
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "version"], name="ruleset_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年考评规则 第{self.version}版"


class ScoringRule(models.Model):
    """Points per item (and level); a negative value is a deduction; ``cap`` bounds the item's total."""

    ruleset = models.ForeignKey(
        ScoringRuleSet, verbose_name=_("规则版本"), on_delete=models.CASCADE, related_name="rules"
    )
    item = models.CharField(_("考评事项"), max_length=40)
    level = models.CharField(_("层级/类别"), max_length=24, blank=True, help_text=_("留空表示不分层级"))
    points = models.DecimalField(_("每项分值"), max_digits=6, decimal_places=1)
    cap = models.DecimalField(_("上限"), max_digits=7, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["ruleset", "id"]
        verbose_name = _("考评规则")
        verbose_name_plural = _("考评规则")
        constraints = [
            models.UniqueConstraint(fields=["ruleset", "item", "level"], name="rule_unique_item_level"),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.level} {self.points}"


class MemberScore(models.Model):
    """The computed score of one member under one rule version (replaced on every recompute)."""

    ruleset = models.ForeignKey(
        ScoringRuleSet, verbose_name=_("规则版本"), on_delete=models.CASCADE, related_name="scores"
    )
    member = models.ForeignKey(
        "orgs.Member", verbose_name=_("委员"), on_delete=models.CASCADE, related_name="+"
    )
    total = models.DecimalField(_("总分"), max_digits=8, decimal_places=1)
    rank = models.PositiveIntegerField(_("名次"))
    items = models.PositiveIntegerField(_("记录数"), default=0)
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        ordering = ["rank", "member_id"]
        verbose_name = _("履职积分")
        verbose_name_plural = _("履职积分")
        constraints = [models.UniqueConstraint(fields=["ruleset", "member"], name="score_once_per_member")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.total}"


class ManualRecord(BaseModel):
    """An item recorded by hand (文史资料, 培训, 驻站接待 before the app that owns it records it…), with
    evidence; it counts once the body's staff confirm it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        CONFIRMED = "confirmed", _("已确认")
        REJECTED = "rejected", _("未通过")

    body = models.ForeignKey("orgs.Body", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(
        "orgs.Member", verbose_name=_("委员"), on_delete=models.CASCADE, related_name="+"
    )
    item = models.CharField(_("事项"), max_length=40)
    title = models.CharField(_("内容"), max_length=200)
    on = models.DateField(_("日期"))
    evidence = models.FileField(_("佐证材料"), upload_to="members/evidence/", blank=True)
    evidence_note = models.CharField(_("佐证说明"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("确认人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    decision_note = models.CharField(_("意见"), max_length=200, blank=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("手工履职记录")
        verbose_name_plural = _("手工履职记录")

    def __str__(self) -> str:
        return f"{self.on} {self.title}"


class Appeal(BaseModel):
    """申诉: a member contests a point (or its absence); staff accept with the points granted, or reject."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待处理")
        ACCEPTED = "accepted", _("已采纳")
        REJECTED = "rejected", _("未采纳")

    body = models.ForeignKey("orgs.Body", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(
        "orgs.Member", verbose_name=_("委员"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    ref = models.CharField(_("所涉记录"), max_length=60, blank=True)
    ref_label = models.CharField(_("所涉事项"), max_length=200, blank=True)
    reason = models.TextField(_("申诉理由"))
    points_claimed = models.DecimalField(_("申请调整分值"), max_digits=6, decimal_places=1, default=0)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    points_granted = models.DecimalField(_("调整分值"), max_digits=6, decimal_places=1, default=0)
    decision_note = models.CharField(_("处理意见"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("处理人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("积分申诉")
        verbose_name_plural = _("积分申诉")

    def __str__(self) -> str:
        return f"{self.member_id} {self.year} {self.get_status_display()}"
