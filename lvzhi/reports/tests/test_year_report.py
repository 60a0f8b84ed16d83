"""The year-end work report draft: the command's contract, exactly the registry's figures, the 大事记 in
date order, the staleness check, the staff page."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lvzhi.casework.models import Case
from lvzhi.core.tests.docx_checks import assert_official_format
from lvzhi.orgs.models import Body
from lvzhi.reports import chronicle, figures, yearreport
from lvzhi.reports.models import format_value

pytestmark = pytest.mark.django_db
YEAR = datetime.date.today().year - 1  # noqa: DTZ011  # the demo's finished year


def _review_text(doc, year):
    """The paragraphs of 一、工作回顾 (up to the 大事记 heading)."""
    texts = [p.text for p in doc.paragraphs]
    start = texts.index(f"一、{year}年工作回顾")
    end = texts.index(f"二、{year}年大事记")
    return texts[start + 1 : end], texts[end + 1 :]


@pytest.mark.parametrize("kind", ["cppcc", "congress"])
def test_the_command_writes_a_draft_stating_exactly_the_registrys_non_zero_figures(tmp_path, kind):
    # given the demo's city body and its registry figures for the finished year
    body = Body.objects.get(kind=kind, parent__isnull=True, level="city")
    values = {k: v for k, v in figures.figures_for(body=body, year=YEAR).items() if v}
    assert values
    out = tmp_path / "report.docx"
    # when the command runs
    call_command(
        "year_report",
        "--body",
        str(body.pk),
        "--year",
        str(YEAR),
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    # then it is an official document whose review states each non-zero figure and no other number
    doc = assert_official_format(out.read_bytes(), author=body.name)
    review, _rest = _review_text(doc, YEAR)
    numbers = {n for line in review for n in re.findall(r"\d+(?:\.\d+)?", line)} - {str(YEAR)}
    assert numbers == {format_value(v) for v in values.values()}
    for key, value in values.items():
        spec = figures.spec(key)
        assert any(format_value(value) + spec.unit in line for line in review), key


def test_the_chronicle_lists_the_years_sessions_and_issues_in_date_order(tmp_path):
    body = Body.objects.get(kind="cppcc", parent__isnull=True, level="city")
    entries = chronicle.entries(body=body, year=YEAR)
    assert [e.on for e in entries] == sorted(e.on for e in entries)
    assert any("会议召开" in e.text for e in entries) and any("编发《社情民意》" in e.text for e in entries)
    out = tmp_path / "r.docx"
    call_command(
        "year_report",
        "--body",
        str(body.pk),
        "--year",
        str(YEAR),
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    _review, rest = _review_text(assert_official_format(out.read_bytes(), author=body.name), YEAR)
    written = [t for t in rest if re.match(r"\d+月\d+日\u3000", t)]
    assert written == [f"{e.on.month}月{e.on.day}日\u3000{e.text}" for e in entries]


def test_a_draft_whose_figures_moved_is_reported_stale(tmp_path, client_as):
    body = Body.objects.get(kind="cppcc", parent__isnull=True, level="city")
    out = tmp_path / "r.docx"
    call_command(
        "year_report",
        "--body",
        str(body.pk),
        "--year",
        str(YEAR),
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    call_command(
        "year_report",
        "--body",
        str(body.pk),
        "--year",
        str(YEAR),
        "--check",
        str(out),
        stdout=io.StringIO(),
    )
    before = figures.figures_for(body=body, year=YEAR)["proposal.key"]
    # when one more proposal of that year is made a key proposal
    case = (
        Case.objects.filter(
            body=body,
            kind="proposal",
            year=YEAR,
            registered_at__isnull=False,
            is_key=False,
            merged_into__isnull=True,
        )
        .exclude(state="merged")
        .first()
    )
    Case.objects.filter(pk=case.pk).update(is_key=True)
    # then the check names the figure, and the staff page says so too
    with pytest.raises(CommandError, match="1 项数据已变化"):
        call_command(
            "year_report",
            "--body",
            str(body.pk),
            "--year",
            str(YEAR),
            "--check",
            str(out),
            stdout=io.StringIO(),
        )
    page = client_as("demo-staff").get(f"/reports/year-report/?year={YEAR}")
    html = page.content.decode()
    assert "1 项数据已变化" in html and f"重点提案 {before} → {before + 1}件" in html


def test_staff_generate_the_draft_from_the_page_and_members_may_not(client_as):
    c = client_as("demo-staff")
    page = c.get(f"/reports/year-report/?year={YEAR}")
    assert page.status_code == 200 and "全年共收到提案" in page.content.decode()
    response = c.post("/reports/year-report/", {"year": YEAR})
    assert response.status_code == 200
    staff_body = Body.objects.get(kind="cppcc", parent__isnull=True, level="city")
    assert_official_format(response.content, author=staff_body.name)
    assert yearreport.draft_id_of_docx(response.content) is not None
    assert client_as("demo-member").get(f"/reports/year-report/?year={YEAR}").status_code == 403


def test_the_command_refuses_bad_input_clearly(tmp_path):
    with pytest.raises(CommandError, match="不存在"):
        call_command(
            "year_report", "--body", "999999", "--year", str(YEAR), "--output", str(tmp_path / "x.docx")
        )
    assert not (tmp_path / "x.docx").exists()
