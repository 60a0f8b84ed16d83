from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lvzhi.core.models import BaseModel

from .workflow import PetitionCategory, PetitionForm


class PetitionDetail(BaseModel):
    """What 信访件 add to the engine's Case: the petitioner (personal data) and the handling facts.

    The petitioner's name, ID number, phone and address are shown in full only to petition
    staff (``petitions.handle_petition``); everyone else, lists and exports get
    ``selectors.masked``. ``Case.submitter_name`` holds the masked name only.
    """

    case = models.OneToOneField(
        "casework.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="petition_detail"
    )
    form = models.CharField(
        _("信访形式"), max_length=16, choices=PetitionForm.choices, default=PetitionForm.ONLINE
    )
    category = models.CharField(
        _("信访分类"), max_length=16, choices=PetitionCategory.choices, blank=True, db_index=True
    )
    petitioner_name = models.CharField(_("信访人"), max_length=50)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    address = models.CharField(_("住址"), max_length=200, blank=True)
    persons = models.PositiveSmallIntegerField(_("人数"), default=1)
    received_on = models.DateField(_("收到日期"))
    notify_due_on = models.DateField(_("受理告知期限"))
    notified_on = models.DateField(_("告知日期"), null=True, blank=True)
    earlier = models.ForeignKey(
        "casework.Case",
        verbose_name=_("重复信访，前次"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeat_petitions",
    )
    answer = models.TextField(_("直接答复"), blank=True)
    review_opinion = models.TextField(_("复查意见"), blank=True)

    class Meta:
        ordering = ["case"]
        verbose_name = _("信访人信息")
        verbose_name_plural = _("信访人信息")
        permissions = [("handle_petition", _("信访工作人员（可查看信访人个人信息）"))]
        constraints = [
            models.CheckConstraint(condition=models.Q(persons__gte=1), name="petition_persons_at_least_one"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.get_form_display()}"

    @property
    def audit_body_id(self) -> int:
        return int(self.case.body_id)


class PublicAttachment(BaseModel):
    """A file sent with a public submission; its type was checked by content, not by name."""

    case = models.ForeignKey(
        "casework.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="public_attachments"
    )
    file = models.FileField(_("文件"), upload_to="public/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=16)
    size = models.PositiveIntegerField(_("大小（字节）"))

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("公众附件")
        verbose_name_plural = _("公众附件")

    def __str__(self) -> str:
        return self.original_name


DEFAULT_NOTIFY_DAYS = 15


class PetitionSetting(BaseModel):
    """Per body: the 受理告知 deadline (days from receipt, rolled forward to a working day).

    The engine's ``casework.KindSetting`` (body, kind) already holds the 办理 deadline
    (``reply_days``, 60 by default for 信访件); this is the one petition deadline it has no
    column for. Kept beside it per body rather than as a global setting, because bodies'
    信访 rules differ (some give 15 days, some 10 working days).
    """

    body = models.OneToOneField(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="petition_setting"
    )
    notify_days = models.PositiveSmallIntegerField(
        _("受理告知期限（天）"),
        default=DEFAULT_NOTIFY_DAYS,
        help_text=_("自收到之日起算，顺延至工作日；默认 15 天。"),
    )

    class Meta:
        ordering = ["body"]
        verbose_name = _("信访办理设置")
        verbose_name_plural = _("信访办理设置")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(notify_days__gte=1, notify_days__lte=90), name="petition_notify_days_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} · 受理告知 {self.notify_days} 天"
