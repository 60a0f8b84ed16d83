from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from lvzhi.orgs.models import Body, Membership
from lvzhi.reports import figures, services
from lvzhi.reports.models import PeerReport
from lvzhi.reports.tests.samples import CONGRESS_REPORT, CPPCC_REPORT, NOT_A_REPORT, docx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_cppcc():
    return Body.objects.get(short_name="示范市政协")


# ------------------------------------------------------------------------ figures


def test_figures_api_has_the_same_contract_as_the_figures_command(api, city_cppcc):
    # given
    out = io.StringIO()
    call_command("figures", "--body", str(city_cppcc.pk), "--year", "2025", "--format", "json", stdout=out)
    # when
    r = api("demo-staff").get("/api/v1/figures", body_id=city_cppcc.pk, year=2025)
    # then
    assert r.status_code == 200
    assert r.json() == json.loads(out.getvalue())
    assert set(r.json()) == {"body", "year", "figures"}


def test_figures_api_defaults_to_the_callers_body_and_allows_children(api, city_cppcc):
    r = api("demo-staff").get("/api/v1/figures", year=2025)
    assert r.json()["body"] == city_cppcc.pk
    child = Body.objects.filter(parent=city_cppcc).first()
    r = api("demo-staff").get("/api/v1/figures", body_id=child.pk, year=2025)
    assert r.status_code == 200 and r.json()["figures"] == figures.figures_for(body=child, year=2025)


def test_figures_api_refuses_other_bodies_members_and_bad_years(api):
    congress = Body.objects.get(short_name="示范市人大常委会")
    r = api("demo-staff").get("/api/v1/figures", body_id=congress.pk, year=2025)
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    assert api("demo-member").get("/api/v1/figures", year=2025).status_code == 403
    r = api("demo-staff").get("/api/v1/figures", year=1800)
    assert r.status_code == 422 and r.json()["message"].startswith("请求数据有误")
    assert api(None).get("/api/v1/figures", year=2025).status_code == 401


# ---------------------------------------------------------------------- extract


def test_extract_json_text_returns_the_extractor_json(api):
    r = api("demo-staff").post("/api/v1/reports/extract", {"text": CPPCC_REPORT, "doc": "临江.txt"})
    assert r.status_code == 200
    data = r.json()
    assert set(data) == {"doc", "body", "region", "year", "figures"}
    assert (data["doc"], data["body"], data["region"], data["year"]) == ("临江.txt", "cppcc", "临江县", 2023)
    first = data["figures"][0]
    assert set(first) == {"key", "value", "unit", "approx", "quote"}
    assert {"key": "proposal.submitted", "value": 216} in [
        {"key": f["key"], "value": f["value"]} for f in data["figures"]
    ]
    assert not PeerReport.objects.exists()


def test_extract_multipart_docx_file(api_token):
    c = Client()
    upload = io.BytesIO(docx_bytes(CONGRESS_REPORT))
    upload.name = "平川.docx"
    r = c.post(
        "/api/v1/reports/extract",
        {"file": upload},
        HTTP_AUTHORIZATION=f"Bearer {api_token('demo-deputy-staff')}",
    )
    assert r.status_code == 200, r.content
    assert r.json()["doc"] == "平川.docx" and r.json()["body"] == "congress"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [("fake.pdf", bytes(range(256)) * 4, "无法识别的PDF文件"), ("empty.txt", b"", "文件为空")],
)
def test_extract_bad_files_get_400_with_a_chinese_message(api_token, name, data, message):
    c = Client()
    upload = io.BytesIO(data)
    upload.name = name
    r = c.post(
        "/api/v1/reports/extract", {"file": upload}, HTTP_AUTHORIZATION=f"Bearer {api_token('demo-staff')}"
    )
    assert r.status_code == 400 and message in r.json()["message"]


def test_extract_refuses_non_reports_and_bad_json(api):
    r = api("demo-staff").post("/api/v1/reports/extract", {"text": NOT_A_REPORT})
    assert r.status_code == 400 and r.json()["code"] == "import_rejected"
    assert "没有找到工作报告的内容" in r.json()["message"]
    r = api("demo-staff").post("/api/v1/reports/extract", raw="{not json")
    assert r.status_code == 400 and r.json()["message"] == "请求内容不是有效的 JSON。"
    assert api("demo-member").post("/api/v1/reports/extract", {"text": CPPCC_REPORT}).status_code == 403


# ------------------------------------------------------------------ peer reports


def test_create_list_and_read_peer_reports(api, django_assert_max_num_queries):
    # when
    client = api("demo-staff")
    r = client.post(
        "/api/v1/peer-reports", {"text": CPPCC_REPORT, "source_name": "临江.txt", "member_count": 200}
    )
    # then
    assert r.status_code == 201, r.json()
    created = r.json()
    assert created["peer_name"] == "临江县政协" and created["year"] == 2023 and created["member_count"] == 200
    assert any(f["key"] == "proposal.submitted" and f["value"] == 216 for f in created["figures"])
    with django_assert_max_num_queries(8):
        listing = client.get("/api/v1/peer-reports", year=2023)
    assert listing.json()["count"] == 1 and listing.json()["items"][0]["id"] == created["id"]
    detail = client.get(f"/api/v1/peer-reports/{created['id']}").json()
    assert detail["text"] == CPPCC_REPORT and len(detail["figures"]) == len(created["figures"])


def test_create_with_reviewed_figures_saves_exactly_those(api):
    r = api("demo-staff").post(
        "/api/v1/peer-reports",
        {
            "text": CPPCC_REPORT,
            "figures": [{"key": "proposal.submitted", "value": 261}],
            "peer_name": "临江县政协（核对）",
        },
    )
    assert r.status_code == 201
    figs = r.json()["figures"]
    assert [(f["key"], f["value"], f["unit"], f["is_manual"]) for f in figs] == [
        ("proposal.submitted", 261, "件", True)
    ]


def test_create_refuses_bad_input_and_stores_nothing(api):
    client = api("demo-staff")
    r = client.post("/api/v1/peer-reports", {"text": NOT_A_REPORT})
    assert r.status_code == 400
    r = client.post("/api/v1/peer-reports", {"text": CPPCC_REPORT, "figures": [{"key": "nope", "value": 1}]})
    assert r.status_code == 422 and "未知的数据项" in r.json()["message"]
    assert (
        client.post("/api/v1/peer-reports", {"text": CPPCC_REPORT, "peer_body_id": 999999}).status_code == 404
    )
    assert api("demo-member").post("/api/v1/peer-reports", {"text": CPPCC_REPORT}).status_code == 403
    assert not PeerReport.objects.exists()


def test_another_bodys_peer_report_is_404_and_not_listed(api, user_named):
    staff = user_named("demo-staff")
    report = services.peer_report_create_from_text(actor=staff, body=staff.body, text=CPPCC_REPORT)
    other = api("demo-deputy-staff")
    assert other.get(f"/api/v1/peer-reports/{report.pk}").status_code == 404
    assert other.get("/api/v1/peer-reports").json()["count"] == 0
    assert api("demo-member").get("/api/v1/peer-reports").status_code == 403


# -------------------------------------------------------------------- comparison


def test_comparison_api(api, user_named, city_cppcc):
    # given
    staff = user_named("demo-staff")
    report = services.peer_report_create_from_text(
        actor=staff, body=staff.body, text=CPPCC_REPORT, overrides={"member_count": 200}
    )
    child = Body.objects.filter(parent=city_cppcc).first()
    # when
    r = api("demo-staff").get("/api/v1/comparison", year=2023, peers=f"report-{report.pk},body-{child.pk}")
    # then
    assert r.status_code == 200
    data = r.json()
    assert [c["id"] for c in data["columns"]] == ["ours", f"report-{report.pk}", f"body-{child.pk}"]
    assert (
        data["columns"][0]["member_count"]
        == Membership.objects.filter(body=city_cppcc, is_active=True).count()
    )
    row = next(x for x in data["rows"] if x["key"] == "proposal.submitted")
    assert row["values"][1] == 216 and row["per_members"][1] == 108
    assert data["per_members"] == 100


def test_comparison_api_refuses_bad_peers_and_other_bodies_reports(api, user_named):
    deputy_staff = user_named("demo-deputy-staff")
    theirs = services.peer_report_create_from_text(
        actor=deputy_staff, body=deputy_staff.body, text=CONGRESS_REPORT
    )
    client = api("demo-staff")
    assert client.get("/api/v1/comparison", year=2023, peers="nonsense").status_code == 422
    assert client.get("/api/v1/comparison", year=2023, peers=f"report-{theirs.pk}").status_code == 404
    assert api("demo-member").get("/api/v1/comparison", year=2023).status_code == 403


def test_the_openapi_document_lists_the_report_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/v1/figures",
        "/api/v1/reports/extract",
        "/api/v1/peer-reports",
        "/api/v1/peer-reports/{report_id}",
        "/api/v1/comparison",
    ):
        assert path in paths
