"""Sidebar entries of the casework, per role (added to lvzhi.web.navigation)."""

from __future__ import annotations

from typing import Any


def items(user: Any, item: Any) -> list[Any]:
    role = getattr(user, "role", "")
    kind = getattr(getattr(user, "body", None), "kind", "")
    noun = "建议" if kind == "congress" else "提案"
    out = []
    if role == "member" and getattr(user, "member_id", None):  # a 信息员 without a seat drafts no 提案
        out.append(item(f"我的{noun}", "casework:my-cases", "file-earmark-text", "履职"))
    if role in {"staff", "leader", "admin"} or user.is_superuser:
        label = "代表建议办理" if kind == "congress" else "提案办理"
        out += [
            item(label, "casework:inbox", "inbox", "办理"),
            item("超期督办", "casework:overdue", "alarm", "办理"),
            item("重点督办", "casework:key-cases", "star", "办理"),
            item("交办会清单", "casework:assign-meeting", "list-ol", "办理"),
            item("回头看", "casework:review-back", "arrow-counterclockwise", "办理"),
            item("单位办理进度", "casework:unit-progress", "bar-chart-steps", "办理"),
            item("办理统计", "proposals:statistics", "pie-chart", "办理"),
        ]
    if role == "staff":
        out.append(item("节假日调整", "casework:holidays", "calendar-week", "系统"))
    if role == "unit":
        out.append(item("待办事项", "casework:unit-todo", "list-check", "办理"))
    out.append(item("站内提醒", "casework:notifications", "bell", "系统"))
    return out
