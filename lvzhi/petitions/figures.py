"""The figure 信访 feeds into the registry (key of corpus/figure-schema.md)."""

from __future__ import annotations

from typing import Any

from lvzhi.reports import figures

from .selectors import petition_counts


@figures.computes("petition.cases")
def petition_cases(body: Any, year: int) -> int:
    """信访件：本年度收到并提交的信访件（件）。批次、人次见 selectors.petition_counts。"""
    return petition_counts(body=body, year=year)["cases"]
