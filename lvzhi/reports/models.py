"""Peer reports: another body's published work report, its figures as read and corrected.

A peer report belongs to the office that saved it (``body``): it is that office's
working material, so staff see only their own body's peer reports.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lvzhi.core.models import BaseModel
from lvzhi.orgs.models import BodyKind, BodyLevel

from . import figures

UNKNOWN_FIGURE_KEY = "未知的数据项：%(key)s"
DUPLICATE_REPORT = "已保存过该机构该年度的报告。"


def validate_figure_key(value: str) -> None:
    try:
        figures.spec(value)
    except KeyError as exc:
        raise ValidationError(UNKNOWN_FIGURE_KEY % {"key": value}, code="unknown_key") from exc


class PeerReport(BaseModel):
    body = models.ForeignKey(
        "orgs.Body",
        verbose_name=_("所属机构"),
        on_delete=models.PROTECT,
        related_name="peer_reports",
        help_text=_("保存该报告的机构"),
    )
    peer_name = models.CharField(_("报告机构"), max_length=100)
    kind = models.CharField(_("类型"), max_length=16, choices=BodyKind.choices)
    level = models.CharField(_("层级"), max_length=16, choices=BodyLevel.choices, blank=True)
    region = models.CharField(_("行政区域"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    text = models.TextField(_("报告全文"))
    peer_body = models.ForeignKey(
        "orgs.Body",
        verbose_name=_("对应本系统机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    member_count = models.PositiveIntegerField(
        _("委员/代表人数"), null=True, blank=True, help_text=_("用于按每百名委员/代表折算")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("保存人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "peer_name", "id"]
        verbose_name = _("同行报告")
        verbose_name_plural = _("同行报告")
        indexes = [models.Index(fields=["body", "year"])]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "peer_name", "year"],
                name="peerreport_unique_peer_year",
                violation_error_message=DUPLICATE_REPORT,
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1949) & Q(year__lte=2100),
                name="peerreport_year_range",
                violation_error_message="年度应在 1949 至 2100 之间。",
            ),
            models.CheckConstraint(
                condition=Q(member_count__isnull=True) | Q(member_count__gt=0),
                name="peerreport_member_count_positive",
                violation_error_message="委员/代表人数应大于 0。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.peer_name} {self.year}年度工作报告"


class PeerFigure(BaseModel):
    report = models.ForeignKey(
        PeerReport, verbose_name=_("同行报告"), on_delete=models.CASCADE, related_name="figures"
    )
    key = models.CharField(_("数据项"), max_length=64, validators=[validate_figure_key])
    value = models.FloatField(_("数值"))
    unit = models.CharField(_("单位"), max_length=16, blank=True)
    approx = models.BooleanField(_("约数"), default=False, help_text=_("原文为“余/多/近”等约数"))
    quote = models.TextField(_("原文"), blank=True)
    is_manual = models.BooleanField(_("人工添加或更正"), default=False)
    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["report", "order", "id"]
        verbose_name = _("同行报告数据")
        verbose_name_plural = _("同行报告数据")
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="peerfigure_value_not_negative",
                violation_error_message="数值不能为负。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.display_value}{self.unit}"

    @property
    def audit_body_id(self) -> int:
        # Files the audit row under the office that owns the report.
        return int(self.report.body_id)

    @property
    def label(self) -> str:
        try:
            return figures.spec(self.key).label
        except KeyError:
            return self.key

    @property
    def display_value(self) -> str:
        return format_value(self.value)


def format_value(value: float | int | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


class YearReportDraft(BaseModel):
    """One generated 工作报告 draft: which figures it stated, so the staff page can say what changed since."""

    body = models.ForeignKey("orgs.Body", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    figures = models.JSONField(_("所述数据"), default=dict)
    chronicle_count = models.PositiveIntegerField(_("大事记条数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("生成人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("工作报告草稿")
        verbose_name_plural = _("工作报告草稿")

    def __str__(self) -> str:
        return f"{self.year}年度工作报告草稿 {self.created_at:%Y-%m-%d %H:%M}"
