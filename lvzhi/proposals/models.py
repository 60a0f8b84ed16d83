from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lvzhi.core.models import BaseModel


class ProposalDetail(BaseModel):
    """What 提案 / 代表建议 / 议案 add to the engine's Case: who they come from."""

    case = models.OneToOneField(
        "casework.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="proposal_detail"
    )
    sector = models.ForeignKey(
        "orgs.Sector",
        verbose_name=_("界别"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    party = models.ForeignKey(
        "orgs.Party",
        verbose_name=_("党派团体"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    committee = models.ForeignKey(
        "orgs.SpecialCommittee",
        verbose_name=_("专委会"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    delegation = models.ForeignKey(
        "orgs.Delegation",
        verbose_name=_("代表团"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_basis = models.TextField(_("立法依据/法律草案要点"), blank=True, help_text=_("议案填写"))

    class Meta:
        ordering = ["case"]
        verbose_name = _("提出信息")
        verbose_name_plural = _("提出信息")

    def __str__(self) -> str:
        return f"{self.case_id}"
