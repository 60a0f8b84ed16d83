"""Each role's 工作台 in the browser: its own items first (one seeded world for all roles)."""

from __future__ import annotations

import re

from lvzhi.accounts.models import User
from lvzhi.casework.models import Assignment, AssignmentStatus, Case

ROLE_PANELS = {
    "demo-member": ["drafts", "to-rate", "invites", "by-state"],
    "demo-unit": ["to-sign", "overdue", "due-soon", "cosign", "ratings"],
    "demo-staff": ["decide", "inbox", "overdue-units", "returned"],
    "demo-leader": ["led", "instructions"],
    "demo-admin": ["bodies", "users", "locked", "audit"],
}


def test_each_role_lands_on_its_own_workbench(page, sign_in):
    unit = User.objects.get(username="demo-unit")
    to_sign = (
        Assignment.objects.filter(
            unit_id=unit.handling_unit_id,
            status=AssignmentStatus.ASSIGNED,
            case__state__in=["assigned", "handling", "rehandling"],
        )
        .select_related("case")
        .order_by("due_on", "id")
        .first()
    )
    assert to_sign is not None
    member = User.objects.get(username="demo-member")
    member_draft = Case.objects.filter(submitter=member, state="draft").first()
    assert member_draft is not None
    expected_text = {
        "demo-unit": ("to-sign", to_sign.case.title),
        "demo-member": ("drafts", member_draft.title),
    }
    for username, keys in ROLE_PANELS.items():
        page.context.clear_cookies()
        sign_in(page, username)
        board = page.locator("[data-testid=workbench]")
        for key in keys:
            assert board.locator(f"[data-testid=panel-{key}]").is_visible(), (username, key)
        if username in expected_text:
            key, text = expected_text[username]
            panel = board.locator(f"[data-testid=panel-{key}]")
            assert text in panel.inner_text()
            panel.get_by_text(text).first.click()
            page.wait_for_load_state()
            assert text in page.locator("h1, .page-title").first.inner_text()


PHONE = {"width": 390, "height": 844}


def _no_horizontal_scroll(pg):
    return pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_member_and_a_unit_work_on_a_phone(browser, live_server, seeded):
    from django.conf import settings

    member = User.objects.get(username="demo-member")
    case = Case.objects.filter(submitter=member, assignments__isnull=False).first()
    assert case is not None
    pages = {
        "demo-member": ["/", "/cases/", f"/cases/{case.pk}/", "/cases/new/proposal/"],
        "demo-unit": ["/", "/cases/todo/"],
    }
    for username, paths in pages.items():
        context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
        pg = context.new_page()
        pg.goto(live_server.url + "/accounts/login/")
        pg.fill("#id_username", username)
        pg.fill("#id_password", settings.LVZHI_DEMO_PASSWORD)
        pg.click("button[type=submit]")
        pg.wait_for_selector("[data-testid=workbench]")
        for path in paths:
            pg.goto(live_server.url + path)
            assert _no_horizontal_scroll(pg), (username, path)
            # the header stays one line: brand and sign-out side by side
            assert pg.locator(".lz-topbar").bounding_box()["height"] <= 60, (username, path)
        # the sidebar is a menu: hidden until the button opens it
        nav = pg.locator("[data-testid=sidebar]")
        assert not nav.is_visible()
        pg.click("[data-testid=menu-toggle]")
        nav.get_by_text("个人中心").wait_for()
        assert nav.is_visible()
        if username == "demo-unit":
            pg.goto(live_server.url + "/cases/todo/")
            row = pg.locator("table tbody tr").first
            # a list row is a card: cells stacked, each labelled with its column
            assert row.bounding_box()["width"] > 300
            assert row.locator("td[data-label=期限]").count() == 1
        context.close()


def test_the_tracking_code_works_typed_in_lower_case(page):
    from lvzhi.orgs.models import Body

    body = Body.objects.get(short_name="示范市政协")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + "/public/")
    assert page.locator(f"[data-testid=portal-{body.pk}]").get_by_text(body.name).is_visible()
    assert page.locator(".lz-topbar").bounding_box()["height"] <= 60
    page.locator(f"[data-testid=portal-{body.pk}]").get_by_text("网上提交").click()
    assert page.locator(".lz-topbar").bounding_box()["height"] <= 60
    assert _no_horizontal_scroll(page)
    page.check("#kind-micro_suggestion")
    page.fill("#title", "关于增设小区门口公交站台的建议")
    page.fill("#content", "小区门口没有公交站台，老人出行需要步行一公里，建议增设站台方便群众出行。")
    page.fill("#phone", "13800000000")
    assert page.locator("#phone").get_attribute("type") == "tel"
    a, op, b = re.match(  # type: ignore[union-attr]
        r"(\d+) (加|减) (\d+)", page.locator("[data-testid=captcha-question]").inner_text()
    ).groups()
    page.fill("#captcha_answer", str(int(a) + int(b) if op == "加" else int(a) - int(b)))
    page.click("[data-testid=public-submit]")
    code = page.locator("[data-testid=tracking-code]").inner_text().strip()
    assert code.count("-") == 4 and not set(code) & set("01OIL")
    page.goto(page.base_url + "/public/track/")
    page.fill("#code", code.lower().replace("-", " "))
    page.click("[data-testid=track-submit]")
    state = page.locator("[data-testid=track-state]").inner_text()
    assert state and "草稿" not in page.locator("[data-testid=track-result]").inner_text()
