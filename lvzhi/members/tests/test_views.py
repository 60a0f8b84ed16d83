"""The file, the explanation of a point, the printed file, the rules and ranking pages, as users meet them."""

from __future__ import annotations

import datetime
import re

import pytest

from lvzhi.core.tests.docx_checks import assert_official_format, docx_text
from lvzhi.members import scoring

pytestmark = pytest.mark.django_db
YEAR = datetime.date.today().year - 1  # noqa: DTZ011  # the demo's finished year


def test_a_member_sees_their_file_and_the_explanation_of_a_point(client_as, user_named):
    member = user_named("demo-member")
    c = client_as("demo-member")
    page = c.get(f"/members/file/{member.member_id}/?year={YEAR}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "领衔提出" in html and "每项计" in html
    link = re.search(r'href="(/members/file/\d+/point/\?[^"]+)" data-testid="explain"', html)
    assert link is not None
    point = c.get(link.group(1).replace("&amp;", "&"))
    assert point.status_code == 200
    assert "依据记录" in point.content.decode() and "提出申诉" in point.content.decode()


def test_a_member_cannot_open_another_members_file_or_the_ranking(client_as, user_named):
    member = user_named("demo-member")
    staff = user_named("demo-staff")
    other = next(
        r
        for r in scoring.score_body(ruleset=scoring.ruleset_current(body=staff.body, year=YEAR))
        if r != member.member_id
    )
    c = client_as("demo-member")
    assert c.get(f"/members/file/{other}/?year={YEAR}").status_code == 403
    assert c.get("/members/ranking/").status_code == 403
    assert (
        c.get(f"/members/file/{member.member_id}/point/?year={YEAR}&ref=case:0&item=case.lead").status_code
        == 404
    )


def test_the_printed_file_is_an_official_document_with_every_item(client_as, user_named):
    member = user_named("demo-member")
    response = client_as("demo-member").get(f"/members/file/{member.member_id}/file.docx?year={YEAR}")
    assert response.status_code == 200
    doc = assert_official_format(response.content, author=member.body.name)
    text = docx_text(doc)
    assert f"{member.member.name}{YEAR}年度履职档案" in text
    assert "领衔提出" in text and "量化考评得分" in text
    report = client_as("demo-member").get(f"/members/file/{member.member_id}/duty-report.docx?year={YEAR}")
    assert "履职基本情况" in docx_text(assert_official_format(report.content, author=member.body.name))


def test_staff_save_rules_from_the_page_and_the_ranking_follows(client_as, user_named):
    staff = user_named("demo-staff")
    c = client_as("demo-staff")
    page = c.get(f"/members/rules/?year={YEAR}")
    assert page.status_code == 200 and "case.lead|proposal" in page.content.decode()
    ruleset = scoring.ruleset_current(body=staff.body, year=YEAR)
    data = {"year": YEAR, "rule": [], "warning_below": "9", "note": "提高领衔分值"}
    for r in ruleset.rules.all():
        key = f"{r.item}|{r.level}"
        data["rule"].append(key)
        data[f"points-{key}"] = "9" if key == "case.lead|proposal" else str(r.points)
        data[f"cap-{key}"] = "" if r.cap is None else str(r.cap)
    response = c.post("/members/rules/", data)
    assert response.status_code == 302
    new = scoring.ruleset_current(body=staff.body, year=YEAR)
    assert new.version == ruleset.version + 1 and new.warning_below == 9
    assert new.rules.get(item="case.lead", level="proposal").points == 9
    ranking = c.get(f"/members/ranking/?year={YEAR}&by=sector")
    assert ranking.status_code == 200 and "按界别" in ranking.content.decode()
    # bad input changes nothing
    data["points-case.lead|proposal"] = "九"
    c.post("/members/rules/", data)
    assert scoring.ruleset_current(body=staff.body, year=YEAR).pk == new.pk
