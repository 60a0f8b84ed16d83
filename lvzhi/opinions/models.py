from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lvzhi.core.models import BaseModel

from .workflow import AdoptionForm, AdoptionLevel, InstructionLevel


class OpinionSource(models.TextChoices):
    MEMBER = "member", _("委员")
    GROUP = "group", _("界别/党派团体/专委会")
    OFFICER = "officer", _("信息员")
    PUBLIC = "public", _("社会公众")
    CONVERTED = "converted", _("提案转来")


class InformationOfficer(BaseModel):
    """信息员: a person the body appointed to report 社情民意, with or without a seat as 委员.

    The role is this row, not a new ``User.role``: an officer signs in with an ordinary
    account (``role=member``; ``member`` left empty when they are not a 委员, e.g. a
    特约信息员 from a street office or a sector's liaison), and while ``is_active`` may draft
    and submit 社情民意信息 and 微建议 to ``body`` as 信息员 (``OpinionSource.OFFICER``).
    Staff add and retire officers in the admin; a retired officer keeps reading what they sent.
    """

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="information_officers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("账号"),
        on_delete=models.CASCADE,
        related_name="information_officer_posts",
    )
    organization = models.CharField(_("所在单位"), max_length=100, blank=True)
    appointed_on = models.DateField(_("聘任日期"), null=True, blank=True)
    is_active = models.BooleanField(_("在聘"), default=True)

    class Meta:
        ordering = ["body", "user"]
        verbose_name = _("信息员")
        verbose_name_plural = _("信息员")
        constraints = [
            models.UniqueConstraint(fields=["body", "user"], name="information_officer_once_per_body")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.body} 信息员"

    @property
    def audit_body_id(self) -> int:
        return int(self.body_id)


class OpinionDetail(BaseModel):
    """What 社情民意信息 / 微建议 add to the engine's Case: the source and the original text."""

    case = models.OneToOneField(
        "casework.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="opinion_detail"
    )
    source = models.CharField(
        _("来源"), max_length=16, choices=OpinionSource.choices, default=OpinionSource.MEMBER
    )
    original_title = models.CharField(_("原稿标题"), max_length=200, blank=True)
    original_content = models.TextField(_("原稿正文"), blank=True)
    edited_at = models.DateTimeField(_("编辑时间"), null=True, blank=True)
    archive_reason = models.CharField(_("存档理由"), max_length=500, blank=True)

    class Meta:
        ordering = ["case"]
        verbose_name = _("信息来源")
        verbose_name_plural = _("信息来源")

    def __str__(self) -> str:
        return f"{self.case_id} · {self.get_source_display()}"


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", _("编辑中")
    PUBLISHED = "published", _("已印发")


class Bulletin(BaseModel):
    """《社情民意》第N期: a numbered issue of selected reports sent to the listed recipients."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="bulletins"
    )
    series = models.CharField(_("刊名"), max_length=30, default="社情民意")
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    number = models.PositiveSmallIntegerField(_("期号"))
    issued_on = models.DateField(_("印发日期"))
    recipients = models.TextField(_("报送"), help_text=_("每行一个，例如：市委主要领导"))
    editor = models.CharField(_("责任编辑"), max_length=50, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=BulletinStatus.choices, default=BulletinStatus.DRAFT
    )
    published_at = models.DateTimeField(_("印发时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("简报")
        verbose_name_plural = _("简报")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "series", "year", "number"], name="bulletin_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"《{self.series}》{self.year}年第{self.number}期"

    @property
    def recipient_list(self) -> list[str]:
        return [r.strip() for r in self.recipients.splitlines() if r.strip()]


class BulletinItem(BaseModel):
    bulletin = models.ForeignKey(
        Bulletin, verbose_name=_("简报"), on_delete=models.CASCADE, related_name="items"
    )
    case = models.ForeignKey(
        "casework.Case", verbose_name=_("信息"), on_delete=models.PROTECT, related_name="bulletin_items"
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["bulletin", "order", "id"]
        verbose_name = _("简报篇目")
        verbose_name_plural = _("简报篇目")
        constraints = [models.UniqueConstraint(fields=["case"], name="bulletin_item_once_per_case")]

    def __str__(self) -> str:
        return f"{self.bulletin} · {self.order}"

    @property
    def audit_body_id(self) -> int:
        return int(self.bulletin.body_id)


class Adoption(BaseModel):
    """采用: which body adopted the report, at which level, when and in what form."""

    case = models.ForeignKey(
        "casework.Case", verbose_name=_("信息"), on_delete=models.CASCADE, related_name="adoptions"
    )
    adopter = models.CharField(_("采用单位"), max_length=100)
    level = models.CharField(_("采用层级"), max_length=24, choices=AdoptionLevel.choices, db_index=True)
    form = models.CharField(_("采用形式"), max_length=16, choices=AdoptionForm.choices)
    adopted_on = models.DateField(_("采用日期"), db_index=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)

    class Meta:
        ordering = ["case", "adopted_on", "id"]
        verbose_name = _("采用")
        verbose_name_plural = _("采用")

    def __str__(self) -> str:
        return f"{self.adopter}（{self.get_level_display()}）{self.adopted_on}"

    @property
    def audit_body_id(self) -> int:
        return int(self.case.body_id)


class Instruction(BaseModel):
    """批示: a leader's written instruction on a report; followed up through the case's assignments."""

    case = models.ForeignKey(
        "casework.Case", verbose_name=_("信息"), on_delete=models.CASCADE, related_name="instructions"
    )
    leader_name = models.CharField(_("批示领导"), max_length=50)
    leader_post = models.CharField(_("领导职务"), max_length=100)
    level = models.CharField(_("批示层级"), max_length=16, choices=InstructionLevel.choices, db_index=True)
    instructed_on = models.DateField(_("批示日期"), db_index=True)
    text = models.TextField(_("批示内容"))

    class Meta:
        ordering = ["case", "instructed_on", "id"]
        verbose_name = _("批示")
        verbose_name_plural = _("批示")

    def __str__(self) -> str:
        return f"{self.leader_post}{self.leader_name} {self.instructed_on}"

    @property
    def audit_body_id(self) -> int:
        return int(self.case.body_id)


class PerformanceKind(models.TextChoices):
    SUBMITTED = "submitted", _("报送")
    PUBLISHED = "published", _("编发")
    ADOPTED = "adopted", _("被采用")
    INSTRUCTED = "instructed", _("获批示")
