"""Reads of 社情民意信息 / 微建议 and their bulletins, always through the actor."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from lvzhi.casework import selectors as case_selectors
from lvzhi.casework.models import Case
from lvzhi.core.exceptions import NotFound
from lvzhi.core.permissions import is_admin, visible_body_ids
from lvzhi.orgs.models import Body

from .models import Adoption, Bulletin, BulletinItem, Instruction, OpinionDetail, PerformanceEvent
from .workflow import OpinionState

BULLETIN_NOT_FOUND = "该期简报不存在或您无权查看。"
KINDS = ("opinion", "micro_suggestion")


def detail_json(*, case: Any) -> dict[str, Any]:
    """The kind's part of GET /api/v1/cases/{id} (the engine's describe hook)."""
    d = OpinionDetail.objects.filter(case_id=case.pk).first()
    item = BulletinItem.objects.filter(case_id=case.pk).select_related("bulletin").first()
    return {
        "source": d.source if d else "",
        "source_label": d.get_source_display() if d else "",
        "edited": bool(d and d.edited_at),
        "archive_reason": d.archive_reason if d else "",
        "bulletin": str(item.bulletin) if item else None,
        "adoptions": [
            {
                "adopter": a.adopter,
                "level": a.level,
                "level_label": a.get_level_display(),
                "on": a.adopted_on.isoformat(),
            }
            for a in Adoption.objects.filter(case_id=case.pk)
        ],
        "instructions": [
            {
                "leader": f"{i.leader_post}{i.leader_name}",
                "level": i.level,
                "level_label": i.get_level_display(),
                "on": i.instructed_on.isoformat(),
                "text": i.text,
            }
            for i in Instruction.objects.filter(case_id=case.pk)
        ],
    }


def opinion_list_for_actor(
    *, actor: Any, kind: str = "opinion", state: str = "", q: str = ""
) -> QuerySet[Case]:
    f = case_selectors.CaseFilters(kind=kind if kind in KINDS else "opinion", state=state, q=q)
    return case_selectors.case_list_for_actor(actor=actor, filters=f).select_related("opinion_detail")


def opinion_get_for_actor(*, actor: Any, pk: int) -> Case:
    case = case_selectors.case_get_for_actor(actor=actor, pk=pk)
    if case.kind not in KINDS:
        raise NotFound(case_selectors.NOT_FOUND)
    return case


def opinion_page(*, case: Case) -> dict[str, Any]:
    """Everything the report's page shows beside the engine's timeline."""
    return {
        "detail": OpinionDetail.objects.filter(case=case).first(),
        "item": BulletinItem.objects.filter(case=case).select_related("bulletin").first(),
        "adoptions": list(Adoption.objects.filter(case=case)),
        "instructions": list(Instruction.objects.filter(case=case)),
    }


def bulletin_list_for_actor(*, actor: Any, body_id: int | None = None) -> QuerySet[Bulletin]:
    qs = (
        Bulletin.objects.select_related("body")
        .annotate(item_count=Count("items"))
        .order_by("-year", "-number", "-id")
    )
    ids = visible_body_ids(actor)
    if ids is not None:
        qs = qs.filter(body_id__in=ids)
    if getattr(actor, "role", "") not in {"staff", "leader"} and not is_admin(actor):
        qs = qs.filter(status="published")
    if body_id:
        qs = qs.filter(body_id=body_id)
    return qs


def bulletin_get_for_actor(*, actor: Any, pk: int) -> Bulletin:
    b = bulletin_list_for_actor(actor=actor).filter(pk=pk).first()
    if b is None:
        raise NotFound(BULLETIN_NOT_FOUND)
    return b


def bulletin_items(*, bulletin: Bulletin) -> list[BulletinItem]:
    return list(
        BulletinItem.objects.filter(bulletin=bulletin)
        .select_related("case", "case__submitter_member")
        .order_by("order", "id")
    )


def cases_for_bulletin(*, actor: Any, body: Body) -> list[Case]:
    """拟编发 reports of the body not yet in any issue, oldest first."""
    return list(
        case_selectors.case_scope_for_actor(actor=actor)
        .filter(body=body, kind="opinion", state=OpinionState.SELECTED, bulletin_items__isnull=True)
        .order_by("submitted_at", "id")
    )


def performance_events_for_member(*, member_id: int, year: int | None = None) -> QuerySet[PerformanceEvent]:
    """The scoring hook's reader for the members app: what a member's reports earned."""
    qs = PerformanceEvent.objects.filter(member_id=member_id).select_related("case")
    if year:
        qs = qs.filter(on__year=year)
    return qs


def opinion_counts(*, body: Any, year: int) -> dict[str, int]:
    """The figures behind opinion.submitted / opinion.adopted / instruction.leader."""
    submitted = Case.objects.filter(
        body_id=body.pk, kind="opinion", submitted_at__isnull=False, year=year
    ).count()
    adopted = (
        Adoption.objects.filter(case__body_id=body.pk, case__kind="opinion", adopted_on__year=year)
        .values("case_id")
        .distinct()
        .count()
    )
    instructions = Instruction.objects.filter(case__body_id=body.pk, instructed_on__year=year).count()
    return {"submitted": submitted, "adopted": adopted, "instructions": instructions}


def state_counts(*, actor: Any, kind: str) -> dict[str, int]:
    return case_selectors.state_counts(actor=actor, kind=kind)
