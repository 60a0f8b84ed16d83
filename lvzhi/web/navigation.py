"""The sidebar per role. Apps add their entries here as they arrive."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from lvzhi.core.permissions import can, is_admin


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str
    section: str


def items_for(user: Any) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    items = [NavItem("工作台", "web:dashboard", "speedometer2", "")]
    from lvzhi.casework.navigation import items as casework_items

    items += casework_items(user, NavItem)
    from lvzhi.textsim.navigation import items as textsim_items

    items += textsim_items(user, NavItem)
    from lvzhi.oversight.navigation import items as oversight_items

    items += oversight_items(user, NavItem)
    from lvzhi.activities.navigation import items as activities_items

    items += activities_items(user, NavItem)
    role = getattr(user, "role", "")
    if role in {"admin", "staff", "leader", "member"} or user.is_superuser:
        items.append(NavItem("委员/代表名录", "orgs:member-list", "people", "组织"))
    items.append(NavItem("承办单位", "orgs:unit-list", "building", "组织"))
    if can(user, "orgs.manage_structure") or is_admin(user):
        items.append(NavItem("机构设置", "orgs:body-list", "diagram-3", "组织"))
    if can(user, "reports.view_peerreport"):
        items.append(NavItem("数据明细", "reports:figure-list", "clipboard-data", "数据"))
        items.append(NavItem("年度工作报告", "reports:year-report", "file-earmark-richtext", "数据"))
        items.append(NavItem("同行报告", "reports:peer-list", "file-earmark-text", "数据"))
        items.append(NavItem("同行比较", "reports:compare", "bar-chart", "数据"))
    # 社情民意 is a CPPCC loop; a congress office has no use for its inbox or bulletins.
    cppcc = getattr(getattr(user, "body", None), "kind", "cppcc") == "cppcc" or user.is_superuser
    if role in {"admin", "staff", "leader", "unit"} or user.is_superuser:
        if cppcc:
            items.append(NavItem("社情民意信息", "opinions:inbox", "megaphone", "社情民意·信访"))
        items.append(NavItem("微建议", "opinions:micro-inbox", "chat-square-text", "社情民意·信访"))
        items.append(NavItem("信访件", "petitions:list", "envelope-paper", "社情民意·信访"))
    if (role in {"admin", "staff", "leader"} or user.is_superuser) and cppcc:
        items.append(NavItem("社情民意简报", "opinions:bulletin-list", "journal-text", "社情民意·信访"))
    if role == "member" and getattr(user, "member_id", None):
        items.append(NavItem("我的履职档案", "members:home", "person-vcard", "履职"))
    if role in {"admin", "staff", "leader"} or user.is_superuser:
        items.append(NavItem("量化考评", "members:ranking", "trophy", "数据"))
    if role == "member":  # 委员/代表, and 信息员 (member-role accounts, see opinions.InformationOfficer)
        if getattr(getattr(user, "body", None), "kind", "") == "cppcc":
            items.append(NavItem("我的社情民意", "opinions:my-opinions", "pencil-square", "履职"))
        items.append(NavItem("我的微建议", "opinions:my-micro", "lightbulb", "履职"))
    if can(user, "core.view_auditentry"):
        items.append(NavItem("审计日志", "web:audit-list", "journal-text", "系统"))
    if is_admin(user):
        items.append(NavItem("用户管理", "accounts:user-list", "person-gear", "系统"))
    items.append(NavItem("个人中心", "accounts:profile", "person-circle", "系统"))
    return items


SECTION_ORDER = [
    "",
    "履职",
    "办理",
    "会议活动",
    "人大监督",
    "社情民意·信访",
    "组织",
    "数据",
    "文本智能",
    "系统",
]


def _section_rank(item: NavItem) -> int:
    # A section no one listed yet goes just before 系统, never between two halves of one.
    return SECTION_ORDER.index(item.section) if item.section in SECTION_ORDER else len(SECTION_ORDER) - 2


def resolved(user: Any, current_path: str) -> list[dict[str, Any]]:
    out = []
    # Apps append in any order; the sidebar groups by section (sorted is stable within one).
    for item in sorted(items_for(user), key=_section_rank):
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = current_path == url if url == "/" else current_path.startswith(url)
        out.append(
            {
                # Labels are Chinese msgids, translated when the user picks another language.
                "label": gettext(item.label),
                "url": url,
                "icon": item.icon,
                "section": gettext(item.section) if item.section else "",
                "active": active,
            }
        )
    return out
