from __future__ import annotations

import pytest
from django.conf import settings

from lvzhi.accounts.models import ApiToken
from lvzhi.core.models import AuditEntry
from lvzhi.orgs.models import Body, HandlingUnit, Member, Membership

pytestmark = pytest.mark.django_db


def test_token_flow_issue_use_and_revoke(api):
    # given: a token from username and password
    anon = api(None)
    r = anon.post("/api/v1/auth/token", {"username": "demo-staff", "password": settings.LVZHI_DEMO_PASSWORD})
    assert r.status_code == 200
    token = r.json()["token"]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    # when: used
    r = anon.client.get("/api/v1/bodies", **headers)
    # then
    assert r.status_code == 200
    assert r.json()["items"][0]["name"] == "中国人民政治协商会议示范市委员会"
    assert anon.client.delete("/api/v1/auth/token", **headers).status_code == 204
    r = anon.client.get("/api/v1/bodies", **headers)
    assert r.status_code == 401
    assert r.json() == {"code": "not_authenticated", "message": "请先登录或提供有效的访问令牌。"}


def test_wrong_password_gets_401_in_chinese(api):
    r = api(None).post("/api/v1/auth/token", {"username": "demo-staff", "password": "x"})
    assert r.status_code == 401
    assert r.json()["message"] == "用户名或密码错误。"
    assert not ApiToken.objects.filter(user__username="demo-staff").exists()


def test_bodies_list_has_the_contract_fields_and_only_the_callers_body(api):
    items = api("demo-staff").get("/api/v1/bodies").json()["items"]
    assert len(items) == 1
    assert set(items[0]) >= {"id", "name", "kind", "level", "parent_id"}
    assert items[0]["kind"] == "cppcc" and items[0]["level"] == "city" and items[0]["parent_id"] is None


def test_admin_sees_every_body_with_parents(api):
    data = api("demo-admin").get("/api/v1/bodies", page_size=100).json()
    assert data["count"] == Body.objects.count() == 8
    counties = [b for b in data["items"] if b["level"] == "county"]
    assert len(counties) == 6 and all(b["parent_id"] for b in counties)


def test_member_cannot_read_another_bodys_member(api):
    other = Membership.objects.filter(body__short_name="示范市人大常委会").first().member_id
    r = api("demo-member").get(f"/api/v1/members/{other}")
    assert r.status_code == 404
    assert r.json()["code"] == "not_found"
    assert "无权" in r.json()["message"]


def test_member_cannot_read_another_bodys_body(api):
    congress = Body.objects.get(short_name="示范市人大常委会")
    assert api("demo-member").get(f"/api/v1/bodies/{congress.pk}").status_code == 404


def test_handling_unit_user_sees_only_its_own_unit(api):
    data = api("demo-unit").get("/api/v1/units").json()
    assert data["count"] == 1 and data["items"][0]["name"] == "示范市教育局"


def test_bad_json_is_a_chinese_400(api):
    r = api("demo-staff").post("/api/v1/units", raw="{not json")
    assert r.status_code == 400
    assert r.json() == {"code": "bad_json", "message": "请求内容不是有效的 JSON。"}


def test_wrong_types_are_a_chinese_422_and_change_nothing(api):
    before = HandlingUnit.objects.count()
    body = Body.objects.get(short_name="示范市政协")
    r = api("demo-staff").post("/api/v1/units", {"body_id": "abc", "name": 5, "category": "martian"})
    assert r.status_code == 422
    data = r.json()
    assert data["code"] == "invalid" and data["message"].startswith("请求数据有误")
    assert "body_id" in data["message"]
    assert HandlingUnit.objects.count() == before
    assert body.pk


def test_staff_creates_and_updates_a_unit_and_it_is_audited(api):
    body = Body.objects.get(short_name="示范市政协")
    c = api("demo-staff")
    r = c.post("/api/v1/units", {"body_id": body.pk, "name": "示范市数据资源中心", "category": "government"})
    assert r.status_code == 201, r.content
    uid = r.json()["id"]
    r = c.patch(f"/api/v1/units/{uid}", {"contact_name": "李明"})
    assert r.status_code == 200 and r.json()["contact_name"] == "李明"
    actions = list(
        AuditEntry.objects.filter(model="orgs.handlingunit", object_id=str(uid)).values_list(
            "action", "actor_name"
        )
    )
    assert ("create", "周晓梅") in actions and ("update", "周晓梅") in actions


def test_duplicate_unit_name_is_a_422_with_a_chinese_message(api):
    body = Body.objects.get(short_name="示范市政协")
    r = api("demo-staff").post(
        "/api/v1/units", {"body_id": body.pk, "name": "示范市教育局", "category": "government"}
    )
    assert r.status_code == 422
    assert r.json()["message"] == "该机构已有同名承办单位。"


def test_member_may_not_create_units_or_bodies(api):
    body = Body.objects.get(short_name="示范市政协")
    c = api("demo-member")
    r = c.post("/api/v1/units", {"body_id": body.pk, "name": "某单位", "category": "government"})
    assert r.status_code == 403 and r.json()["code"] == "permission_denied"
    r = c.post("/api/v1/bodies", {"name": "新机构", "kind": "cppcc", "level": "county", "region": "某县"})
    assert r.status_code == 403


def test_staff_cannot_create_units_in_another_body(api):
    congress = Body.objects.get(short_name="示范市人大常委会")
    r = api("demo-staff").post(
        "/api/v1/units", {"body_id": congress.pk, "name": "某单位", "category": "government"}
    )
    assert r.status_code == 404


def test_member_list_filters_and_paginates(api):
    c = api("demo-staff")
    body = Body.objects.get(short_name="示范市政协")
    sector = body.sectors.get(name="教育界")
    data = c.get("/api/v1/members", sector=sector.pk, page_size=3).json()
    expected = Membership.objects.filter(body=body, sector=sector, is_active=True).count()
    assert data["count"] == expected and len(data["items"]) == min(3, expected)
    assert all(m["memberships"][0]["sector"] == "教育界" for m in data["items"])


def test_member_list_hides_phone_numbers_from_members(api):
    item = api("demo-member").get("/api/v1/members", page_size=1).json()["items"][0]
    assert item["phone"] is None
    item = api("demo-staff").get("/api/v1/members", page_size=1).json()["items"][0]
    assert item["phone"]


def test_staff_creates_a_member_with_membership(api):
    body = Body.objects.get(short_name="示范市政协")
    sector = body.sectors.get(name="经济界")
    r = api("demo-staff").post(
        "/api/v1/members",
        {"name": "欧阳明", "gender": "m", "body_id": body.pk, "role": "member", "sector_id": sector.pk},
    )
    assert r.status_code == 201, r.content
    assert r.json()["memberships"][0]["sector"] == "经济界"
    assert Member.objects.filter(name="欧阳明").exists()


def test_congress_role_is_refused_in_a_cppcc_body(api):
    body = Body.objects.get(short_name="示范市政协")
    r = api("demo-staff").post(
        "/api/v1/members", {"name": "错身份", "gender": "f", "body_id": body.pk, "role": "deputy"}
    )
    assert r.status_code == 422
    assert "不是政协的身份" in r.json()["message"]
    assert not Member.objects.filter(name="错身份").exists()


def test_list_queries_do_not_grow_with_page_size(api, django_assert_max_num_queries):
    c = api("demo-admin")
    with django_assert_max_num_queries(8):
        c.get("/api/v1/members", page_size=5)
    with django_assert_max_num_queries(8):
        c.get("/api/v1/members", page_size=100)


def test_openapi_document_lists_the_contract_paths():
    from django.test import Client

    doc = Client().get("/api/openapi.json").json()
    for p in [
        "/api/v1/auth/token",
        "/api/v1/bodies",
        "/api/v1/bodies/{body_id}",
        "/api/v1/terms",
        "/api/v1/members",
        "/api/v1/members/{member_id}",
        "/api/v1/units",
        "/api/v1/units/{unit_id}",
    ]:
        assert p in doc["paths"], p
