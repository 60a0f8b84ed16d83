"""Staff paste a peer's report, check the highlighted figures, correct one, save, compare."""

from __future__ import annotations

import os

from lvzhi.reports.models import PeerReport
from lvzhi.reports.tests.samples import CPPCC_REPORT

SHOTS = os.environ.get("LVZHI_SCREENSHOTS", "")


def _shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_staff_paste_review_correct_save_and_compare(page, sign_in):
    # given staff on the upload page
    sign_in(page, "demo-staff")
    page.click("text=同行报告")
    page.click("[data-testid=upload-peer]")
    # when they paste a report and extract
    page.fill("#id_text", CPPCC_REPORT)
    page.click("[data-testid=extract]")
    # then the review page highlights every extracted figure in the text
    page.wait_for_selector("[data-testid=review-form]")
    marks = page.locator("[data-testid=report-text] mark.lz-fig")
    assert marks.count() >= 9
    assert "收到提案216件" in page.locator("[data-testid=report-text]").inner_text()
    assert page.input_value("#id_peer_name") == "临江县政协"
    assert page.input_value("#id_year") == "2023"
    # clicking a mark points at its row in the table
    marks.first.click()
    assert page.locator("tr.lz-fig-row.lz-active").count() >= 1
    _shot(page, "peer-review")

    # when they correct the number of proposals, give the membership and save
    row = page.locator(
        "tr.lz-fig-row", has=page.locator("select option[selected][value='proposal.submitted']")
    )
    row.locator("input[name$='-value']").fill("261")
    page.fill("#id_member_count", "180")
    page.click("[data-testid=save-report]")

    # then the saved report shows the corrected figure
    page.wait_for_selector("[data-testid=peer-title]")
    assert "临江县政协" in page.locator("[data-testid=peer-title]").inner_text()
    report = PeerReport.objects.get(peer_name="临江县政协")
    assert report.figures.get(key="proposal.submitted").value == 261
    assert report.member_count == 180

    # when they open the comparison from the report
    page.click("[data-testid=compare-this]")
    page.wait_for_selector("[data-testid=compare-table]")
    # then the peer's column carries the corrected figure and its per-100 value
    row = page.locator("[data-testid='row-proposal.submitted']")
    text = row.inner_text()
    assert "261" in text and "145" in text  # 261 ÷ 180 × 100 = 145
    assert "临江县政协" in page.locator("[data-testid=compare-table] thead").inner_text()
    page.wait_for_function("() => document.querySelectorAll('#bar-charts canvas').length > 0")
    _shot(page, "peer-compare")
