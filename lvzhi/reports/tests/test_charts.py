"""Charts: each app registers its own; each role's workbench, 数据明细 and 办理统计 show theirs, drawn
by our own static script from a JSON block (no inline script); nothing to show reads “暂无数据”."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

from lvzhi.reports import charts

pytestmark = pytest.mark.django_db


def _year() -> int:
    return datetime.date.today().year - 1  # noqa: DTZ011  # the demo's finished year


def _specs(html: str) -> dict[str, dict]:
    out = {}
    for m in re.finditer(
        r'<script id="(chart-[^"]+-data)" type="application/json">(.*?)</script>', html, re.S
    ):
        spec = json.loads(m.group(2))
        out[spec["key"]] = spec
    return out


def test_charts_register_from_their_apps_and_the_registry_names_none():
    keys = {c.key for c in charts.all_charts()}
    assert {
        "casework.by_month",
        "casework.by_state",
        "casework.rates",
        "casework.overdue_by_unit",
        "activities.events_by_type",
        "activities.attendance",
        "opinions.adopted_by_level",
        "oversight.figures",
        "members.score_distribution",
        "members.my_file",
        "textsim.hot_topics",
    } <= keys
    root = Path(charts.__file__).resolve().parent.parent
    shared = [
        root / "reports" / "charts.py",
        root / "reports" / "templates" / "reports" / "_charts.html",
        root / "web" / "static" / "web" / "charts.js",
    ]
    for path in shared:
        text = path.read_text(encoding="utf-8")
        assert not [key for key in keys if key in text], path.name


def test_staff_workbench_draws_the_bodys_charts_with_our_own_scripts(client_as):
    html = client_as("demo-staff").get("/").content.decode()
    specs = _specs(html)
    assert {"casework.by_month", "casework.rates", "activities.events_by_type"} <= set(specs)
    assert "/static/vendor/echarts/echarts.min.js" in html and "/static/web/charts.js" in html
    assert "oversight.figures" not in specs  # a CPPCC has no 人大监督


def test_congress_workbench_includes_oversight(client_as):
    html = client_as("demo-deputy-staff").get("/").content.decode()
    assert 'data-testid="chart-card-oversight.figures"' in html


def test_figures_page_charts_link_to_the_records_they_count(client_as):
    html = client_as("demo-staff").get(f"/reports/figures/?year={_year()}").content.decode()
    specs = _specs(html)
    events = specs["activities.events_by_type"]
    assert sum(events["series"][0]["values"]) > 0
    assert all(u.startswith("/activities/events/?type=") for u in events["links"])
    by_month = specs["casework.by_month"]
    assert by_month["kind"] == "line" and len(by_month["categories"]) == 12


def test_statistics_page_charts_follow_the_kind(client_as):
    html = (
        client_as("demo-staff").get(f"/proposals/statistics/?kind=proposal&year={_year()}").content.decode()
    )
    specs = _specs(html)
    state = specs["casework.by_state"]
    assert sum(state["series"][0]["values"]) > 0
    assert all("kind=proposal" in u and "state=" in u for u in state["links"])


def test_a_year_without_records_says_no_data_instead_of_an_empty_chart(client_as):
    html = client_as("demo-staff").get("/reports/figures/?year=1990").content.decode()
    assert 'data-testid="chart-empty-activities.events_by_type"' in html
    assert "暂无数据" in html
    assert "chart-activities-events-by-type-data" not in html


def test_a_member_sees_their_own_file_radar_and_no_body_chart(client_as):
    html = client_as("demo-member").get("/").content.decode()
    assert 'data-testid="chart-card-members.my_file"' in html
    assert "members.score_distribution" not in html and "casework.rates" not in html


def test_unit_charts_count_only_its_own_assignments(client_as, user_named):
    from lvzhi.casework.selectors import case_scope_for_actor

    unit = user_named("demo-unit")
    html = client_as("demo-unit").get("/").content.decode()
    spec = _specs(html).get("casework.by_month")
    year = datetime.date.today().year  # noqa: DTZ011  # the workbench shows this year
    seen = case_scope_for_actor(actor=unit).filter(year=year, submitted_at__isnull=False).count()
    total = sum(sum(s["values"]) for s in spec["series"]) if spec else 0
    assert total == seen
