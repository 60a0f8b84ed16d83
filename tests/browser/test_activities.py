"""Activities in a real browser: phone-size sign-in after staff open it; a plan item held, its outcome sent."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils import timezone


def test_member_signs_in_on_a_phone_after_staff_open_the_sign_in(
    page: Any, browser: Any, sign_in: Any
) -> None:
    from lvzhi.accounts.models import User
    from lvzhi.activities import services
    from lvzhi.activities.models import Attendance, EventType

    staff, member = User.objects.get(username="demo-staff"), User.objects.get(username="demo-member")
    event = services.event_create(
        actor=staff,
        body=staff.body,
        event_type=EventType.objects.get(body=None, code="topic_consult"),
        data={
            "title": "“社区嵌入式养老”专题协商会",
            "held_on": timezone.localdate(),
            "starts_at": timezone.now() + datetime.timedelta(hours=1),
        },
        invitee_ids=[member.member_id],
    )
    sign_in(page, "demo-staff")
    page.goto(f"{page.base_url}/activities/events/{event.pk}/")
    page.click("[data-testid=open-signin]")
    page.click("[data-testid=start-signin]")
    page.wait_for_selector("[data-testid=signin-qr] svg")
    url = page.inner_text("[data-testid=signin-url]")
    assert re.search(r"/activities/signin/[\w-]+/$", url)

    phone = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    mobile = phone.new_page()
    mobile.set_default_timeout(15_000)
    mobile.base_url = page.base_url
    sign_in(mobile, "demo-member")
    mobile.goto(url)
    assert "专题协商会" in mobile.inner_text("[data-testid=signin-title]")
    mobile.click("[data-testid=confirm-signin]")
    mobile.wait_for_selector("[data-testid=signin-message]")
    assert "签到成功" in mobile.inner_text("[data-testid=signin-message]")
    assert mobile.inner_text("[data-testid=my-status]") == "出席"
    # The page fits the phone: nothing wider than the screen.
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()
    assert Attendance.objects.get(event=event, member=member.member).status == "present"
    page.reload()
    assert "出席 1" in page.inner_text("body")


def test_plan_item_is_held_and_its_outcome_sent_and_answered(page: Any, sign_in: Any) -> None:
    from lvzhi.accounts.models import User
    from lvzhi.activities import services
    from lvzhi.activities.models import EventType, PlanItem

    staff = User.objects.get(username="demo-staff")
    plan = services.plan_create(
        actor=staff, body=staff.body, year=timezone.localdate().year, title="浏览器测试协商计划"
    )
    item = services.plan_item_add(
        actor=staff,
        plan=plan,
        event_type=EventType.objects.get(body=None, code="research"),
        topic="县域医共体建设",
        month=timezone.localdate().month,
    )
    sign_in(page, "demo-staff")
    page.goto(f"{page.base_url}/activities/plans/{plan.pk}/")
    page.click("[data-testid=item-create-event]")
    page.fill("#id_title", "关于县域医共体建设的专题调研")
    page.fill("#id_held_on", timezone.localdate().isoformat())
    page.click("button:has-text('保存')")
    page.click("[data-testid=mark-held]")
    assert page.inner_text("[data-testid=event-status]") == "已举行"
    page.click("[data-testid=draft-outcome]")
    page.fill("#id_title", "关于县域医共体建设的调研报告")
    page.fill("#id_content", "一、基本情况。二、存在问题。三、意见建议。")
    page.click("button:has-text('保存')")
    page.fill("#id_name", "示范市人民政府")
    page.click("[data-testid=add-recipient]")
    assert "示范市人民政府" in page.inner_text("[data-testid=recipients]")
    page.click("[data-testid=send-outcome]")
    assert page.inner_text("[data-testid=outcome-status]") == "已报送"
    page.fill("input[name=note]", "市政府办公室函复，已交市卫生健康委研究落实")
    page.click("[data-testid=record-answer]")
    assert page.inner_text("[data-testid=outcome-status]") == "已反馈"
    page.goto(f"{page.base_url}/activities/plans/{plan.pk}/")
    assert page.inner_text("[data-testid=item-state]").startswith("成果已报送")
    item.refresh_from_db()
    assert item.state == "outcome_sent" and PlanItem.objects.get(pk=item.pk).events.get().status == "held"
