"""Reads of cases, always through the actor: ``case_get_for_actor`` is the only way to load one."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from lvzhi.core.exceptions import NotFound
from lvzhi.core.permissions import is_admin, visible_body_ids

from .models import (
    DEFAULT_DECLINE_REASONS,
    LIVE_ASSIGNMENT,
    REPLYING_ROLES,
    Assignment,
    AssignmentStatus,
    Case,
    CaseEvent,
    Cosponsor,
    DeclineReason,
    KindSetting,
    Reply,
)
from .workflow import Actor, Workflow, workflow_for

NOT_FOUND = "该件不存在或您无权查看。"


def case_scope_for_actor(*, actor: Any) -> QuerySet[Case]:
    """Every case the actor may read. Drafts stay private to their submitter and co-sponsors."""
    if not getattr(actor, "is_authenticated", False):
        return Case.objects.none()
    qs = Case.objects.all()
    ids = visible_body_ids(actor)
    if ids is not None:
        qs = qs.filter(body_id__in=ids)
    own = Q(submitter_id=actor.pk)
    if getattr(actor, "member_id", None):
        own |= Q(submitter_member_id=actor.member_id) | Exists(
            Cosponsor.objects.filter(case_id=OuterRef("pk"), member_id=actor.member_id)
        )
    role = getattr(actor, "role", "")
    if is_admin(actor) or role in {"staff", "leader"}:
        return qs.filter(Q(submitted_at__isnull=False) | own)
    if role == "member":
        return qs.filter(own)
    if role == "unit" and actor.handling_unit_id:
        return qs.filter(
            Exists(
                Assignment.objects.filter(
                    LIVE_ASSIGNMENT, case_id=OuterRef("pk"), unit_id=actor.handling_unit_id
                )
            )
        )
    return Case.objects.none()


def case_get_for_actor(*, actor: Any, pk: int) -> Case:
    """The sanctioned way to load a case: 404 (NotFound) when absent or not the actor's to see."""
    case = (
        case_scope_for_actor(actor=actor)
        .select_related(
            "body", "submitter", "submitter_member", "lead_leader", "session", "merged_into", "derived_from"
        )
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise NotFound(NOT_FOUND)
    return case


@dataclass(frozen=True)
class CaseFilters:
    kind: str = ""
    state: str = ""
    q: str = ""
    unit_id: int | None = None
    year: int | None = None
    category: str = ""
    is_key: bool | None = None
    overdue: bool = False
    followup: bool = False
    mine: bool = False
    body_id: int | None = None

    @classmethod
    def from_params(cls, params: Any) -> CaseFilters:
        def as_int(name: str) -> int | None:
            raw = str(params.get(name) or "").strip()
            return int(raw) if raw.isdigit() else None

        key = str(params.get("key") or "")
        return cls(
            kind=str(params.get("kind") or "").strip()[:32],
            state=str(params.get("state") or "").strip()[:32],
            q=str(params.get("q") or "").strip()[:50],
            unit_id=as_int("unit"),
            year=as_int("year"),
            category=str(params.get("category") or "").strip()[:16],
            is_key={"1": True, "0": False}.get(key),
            overdue=str(params.get("overdue") or "") == "1",
            followup=str(params.get("followup") or "") == "1",
            body_id=as_int("body"),
        )


def case_list_for_actor(*, actor: Any, filters: CaseFilters | None = None) -> QuerySet[Case]:
    f = filters or CaseFilters()
    qs = case_scope_for_actor(actor=actor)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.state:
        qs = qs.filter(state__in=f.state.split(","))
    if f.body_id:
        qs = qs.filter(body_id=f.body_id)
    if f.year:
        qs = qs.filter(year=f.year)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.is_key is not None:
        qs = qs.filter(is_key=f.is_key)
    if f.unit_id:
        qs = qs.filter(
            Exists(Assignment.objects.filter(LIVE_ASSIGNMENT, case_id=OuterRef("pk"), unit_id=f.unit_id))
        )
    if f.q:
        qs = qs.filter(Q(title__icontains=f.q) | Q(number__icontains=f.q) | Q(submitter_name__icontains=f.q))
    if f.overdue:
        qs = qs.filter(overdue_q())
    if f.followup:
        qs = qs.filter(reply_category="b", followup_on__isnull=False)
    if f.mine:
        qs = qs.filter(Q(submitter_id=actor.pk) | Q(submitter_member_id=actor.member_id or 0))
    return (
        qs.select_related("body", "submitter_member")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(LIVE_ASSIGNMENT)
                .select_related("unit")
                .order_by("role", "id"),
                to_attr="live_assignments",
            )
        )
        .order_by("-year", "-serial", "-id")
    )


def overdue_q(today: datetime.date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(state__in=HANDLING_STATES, due_on__lt=today)


HANDLING_STATES = ("assigned", "handling", "rehandling")


def actor_capacities(*, actor: Any, case: Case) -> set[Actor]:
    """What the actor is to this case: submitter, co-sponsor, staff, handling unit, leader."""
    caps: set[Actor] = set()
    if not getattr(actor, "is_authenticated", False):
        return caps
    same_body = actor.body_id == case.body_id
    if is_admin(actor) or (actor.role == "staff" and same_body):
        caps.add(Actor.STAFF)
    if actor.role == "leader" and same_body:
        caps.add(Actor.LEADER)
    if case.submitter_id == actor.pk or (actor.member_id and actor.member_id == case.submitter_member_id):
        caps.add(Actor.SUBMITTER)
    elif (
        actor.member_id
        and Cosponsor.objects.filter(
            case=case, member_id=actor.member_id, source=Cosponsor.Source.COSIGN
        ).exists()
    ):
        caps.add(Actor.COSPONSOR)
    if (
        actor.role == "unit"
        and actor.handling_unit_id
        and Assignment.objects.filter(LIVE_ASSIGNMENT, case=case, unit_id=actor.handling_unit_id).exists()
    ):
        caps.add(Actor.UNIT)
    return caps


def available_actions(*, actor: Any, case: Case) -> list[Any]:
    wf = workflow_for(case.kind)
    if wf is None:
        return []
    caps = actor_capacities(actor=actor, case=case)
    return [t for t in wf.available(case.state) if caps & t.roles]


def case_events(*, case: Case) -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "id")


def case_assignments(*, case: Case) -> list[Assignment]:
    return list(Assignment.objects.filter(case=case).select_related("unit").order_by("status", "role", "id"))


def case_replies(*, case: Case) -> list[Reply]:
    return list(Reply.objects.filter(case=case).select_related("assignment__unit").order_by("round", "id"))


def case_pending(
    *, case: Case, assignments: list[Assignment] | None = None, replies: list[Reply] | None = None
) -> list[str]:
    """What the case is waiting for: 协办未会签, 督办未审核, 委员未评价 …"""
    assignments = assignments if assignments is not None else case_assignments(case=case)
    replies = replies if replies is not None else case_replies(case=case)
    live = [a for a in assignments if a.status != AssignmentStatus.WITHDRAWN]
    out: list[str] = []
    if case.state in {"assigned", "handling", "rehandling"}:
        for a in live:
            if a.status == AssignmentStatus.ASSIGNED:
                out.append(f"{a.unit.name}未签收")
            if a.status == AssignmentStatus.REROUTE:
                out.append(f"{a.unit.name}申请调整交办，待审批")
            elif a.role in REPLYING_ROLES and a.status != AssignmentStatus.REPLIED:
                out.append(f"{a.unit.name}（{a.get_role_display()}）未答复")
            elif a.role == "assisting" and a.status != AssignmentStatus.REPLIED:
                out.append(f"协办单位{a.unit.name}未会签")
    this_round = [r for r in replies if r.round == case.round]
    if case.state == "replied":
        if any(r.reviewed_at is None for r in this_round):
            out.append("督办未审核")
        out.append("委员未评价" if case.kind == "proposal" else "代表未评价")
    if case.state == "dissatisfied":
        out.append("待重新交办办理")
    if case.followup_on and case.reply_category == "b":
        out.append(f"B类承诺事项（{case.followup_on:%Y-%m-%d}）待跟踪落实")
    return out


def decline_reasons(*, body_id: int) -> list[tuple[str, str]]:
    extra = list(DeclineReason.objects.filter(body_id=body_id).values_list("code", "label"))
    seen = {c for c, _ in extra}
    return [r for r in DEFAULT_DECLINE_REASONS if r[0] not in seen] + extra


def kind_setting(*, body_id: int, workflow: Workflow) -> dict[str, Any]:
    row = KindSetting.objects.filter(body_id=body_id, kind=workflow.kind).first()
    return {
        "reply_days": (row.reply_days if row and row.reply_days else workflow.reply_days),
        "rehandle_days": (row.rehandle_days if row and row.rehandle_days else workflow.rehandle_days),
        "reroute_window_workdays": (
            row.reroute_window_workdays
            if row and row.reroute_window_workdays
            else workflow.reroute_window_workdays
        ),
        "publish_replies": bool(row and row.publish_replies),
    }


def state_counts(*, actor: Any, kind: str, year: int | None = None) -> dict[str, int]:
    qs = case_scope_for_actor(actor=actor).filter(kind=kind)
    if year:
        qs = qs.filter(year=year)
    return dict(qs.order_by().values_list("state").annotate(n=Count("id")).values_list("state", "n"))
