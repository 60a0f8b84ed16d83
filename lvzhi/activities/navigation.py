"""Sidebar entries of meetings and activities, per role (added to lvzhi.web.navigation)."""

from __future__ import annotations

from typing import Any


def items(user: Any, item: Any) -> list[Any]:
    role = getattr(user, "role", "")
    cppcc = getattr(getattr(user, "body", None), "kind", "cppcc") == "cppcc" or user.is_superuser
    out: list[Any] = []
    if role == "member":
        out.append(item("我的履职活动", "activities:my", "calendar-check", "履职"))
    if role in {"admin", "staff", "leader", "member"} or user.is_superuser:
        out += [
            item("会议", "activities:meeting-list", "people-fill", "会议活动"),
            item("年度计划", "activities:plan-list", "calendar3", "会议活动"),
            item("履职活动", "activities:event-list", "calendar-event", "会议活动"),
            item("履职成果", "activities:outcome-list", "award", "会议活动"),
            item("发言", "activities:speech-list", "mic", "会议活动"),
            item("工作室·联络站", "activities:station-list", "house-door", "会议活动"),
            item("网络议政", "activities:thread-list", "chat-dots", "会议活动"),
        ]
        if cppcc:
            out += [
                item("读书活动", "activities:study-group-list", "book", "会议活动"),
                item("文史资料", "activities:culture", "journal-bookmark", "会议活动"),
            ]
    return out
