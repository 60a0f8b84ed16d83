"""Plain dicts of cases for the API and the JSON parts of pages: Chinese labels beside every code."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from lvzhi.core import audit

from . import selectors
from .models import (
    Assignment,
    Attachment,
    Case,
    CaseCategory,
    CaseEvent,
    Cosponsor,
    Feedback,
    Notification,
    Reply,
    ReplyCategory,
)
from .workflow import kind_label, workflow_for


def _dt(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label) if value else ""
    except ValueError:
        return value


CASE_TEXT_FIELDS = ("content", "background", "public_note", "decline_reason")


def case_row(case: Case) -> dict[str, Any]:
    units = getattr(case, "live_assignments", None)
    return {
        "id": case.pk,
        "kind": case.kind,
        "kind_label": kind_label(case.kind),
        "body_id": case.body_id,
        "state": case.state,
        "state_label": case.state_label,
        "number": case.number,
        "title": case.title,
        "category": case.category,
        "category_label": _label(CaseCategory, case.category),
        "year": case.year,
        "submitter_name": case.submitter_name,
        "is_key": case.is_key,
        "due_on": _dt(case.due_on),
        "reply_category": case.reply_category,
        "reply_category_label": _label(ReplyCategory, case.reply_category),
        "rating": case.rating,
        "rating_label": case.get_rating_display() if case.rating else "",
        "units": [
            {"unit_id": a.unit_id, "unit": a.unit.name, "role": a.role, "role_label": a.get_role_display()}
            for a in units
        ]
        if units is not None
        else [],
        "submitted_at": _dt(case.submitted_at),
    }


def assignment_out(a: Assignment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "unit_id": a.unit_id,
        "unit": a.unit.name,
        "role": a.role,
        "role_label": a.get_role_display(),
        "status": a.status,
        "status_label": a.get_status_display(),
        "round": a.round,
        "assigned_on": _dt(a.assigned_on),
        "due_on": _dt(a.due_on),
        "reroute_until": _dt(a.reroute_until),
        "reroute_reason": a.reroute_reason,
    }


def reply_out(r: Reply) -> dict[str, Any]:
    return {
        "id": r.pk,
        "assignment_id": r.assignment_id,
        "unit": r.assignment.unit.name,
        "role_label": r.assignment.get_role_display(),
        "round": r.round,
        "category": r.category,
        "category_label": r.get_category_display() if r.category else "协办意见",
        "original_category": r.original_category,
        "content": r.content,
        "signed_by": r.signed_by,
        "promised_on": _dt(r.promised_on),
        "reviewed": r.reviewed_at is not None,
        "at": _dt(r.created_at),
    }


def attachment_out(a: Attachment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "name": a.name,
        "kind": a.kind,
        "size": a.size,
        "reply_id": a.reply_id,
        "contact_id": a.contact_id,
        "event_id": a.event_id,
        "uploaded_by": a.uploaded_by_name,
        "at": _dt(a.created_at),
        "url": f"/api/v1/cases/{a.case_id}/attachments/{a.pk}",
    }


def feedback_out(f: Feedback) -> dict[str, Any]:
    return {
        "id": f.pk,
        "round": f.round,
        "rater": str(f.rater) if f.rater_id else "",
        "is_submitter": f.is_submitter,
        "rating": f.rating,
        "rating_label": f.get_rating_display(),
        "comment": f.comment,
        "consulted": f.consulted,
        "consulted_label": f.get_consulted_display() if f.consulted else "",
        "attitude": f.attitude,
        "attitude_label": f.get_attitude_display() if f.attitude else "",
        "addresses_points": f.addresses_points,
        "result": f.result,
        "result_label": f.get_result_display() if f.result else "",
        "at": _dt(f.created_at),
    }


def notification_out(n: Notification) -> dict[str, Any]:
    return {
        "id": n.pk,
        "case_id": n.case_id,
        "case_number": n.case.number,
        "message": n.message,
        "at": _dt(n.at),
        "read": n.read_at is not None,
    }


def event_out(e: CaseEvent, wf: Any = None) -> dict[str, Any]:
    wf = wf or workflow_for(e.case.kind if hasattr(e, "case") else "")
    return {
        "id": e.pk,
        "action": e.action.removeprefix("case."),
        "action_label": audit.action_label(e.action),
        "actor": e.actor_name,
        "from_state": e.from_state,
        "from_state_label": wf.state_label(e.from_state) if wf and e.from_state else "",
        "to_state": e.to_state,
        "to_state_label": wf.state_label(e.to_state) if wf and e.to_state else "",
        "note": e.note,
        "data": e.data,
        "at": _dt(e.at),
    }


def case_detail(case: Case, *, actor: Any) -> dict[str, Any]:
    wf = workflow_for(case.kind)
    assignments = selectors.case_assignments(case=case)
    replies = selectors.case_replies(case=case)
    cos = list(Cosponsor.objects.filter(case=case).select_related("member"))
    out = case_row(case)
    out["units"] = [
        {"unit_id": a.unit_id, "unit": a.unit.name, "role": a.role, "role_label": a.get_role_display()}
        for a in assignments
        if a.status != "withdrawn"
    ]
    out.update(
        {
            "background": case.background,
            "content": case.content,
            "submitter_kind": case.submitter_kind,
            "submitter_kind_label": case.get_submitter_kind_display(),
            "submitter_member_id": case.submitter_member_id,
            "session": case.session.name if case.session else None,
            "round": case.round,
            "lead_leader": str(case.lead_leader) if case.lead_leader else None,
            "is_public": case.is_public,
            "public_note": case.public_note,
            "is_excellent": case.is_excellent,
            "decline_reason": case.decline_reason,
            "decline_reason_label": dict(selectors.decline_reasons(body_id=case.body_id)).get(
                case.decline_reason, ""
            ),
            "merged_into_id": case.merged_into_id,
            "derived_from_id": case.derived_from_id,
            "followup_on": _dt(case.followup_on),
            "registered_at": _dt(case.registered_at),
            "replied_at": _dt(case.replied_at),
            "closed_at": _dt(case.closed_at),
            "cosponsors": [
                {
                    "member_id": c.member_id,
                    "name": c.member.name,
                    "status": c.status,
                    "status_label": c.get_status_display(),
                    "source": c.source,
                    "source_label": c.get_source_display(),
                }
                for c in cos
            ],
            "proposed_units": [u.name for u in case.proposed_units.all()],
            "assignments": [assignment_out(a) for a in assignments],
            "replies": [reply_out(r) for r in replies],
            "feedbacks": [feedback_out(f) for f in selectors.case_feedbacks(case=case)],
            "attachments": [attachment_out(a) for a in selectors.case_attachments(case=case)],
            "pending": selectors.case_pending(case=case, assignments=assignments, replies=replies),
            "actions": [
                {"name": t.name, "label": str(t.label)}
                for t in selectors.available_actions(actor=actor, case=case)
            ],
            "detail": wf.describe(case) if wf and wf.describe else {},
        }
    )
    return out
