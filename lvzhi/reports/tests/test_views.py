from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from lvzhi.core.models import AuditEntry
from lvzhi.orgs.models import Body, Membership
from lvzhi.reports import figures, services
from lvzhi.reports.models import PeerFigure, PeerReport
from lvzhi.reports.tests.samples import CONGRESS_REPORT, CPPCC_REPORT, NOT_A_REPORT, docx_bytes

pytestmark = pytest.mark.django_db


def _upload(client, **data):
    r = client.post(reverse("reports:peer-upload"), data)
    return r


def _review_url(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "/reports/peers/review/" in response["Location"]
    return response["Location"]


def _review_post(page_context, **changes):
    """The review form as the browser would submit it, with the extracted rows unchanged."""
    form, formset = page_context["form"], page_context["formset"]
    data = {f"{k}": v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "fig-TOTAL_FORMS": str(len(formset.forms)),
            "fig-INITIAL_FORMS": str(len(formset.forms)),
            "fig-MIN_NUM_FORMS": "0",
            "fig-MAX_NUM_FORMS": "1000",
        }
    )
    for i, f in enumerate(formset.forms):
        for name, value in f.initial.items():
            if name == "approx":
                if value:
                    data[f"fig-{i}-approx"] = "on"
            else:
                data[f"fig-{i}-{name}"] = value
    data.update(changes)
    return data


# ---------------------------------------------------------------- upload → review


def test_upload_review_save_flow_stores_the_reviewed_figures(client_as):
    # given staff upload a pasted report
    c = client_as("demo-staff")
    url = _review_url(_upload(c, text=CPPCC_REPORT))
    assert not PeerReport.objects.exists()  # nothing saved before review
    # when they open the review page
    page = c.get(url)
    # then every figure's quote is highlighted and the metadata is prefilled
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('<mark class="lz-fig"') >= 9
    assert "年共收到提案216件" in html
    assert page.context["form"].initial["peer_name"] == "临江县政协"
    assert page.context["form"].initial["year"] == 2023
    # when they correct one value, delete one row, add one and save
    rows = page.context["formset"].forms
    submitted = next(i for i, f in enumerate(rows) if f.initial["key"] == "proposal.submitted")
    adopted = next(i for i, f in enumerate(rows) if f.initial["key"] == "opinion.adopted")
    n = len(rows)
    data = _review_post(
        page.context,
        **{
            f"fig-{submitted}-value": "261",
            f"fig-{adopted}-DELETE": "on",
            "fig-TOTAL_FORMS": str(n + 1),
            f"fig-{n}-key": "petition.cases",
            f"fig-{n}-value": "40",
            "member_count": "150",
        },
    )
    r = c.post(url, data)
    # then the report is saved with the reviewed rows
    report = PeerReport.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("reports:peer-detail", args=[report.pk])
    assert report.member_count == 150 and report.peer_name == "临江县政协"
    assert report.figures.count() == n
    assert report.figures.get(key="proposal.submitted").value == 261
    assert report.figures.get(key="proposal.submitted").is_manual
    assert not report.figures.filter(key="opinion.adopted").exists()
    added = report.figures.get(key="petition.cases")
    assert added.is_manual and added.unit == "件" and added.quote == ""
    assert not report.figures.get(key="meeting.chair").is_manual
    # and the draft is gone
    assert c.get(url).status_code == 302


def test_upload_a_docx_file_goes_to_review(client_as):
    c = client_as("demo-deputy-staff")
    upload = SimpleUploadedFile("平川.docx", docx_bytes(CONGRESS_REPORT))
    page = c.get(_review_url(_upload(c, file=upload)))
    assert page.context["form"].initial["kind"] == "congress"
    assert "听取审议专项工作报告18项" in page.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "文件为空"),
        ("fake.pdf", bytes(range(256)) * 8, "无法识别的PDF文件"),
        ("recipe.txt", NOT_A_REPORT.encode(), "没有找到工作报告的内容"),
        ("sheet.xlsx", b"PK\x03\x04data", "格式不受支持"),
        ("huge.txt", b"x" * (10 * 1024 * 1024 + 1), "超过 10 MB"),
    ],
)
def test_bad_uploads_get_a_chinese_message_and_nothing_is_stored(client_as, name, data, message):
    # given
    c = client_as("demo-staff")
    audits = AuditEntry.objects.count()
    # when
    r = _upload(c, file=SimpleUploadedFile(name, data))
    # then
    assert r.status_code == 200
    assert message in r.content.decode()
    assert "未保存任何内容" in r.content.decode()
    assert not PeerReport.objects.exists() and AuditEntry.objects.count() == audits
    assert not c.session.get("reports-peer-drafts")


def test_pasted_text_that_is_not_a_report_is_refused(client_as):
    c = client_as("demo-staff")
    r = _upload(c, text=NOT_A_REPORT)
    assert r.status_code == 200 and "没有找到工作报告的内容" in r.content.decode()
    r = _upload(c)
    assert "请上传报告文件或粘贴报告全文" in r.content.decode()


def test_review_with_an_invalid_value_shows_the_error_and_saves_nothing(client_as):
    c = client_as("demo-staff")
    url = _review_url(_upload(c, text=CPPCC_REPORT))
    page = c.get(url)
    r = c.post(url, _review_post(page.context, **{"fig-0-value": "-3", "year": ""}))
    assert r.status_code == 200
    html = r.content.decode()
    assert "请修正下面标出的错误" in html
    assert not PeerReport.objects.exists()


def test_review_of_a_duplicate_report_explains_and_saves_nothing_new(client_as, user_named):
    staff = user_named("demo-staff")
    services.peer_report_create_from_text(actor=staff, body=staff.body, text=CPPCC_REPORT)
    c = client_as("demo-staff")
    url = _review_url(_upload(c, text=CPPCC_REPORT))
    r = c.post(url, _review_post(c.get(url).context))
    assert r.status_code == 200 and "已保存过该机构该年度的报告" in r.content.decode()
    assert PeerReport.objects.count() == 1


# ------------------------------------------------------------------- saved reports


@pytest.fixture
def report(user_named):
    staff = user_named("demo-staff")
    return services.peer_report_create_from_text(actor=staff, body=staff.body, text=CPPCC_REPORT)


def test_detail_page_highlights_and_a_figure_is_corrected(client_as, report):
    # given
    c = client_as("demo-staff")
    figure = report.figures.get(key="proposal.submitted")
    page = c.get(reverse("reports:peer-detail", args=[report.pk]))
    assert page.status_code == 200 and '<mark class="lz-fig"' in page.content.decode()
    # when
    r = c.post(
        reverse("reports:figure-update", args=[report.pk, figure.pk]),
        {f"f{figure.pk}-key": "proposal.submitted", f"f{figure.pk}-value": "230", f"f{figure.pk}-unit": "件"},
    )
    # then
    assert r.status_code == 302
    figure.refresh_from_db()
    assert figure.value == 230 and figure.is_manual


def test_figures_are_added_and_deleted_from_the_detail_page(client_as, report):
    c = client_as("demo-staff")
    r = c.post(
        reverse("reports:figure-add", args=[report.pk]),
        {"new-key": "member.training", "new-value": "300", "new-approx": "on"},
    )
    assert r.status_code == 302
    added = report.figures.get(key="member.training")
    assert added.approx and added.unit == "人次" and added.is_manual
    r = c.post(reverse("reports:figure-delete", args=[report.pk, added.pk]))
    assert r.status_code == 302 and not report.figures.filter(key="member.training").exists()


def test_a_bad_correction_is_refused_with_a_message(client_as, report):
    c = client_as("demo-staff")
    figure = report.figures.get(key="proposal.submitted")
    r = c.post(
        reverse("reports:figure-update", args=[report.pk, figure.pk]),
        {f"f{figure.pk}-key": "proposal.submitted", f"f{figure.pk}-value": "abc"},
        follow=True,
    )
    assert "数值" in r.content.decode()
    figure.refresh_from_db()
    assert figure.value == 216 and not figure.is_manual


def test_metadata_edit_and_delete(client_as, report):
    c = client_as("demo-staff")
    r = c.post(
        reverse("reports:peer-edit", args=[report.pk]),
        {
            "peer_name": "临江县政协",
            "kind": "cppcc",
            "level": "county",
            "region": "临江县",
            "year": "2023",
            "member_count": "120",
        },
    )
    assert r.status_code == 302
    report.refresh_from_db()
    assert report.member_count == 120
    r = c.post(reverse("reports:peer-delete", args=[report.pk]))
    assert r.status_code == 302 and not PeerReport.objects.exists() and not PeerFigure.objects.exists()


def test_list_search_filter_and_pagination(client_as, user_named, django_assert_max_num_queries):
    # given 23 reports of two kinds and two years
    staff = user_named("demo-staff")
    for i in range(21):
        services.peer_report_create(
            actor=staff,
            body=staff.body,
            text="x",
            peer_name=f"同行{i:02d}县政协",
            kind="cppcc",
            year=2022 + i % 2,
        )
    services.peer_report_create_from_text(actor=staff, body=staff.body, text=CPPCC_REPORT)
    services.peer_report_create_from_text(actor=staff, body=staff.body, text=CONGRESS_REPORT)
    c = client_as("demo-staff")
    url = reverse("reports:peer-list")
    # when / then
    with django_assert_max_num_queries(12):
        r = c.get(url)
    assert r.context["page"].paginator.count == 23 and len(r.context["page"]) == 20
    assert c.get(url, {"page": 2}).context["page"].number == 2
    assert [p.peer_name for p in c.get(url, {"q": "临江"}).context["page"]] == ["临江县政协"]
    assert [p.peer_name for p in c.get(url, {"kind": "congress"}).context["page"]] == ["平川区人大常委会"]
    assert c.get(url, {"year": "2022"}).context["page"].paginator.count == 11
    htmx = c.get(url, {"q": "临江"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in htmx and "peer-table" in htmx


# ---------------------------------------------------------------- permissions


@pytest.mark.parametrize(
    "name",
    ["reports:peer-list", "reports:peer-upload", "reports:compare", "reports:figure-list"],
)
def test_members_and_units_are_refused(client_as, name):
    for user in ("demo-member", "demo-unit"):
        assert client_as(user).get(reverse(name)).status_code == 403


def test_leader_reads_but_cannot_upload_or_correct(client_as, report):
    c = client_as("demo-leader")
    assert c.get(reverse("reports:peer-list")).status_code == 200
    page = c.get(reverse("reports:peer-detail", args=[report.pk]))
    assert page.status_code == 200 and not page.context["can_edit"]
    assert c.get(reverse("reports:peer-upload")).status_code == 403
    figure = report.figures.first()
    r = c.post(reverse("reports:figure-update", args=[report.pk, figure.pk]), {f"f{figure.pk}-value": "1"})
    assert r.status_code == 403


def test_another_bodys_peer_report_is_not_found(client_as, report):
    c = client_as("demo-deputy-staff")
    figure = report.figures.first()
    assert c.get(reverse("reports:peer-detail", args=[report.pk])).status_code == 404
    assert c.post(reverse("reports:peer-delete", args=[report.pk])).status_code == 404
    assert c.post(reverse("reports:figure-delete", args=[report.pk, figure.pk])).status_code == 404
    assert report.pk not in [r.pk for r in c.get(reverse("reports:peer-list")).context["page"]]
    assert PeerFigure.objects.filter(pk=figure.pk).exists()


def test_the_sidebar_shows_the_report_pages_to_staff_only(client_as):
    staff = client_as("demo-staff").get(reverse("reports:peer-list")).content.decode()
    assert "同行报告" in staff and "同行比较" in staff and "数据明细" in staff
    member = client_as("demo-member").get("/").content.decode()
    assert "同行比较" not in member


# ---------------------------------------------------------------- comparison


def test_comparison_page_and_its_xlsx_export(client_as, user_named, report):
    # given a peer report with 200 members and our body's active membership
    staff = user_named("demo-staff")
    services.peer_report_update(actor=staff, report=report, data={"member_count": 200})
    body = staff.body
    ours = figures.figures_for(body=body, year=2023)
    members = Membership.objects.filter(body=body, is_active=True).count()
    county = Body.objects.filter(parent=body).first()
    c = client_as("demo-staff")
    params = {"year": "2023", "report": [report.pk], "peer_body": [county.pk]}
    # when
    page = c.get(reverse("reports:compare"), params)
    # then the table lists ours, the report and the county side by side
    assert page.status_code == 200
    html = page.content.decode()
    assert [col.id for col in page.context["comparison"].columns] == [
        "ours",
        f"report-{report.pk}",
        f"body-{county.pk}",
    ]
    assert "echarts.min.js" in html and 'id="chart-data"' in html
    # when exported
    r = c.get(reverse("reports:compare"), {**params, "export": "xlsx"})
    # then the workbook opens with the right cells
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    header = [cell.value for cell in ws[1]]
    assert header[:5] == [
        "数据项",
        "单位",
        body.short_name,
        "临江县政协",
        county.short_name or county.name,
    ]
    assert header[5] == f"{body.short_name}（每100人）"
    assert not any("." in str(h) for h in header)  # no English codes
    rows = {row[0]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    submitted = rows["提交提案"]
    assert submitted[1] == "件"
    assert submitted[2] == (ours["proposal.submitted"] or None) and submitted[3] == 216
    assert submitted[6] == 108  # 216 per 200 members, per 100
    if ours["proposal.submitted"]:
        assert submitted[5] == pytest.approx(round(ours["proposal.submitted"] * 100 / members, 2))
    last = list(ws.iter_rows(values_only=True))[-1]
    assert last[0] == "委员/代表人数" and last[2] == members and last[3] == 200


def test_first_visit_compares_with_the_latest_years_reports(client_as, report):
    page = client_as("demo-staff").get(reverse("reports:compare"))
    assert page.status_code == 200
    assert page.context["year"] == 2023
    assert [c.name for c in page.context["comparison"].columns][1:] == ["临江县政协"]


def test_comparison_ignores_another_bodys_report(client_as, report):
    page = client_as("demo-deputy-staff").get(
        reverse("reports:compare"), {"year": "2023", "report": [report.pk]}
    )
    assert page.status_code == 200
    assert len(page.context["comparison"].columns) == 1


def test_comparison_with_nothing_to_draw_says_no_data(client_as):
    # given no peer report chosen for a year without records
    page = client_as("demo-staff").get(reverse("reports:compare"), {"year": "1990"})
    # then the radar's place says so instead of staying blank
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="radar-empty"' in html and "暂无数据" in html


# ---------------------------------------------------------------- our figures


def test_figure_detail_page_lists_our_figures_and_their_records(client_as, user_named):
    body = user_named("demo-staff").body
    c = client_as("demo-staff")
    page = c.get(reverse("reports:figure-list"), {"year": "2025"})
    assert page.status_code == 200
    keys = [r.key for r in page.context["rows"]]
    assert keys == list(figures.figures_for(body=body, year=2025))
    for row in page.context["rows"]:
        r = c.get(reverse("reports:figure-records", args=[row.key]), {"year": "2025"}, HTTP_HX_REQUEST="true")
        assert r.status_code == 200
        html = r.content.decode()
        if figures.has_records(row.key):
            assert r.context["records"] is not None and "no-records" not in html
            expected = figures.figure_records(key=row.key, body=body, year=2025).count()
            assert len(r.context["records"]) == min(expected, 500)
        else:
            assert "尚未登记可查看的明细记录" in html


def test_figure_records_of_an_unknown_key_is_404(client_as):
    assert (
        client_as("demo-staff").get(reverse("reports:figure-records", args=["nope.key"])).status_code == 404
    )


def test_no_page_answers_500_on_odd_input(client_as, report):
    c = client_as("demo-staff")
    for url, params in [
        (reverse("reports:compare"), {"year": "abc", "report": ["x"], "peer_body": ["999999"]}),
        (reverse("reports:peer-list"), {"year": "zz", "page": "-1", "kind": "foo"}),
        (reverse("reports:figure-list"), {"year": "99999"}),
        (reverse("reports:peer-review", args=["nope"]), {}),
    ]:
        r = c.get(url, params)
        assert r.status_code in (200, 302, 404), (url, r.status_code)
    assert re.search(r"\d", c.get(reverse("reports:compare"), {"year": "2023"}).content.decode())
