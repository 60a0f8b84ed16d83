"""/api/v1/ meetings, plan items, events, attendance, speeches and outcomes: the same rules as the pages."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from lvzhi.activities.models import Event, EventType, Meeting, Outcome

pytestmark = pytest.mark.django_db
TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def test_contract_paths_are_in_the_openapi_document():
    paths = Client().get("/api/openapi.json").json()["paths"]
    for p in (
        "/api/v1/meetings",
        "/api/v1/plan-items",
        "/api/v1/events",
        "/api/v1/attendance",
        "/api/v1/speeches",
        "/api/v1/outcomes",
        "/api/v1/signin",
    ):
        assert p in paths, p


def test_lists_are_scoped_to_the_callers_body(api, user_named):
    staff = user_named("demo-staff")
    r = api("demo-staff").get("/api/v1/meetings", kind="standing", page_size=200)
    assert r.status_code == 200
    ids = {m["id"] for m in r.json()["items"]}
    assert ids == set(Meeting.objects.filter(body=staff.body, kind="standing").values_list("pk", flat=True))
    congress_event = Event.objects.filter(body__short_name="示范市人大常委会").first()
    assert api("demo-staff").get(f"/api/v1/events/{congress_event.pk}").status_code == 404
    assert api("demo-unit").get("/api/v1/events").json()["count"] == 0
    assert api(None).get("/api/v1/meetings").status_code == 401


def test_members_see_only_their_own_attendance(api, user_named):
    member = user_named("demo-member")
    items = api("demo-member").get("/api/v1/attendance", page_size=200).json()["items"]
    assert items and {a["member_id"] for a in items} == {member.member_id}


def test_sign_in_through_the_api_with_its_refusals(api, user_named):
    staff, member = user_named("demo-staff"), user_named("demo-member")
    et = EventType.objects.get(body=None, code="sector_consult")
    r = api("demo-staff").post(
        "/api/v1/events",
        {
            "type_id": et.pk,
            "title": "界别协商（接口）",
            "held_on": TOMORROW,
            "invitee_ids": [member.member_id],
        },
    )
    assert r.status_code == 201, r.content
    event_id = r.json()["id"]
    assert api("demo-member").post(f"/api/v1/events/{event_id}/signin/open").status_code == 403
    token = api("demo-staff").post(f"/api/v1/events/{event_id}/signin/open").json()["token"]
    r = api("demo-member").post("/api/v1/signin", {"token": token})
    assert r.status_code == 200 and r.json()["status"] in {"present", "late"}
    again = api("demo-member").post("/api/v1/signin", {"token": token})
    assert again.status_code == 409 and again.json()["message"] == "您已签到，无需重复签到。"
    closed = api("demo-staff").post(f"/api/v1/events/{event_id}/signin/close").json()
    assert closed["signin_state"] == "closed"
    assert api("demo-deputy").post("/api/v1/signin", {"token": token}).status_code in {404, 409}
    assert staff.body_id == member.body_id


def test_outcome_sent_cannot_be_patched_and_speech_of_another_is_refused(api, user_named):
    r = api("demo-staff").post("/api/v1/outcomes", {"title": "关于城区停车的协商建议", "content": "正文"})
    oid = r.json()["id"]
    assert api("demo-staff").post(f"/api/v1/outcomes/{oid}/send").status_code == 422  # no recipient yet
    assert api("demo-staff").post(f"/api/v1/outcomes/{oid}/recipients", {"name": "市政府"}).status_code == 201
    assert api("demo-staff").post(f"/api/v1/outcomes/{oid}/send").json()["status"] == "sent"
    r = api("demo-staff").patch(f"/api/v1/outcomes/{oid}", {"title": "改", "content": "改"})
    assert r.status_code == 409 and r.json()["message"] == "成果已报送，不能再修改。"
    assert Outcome.objects.get(pk=oid).title == "关于城区停车的协商建议"
    sid = (
        api("demo-member")
        .post("/api/v1/speeches", {"kind": "plenary", "title": "关于托育的建议", "content": "正文"})
        .json()["id"]
    )
    staff_patch = api("demo-staff").patch(f"/api/v1/speeches/{sid}", {"title": "改", "content": "改"})
    assert staff_patch.status_code == 403


def test_plan_items_list_and_cannot_move_back(api, user_named):
    items = api("demo-staff").get("/api/v1/plan-items", state="held", page_size=5).json()["items"]
    assert items and all(i["state"] == "held" for i in items)
    r = api("demo-staff").post(f"/api/v1/plan-items/{items[0]['id']}/advance", {"state": "preparing"})
    assert r.status_code == 409
