"""Playwright drives Debian's Chromium (never a downloaded browser) against live_server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

CHROMIUM = os.environ.get("LVZHI_CHROMIUM", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# the test itself (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[Any]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"没有找到 {CHROMIUM}；请先运行 make test-deps")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def seeded(transactional_db: Any) -> None:
    """Transactional tests start from an empty database: seed the demo world again."""
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115  # closed at exit


@pytest.fixture
def page(browser: Any, live_server: Any, seeded: None) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.base_url = live_server.url  # type: ignore[attr-defined]  # convenience for tests
    # Every page a browser test visits must pass the Content-Security-Policy.
    violations: list[str] = []
    pg.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    yield pg
    context.close()
    assert violations == [], violations


@pytest.fixture
def sign_in() -> Any:
    def do(page: Any, username: str, password: str | None = None) -> None:
        page.goto(page.base_url + "/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password or settings.LVZHI_DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_selector("[data-testid=sidebar]", state="attached")  # a phone folds it into a menu

    return do
