"""The four endpoints: contracts, permission scoping, Chinese 4xx, bounded queries."""

from __future__ import annotations

from lvzhi.casework.models import Case
from lvzhi.textsim import selectors, services


def test_search_contract_and_scope(api, user_named, django_assert_max_num_queries):
    # given a deputy of the congress and a phrase from the CPPCC's proposals
    client = api("demo-staff")
    # when
    with django_assert_max_num_queries(12):
        res = client.get("/api/v1/search", q="公交线路", kind="proposal")
    # then
    assert res.status_code == 200
    data = res.json()
    assert data["count"] >= 1
    item = data["items"][0]
    assert set(item) >= {"source", "case_id", "title", "score", "snippet", "url", "state", "kind"}
    assert "<mark>" in "".join(i["snippet"] for i in data["items"])
    staff = user_named("demo-staff")
    ids = [i["case_id"] for i in data["items"] if i["case_id"]]
    assert set(Case.objects.filter(pk__in=ids).values_list("body_id", flat=True)) == {staff.body_id}
    # and the congress deputy never sees CPPCC proposals
    other = api("demo-deputy").get("/api/v1/search", q="公交线路", kind="proposal").json()
    assert other["count"] == 0


def test_unit_searches_only_its_own_cases(api, user_named):
    unit = user_named("demo-unit")
    data = api("demo-unit").get("/api/v1/search", q="建议", page_size=100).json()
    case_ids = {i["case_id"] for i in data["items"] if i["case_id"]}
    assert case_ids
    visible = set(
        Case.objects.filter(pk__in=case_ids, assignments__unit_id=unit.handling_unit_id).values_list(
            "pk", flat=True
        )
    )
    assert case_ids == visible


def test_empty_query_and_long_text_get_chinese_4xx(api):
    client = api("demo-member")
    empty = client.get("/api/v1/search", q="")
    assert empty.status_code == 422
    assert selectors.QUERY_EMPTY in empty.json()["message"]
    long = client.post("/api/v1/text/similar", {"text": "长" * 10_000})
    assert long.status_code == 422
    assert "文本过长" in long.json()["message"]


def test_similar_contract_and_other_body_refused(api, public_case, user_named):
    client = api("demo-member")
    res = client.post(
        "/api/v1/text/similar", {"text": f"{public_case.title}\n{public_case.content}", "kind": "proposal"}
    )
    assert res.status_code == 200
    rows = res.json()
    assert rows[0]["case_id"] == public_case.pk
    assert set(rows[0]) >= {"case_id", "title", "score", "state"}
    congress = user_named("demo-deputy").body_id
    refused = client.post("/api/v1/text/similar", {"text": "公交线路优化", "body_id": congress})
    assert refused.status_code == 404
    assert refused.json()["message"] == selectors.BODY_NOT_VISIBLE


def test_case_similar_needs_a_visible_case(api, public_case):
    assert api("demo-staff").get(f"/api/v1/cases/{public_case.pk}/similar").status_code == 200
    assert api("demo-deputy").get(f"/api/v1/cases/{public_case.pk}/similar").status_code == 404


def test_routing_for_staff_only(api, user_named, django_assert_max_num_queries):
    staff = user_named("demo-staff")
    case = Case.objects.filter(body_id=staff.body_id, state="registered").first()
    assert case is not None
    client = api("demo-staff")
    client.get(f"/api/v1/cases/{case.pk}/routing")  # warm the router (trained once per process)
    with django_assert_max_num_queries(12):
        res = client.get(f"/api/v1/cases/{case.pk}/routing")
    assert res.status_code == 200
    rows = res.json()
    assert 1 <= len(rows) <= 3
    assert set(rows[0]) == {"unit_id", "name", "confidence"}
    assert 0 <= rows[0]["confidence"] <= 1
    member_case = Case.objects.filter(submitter=user_named("demo-member"), submitted_at__isnull=False).first()
    refused = api("demo-member").get(f"/api/v1/cases/{member_case.pk}/routing")
    assert refused.status_code == 403
    assert refused.json()["message"] == services.STAFF_ONLY
