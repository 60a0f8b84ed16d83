"""Staff open a satisfaction poll, three committee members vote on phone-size pages, the tally shows.
Screenshots go to var/screens."""

from __future__ import annotations

import os
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from lvzhi.accounts.models import Role, User
from lvzhi.orgs.models import Body
from lvzhi.oversight import models as m
from lvzhi.oversight import selectors

SCREENS = Path(os.environ.get("LVZHI_SCREENS", "var/screens"))
PHONE = {"width": 390, "height": 844}


def test_staff_open_a_poll_three_members_vote_on_phones_and_the_tally_shows(page, browser, sign_in):
    SCREENS.mkdir(parents=True, exist_ok=True)
    # given a poll of the city congress and three committee members with accounts
    body = Body.objects.get(short_name="示范市人大常委会")
    today = timezone.localdate()
    poll = m.Poll.objects.create(
        body=body,
        title="对市卫生健康委员会基层医疗工作的满意度测评",
        subject="示范市卫生健康委员会",
        held_on=today,
    )
    roll = list(selectors.members_in_office(body=body, on=today).select_related("member")[:3])
    voters = []
    for i, ms in enumerate(roll):
        u = User.objects.create(
            username=f"sc-phone-{i}",
            role=Role.MEMBER,
            body=body,
            member=ms.member,
            display_name=ms.member.name,
        )
        u.set_password("Lvzhi@2025")
        u.save()
        voters.append(u)
    # when staff open it from the poll's page
    sign_in(page, "demo-deputy-staff")
    page.goto(f"{page.base_url}/oversight/polls/{poll.pk}/")
    page.click("[data-testid=poll-open]")
    expect(page.locator("[data-testid=poll-state]")).to_have_text("投票中")
    # and three members vote on phone-size pages
    for u, choice in zip(voters, ["satisfied", "satisfied", "basic"], strict=True):
        ctx = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
        phone = ctx.new_page()
        phone.base_url = page.base_url
        sign_in(phone, u.username, "Lvzhi@2025")
        phone.goto(f"{page.base_url}/oversight/vote/")
        phone.click("[data-testid=my-polls] >> text=去投票")
        expect(phone.locator("[data-testid=poll-title]")).to_have_text(poll.title)
        button = phone.locator(f"[data-testid=choice-{choice}]")
        assert button.bounding_box()["width"] > 300  # a full-width button a thumb can hit
        if u is voters[0]:
            phone.screenshot(path=str(SCREENS / "oversight-vote-phone.png"))
        button.click()
        expect(phone.locator("[data-testid=vote-message]")).to_contain_text("投票成功")
        expect(phone.locator("[data-testid=vote-done]")).to_be_visible()
        ctx.close()
    page.reload()
    expect(page.locator("[data-testid=poll-voted]")).to_have_text("3")
    # then closing publishes the tally
    page.click("[data-testid=poll-close]")
    tally = page.locator("[data-testid=poll-tally]")
    expect(tally).to_contain_text("满意 2")
    expect(tally).to_contain_text("基本满意 1")
    expect(tally).to_contain_text("不满意 0")
    page.screenshot(path=str(SCREENS / "oversight-poll-tally.png"), full_page=True)
