"""The figures 提案 / 代表建议 / 议案 feed into the registry (keys of corpus/figure-schema.md)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from lvzhi.casework.models import Case
from lvzhi.reports import figures

SATISFIED = ("satisfied", "basic")


def _cases(body: Any, year: int, kind: str) -> QuerySet[Case]:
    return Case.objects.filter(body_id=body.pk, kind=kind, year=year)


def proposal_counts(body: Any, year: int, kind: str = "proposal") -> dict[str, int]:
    """Every count behind the proposal figures, in one query."""
    row = _cases(body, year, kind).aggregate(
        submitted=Count("id", filter=Q(submitted_at__isnull=False)),
        registered=Count("id", filter=Q(registered_at__isnull=False) & ~Q(state="merged")),
        answered=Count(
            "id", filter=Q(registered_at__isnull=False, replied_at__isnull=False) & ~Q(state="merged")
        ),
        rated=Count("id", filter=Q(rating__in=["satisfied", "basic", "unsatisfied"])),
        satisfied=Count("id", filter=Q(rating__in=SATISFIED)),
        key=Count("id", filter=Q(is_key=True, registered_at__isnull=False)),
    )
    return {k: int(v or 0) for k, v in row.items()}


def _rate(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


@figures.computes("proposal.submitted")
def proposal_submitted(body: Any, year: int) -> int:
    """提交提案：本年度提交的提案（不含草稿）。"""
    return proposal_counts(body, year)["submitted"]


@figures.computes("proposal.registered")
def proposal_registered(body: Any, year: int) -> int:
    """提案立案：本年度立案的提案（并案后只计存续件）。"""
    return proposal_counts(body, year)["registered"]


@figures.computes("proposal.answered")
def proposal_answered(body: Any, year: int) -> int:
    """提案办复：立案提案中所有主办/会办/分办单位均已答复的件数。"""
    return proposal_counts(body, year)["answered"]


@figures.computes("proposal.answer_rate")
def proposal_answer_rate(body: Any, year: int) -> float:
    c = proposal_counts(body, year)
    return _rate(c["answered"], c["registered"])


@figures.computes("proposal.satisfaction_rate")
def proposal_satisfaction_rate(body: Any, year: int) -> float:
    """满意和基本满意率：提出人最近一轮评价为满意或基本满意，占已评价件数的百分比。"""
    c = proposal_counts(body, year)
    return _rate(c["satisfied"], c["rated"])


@figures.computes("proposal.key")
def proposal_key(body: Any, year: int) -> int:
    return proposal_counts(body, year)["key"]


@figures.computes("deputy.suggestions")
def deputy_suggestions(body: Any, year: int) -> int:
    """代表建议：本年度代表提出的建议（不含草稿；议案转作建议的计入）。"""
    return proposal_counts(body, year, "suggestion")["submitted"]


@figures.computes("deputy.bills")
def deputy_bills(body: Any, year: int) -> int:
    """代表议案：本年度代表提出的议案（不含草稿）。"""
    return proposal_counts(body, year, "bill")["submitted"]


def figure_values(body: Any, year: int, kind: str) -> dict[str, float | int]:
    """The figures a kind feeds, from one aggregate query (for pages that show them all)."""
    if kind == "proposal":
        c = proposal_counts(body, year)
        return {
            "proposal.submitted": c["submitted"],
            "proposal.registered": c["registered"],
            "proposal.answered": c["answered"],
            "proposal.answer_rate": _rate(c["answered"], c["registered"]),
            "proposal.satisfaction_rate": _rate(c["satisfied"], c["rated"]),
            "proposal.key": c["key"],
        }
    key = {"suggestion": "deputy.suggestions", "bill": "deputy.bills"}.get(kind)
    return {key: proposal_counts(body, year, kind)["submitted"]} if key else {}


def _records(kind: str, **flt: Any) -> Any:
    def records(body: Any, year: int) -> QuerySet[Case]:
        return _cases(body, year, kind).filter(**flt).order_by("serial", "id")

    return records


for _key, _kind, _flt in (
    ("proposal.submitted", "proposal", {"submitted_at__isnull": False}),
    ("proposal.registered", "proposal", {"registered_at__isnull": False}),
    ("proposal.answered", "proposal", {"registered_at__isnull": False, "replied_at__isnull": False}),
    ("proposal.key", "proposal", {"is_key": True, "registered_at__isnull": False}),
    ("deputy.suggestions", "suggestion", {"submitted_at__isnull": False}),
    ("deputy.bills", "bill", {"submitted_at__isnull": False}),
):
    figures.records_for(_key)(_records(_kind, **_flt))
