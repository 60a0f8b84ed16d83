"""Reads of 信访件 and of tracked public submissions; personal data only for petition staff."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from lvzhi.casework import selectors as case_selectors
from lvzhi.casework.models import Case, CaseTracker, Reply
from lvzhi.casework.workflow import Actor, workflow_for
from lvzhi.core.exceptions import NotFound
from lvzhi.core.permissions import is_admin

from . import portal
from .models import DEFAULT_NOTIFY_DAYS, PetitionDetail, PetitionSetting, PublicAttachment
from .workflow import PetitionForm

HANDLE_PERM = "petitions.handle_petition"


def is_petition_staff(actor: Any, body_id: int | None) -> bool:
    """信访工作人员: administrators, or staff of the body holding ``petitions.handle_petition``."""
    if not getattr(actor, "is_authenticated", False):
        return False
    if is_admin(actor):
        return True
    return bool(
        getattr(actor, "role", "") == "staff" and actor.body_id == body_id and actor.has_perm(HANDLE_PERM)
    )


def staff_only_steps(*, actor: Any, case: Case) -> set[str]:
    """Steps now open to the actor on this petition only as 工作人员, while they lack ``handle_petition``.

    Empty for petition staff, admins and every other kind; the pages hide these steps and
    ``services._guard`` refuses them on every path.
    """
    if case.kind != "petition" or is_petition_staff(actor, case.body_id):
        return set()
    caps = case_selectors.actor_capacities(actor=actor, case=case)
    return {
        t.name
        for t in case_selectors.available_actions(actor=actor, case=case)
        if caps & t.roles <= {Actor.STAFF}
    }


def step_needs_petition_staff(*, actor: Any, case: Case, name: str) -> bool:
    """Whether taking ``name`` on this case would be refused for want of ``handle_petition``."""
    if case.kind != "petition" or is_petition_staff(actor, case.body_id):
        return False
    wf = workflow_for(case.kind)
    step = wf.transition(name) if wf else None
    if step is None:
        return False
    caps = case_selectors.actor_capacities(actor=actor, case=case) & step.roles
    return bool(caps) and caps <= {Actor.STAFF}


def notify_days(*, body_id: int) -> int:
    """The body's 受理告知 deadline in days (``PetitionSetting``), 15 unless it set another."""
    days = PetitionSetting.objects.filter(body_id=body_id).values_list("notify_days", flat=True).first()
    return int(days or DEFAULT_NOTIFY_DAYS)


@dataclass(frozen=True)
class Petitioner:
    name: str
    id_number: str
    phone: str
    address: str
    persons: int
    masked: bool


def petitioner_for_actor(*, actor: Any, detail: PetitionDetail, body_id: int) -> Petitioner:
    full = is_petition_staff(actor, body_id)
    return Petitioner(
        name=detail.petitioner_name if full else portal.mask_name(detail.petitioner_name),
        id_number=detail.id_number if full else portal.mask_id(detail.id_number),
        phone=detail.phone if full else portal.mask_phone(detail.phone),
        address=detail.address if full else portal.mask_address(detail.address),
        persons=detail.persons,
        masked=not full,
    )


def detail_json(*, case: Any) -> dict[str, Any]:
    """The kind's part of GET /api/v1/cases/{id}: always masked (the engine's hook has no actor)."""
    d = PetitionDetail.objects.filter(case_id=case.pk).select_related("earlier").first()
    if d is None:
        return {}
    return {
        "form": d.form,
        "form_label": d.get_form_display(),
        "petition_category": d.category,
        "petition_category_label": d.get_category_display() if d.category else "",
        "petitioner": portal.mask_name(d.petitioner_name),
        "phone": portal.mask_phone(d.phone),
        "persons": d.persons,
        "received_on": d.received_on.isoformat(),
        "notify_due_on": d.notify_due_on.isoformat(),
        "notified_on": d.notified_on.isoformat() if d.notified_on else None,
        "earlier_id": d.earlier_id,
        "answer": d.answer,
        "review_opinion": d.review_opinion,
    }


def petition_list_for_actor(
    *,
    actor: Any,
    state: str = "",
    q: str = "",
    form: str = "",
    category: str = "",
    year: int | None = None,
) -> QuerySet[Case]:
    f = case_selectors.CaseFilters(kind="petition", state=state, q=q, year=year)
    qs = case_selectors.case_list_for_actor(actor=actor, filters=f).select_related("petition_detail")
    if form:
        qs = qs.filter(petition_detail__form=form)
    if category:
        qs = qs.filter(petition_detail__category=category)
    return qs


def petition_get_for_actor(*, actor: Any, pk: int) -> Case:
    case = case_selectors.case_get_for_actor(actor=actor, pk=pk)
    if case.kind != "petition":
        raise NotFound(case_selectors.NOT_FOUND)
    return case


def petition_page(*, actor: Any, case: Case) -> dict[str, Any]:
    detail = PetitionDetail.objects.filter(case=case).select_related("earlier").first()
    repeats = list(
        case_selectors.case_scope_for_actor(actor=actor)
        .filter(petition_detail__earlier=case)
        .order_by("created_at")
    )
    earlier = None
    if detail and detail.earlier_id:
        earlier = case_selectors.case_scope_for_actor(actor=actor).filter(pk=detail.earlier_id).first()
    return {
        "detail": detail,
        "petitioner": petitioner_for_actor(actor=actor, detail=detail, body_id=case.body_id)
        if detail
        else None,
        "earlier": earlier,
        "repeats": repeats,
        "attachments": list(PublicAttachment.objects.filter(case=case)),
    }


def petition_counts(*, body: Any, year: int) -> dict[str, int]:
    """信访 as bodies count it: 件 (cases), 批次 (visits), 人次 (people in those visits)."""
    qs = PetitionDetail.objects.filter(
        case__body_id=body.pk, case__kind="petition", case__submitted_at__isnull=False, received_on__year=year
    )
    row = qs.aggregate(
        cases=Count("id"),
        batches=Count("id", filter=Q(form=PetitionForm.VISIT)),
        persons=Sum("persons", filter=Q(form=PetitionForm.VISIT)),
        repeated=Count("id", filter=Q(earlier__isnull=False)),
    )
    return {k: int(v or 0) for k, v in row.items()}


# ---------------------------------------------------------------- what the code holder sees


PUBLIC_ACTIONS = {
    "case.create": "已收到",
    "case.submit": "已提交",
    "case.register": "已登记",
    "case.admit": "已受理",
    "case.reject": "不予受理",
    "case.select": "已采编",
    "case.publish": "已编发",
    "case.adopt": "已被采用",
    "case.transfer": "已转有关单位办理",
    "case.assign": "已交有关单位办理",
    "case.accept": "承办单位已签收",
    "case.reply": "已答复",
    "case.answer": "已答复",
    "case.rate": "已评价",
    "case.request_review": "已申请复查",
    "case.conclude_review": "已出具复查意见",
    "case.close": "已办结",
    "case.decline": "不予受理",
    "case.archive": "已存档",
}


# What a citizen reads as the status: the office's internal steps (草稿, 已编辑, 拟编发, 批示已交办)
# are folded into plain words; an unknown state reads 办理中.
PUBLIC_STATES = {
    "draft": "已收到",
    "submitted": "已收到，待受理",
    "registered": "已登记",
    "admitted": "已受理",
    "edited": "已收到，正在处理",
    "selected": "已收到，正在处理",
    "archived": "已存档",
    "published": "已编发",
    "adopted": "已被采用",
    "instructed": "已获领导批示",
    "transferred": "已转有关单位办理",
    "assigned": "办理中",
    "handling": "办理中",
    "rehandling": "重新办理中",
    "replied": "已答复",
    "dissatisfied": "已答复（不满意）",
    "reviewing": "复查中",
    "closed": "已办结",
    "declined": "不予受理",
    "rejected": "不予受理",
}


def public_state_label(state: str) -> str:
    return PUBLIC_STATES.get(state, "办理中")


def tracked_view(*, tracker: CaseTracker) -> dict[str, Any]:
    """What a tracking code shows: status, public steps, replies — never staff names or others' data.

    The code holder has no account to be notified on, so the page is the notice: each step
    says which status it led to, and steps since the previous look-up (``tracker.last_viewed_at``
    as loaded, before ``tracker_for_code`` stamped this one) are marked new.
    """
    case = tracker.case
    wf = workflow_for(case.kind)
    since = tracker.last_viewed_at
    events = [
        {
            "label": PUBLIC_ACTIONS[e.action],
            "at": e.at,
            "note": e.note if e.action in {"case.reject", "case.decline"} else "",
            "state_label": public_state_label(e.to_state)
            if e.to_state and e.to_state != e.from_state
            else "",
            "is_new": bool(since and e.at > since),
        }
        for e in case_selectors.case_events(case=case)
        if e.action in PUBLIC_ACTIONS
    ]
    replies = [
        {
            "unit": r.assignment.unit.name,
            "content": r.content,
            "at": r.created_at,
            "category": r.get_category_display(),
        }
        for r in Reply.objects.filter(case=case)
        .exclude(category="")
        .select_related("assignment__unit")
        .order_by("round", "id")
    ]
    detail = PetitionDetail.objects.filter(case=case).first()
    if detail and detail.answer:
        replies.append(
            {"unit": case.body.name, "content": detail.answer, "at": case.replied_at, "category": ""}
        )
    if detail and detail.review_opinion:
        replies.append(
            {
                "unit": f"{case.body.name}（复查意见）",
                "content": detail.review_opinion,
                "at": case.closed_at,
                "category": "",
            }
        )
    actions = {t.name for t in (wf.available(case.state) if wf else [])}
    return {
        "case": case,
        "kind_label": case.kind_label,
        "state_label": public_state_label(case.state),
        "events": events,
        "new_count": sum(1 for e in events if e["is_new"]),
        "since": since,
        "replies": replies,
        "can_rate": "rate" in actions and not case.rating,
        "can_request_review": "request_review" in actions
        and case.kind == "petition"
        and case.state == "dissatisfied",
        "rating_label": case.get_rating_display() if case.rating else "",
    }
