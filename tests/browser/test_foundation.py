from __future__ import annotations

import io
import re

import pytest
from openpyxl import Workbook

from lvzhi.orgs.imports import MEMBER_COLUMNS
from lvzhi.orgs.models import Member

EXPECTED_NAV = {
    "demo-admin": ["工作台", "委员/代表名录", "承办单位", "机构设置", "审计日志", "用户管理", "个人中心"],
    "demo-staff": ["工作台", "委员/代表名录", "承办单位", "机构设置", "审计日志", "个人中心"],
    "demo-leader": ["工作台", "委员/代表名录", "承办单位", "个人中心"],
    "demo-member": ["工作台", "委员/代表名录", "承办单位", "个人中心"],
    "demo-deputy": ["工作台", "委员/代表名录", "承办单位", "个人中心"],
    "demo-unit": ["工作台", "承办单位", "个人中心"],
}


@pytest.mark.parametrize("username", list(EXPECTED_NAV))
def test_each_demo_account_signs_in_and_sees_its_navigation(page, sign_in, username):
    # when
    sign_in(page, username)
    # then
    nav = page.locator("[data-testid=sidebar] a").all_inner_texts()
    labels = [n.strip() for n in nav]
    for expected in EXPECTED_NAV[username]:
        assert expected in labels, (username, labels)
    if username != "demo-admin":
        assert "用户管理" not in labels
    if username in ("demo-member", "demo-unit", "demo-deputy", "demo-leader"):
        assert "审计日志" not in labels
    assert page.locator("[data-testid=current-user]").inner_text()


def test_wrong_password_shows_the_chinese_error(page):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", "demo-staff")
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit]")
    assert "用户名或密码错误" in page.locator("[data-testid=login-error]").inner_text()


def test_member_search_and_sector_filter(page, sign_in):
    sign_in(page, "demo-staff")
    page.goto(page.base_url + "/orgs/members/")
    total = int(re.search(r"共 (\d+) 条", page.locator("[data-testid=result-count]").inner_text()).group(1))
    assert total > 100
    page.select_option("[data-testid=filter-sector]", label="教育界")
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request') && location.search.includes('sector')"
    )
    filtered = int(
        re.search(r"共 (\d+) 条", page.locator("[data-testid=result-count]").inner_text()).group(1)
    )
    assert 0 < filtered < total
    name = page.locator("[data-testid=member-table] tbody tr td a").first.inner_text()
    page.fill("[data-testid=member-search]", name)
    page.wait_for_function(f"() => location.search.includes(encodeURIComponent('{name}'))")
    page.wait_for_timeout(300)
    rows = page.locator("[data-testid=member-table] tbody tr").all_inner_texts()
    assert rows and all(name in r for r in rows)


def test_excel_import_with_a_bad_row_shows_row_errors_and_saves_nothing(page, sign_in, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(MEMBER_COLUMNS)
    ws.append(
        [
            "好委员",
            "男",
            "汉族",
            "1970",
            "",
            "示范市一中",
            "校长",
            "13800000001",
            "",
            "委员",
            "教育界",
            "",
            "",
        ]
    )
    ws.append(["坏委员", "不详", "汉族", "1970", "", "", "", "", "", "委员", "", "", ""])
    path = tmp_path / "members.xlsx"
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())
    before = Member.objects.count()

    sign_in(page, "demo-staff")
    page.goto(page.base_url + "/orgs/import/member/")
    page.set_input_files("input[type=file]", str(path))
    page.click("[data-testid=preview]")
    errors = page.locator("[data-testid=import-errors]").inner_text()
    assert "第3行" in errors and "性别" in errors and "未导入任何数据" in errors
    assert page.locator("[data-testid=confirm-import]").count() == 0
    assert Member.objects.count() == before
