"""In a real browser: a unit's reply with a document, the member's notification badge and download;
a fake Word file refused; staff's 回头看 list; the public replies page without signing in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lvzhi.accounts.models import User
from lvzhi.casework.models import Attachment, Case, Reply
from lvzhi.casework.tests import factories as f


@pytest.fixture
def as_user(browser: Any, live_server: Any, seeded: None, sign_in: Any) -> Any:
    contexts = []

    def make(username: str) -> Any:
        context = browser.new_context(
            locale="zh-CN", viewport={"width": 1360, "height": 900}, accept_downloads=True
        )
        contexts.append(context)
        pg = context.new_page()
        pg.set_default_timeout(15_000)
        pg.base_url = live_server.url
        sign_in(pg, username)
        return pg

    yield make
    for c in contexts:
        c.close()


def _open_action(page: Any, name: str) -> Any:
    box = page.locator(f"[data-testid=action-{name}]")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    return box


def test_reply_with_a_document_reaches_the_member(as_user: Any, tmp_path: Path) -> None:
    # given: a case the demo unit is handling
    member, staff, unit = (User.objects.get(username=u) for u in ("demo-member", "demo-staff", "demo-unit"))
    case = f.handling_case(member, staff, unit, title="关于推进老旧小区适老化改造的提案")
    url = f"/cases/{case.pk}/"
    fake = tmp_path / "落实方案.docx"
    fake.write_bytes(f.exe_bytes())
    real = tmp_path / "答复函.pdf"
    real.write_bytes(f.pdf_bytes())

    # when: the unit first tries a fake Word file, then replies with a real PDF
    pg = as_user("demo-unit")
    pg.goto(pg.base_url + url)
    box = _open_action(pg, "reply")
    box.locator("[name=category]").select_option("a")
    box.locator("[name=content]").fill("已纳入年度计划并完成改造。")
    box.locator("[name=signed_by]").fill("王局长")
    box.locator("[data-testid=files-reply]").set_input_files(str(fake))
    box.locator("[data-testid=do-reply]").click()
    pg.wait_for_load_state()
    assert "“落实方案.docx”的内容不是允许的类型" in pg.content()
    assert not Reply.objects.filter(case=case).exists()
    box = _open_action(pg, "reply")
    box.locator("[name=category]").select_option("a")
    box.locator("[name=content]").fill("已纳入年度计划并完成改造。")
    box.locator("[name=signed_by]").fill("王局长")
    box.locator("[data-testid=files-reply]").set_input_files(str(real))
    box.locator("[data-testid=do-reply]").click()
    pg.wait_for_load_state()

    # then: the member sees an unread notification in the top bar and downloads the PDF from the case page
    assert Attachment.objects.filter(case=case, kind="pdf").count() == 1
    m = as_user("demo-member")
    assert int(m.locator("[data-testid=unread-count]").inner_text()) >= 1
    m.click("[data-testid=notification-badge]")
    assert "关于推进老旧小区适老化改造的提案" in m.locator("[data-testid=notification-table]").inner_text()
    m.goto(m.base_url + url)
    with m.expect_download() as info:
        m.click("[data-testid=replies] >> text=答复函.pdf")
    path = info.value.path()
    assert Path(path).read_bytes().startswith(b"%PDF-")
    assert Case.objects.get(pk=case.pk).state == "replied"


def test_review_back_list_and_public_replies(as_user: Any, page: Any) -> None:
    staff = as_user("demo-staff")
    staff.click("text=回头看")
    assert staff.locator("[data-testid=review-table] tbody tr").count() > 0
    body_id = User.objects.get(username="demo-staff").body_id
    page.goto(page.base_url + f"/public/{body_id}/replies/")
    assert "公开答复" in page.locator("[data-testid=public-title]").inner_text()
    page.locator("[data-testid=public-replies] tbody a").first.click()
    assert page.locator("[data-testid=public-reply]").count() >= 1
