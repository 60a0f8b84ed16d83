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
