"""Reads of cases, always through the actor: ``case_get_for_actor`` is the only way to load one."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from lvzhi.core.exceptions import NotFound
from lvzhi.core.permissions import is_admin, visible_body_ids

from .models import (
    DEFAULT_DECLINE_REASONS,
    LIVE_ASSIGNMENT,
    REPLYING_ROLES,
    Assignment,
    AssignmentStatus,
    Attachment,
    Case,
    CaseEvent,
    Chase,
    Cosponsor,
    DeclineReason,
    Feedback,
    KindSetting,
    Notification,
    Reply,
    ReplyCategory,
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
    own: Any = Q(submitter_id=actor.pk)  # Q | Exists combine into an expression, not a Q
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
        .order_by()  # one row by key: the list ordering (three sort keys over seven joins) costs compile time
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
            # A value no column can hold is no filter, not a database error.
            raw = str(params.get(name) or "").strip()
            return int(raw) if raw.isdigit() and len(raw) <= 18 else None

        year = as_int("year")

        key = str(params.get("key") or "")
        return cls(
            kind=str(params.get("kind") or "").strip()[:32],
            state=str(params.get("state") or "").strip()[:32],
            q=str(params.get("q") or "").strip()[:50],
            unit_id=as_int("unit"),
            year=year if year and 1949 <= year <= 2100 else None,
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


def case_years(*, actor: Any, kind: str) -> list[int]:
    """The years the actor's cases of ``kind`` fall in, latest first (for a year filter)."""
    qs = case_scope_for_actor(actor=actor).filter(kind=kind, year__isnull=False)
    return list(qs.order_by("-year").values_list("year", flat=True).distinct())


def state_counts(*, actor: Any, kind: str, year: int | None = None) -> dict[str, int]:
    qs = case_scope_for_actor(actor=actor).filter(kind=kind)
    if year:
        qs = qs.filter(year=year)
    return dict(qs.order_by().values_list("state").annotate(n=Count("id")).values_list("state", "n"))


# ---------------------------------------------------------------- boards

OPEN_ASSIGNMENT_STATUSES = (AssignmentStatus.ASSIGNED, AssignmentStatus.ACCEPTED, AssignmentStatus.REROUTE)


def assignment_open_for_actor(*, actor: Any, kind: str) -> QuerySet[Assignment]:
    """Replying assignments still open on cases in handling that the actor may read.

    The case scope is a correlated EXISTS on the case's primary key rather than ``case__in``:
    at 10,000 cases it lets the database walk the (status, role, due_on) index and look each
    case up once, instead of materialising the body's whole case list (see bench/casework.py).
    """
    cases = case_scope_for_actor(actor=actor).filter(
        pk=OuterRef("case_id"), kind=kind, state__in=HANDLING_STATES
    )
    return Assignment.objects.filter(
        Exists(cases), status__in=OPEN_ASSIGNMENT_STATUSES, role__in=REPLYING_ROLES
    )


def assignment_overdue_for_actor(
    *, actor: Any, kind: str, today: datetime.date | None = None
) -> QuerySet[Assignment]:
    """超期督办: open replying assignments past their deadline, oldest first."""
    today = today or timezone.localdate()
    return (
        assignment_open_for_actor(actor=actor, kind=kind)
        .filter(due_on__lt=today)
        .select_related("case", "unit")
        .order_by("due_on", "id")
    )


def assignment_due_soon_for_actor(
    *, actor: Any, kind: str, days: int = 14, today: datetime.date | None = None
) -> QuerySet[Assignment]:
    today = today or timezone.localdate()
    return (
        assignment_open_for_actor(actor=actor, kind=kind)
        .filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=days))
        .select_related("case", "unit")
        .order_by("due_on", "id")
    )


def chase_counts(*, assignment_ids: list[int]) -> dict[int, int]:
    """督办次数 per assignment, for one page of a board: one grouped query."""
    out: dict[int, int] = {}
    for i in range(0, len(assignment_ids), 900):  # stay under SQLite's bound-parameter limit in exports
        out.update(
            Chase.objects.filter(assignment_id__in=assignment_ids[i : i + 900])
            .order_by()
            .values_list("assignment_id")
            .annotate(n=Count("id"))
            .values_list("assignment_id", "n")
        )
    return out


def unit_deadlines(*, actor: Any, days: int = 14, today: datetime.date | None = None) -> list[Assignment]:
    """A handling unit's own open assignments due within ``days`` (or already overdue), soonest first."""
    if getattr(actor, "role", "") != "unit" or not getattr(actor, "handling_unit_id", None):
        return []
    today = today or timezone.localdate()
    return list(
        Assignment.objects.filter(
            unit_id=actor.handling_unit_id,
            status__in=OPEN_ASSIGNMENT_STATUSES,
            case__state__in=HANDLING_STATES,
            due_on__lte=today + datetime.timedelta(days=days),
        )
        .select_related("case")
        .order_by("due_on", "id")[:50]
    )


# ---------------------------------------------------------------- 交办会 list


def assign_meeting_list(*, actor: Any, kind: str, year: int, session_id: int | None = None) -> QuerySet[Case]:
    """交办会清单: registered cases of a session (or year), the units the submitter proposed beside
    the units staff decided. Two prefetches, whatever the number of cases."""
    qs = (
        case_scope_for_actor(actor=actor)
        .filter(kind=kind, year=year, registered_at__isnull=False)
        .exclude(state__in=["merged", "declined", "converted"])
    )
    if session_id:
        qs = qs.filter(session_id=session_id)
    return qs.prefetch_related(
        "proposed_units",
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(LIVE_ASSIGNMENT).select_related("unit").order_by("role", "id"),
            to_attr="live_assignments",
        ),
    ).order_by("serial", "id")


# ---------------------------------------------------------------- 回头看


def review_back_list(*, actor: Any, kind: str, year: int) -> QuerySet[Case]:
    """回头看清单 for ``year``: B-category cases of earlier years whose promise is not yet kept.

    Last year's cases are all on it; older ones only when a review carried them over (结转).
    A case leaves the list when a review (or the unit's progress report) finds it done.
    """
    last = (
        CaseEvent.objects.filter(case_id=OuterRef("pk"), action="case.review_back")
        .order_by("-at", "-id")
        .values
    )
    return (
        case_scope_for_actor(actor=actor)
        .filter(
            kind=kind,
            reply_category=ReplyCategory.B,
            followup_on__isnull=False,
            state__in=["replied", "closed"],
            year__lt=year,
        )
        .filter(Q(year=year - 1) | Q(carried_over=True))
        .annotate(
            last_review_at=Subquery(last("at")[:1]),
            last_review_result=Subquery(last("data__result_label")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(LIVE_ASSIGNMENT, role__in=REPLYING_ROLES)
                .select_related("unit")
                .order_by("role", "id"),
                to_attr="live_assignments",
            )
        )
        .order_by("followup_on", "year", "serial", "id")
    )


# ---------------------------------------------------------------- notifications


def notification_list_for_actor(*, actor: Any, unread: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(user_id=actor.pk).select_related("case")
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-at", "-id")


def notification_unread_count(*, actor: Any) -> int:
    if not getattr(actor, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user_id=actor.pk, read_at__isnull=True).count()


# ---------------------------------------------------------------- attachments and feedback


def case_attachments(*, case: Case) -> list[Attachment]:
    return list(Attachment.objects.filter(case=case).order_by("id"))


def attachment_get_for_actor(*, actor: Any, case_id: int, pk: int) -> Attachment:
    """A file may be read by whoever may read its case (``case_get_for_actor``), nobody else."""
    case = case_get_for_actor(actor=actor, pk=case_id)
    row = Attachment.objects.filter(case=case, pk=pk).first()
    if row is None:
        raise NotFound(ATTACHMENT_NOT_FOUND)
    return row


ATTACHMENT_NOT_FOUND = "附件不存在或您无权查看。"


def case_feedbacks(*, case: Case) -> list[Feedback]:
    return list(
        Feedback.objects.filter(case=case).select_related("rater").order_by("round", "-is_submitter", "id")
    )


# ---------------------------------------------------------------- 公开答复 (no sign-in)

PUBLIC_STATES = ("replied", "closed")


def public_kinds(*, body_id: int) -> list[str]:
    """The kinds whose replies this body publishes: the body opted in and the kind allows it."""
    opted = KindSetting.objects.filter(body_id=body_id, publish_replies=True).values_list("kind", flat=True)
    return [k for k in opted if (wf := workflow_for(k)) is not None and wf.publishable]


def public_case_list(
    *, body_id: int, kinds: list[str], q: str = "", year: int | None = None
) -> QuerySet[Case]:
    """Published cases of a body: consent given (is_public), answered, of a kind the body publishes.

    Only fields without personal data are selected; see ``public_replies`` for the answers.
    """
    qs = Case.objects.filter(
        body_id=body_id,
        kind__in=kinds,
        is_public=True,
        state__in=PUBLIC_STATES,
        registered_at__isnull=False,
        merged_into__isnull=True,
    )
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(number__icontains=q))
    if year:
        qs = qs.filter(year=year)
    return qs.only(
        "id",
        "body_id",
        "kind",
        "state",
        "year",
        "serial",
        "number",
        "title",
        "category",
        "reply_category",
        "replied_at",
    ).order_by("-year", "-serial", "-id")


def public_case_get(*, body_id: int, pk: int) -> Case:
    kinds = public_kinds(body_id=body_id)
    case = public_case_list(body_id=body_id, kinds=kinds).filter(pk=pk).first()
    if case is None:
        raise NotFound(NOT_FOUND)
    return case


def public_replies(*, case: Case) -> list[Reply]:
    """The answers of the latest round (lead, joint and split units), reviewed or not yet reviewed
    by staff once the case was replied; assisting units' opinions stay internal."""
    latest = Reply.objects.filter(case=case).exclude(category="").order_by("-round").values("round")[:1]
    rows = list(
        Reply.objects.filter(case=case, round=Subquery(latest))
        .exclude(category="")
        .select_related("assignment__unit")
        .only(
            "id",
            "round",
            "category",
            "content",
            "signed_by",
            "promised_on",
            "created_at",
            "case_id",
            "assignment__role",
            "assignment__unit__name",
        )
        .order_by("assignment__role", "id")
    )
    # Reply letters greet the submitter by name and are signed by a person: names never go public.
    names = {n for (n,) in Case.objects.filter(pk=case.pk).values_list("submitter_name") if n}
    names |= set(Cosponsor.objects.filter(case_id=case.pk).values_list("member__name", flat=True))
    names |= {r.signed_by for r in rows if r.signed_by}
    for r in rows:
        r.public_text = redact(r.content, names)  # type: ignore[attr-defined]  # display-only attribute
    return rows


def redact(text: str, names: set[str]) -> str:
    """Each name (two characters or more) replaced by ×, longest first so 张三丰 is not left as ×丰."""
    for name in sorted((n.strip() for n in names), key=len, reverse=True):
        if len(name) >= 2:
            text = text.replace(name, "×" * len(name))
    return text
