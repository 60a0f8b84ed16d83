"""A member writes a 社情民意信息 in the browser, the information office edits it, and the member
reads the edited version with its timeline. Screenshots go to var/screens."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import expect

from lvzhi.casework.models import Case

SCREENS = Path(os.environ.get("LVZHI_SCREENS", "var/screens"))
TEXT = "近期走访中了解到，城区部分老旧小区二次供水设施老化，夏季用水高峰经常停水，群众反映强烈。建议尽快摸底排查，纳入年度改造计划。"


def test_member_submits_an_opinion_and_reads_the_edited_version(page, browser, sign_in):
    SCREENS.mkdir(parents=True, exist_ok=True)
    # given a member, from the sidebar
    sign_in(page, "demo-member")
    page.click("[data-testid=sidebar] >> text=我的社情民意")
    page.click("[data-testid=new-report]")
    # when they write and submit
    page.fill("#id_title", "城区老旧小区二次供水设施亟待改造")
    page.fill("#id_content", TEXT)
    page.screenshot(path=str(SCREENS / "opinion-draft-form.png"), full_page=True)
    page.click("[data-testid=save-submit]")
    expect(page.locator("[data-testid=case-state]")).to_have_text("已报送")
    case = Case.objects.filter(kind="opinion", title="城区老旧小区二次供水设施亟待改造").get()
    # and the information office edits it on the report's page
    info = browser.new_context(locale="zh-CN", viewport={"width": 1360, "height": 900})
    staff = info.new_page()
    staff.base_url = page.base_url
    sign_in(staff, "demo-info")
    staff.goto(f"{page.base_url}/opinions/case/{case.pk}/")
    staff.click("[data-testid=action-edit]")
    staff.fill("#f-edit-title", "关于加快城区老旧小区二次供水设施改造的建议")
    staff.click("[data-testid=submit-edit]")
    expect(staff.locator("[data-testid=case-state]")).to_have_text("已编辑")
    info.close()
    # then the member's list and page show the edited version, the original and the timeline
    page.goto(f"{page.base_url}/opinions/mine/")
    assert (
        "关于加快城区老旧小区二次供水设施改造的建议" in page.locator("[data-testid=my-reports]").inner_text()
    )
    page.click("text=关于加快城区老旧小区二次供水设施改造的建议")
    assert page.locator("[data-testid=edited-note]").is_visible()
    timeline = page.locator("[data-testid=timeline]").inner_text()
    assert "已报送" in timeline and "已编辑" in timeline
    page.screenshot(path=str(SCREENS / "opinion-member-view.png"), full_page=True)
