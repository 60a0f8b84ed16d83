"""Charts in the browser: drawn by our own scripts under the Content-Security-Policy, with no console
error, on 数据明细, 办理统计 and the workbenches; an empty year reads “暂无数据”."""

from __future__ import annotations

import datetime


def _errors(page):
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def _drawn(page, key: str) -> None:
    chart = page.locator(f'[data-testid="chart-{key}"][data-rendered="1"]')
    chart.wait_for()
    assert chart.locator("canvas").count() >= 1, key


def test_dashboards_render_their_charts_with_no_console_error(page, sign_in):
    errors = _errors(page)
    year = datetime.date.today().year - 1  # noqa: DTZ011  # the demo's finished year
    sign_in(page, "demo-staff")
    page.goto(f"{page.base_url}/reports/figures/?year={year}")
    for key in ("casework.by_month", "activities.events_by_type", "activities.attendance"):
        _drawn(page, key)
    page.goto(f"{page.base_url}/proposals/statistics/?kind=proposal&year={year}")
    _drawn(page, "casework.by_state")
    page.goto(f"{page.base_url}/reports/figures/?year=1990")
    empty = page.locator('[data-testid="chart-empty-activities.events_by_type"]')
    assert empty.inner_text().strip() == "暂无数据"
    page.context.clear_cookies()
    sign_in(page, "demo-member")
    page.goto(page.base_url + "/")
    _drawn(page, "members.my_file")
    assert errors == [], errors
