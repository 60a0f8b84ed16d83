"""An anonymous person submits on the public page, gets a code; staff handle it; the person reads
the reply with the code and rates it. Screenshots of the public page and a bulletin go to var/screens."""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import expect

from lvzhi.casework.models import Case
from lvzhi.opinions.models import Bulletin
from lvzhi.orgs.models import Body
from lvzhi.petitions import portal

SCREENS = Path(os.environ.get("LVZHI_SCREENS", "var/screens"))


def _solve(question: str) -> str:
    a, op, b = re.match(r"(\d+) (加|减) (\d+)", question).groups()  # type: ignore[union-attr]
    return str(int(a) + int(b) if op == "加" else int(a) - int(b))


def test_anonymous_petition_is_answered_and_rated_with_the_code(page, browser, sign_in):
    SCREENS.mkdir(parents=True, exist_ok=True)
    congress = Body.objects.get(short_name="示范市人大常委会")
    # given an anonymous visitor on the congress's public page
    page.goto(f"{page.base_url}/public/{congress.pk}/")
    page.screenshot(path=str(SCREENS / "public-page.png"), full_page=True)
    page.check("#kind-petition")
    page.fill("#title", "反映<script>alert(1)</script>小区逾期未办不动产权证")
    page.fill(
        "#content", "本人所住小区交房已满两年，开发商一直未办理不动产权证，多次反映无果，请求督促解决。"
    )
    page.fill("#name", "赵六")
    page.fill("#phone", "13612345678")
    # a wrong answer first: a clear message, nothing stored
    before = Case.objects.count()
    page.fill("#captcha_answer", "-1")
    page.click("[data-testid=public-submit]")
    assert portal.CAPTCHA_WRONG in page.locator("[data-testid=error-captcha]").inner_text()
    assert Case.objects.count() == before
    # when they answer the check and submit
    page.fill("#captcha_answer", _solve(page.locator("[data-testid=captcha-question]").inner_text()))
    page.click("[data-testid=public-submit]")
    code = page.locator("[data-testid=tracking-code]").inner_text().strip()
    assert len(code) >= 16
    # then staff see it in their inbox and answer it
    staff_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1360, "height": 900})
    staff = staff_ctx.new_page()
    staff.base_url = page.base_url
    sign_in(staff, "demo-petition")
    staff.goto(staff.base_url + "/petitions/?state=submitted")
    staff.get_by_role("link", name=re.compile("小区逾期未办不动产权证")).first.click()
    assert "赵六" in staff.locator("[data-testid=petitioner-name]").inner_text()
    for step in ("register", "admit"):
        staff.click(f"[data-testid=action-{step}]")
        staff.click(f"[data-testid=submit-{step}]")
        staff.wait_for_load_state()
    staff.click("[data-testid=action-answer]")
    staff.fill("#f-answer-content", "经督促，开发商已提交办证材料，不动产权证将于30日内发放。")
    staff.click("[data-testid=submit-answer]")
    expect(staff.locator("[data-testid=case-state]")).to_have_text("已答复")
    staff_ctx.close()
    # and the person reads the reply with the code, and rates it
    page.goto(page.base_url + "/public/track/")
    page.fill("#code", code)
    page.click("[data-testid=track-submit]")
    expect(page.locator("[data-testid=track-state]")).to_have_text("已答复")
    assert "不动产权证将于30日内发放" in page.locator("[data-testid=track-reply]").first.inner_text()
    assert "<script>" in page.locator("[data-testid=track-result]").inner_text()  # shown as text, not run
    page.screenshot(path=str(SCREENS / "public-track.png"), full_page=True)
    page.check("#r1")
    page.click("[data-testid=rate-submit]")
    assert "感谢您的评价" in page.locator("[data-testid=track-notice]").inner_text()
    expect(page.locator("[data-testid=track-state]")).to_have_text("已办结")


def test_staff_see_a_bulletin_page(page, sign_in):
    SCREENS.mkdir(parents=True, exist_ok=True)
    sign_in(page, "demo-info")
    b = Bulletin.objects.filter(body__short_name="示范市政协").order_by("-number").first()
    page.goto(f"{page.base_url}/opinions/bulletins/{b.pk}/")
    assert str(b) in page.locator("[data-testid=bulletin-title]").inner_text()
    assert page.locator("[data-testid=bulletin-items] li").count() >= 3
    page.screenshot(path=str(SCREENS / "bulletin.png"), full_page=True)
    page.goto(f"{page.base_url}/opinions/inbox/")
    page.screenshot(path=str(SCREENS / "opinion-inbox.png"), full_page=True)
