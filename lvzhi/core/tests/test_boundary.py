"""No input makes a 500: one boundary refuses what no view should see, for pages and API alike."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from lvzhi.casework.models import Case
from lvzhi.orgs.models import Member

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "请求中含有无效字符（NUL），请删除后重试。"


def test_a_nul_byte_in_a_filter_is_refused_on_pages_and_api_with_a_chinese_message(
    client_as, api, user_named
):
    body_id = user_named("demo-staff").body_id
    page = client_as("demo-staff").get("/cases/?q=a%00b")
    assert page.status_code == 400 and NUL_MESSAGE in page.content.decode()
    public = Client().get(f"/public/{body_id}/replies/?q=a%00b")
    assert public.status_code == 400
    r = api("demo-staff").get("/api/v1/cases", q="a\x00b")
    assert r.status_code == 400
    assert r.json() == {"code": "invalid", "message": NUL_MESSAGE}


def test_a_nul_byte_inside_a_json_string_changes_nothing(api, user_named):
    # given a member's draft
    draft = Case.objects.filter(submitter=user_named("demo-member"), state="draft").first()
    before = Case.objects.count()
    # when a client sends NUL inside a JSON string
    r = api("demo-member").post(
        "/api/v1/cases",
        raw=json.dumps({"kind": "proposal", "title": "标题\x00", "content": "内容"}),
    )
    # then it is refused and nothing is written
    assert r.status_code == 400 and r.json()["message"] == NUL_MESSAGE
    assert Case.objects.count() == before
    if draft is not None:
        assert Case.objects.get(pk=draft.pk).title == draft.title


def test_page_numbers_past_the_integer_range_read_the_last_page(api, client_as):
    r = api("demo-staff").get("/api/v1/cases", page="10000000000000000000")
    assert r.status_code == 200
    assert r.json()["page"] == r.json()["pages"]
    assert client_as("demo-staff").get("/cases/?page=10000000000000000000").status_code == 200


def test_ids_past_the_integer_range_are_bad_input_not_a_server_error(api, client_as):
    r = api("demo-staff").get("/api/v1/cases/99999999999999999999")
    assert r.status_code in (404, 422)
    assert client_as("demo-staff").get("/orgs/members/?sector=99999999999999999999").status_code in (200, 400)


@pytest.mark.parametrize("path", ["/api/v1/auth/token", "/api/v1/reports/extract"])
def test_multipart_without_a_boundary_is_a_400(path, user_named):
    c = Client()
    c.force_login(user_named("demo-staff"))
    r = c.generic("POST", path, b"x=1", content_type="multipart/form-data")
    assert r.status_code == 400
    assert "boundary" in r.json()["message"]


@pytest.mark.parametrize("field", ["sector_id", "delegation_id", "party_id"])
@pytest.mark.parametrize("value", [0, 999999])
def test_a_foreign_key_that_does_not_exist_is_a_422_naming_the_field(api, user_named, field, value):
    staff = user_named("demo-staff")
    before = Member.objects.count()
    payload = {"name": "测试委员", "gender": "f", "body_id": staff.body_id, "role": "member", field: value}
    r = api("demo-staff").post("/api/v1/members", payload)
    assert r.status_code == 422, r.content
    assert field.removesuffix("_id") in r.json()["fields"]
    assert Member.objects.count() == before
