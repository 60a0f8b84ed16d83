"""Search entries (one per searchable record), routing rules and choices, 并案 decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lvzhi.core.models import BaseModel


class SearchSource(models.TextChoices):
    CASE = "case", _("案件")
    REPLY = "reply", _("答复")
    BULLETIN = "bulletin", _("简报")
    EVENT = "event", _("办理记录")


class SearchEntry(BaseModel):
    """One searchable record, pre-segmented by jieba; the full-text index is kept beside it.

    ``tokens``/``title_tokens`` feed FTS5 (SQLite) or ``to_tsvector('simple', …)`` (PostgreSQL);
    ``text`` is kept for snippets and for the in-process similarity index.
    """

    source = models.CharField(_("来源"), max_length=16, choices=SearchSource.choices)
    object_id = models.PositiveBigIntegerField(_("记录号"))
    body = models.ForeignKey("orgs.Body", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(
        "casework.Case",
        verbose_name=_("案件"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("类型"), max_length=32, blank=True, db_index=True)
    state = models.CharField(_("状态"), max_length=32, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    unit_ids = models.CharField(_("承办单位"), max_length=500, blank=True, help_text=_("形如 ,3,7,"))
    sector_id = models.PositiveBigIntegerField(_("界别"), null=True, blank=True)
    title = models.CharField(_("标题"), max_length=300)
    text = models.TextField(_("正文"))
    title_tokens = models.TextField(_("标题分词"), blank=True)
    tokens = models.TextField(_("分词"), blank=True)
    keywords = models.CharField(_("关键词"), max_length=300, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("检索条目")
        verbose_name_plural = _("检索条目")
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="search_entry_once_per_record")
        ]
        indexes = [
            models.Index(fields=["body", "source", "year"]),
            models.Index(fields=["body", "updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} · {self.title[:30]}"

    @property
    def keyword_list(self) -> list[str]:
        return self.keywords.split()


class RoutingRule(BaseModel):
    """Staff-edited keywords that nudge routing toward a unit (e.g. 校车, 学位 → 教育局)."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="routing_rules"
    )
    unit = models.ForeignKey(
        "orgs.HandlingUnit",
        verbose_name=_("承办单位"),
        on_delete=models.CASCADE,
        related_name="routing_rules",
    )
    keywords = models.CharField(_("关键词"), max_length=500, help_text=_("多个关键词用空格、逗号或顿号分隔"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["body", "unit"]
        verbose_name = _("分办规则")
        verbose_name_plural = _("分办规则")
        constraints = [models.UniqueConstraint(fields=["body", "unit"], name="routing_rule_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.keywords}"

    @property
    def keyword_list(self) -> list[str]:
        import re

        return [w for w in re.split(r"[\s,，、;；]+", self.keywords) if w]


class RoutingChoice(BaseModel):
    """What staff chose as lead unit when assigning, next to what was suggested at that moment."""

    body = models.ForeignKey("orgs.Body", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(
        "casework.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="routing_choices"
    )
    unit = models.ForeignKey(
        "orgs.HandlingUnit", verbose_name=_("选定单位"), on_delete=models.CASCADE, related_name="+"
    )
    suggested = models.JSONField(_("系统建议"), default=list, blank=True)
    rank = models.PositiveSmallIntegerField(_("建议名次"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("分办记录")
        verbose_name_plural = _("分办记录")

    def __str__(self) -> str:
        return f"{self.case_id} → {self.unit}"


class MergeDecisionStatus(models.TextChoices):
    ACCEPTED = "accepted", _("已并案")
    DISMISSED = "dismissed", _("已忽略")


class MergeDecision(BaseModel):
    """Staff's answer to one 并案 suggestion, so a dismissed group is not suggested again."""

    body = models.ForeignKey("orgs.Body", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="+")
    group_key = models.CharField(_("建议标识"), max_length=64)
    case_ids = models.JSONField(_("案件"), default=list)
    reason = models.CharField(_("理由"), max_length=300, blank=True)
    status = models.CharField(_("处理"), max_length=16, choices=MergeDecisionStatus.choices)
    survivor = models.ForeignKey(
        "casework.Case",
        verbose_name=_("主件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("并案建议处理")
        verbose_name_plural = _("并案建议处理")
        constraints = [models.UniqueConstraint(fields=["body", "group_key"], name="merge_decision_once")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} · {self.case_ids}"
