"""Sidebar entries of 人大监督 (added to lvzhi.web.navigation): congress bodies only."""

from __future__ import annotations

from typing import Any

from . import selectors

SECTION = "人大监督"


def items(user: Any, item: Any) -> list[Any]:
    if not selectors.can_view(user):
        return []
    out = []
    if getattr(user, "member_id", None) and getattr(user, "role", "") in {"member", "leader"}:
        out.append(item("测评投票", "oversight:my-polls", "phone", "履职"))
    if getattr(user, "role", "") == "member":
        return out
    out.append(item("监督概览", "oversight:index", "bank", SECTION))
    for key, label, icon in (
        ("work-reports", "工作报告审议", "journal-check"),
        ("polls", "满意度测评", "hand-thumbs-up"),
        ("law-inspections", "执法检查", "search"),
        ("inquiries", "专题询问", "question-circle"),
        ("resolutions", "决议决定", "file-earmark-check"),
        ("appointments", "人事任免", "person-badge"),
        ("deputy-changes", "代表变动", "person-lines-fill"),
        ("filings", "备案审查", "folder-check"),
        ("drafts", "法规草案征求意见", "chat-left-quote"),
        ("receptions", "代表接待日", "house-heart"),
        ("livelihood", "民生实事票决", "check2-square"),
    ):
        out.append(item(label, f"oversight:{key}", icon, SECTION))
    out.append(item("预算联网监督", "oversight:budget", "cash-coin", SECTION))
    return out
