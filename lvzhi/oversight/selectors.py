"""Reads of the oversight records, always scoped through ``visible_body_ids``.

The members app (performance files) and the year report read the ``*_in_year`` and
``member_*`` functions at the bottom; they take a body and a year and need no actor.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum

from lvzhi.core.exceptions import NotFound
from lvzhi.core.permissions import can, visible_body_ids
from lvzhi.orgs.models import Membership, MembershipRole

from . import models as m

NOT_FOUND = "记录不存在或您无权查看。"
SC_ROLES = (MembershipRole.SC_MEMBER, MembershipRole.VICE_DIRECTOR, MembershipRole.DIRECTOR)


def can_view(actor: Any) -> bool:
    return can(actor, "oversight.view")


def can_manage(actor: Any, obj: Any = None) -> bool:
    return can(actor, "oversight.manage", obj)


def scope_for_actor(*, actor: Any, qs: QuerySet[Any], body_path: str = "body") -> QuerySet[Any]:
    """The one scope: the actor's visible bodies, congress bodies only; nothing for others."""
    if not can_view(actor):
        return qs.none()
    qs = qs.filter(**{f"{body_path}__kind": "congress"})
    ids = visible_body_ids(actor)
    return qs if ids is None else qs.filter(**{f"{body_path}_id__in": ids})


def get_for_actor(*, actor: Any, qs: QuerySet[Any], pk: int, body_path: str = "body") -> Any:
    obj = scope_for_actor(actor=actor, qs=qs, body_path=body_path).filter(pk=pk).first()
    if obj is None:
        raise NotFound(NOT_FOUND)
    return obj


# ---------------------------------------------------------------- the roll


def members_in_office(*, body: Any, on: datetime.date) -> QuerySet[Membership]:
    """常委会组成人员 in office on ``on``: joined by then and not yet gone.

    Deputies' changes (``DeputyChange``) keep ``joined_on``/``left_on`` exact, so a vote on
    any date counts the roll as it stood that day.
    """
    return (
        Membership.objects.filter(body=body, role__in=SC_ROLES)
        .filter(Q(joined_on__isnull=True) | Q(joined_on__lte=on))
        .filter(Q(left_on__isnull=True, is_active=True) | Q(left_on__gt=on))
    )


def poll_seat_for(*, poll: m.Poll, actor: Any) -> m.PollSeat | None:
    member_id = getattr(actor, "member_id", None)
    if not member_id:
        return None
    return m.PollSeat.objects.filter(poll=poll, member_id=member_id).first()


def polls_open_for_member(*, actor: Any) -> QuerySet[m.Poll]:
    member_id = getattr(actor, "member_id", None)
    if not member_id:
        return m.Poll.objects.none()
    return m.Poll.objects.filter(
        state=m.PollState.OPEN, seats__member_id=member_id, seats__present=True, body__kind="congress"
    ).distinct()


# ---------------------------------------------------------------- budget


def budget_rate(line_amount: Decimal, executed: Decimal) -> Decimal:
    if not line_amount:
        return Decimal("0")
    return (executed * 100 / line_amount).quantize(Decimal("0.1"))


def budget_by_department(*, body: Any, year: int) -> list[dict[str, Any]]:
    """Execution by department at the latest imported month: budget, spent, rate (for the chart)."""
    lines = m.BudgetLine.objects.filter(body=body, year=year)
    latest = m.BudgetExecution.objects.filter(line__in=lines).aggregate(mx=Max("month"))["mx"]
    spent: dict[int, Decimal] = defaultdict(Decimal)
    if latest:
        for row in (
            m.BudgetExecution.objects.filter(line__in=lines, month=latest)
            .values("line__department_id")
            .annotate(s=Sum("executed"))
        ):
            spent[row["line__department_id"]] = row["s"] or Decimal("0")
    out = []
    for row in (
        lines.values("department_id", "department__name")
        .annotate(a=Sum("amount"))
        .order_by("department__name")
    ):
        amount = row["a"] or Decimal("0")
        done = spent.get(row["department_id"], Decimal("0"))
        out.append(
            {
                "department": row["department__name"],
                "amount": float(amount),
                "executed": float(done),
                "rate": float(budget_rate(amount, done)),
            }
        )
    return out


def budget_latest_month(*, body: Any, year: int) -> int | None:
    return m.BudgetExecution.objects.filter(line__body=body, line__year=year).aggregate(mx=Max("month"))["mx"]


# ---------------------------------------------------------------- what the year report and the members app read


def reviews_in_year(body: Any, year: int, review_type: str = "") -> QuerySet[m.WorkReport]:
    qs = m.WorkReport.objects.filter(body=body, reviewed_on__year=year)
    return qs.filter(review_type=review_type) if review_type else qs


def law_inspections_in_year(body: Any, year: int) -> QuerySet[m.LawInspection]:
    return m.LawInspection.objects.filter(body=body, started_on__year=year)


def inquiries_in_year(body: Any, year: int) -> QuerySet[m.Inquiry]:
    return m.Inquiry.objects.filter(body=body, held_on__year=year)


def resolutions_in_year(body: Any, year: int) -> QuerySet[m.Resolution]:
    """作出决议决定: adopted at a vote in the year (drafts and rejected ones are not made)."""
    return m.Resolution.objects.filter(body=body, voted_on__year=year, state=m.VoteState.ADOPTED)


def appointments_in_year(body: Any, year: int) -> QuerySet[m.Appointment]:
    """任免人次: each adopted appointment, removal, election or accepted resignation is one."""
    return m.Appointment.objects.filter(body=body, voted_on__year=year, state=m.VoteState.ADOPTED)


def filings_in_year(body: Any, year: int) -> QuerySet[m.FilingDocument]:
    return m.FilingDocument.objects.filter(body=body, filed_on__year=year)


def draft_opinions_in_year(body: Any, year: int) -> QuerySet[m.DraftOpinion]:
    return m.DraftOpinion.objects.filter(draft__body=body, received_on__year=year)


def polls_in_year(body: Any, year: int) -> QuerySet[m.Poll]:
    return m.Poll.objects.filter(body=body, held_on__year=year, state=m.PollState.CLOSED)


def receptions_in_year(body: Any, year: int) -> QuerySet[m.Reception]:
    return m.Reception.objects.filter(body=body, held_on__year=year)


def livelihood_votes_in_year(body: Any, year: int) -> QuerySet[m.LivelihoodVote]:
    return m.LivelihoodVote.objects.filter(body=body, year=year)


def member_oversight_records(*, member_id: int, year: int) -> dict[str, int]:
    """What a deputy or committee member did in oversight in a year (for the performance file):
    deliberation speeches, inquiry questions, law inspections joined, reception days, draft opinions."""
    return {
        "deliberations": m.Deliberation.objects.filter(
            member_id=member_id, report__reviewed_on__year=year
        ).count(),
        "inquiry_questions": m.InquiryQuestion.objects.filter(
            asker_id=member_id, inquiry__held_on__year=year
        ).count(),
        "law_inspections": m.LawInspection.objects.filter(
            team_members__id=member_id, started_on__year=year
        ).count(),
        "receptions": m.Reception.objects.filter(deputies__id=member_id, held_on__year=year).count(),
        "draft_opinions": m.DraftOpinion.objects.filter(member_id=member_id, received_on__year=year).count(),
    }


def review_type_counts(body: Any, year: int) -> dict[str, int]:
    rows = reviews_in_year(body, year).values("review_type").annotate(n=Count("id"))
    return {r["review_type"]: r["n"] for r in rows}
