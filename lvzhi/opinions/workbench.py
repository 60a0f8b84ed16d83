"""The 批示 panel of a leader's 工作台: instructions whose follow-up is not yet reported."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse

from lvzhi.casework import selectors as case_selectors
from lvzhi.web.workbench import Panel, Row, panels_for_roles

from .models import Instruction
from .workflow import OpinionState

FOLLOWED_UP = (OpinionState.REPLIED, OpinionState.CLOSED)


@panels_for_roles("leader", "staff")
def instruction_panels(user: Any, today: datetime.date) -> list[Panel]:
    visible = case_selectors.case_scope_for_actor(actor=user).filter(pk=OuterRef("case_id"))
    pending = (
        Instruction.objects.filter(Exists(visible))
        .exclude(case__state__in=FOLLOWED_UP)
        .select_related("case")
        .order_by("instructed_on", "id")
    )
    if user.role == "staff" and not pending.exists():
        return []  # a staff workbench shows the panel only to offices that have instructions
    rows = [
        Row(
            i.case.title,
            reverse("opinions:case-detail", args=[i.case_id]),
            meta=f"{i.leader_post}{i.leader_name} {i.instructed_on:%Y-%m-%d}批示 · {i.case.state_label}",
        )
        for i in pending[:6]
    ]
    return [
        Panel(
            "instructions",
            "待跟进落实的批示",
            rows,
            count=pending.count(),
            empty="没有待跟进的批示",
            order=11,
        )
    ]
