"""社情民意 in the 大事记: each issue of the bulletin sent out, and each leader's instruction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from lvzhi.reports import chronicle

from .models import Bulletin, Instruction


@chronicle.source
def bulletins(body: Any, year: int) -> Iterable[chronicle.Entry]:
    for b in Bulletin.objects.filter(body_id=body.pk, issued_on__year=year, status="published").only(
        "pk", "series", "year", "number", "issued_on"
    ):
        yield chronicle.Entry(
            on=b.issued_on,
            text=f"编发《{b.series}》{b.year}年第{b.number}期。",
            url=reverse("opinions:bulletin-detail", args=[b.pk]),
            kind="社情民意",
        )


@chronicle.source
def instructions(body: Any, year: int) -> Iterable[chronicle.Entry]:
    for i in Instruction.objects.filter(case__body_id=body.pk, instructed_on__year=year).select_related(
        "case"
    ):
        yield chronicle.Entry(
            on=i.instructed_on,
            text=f"{i.leader_post}{i.leader_name}对社情民意信息《{i.case.title}》作出批示。",
            url=reverse("casework:case-detail", args=[i.case_id]),
            kind="批示",
        )
