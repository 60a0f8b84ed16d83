"""Reads of the kind-specific part of 提案 / 代表建议 / 议案, and their statistics."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from lvzhi.casework.models import Case

from .models import ProposalDetail


def detail_json(*, case: Any) -> dict[str, Any]:
    d = (
        ProposalDetail.objects.filter(case_id=case.pk)
        .select_related("sector", "party", "committee", "delegation")
        .first()
    )
    if d is None:
        return {}
    return {
        "sector": d.sector.name if d.sector else None,
        "party": d.party.name if d.party else None,
        "committee": d.committee.name if d.committee else None,
        "delegation": d.delegation.name if d.delegation else None,
        "legal_basis": d.legal_basis,
    }


def counts_by_group(*, cases: QuerySet[Case], field: str) -> list[dict[str, Any]]:
    """Registered / replied / satisfied per sector or delegation, one query."""
    path = f"proposal_detail__{field}__name"
    rows = (
        cases.exclude(registered_at__isnull=True)
        .order_by()
        .values(path)
        .annotate(
            total=Count("id"),
            replied=Count("id", filter=Q(replied_at__isnull=False)),
            satisfied=Count("id", filter=Q(rating__in=["satisfied", "basic"])),
        )
        .order_by("-total")
    )
    return [
        {
            "name": r[path] or "（未标注）",
            "total": r["total"],
            "replied": r["replied"],
            "satisfied": r["satisfied"],
        }
        for r in rows
    ]
