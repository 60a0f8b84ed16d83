"""The figures 人大监督 feeds into the registry, each with its counting rule.

meeting.director, meeting.standing_committee and member.stations count the activities
app's Meeting and Station records and are registered there, once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from lvzhi.reports import figures
from lvzhi.reports.schema import CONGRESS, FigureKey

from . import selectors as s
from .models import ReviewType

Counter = Callable[[Any, int], int]
OWN_FIGURES: list[tuple[FigureKey, Counter]] = []


def _register(key: str, records: Callable[[Any, int], QuerySet[Any]], doc: str) -> None:
    def compute(body: Any, year: int) -> int:
        return int(records(body, year).count())

    compute.__doc__ = doc
    figures.computes(key)(compute)
    figures.records_for(key)(records)
    OWN_FIGURES.append((figures.spec(key), compute))


_register(
    "oversight.work_reports",
    s.reviews_in_year,
    "听取审议专项工作报告：本年度常委会会议听取审议的报告项数（含计划、预算、决算、审计、审计整改、国有资产、政府债务报告），按审议日期计。",
)
_register(
    "oversight.law_inspections",
    s.law_inspections_in_year,
    "执法检查：本年度开始的执法检查项数（一项检查多部法律计一项），按开始日期计。",
)
_register("oversight.inquiries", s.inquiries_in_year, "专题询问：本年度举行的专题询问次数。")
_register(
    "decision.resolutions",
    s.resolutions_in_year,
    "作出决议决定：本年度表决通过的决议、决定件数（未通过和未表决的不计）。",
)
_register(
    "appointment.persons",
    s.appointments_in_year,
    "任免国家机关工作人员：本年度表决通过的任命、免职、选举和接受辞职人次（一人一事项计一人次）。",
)
_register(
    "filing_review.documents",
    s.filings_in_year,
    "备案审查规范性文件：本年度报备的规范性文件件数（按报备日期计，不论审查结果）。",
)
_register(
    "legislation.opinions",
    s.draft_opinions_in_year,
    "对法规草案提出意见：本年度收集的草案意见条数（代表、基层立法联系点和社会公众），按收到日期计。",
)

# 预算 / 决算 / 审计 / 审计整改 / 国有资产 / 政府债务: each review type is its own figure,
# a part of oversight.work_reports (documented in docs/oversight.md).
for _type in (
    ReviewType.BUDGET,
    ReviewType.FINAL_ACCOUNTS,
    ReviewType.AUDIT,
    ReviewType.AUDIT_RECTIFICATION,
    ReviewType.STATE_ASSETS,
    ReviewType.GOVERNMENT_DEBT,
):
    _k = f"oversight.reviews.{_type.value}"
    figures.add_key(
        FigureKey(
            _k, f"审议{_type.label}报告", "项", frozenset({CONGRESS}), f"听取审议{_type.label}报告 N 项"
        )
    )

    def _records(body: Any, year: int, _t: str = _type.value) -> QuerySet[Any]:
        return s.reviews_in_year(body, year, _t)

    _register(_k, _records, f"审议{_type.label}报告：本年度审议类别为“{_type.label}”的报告项数。")

figures.add_key(FigureKey("oversight.polls", "满意度测评", "次", frozenset({CONGRESS}), "满意度测评 N 次"))
_register("oversight.polls", s.polls_in_year, "满意度测评：本年度已结束并公布结果的测评次数。")
