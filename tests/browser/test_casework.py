"""The life of a proposal in a real browser: member → staff → handling unit → member, twice round."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from lvzhi.casework.models import Case
from lvzhi.orgs.models import HandlingUnit

TITLE = "关于在中小学推广午间校内托管服务的提案"
CONTENT = "建议教育部门统筹校内场地与师资，开展午间托管服务，明确收费标准和安全责任，减轻双职工家庭接送负担。"


@pytest.fixture
def as_user(browser: Any, live_server: Any, seeded: None, sign_in: Any) -> Any:
    contexts = []

    def make(username: str) -> Any:
        context = browser.new_context(locale="zh-CN", viewport={"width": 1360, "height": 900})
        contexts.append(context)
        pg = context.new_page()
        pg.set_default_timeout(15_000)
        pg.base_url = live_server.url
        sign_in(pg, username)
        return pg

    yield make
    for c in contexts:
        c.close()


def _act(page: Any, name: str, **fields: str) -> None:
    box = page.locator(f"[data-testid=action-{name}]")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    for field, value in fields.items():
        target = box.locator(f"[name={field}]")
        tag = target.evaluate("el => el.tagName")
        if tag == "SELECT":
            target.select_option(value)
        else:
            target.fill(value)
    box.locator(f"[data-testid=do-{name}]").click()
    page.wait_for_load_state()


def test_proposal_lifecycle_in_the_browser(as_user):
    # given: the member drafts and submits through the form
    member = as_user("demo-member")
    member.click("text=我的提案")
    member.click("[data-testid=new-proposal]")
    member.fill("#id_title", TITLE)
    member.fill("#id_content", CONTENT)
    member.select_option("#id_category", "society")
    member.click("[data-testid=save-submit]")
    expect(member.locator("[data-testid=state]")).to_have_text("待审查")
    case = Case.objects.get(title=TITLE)
    url = f"/cases/{case.pk}/"

    # when: staff registers and assigns to 主办 + 协办
    staff = as_user("demo-staff")
    staff.click("text=提案办理")
    staff.click(f"text={TITLE}")
    _act(staff, "register")
    expect(staff.locator("[data-testid=state]")).to_have_text("已立案")
    lead = HandlingUnit.objects.get(body=case.body, name="示范市教育局")
    assist = HandlingUnit.objects.get(body=case.body, name="示范市财政局")
    _act(staff, "assign", lead_unit_id=str(lead.pk), assisting_unit_ids=str(assist.pk))
    expect(staff.locator("[data-testid=state]")).to_have_text("已交办")
    assert "主办" in staff.locator("[data-testid=assignments]").inner_text()

    # the unit finds it in its to-do list, accepts and replies B
    unit = as_user("demo-unit")
    unit.click("text=待办事项")
    unit.click(f"text={TITLE}")
    _act(unit, "accept")
    _act(
        unit,
        "reply",
        category="b",
        content="已列入明年计划，分批实施。",
        signed_by="王局长",
        promised_on="2099-06-30",
    )
    expect(unit.locator("[data-testid=state]")).to_have_text("已答复")

    # the member rates 不满意; staff orders re-handling; the unit replies A; the member is 满意
    member.goto(member.base_url + url)
    _act(member, "rate", rating="unsatisfied", comment="希望今年秋季学期即开始试点。")
    expect(member.locator("[data-testid=state]")).to_have_text("不满意待重办")
    staff.goto(staff.base_url + url)
    _act(staff, "rehandle", note="请结合委员意见重新研究。")
    expect(staff.locator("[data-testid=state]")).to_have_text("重新办理")
    unit.goto(unit.base_url + url)
    _act(unit, "reply", category="a", content="已在12所学校试点午间托管。", signed_by="王局长")
    member.goto(member.base_url + url)
    _act(member, "rate", rating="satisfied")

    # then
    expect(member.locator("[data-testid=state]")).to_have_text("已办结")
    timeline = member.locator("[data-testid=timeline]").inner_text()
    for label in ("提交", "立案", "交办", "签收", "答复", "评价", "重新办理"):
        assert label in timeline
    case.refresh_from_db()
    assert case.state == "closed" and case.rating == "satisfied" and case.round == 2
