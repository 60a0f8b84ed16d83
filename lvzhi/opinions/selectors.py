"""Reads of 社情民意信息 / 微建议 and their bulletins, always through the actor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from lvzhi.casework import selectors as case_selectors
from lvzhi.casework.models import Case
from lvzhi.core.exceptions import NotFound
from lvzhi.core.permissions import is_admin, visible_body_ids
from lvzhi.orgs.models import Body, Membership

from .models import (
    Adoption,
    Bulletin,
    BulletinItem,
    InformationOfficer,
    Instruction,
    OpinionDetail,
    OpinionSource,
)
from .workflow import OpinionState

BULLETIN_NOT_FOUND = "该期简报不存在或您无权查看。"
KINDS = ("opinion", "micro_suggestion")


@dataclass(frozen=True)
class Capacity:
    """One way the actor may put their name to a report: as 委员, for a group, as 信息员."""

    value: str
    label: str
    source: str
    submitter_kind: str
    submitter_name: str = ""
    needs_group_name: bool = False  # staff recording for a group type its name


def officer_post(*, actor: Any, body_id: int | None) -> InformationOfficer | None:
    """The actor's active 信息员 appointment at the body, if any."""
    if not getattr(actor, "is_authenticated", False) or not body_id:
        return None
    return InformationOfficer.objects.filter(user_id=actor.pk, body_id=body_id, is_active=True).first()


def drafting_capacities(*, actor: Any, body: Body) -> list[Capacity]:
    """In whose name the actor may draft at ``body``; empty when they may not draft there."""
    out: list[Capacity] = []
    membership = (
        Membership.objects.filter(
            member_id=getattr(actor, "member_id", None) or 0, body=body, is_active=True, term__is_current=True
        )
        .select_related("member", "sector")
        .prefetch_related("committees")
        .first()
    )
    if membership is not None:
        out.append(
            Capacity("member", f"委员本人（{membership.member.name}）", OpinionSource.MEMBER, "individual")
        )
        if membership.sector:
            name = membership.sector.name
            out.append(
                Capacity(
                    f"sector:{membership.sector_id}",
                    f"以界别名义：{name}",
                    OpinionSource.GROUP,
                    "sector",
                    name,
                )
            )
        for c in membership.committees.all():
            out.append(
                Capacity(
                    f"committee:{c.pk}", f"以专委会名义：{c.name}", OpinionSource.GROUP, "committee", c.name
                )
            )
    if officer_post(actor=actor, body_id=body.pk) is not None:
        name = getattr(actor, "display_name", "") or actor.username
        out.append(Capacity("officer", f"信息员（{name}）", OpinionSource.OFFICER, "individual", name))
    if is_admin(actor) or (getattr(actor, "role", "") == "staff" and actor.body_id == body.pk):
        out += [
            Capacity("group:sector", "代界别录入", OpinionSource.GROUP, "sector", needs_group_name=True),
            Capacity("group:party", "代党派团体录入", OpinionSource.GROUP, "party", needs_group_name=True),
            Capacity(
                "group:committee", "代专委会录入", OpinionSource.GROUP, "committee", needs_group_name=True
            ),
        ]
    return out


def is_own_report(*, actor: Any, case: Case) -> bool:
    """The actor wrote the report, or it was filed in their name as 委员."""
    member_id = getattr(actor, "member_id", None)
    return bool(case.submitter_id == actor.pk or (member_id and case.submitter_member_id == member_id))


def my_reports_for_actor(*, actor: Any, kind: str, state: str = "", q: str = "") -> QuerySet[Case]:
    """我的社情民意 / 我的微建议: what the actor wrote (drafts included), or what was filed in their name."""
    f = case_selectors.CaseFilters(kind=kind if kind in KINDS else "opinion", state=state, q=q)
    own = Q(submitter_id=actor.pk)
    if getattr(actor, "member_id", None):
        own |= Q(submitter_member_id=actor.member_id)
    return (
        case_selectors.case_list_for_actor(actor=actor, filters=f)
        .filter(own)
        .select_related("opinion_detail")
    )


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
    *, actor: Any, kind: str = "opinion", state: str = "", q: str = "", year: int | None = None
) -> QuerySet[Case]:
    f = case_selectors.CaseFilters(kind=kind if kind in KINDS else "opinion", state=state, q=q, year=year)
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


def state_counts(*, actor: Any, kind: str, year: int | None = None) -> dict[str, int]:
    return case_selectors.state_counts(actor=actor, kind=kind, year=year)
