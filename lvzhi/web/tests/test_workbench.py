"""工作台: each role lands on its own work, not a body-wide figure table."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.utils import timezone

from lvzhi.casework.models import Assignment, AssignmentStatus, Case
from lvzhi.casework.tests.factories import draft, move

pytestmark = pytest.mark.django_db


def panel(html: str, key: str) -> str:
    m = re.search(rf'data-testid="panel-{key}"(.*?)</section>', html, re.S)
    assert m, f"没有面板 {key}"
    return m.group(1)


def count_of(html: str, key: str) -> int:
    m = re.search(r'data-testid="panel-count">(\d+)<', panel(html, key))
    assert m
    return int(m.group(1))


def test_member_sees_own_drafts_and_never_anothers(client_as, user_named):
    member, deputy = user_named("demo-member"), user_named("demo-deputy")
    mine = draft(member, title="关于工作台测试用的停车设施草稿提案")
    other = draft(deputy, kind="suggestion", title="关于另一位代表的工作台测试草稿建议")
    html = client_as("demo-member").get("/").content.decode()
    drafts = panel(html, "drafts")
    assert mine.title in drafts and other.title not in html
    assert "可统计的年度数据项" not in html  # the body-wide table is not a member's home
    assert panel(html, "invites") and panel(html, "to-rate") and panel(html, "by-state")


def test_unit_sees_what_to_sign_and_whats_overdue(client_as, user_named):
    unit = user_named("demo-unit")
    open_ = Assignment.objects.filter(
        unit_id=unit.handling_unit_id, case__state__in=["assigned", "handling", "rehandling"]
    ).exclude(status__in=["replied", "withdrawn"])
    to_sign = open_.filter(status=AssignmentStatus.ASSIGNED)
    overdue = open_.filter(due_on__lt=timezone.localdate())
    html = client_as("demo-unit").get("/").content.decode()
    assert count_of(html, "to-sign") == to_sign.count() > 0
    assert count_of(html, "overdue") == overdue.count()
    first = to_sign.select_related("case").order_by("due_on", "id").first()
    assert first is not None and first.case.title in panel(html, "to-sign")
    assert panel(html, "due-soon") and panel(html, "cosign") and panel(html, "ratings")


def test_staff_decides_what_members_submitted(client_as, user_named):
    staff = user_named("demo-staff")
    year = timezone.localdate().year
    waiting = Case.objects.filter(
        body_id=staff.body_id, kind="proposal", state="submitted", year=year
    ).count()
    html = client_as("demo-staff").get("/").content.decode()
    decide = panel(html, "decide")
    assert f"kind=proposal&amp;state=submitted&amp;year={year}" in decide
    assert re.search(rf"提案 · 待审查</a>.*?<span class=\"fw-semibold\">{waiting}<", decide, re.S)
    # 不予立案 and 已办结 are outcomes, not decisions waiting
    assert "不予立案" not in decide and "已办结" not in decide
    assert panel(html, "overdue-units") and 'data-testid="workbench-figures"' in html


def test_leader_sees_the_key_cases_they_lead(client_as, user_named):
    leader = user_named("demo-leader")
    led = Case.objects.filter(lead_leader=leader).exclude(state="closed")
    html = client_as("demo-leader").get("/").content.decode()
    assert count_of(html, "led") == led.count() > 0
    assert led.order_by("due_on", "id").first().title in panel(html, "led")  # type: ignore[union-attr]


def test_administrator_sees_locked_accounts_and_no_system_account(client_as, user_named):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username="demo-member",
        ip_address="10.0.0.9",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )
    c = client_as("demo-admin")
    html = c.get("/").content.decode()
    assert "demo-member" in panel(html, "locked")
    assert panel(html, "bodies") and panel(html, "users") and panel(html, "audit")
    users = c.get("/accounts/users/", {"role": "member"}).content.decode()
    assert "demo-member" in users and "public-portal" not in users


def test_overdue_board_filters_by_unit(client_as, user_named):
    staff, unit = user_named("demo-staff"), user_named("demo-unit")
    case = move(
        move(draft(user_named("demo-member")), user_named("demo-member"), "submit"), staff, "register"
    )
    move(case, staff, "assign", lead_unit_id=unit.handling_unit_id)
    Assignment.objects.filter(case=case).update(due_on=timezone.localdate().replace(year=2020))
    c = client_as("demo-staff")
    assert case.title in c.get("/cases/overdue/", {"unit": unit.handling_unit_id}).content.decode()
    other = (
        Assignment.objects.exclude(unit_id=unit.handling_unit_id).filter(case__body_id=staff.body_id).first()
    )
    assert other is not None
    assert case.title not in c.get("/cases/overdue/", {"unit": other.unit_id}).content.decode()


def test_polish_pages_show_words_not_codes(client_as):
    c = client_as("demo-admin")
    audit = c.get("/audit/").content.decode()
    options = re.findall(r'<select name="action".*?</select>', audit, re.S)[0]
    labels = re.findall(r">([^<]+)</option>", options)
    assert len(labels) == len(set(labels)), "每个操作名称只出现一次"
    assert ">accounts.user<" not in audit and ">用户<" in audit
    assert ">proposal.registered<" not in client_as("demo-staff").get("/reports/figures/").content.decode()
    stats = client_as("demo-staff").get("/proposals/statistics/").content.decode()
    assert "提交件数" in stats and "提交提案（件）" not in stats
    missing = c.get("/no-such-page/")
    assert missing.status_code == 404 and "页面不存在" in missing.content.decode()
