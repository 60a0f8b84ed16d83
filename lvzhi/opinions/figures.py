"""The figures 社情民意信息 feeds into the registry (keys of corpus/figure-schema.md)."""

from __future__ import annotations

from typing import Any

from lvzhi.reports import figures

from .selectors import opinion_counts


@figures.computes("opinion.submitted")
def opinion_submitted(body: Any, year: int) -> int:
    """报送社情民意信息：本年度报送的篇数（不含草稿；提案转来的计入）。"""
    return opinion_counts(body=body, year=year)["submitted"]


@figures.computes("opinion.adopted")
def opinion_adopted(body: Any, year: int) -> int:
    """被采用：本年度至少被一个上级或党政机关采用的篇数（一篇多次采用计一篇）。"""
    return opinion_counts(body=body, year=year)["adopted"]


@figures.computes("instruction.leader")
def instruction_leader(body: Any, year: int) -> int:
    """获领导批示：本年度记录的批示次数（一篇获多位领导批示，各计一次）。"""
    return opinion_counts(body=body, year=year)["instructions"]
