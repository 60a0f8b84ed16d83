from __future__ import annotations

import io

import pytest
from docx import Document

from lvzhi.casework import services
from lvzhi.casework.models import Case, CaseEvent, Feedback, Reply
from lvzhi.core.models import AuditEntry

from . import factories as f

pytestmark = pytest.mark.django_db


def _life(api, *, kind, member, staff, lead_user, assist_unit, body_id):
    m, s, u = api(member), api(staff), api(lead_user.username)
    # member drafts and submits
    r = m.post(
        "/api/v1/cases",
        {
            "kind": kind,
            "body_id": body_id,
            "title": "关于完善城市社区养老服务体系的建议",
            "content": f.LONG,
            "category": "society",
        },
    )
    assert r.status_code == 201, r.content
    case_id = r.json()["id"]
    assert r.json()["state"] == "draft" and r.json()["state_label"] == "草稿"
    r = m.post(f"/api/v1/cases/{case_id}/actions/submit")
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "submitted"
    # staff registers and assigns 主办 + 协办
    r = s.post(f"/api/v1/cases/{case_id}/actions/register")
    assert r.status_code == 200 and r.json()["state"] == "registered"
    assert "第0" in r.json()["number"]
    r = s.post(
        f"/api/v1/cases/{case_id}/actions/assign",
        {
            "units": [
                {"unit_id": lead_user.handling_unit_id, "role": "lead"},
                {"unit_id": assist_unit.pk, "role": "assisting"},
            ]
        },
    )
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "assigned" and r.json()["state_label"] == "已交办"
    assert {a["role_label"] for a in r.json()["assignments"]} == {"主办", "协办"}
    # the lead unit accepts, records a contact and replies B
    assert u.post(f"/api/v1/cases/{case_id}/actions/accept").json()["state"] == "handling"
    r = u.post(
        f"/api/v1/cases/{case_id}/actions/contact",
        {"stage": "before", "mode": "face", "note": "当面沟通办理思路"},
    )
    assert r.status_code == 200 and r.json()["state"] == "handling"
    r = u.post(
        f"/api/v1/cases/{case_id}/actions/reply",
        {
            "category": "b",
            "content": "已列入明年工作计划。",
            "signed_by": "张局长",
            "promised_on": "2099-12-31",
        },
    )
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "replied" and r.json()["reply_category"] == "b"
    # member rates 不满意 → staff orders re-handling → unit replies A → member 满意 → closed
    r = m.post(
        f"/api/v1/cases/{case_id}/actions/rate", {"rating": "unsatisfied", "comment": "未解决实际问题"}
    )
    assert r.status_code == 200 and r.json()["state"] == "dissatisfied"
    r = s.post(f"/api/v1/cases/{case_id}/actions/rehandle", {"note": "请重新研究办理"})
    assert r.status_code == 200 and r.json()["state"] == "rehandling" and r.json()["round"] == 2
    r = u.post(
        f"/api/v1/cases/{case_id}/actions/reply",
        {"category": "a", "content": "已解决。", "signed_by": "张局长"},
    )
    assert r.status_code == 200 and r.json()["state"] == "replied" and r.json()["reply_category"] == "a"
    r = m.post(f"/api/v1/cases/{case_id}/actions/rate", {"rating": "satisfied"})
    assert r.status_code == 200
    assert r.json()["state"] == "closed" and r.json()["state_label"] == "已办结"
    return case_id


def test_proposal_whole_life_through_the_api(api, user_named):
    # given
    staff = user_named("demo-staff")
    assist = f.units(staff.body, 3)[-1]
    lead_user = user_named("demo-unit")
    # when
    case_id = _life(
        api,
        kind="proposal",
        member="demo-member",
        staff="demo-staff",
        lead_user=lead_user,
        assist_unit=assist,
        body_id=staff.body_id,
    )
    # then: every step is an event and an audit row; the timeline reads them
    events = api("demo-member").get(f"/api/v1/cases/{case_id}/events").json()
    actions = [e["action"] for e in events]
    assert actions == [
        "create",
        "submit",
        "register",
        "assign",
        "accept",
        "contact",
        "reply",
        "rate",
        "rehandle",
        "reply",
        "rate",
    ]
    assert events[2]["action_label"] == "立案" and events[2]["to_state_label"] == "已立案"
    assert AuditEntry.objects.filter(action="case.register", object_id=str(case_id)).count() == 1
    assert Reply.objects.filter(case_id=case_id).count() == 2
    assert list(Feedback.objects.filter(case_id=case_id).values_list("rating", flat=True)) == [
        "unsatisfied",
        "satisfied",
    ]


def test_suggestion_whole_life_through_the_api(api, user_named):
    # given: a congress handling unit with a user
    staff = user_named("demo-deputy-staff")
    lead, assist = f.units(staff.body, 2)
    lead_user = f.unit_user(lead)
    # when / then
    case_id = _life(
        api,
        kind="suggestion",
        member="demo-deputy",
        staff="demo-deputy-staff",
        lead_user=lead_user,
        assist_unit=assist,
        body_id=staff.body_id,
    )
    assert Case.objects.get(pk=case_id).number.startswith("建议〔")


def test_wrong_state_gets_409_and_changes_nothing(api, user_named):
    # given: a draft
    case = f.draft(user_named("demo-member"))
    before = CaseEvent.objects.filter(case=case).count()
    # when: staff tries to register before it is submitted
    r = api("demo-staff").post(f"/api/v1/cases/{case.pk}/actions/register")
    # then: it is not visible to staff as a draft → 404; the member trying to rate a draft → 409
    assert r.status_code == 404
    r = api("demo-member").post(f"/api/v1/cases/{case.pk}/actions/rate", {"rating": "satisfied"})
    assert r.status_code == 409
    assert r.json()["code"] == "transition_not_allowed"
    assert "当前状态为“草稿”" in r.json()["message"]
    case.refresh_from_db()
    assert case.state == "draft" and CaseEvent.objects.filter(case=case).count() == before


def test_wrong_role_gets_403_and_changes_nothing(api, user_named):
    # given: a submitted proposal
    member = user_named("demo-member")
    case = f.move(f.draft(member), member, "submit")
    before = CaseEvent.objects.filter(case=case).count()
    # when: the submitter tries to register it
    r = api("demo-member").post(f"/api/v1/cases/{case.pk}/actions/register")
    # then
    assert r.status_code == 403
    assert r.json() == {"code": "permission_denied", "message": "您无权对该件执行“立案”。"}
    case.refresh_from_db()
    assert case.state == "submitted" and not case.number
    assert CaseEvent.objects.filter(case=case).count() == before


def test_missing_fields_get_422_and_change_nothing(api, user_named):
    # given: a submitted proposal
    member = user_named("demo-member")
    case = f.move(f.draft(member), member, "submit")
    before = CaseEvent.objects.filter(case=case).count()
    # when: staff declines without reason, assigns without units
    s = api("demo-staff")
    r1 = s.post(f"/api/v1/cases/{case.pk}/actions/decline", {})
    f.move(case, user_named("demo-staff"), "register")
    r2 = s.post(f"/api/v1/cases/{case.pk}/actions/assign", {})
    r3 = s.post(f"/api/v1/cases/{case.pk}/actions/assign", {"units": [{"unit_id": 999999, "role": "lead"}]})
    # then
    assert r1.status_code == 422 and "请填写“不予立案理由”" in r1.json()["message"]
    assert r2.status_code == 422 and r2.json()["message"] == "units：请至少选择一个主办、会办或分办单位。"
    assert r3.status_code == 422 and "承办单位不属于本机构" in r3.json()["message"]
    case.refresh_from_db()
    assert case.state == "registered" and not case.assignments.exists()
    assert CaseEvent.objects.filter(case=case).count() == before + 1  # only the register in between


def test_another_bodys_case_is_404(api, user_named):
    # given: a submitted proposal of the city CPPCC
    member = user_named("demo-member")
    case = f.move(f.draft(member), member, "submit")
    # when: the congress staff and an unrelated unit ask for it
    r1 = api("demo-deputy-staff").get(f"/api/v1/cases/{case.pk}")
    r2 = api("demo-deputy-staff").post(f"/api/v1/cases/{case.pk}/actions/register")
    r3 = api("demo-unit").get(f"/api/v1/cases/{case.pk}")
    # then
    assert r1.status_code == r2.status_code == r3.status_code == 404
    assert r2.json()["message"] == "该件不存在或您无权查看。"
    case.refresh_from_db()
    assert case.state == "submitted"


def test_creating_in_another_body_is_404_and_bad_kind_is_422(api, user_named):
    congress = user_named("demo-deputy").body
    r = api("demo-member").post(
        "/api/v1/cases",
        {"kind": "proposal", "body_id": congress.pk, "title": "关于某事的提案", "content": f.LONG},
    )
    assert r.status_code == 404
    member = user_named("demo-member")
    r = api("demo-member").post(
        "/api/v1/cases",
        {"kind": "suggestion", "body_id": member.body_id, "title": "关于某事的建议", "content": f.LONG},
    )
    assert r.status_code == 422 and "不受理“代表建议”" in r.json()["message"]
    r = api("demo-member").post(
        "/api/v1/cases", {"kind": "proposal", "body_id": member.body_id, "title": "短", "content": "短"}
    )
    assert r.status_code == 422 and "标题至少 5 个字" in r.json()["message"]


def test_member_sees_only_own_cases_and_unit_only_its_assignments(api, user_named):
    # given: one case by demo-member, one by another member
    member = user_named("demo-member")
    other = f.member_user(f.other_members(member.body, member.member_id, 1)[0])
    mine = f.draft(member, title="关于我自己的一件提案草稿")
    theirs = f.draft(other, title="关于别人的一件提案草稿")
    # when
    ids = {c["id"] for c in api("demo-member").get("/api/v1/cases", page_size=200).json()["items"]}
    # then
    assert mine.pk in ids and theirs.pk not in ids
    assert api("demo-member").get(f"/api/v1/cases/{theirs.pk}").status_code == 404
    unit_rows = api("demo-unit").get("/api/v1/cases", page_size=200).json()["items"]
    unit_id = user_named("demo-unit").handling_unit_id
    assert all(any(u["unit_id"] == unit_id for u in row["units"]) for row in unit_rows)


def test_concurrent_second_actor_gets_409(api, user_named):
    # given: two staff load the same submitted case
    member, staff = user_named("demo-member"), user_named("demo-staff")
    case = f.move(f.draft(member), member, "submit")
    stale = Case.objects.get(pk=case.pk)
    # when: one registers, then the other acts on the copy loaded before
    services.case_transition(case=case, name="register", actor=staff)
    other = f.staff_user(staff.body, "second-staff")
    with pytest.raises(services.ConcurrentTransition) as exc:
        services.case_transition(case=stale, name="return", actor=other, data={"note": "请补充"})
    # then
    assert exc.value.message == "该件已被他人处理，请刷新后重试。"
    assert CaseEvent.objects.filter(case=case, action="case.return").count() == 0


def test_workflow_endpoint_lists_states_and_actions_in_chinese(api):
    data = api("demo-member").get("/api/v1/kinds/proposal/workflow").json()
    assert data["label"] == "提案" and data["initial"] == "draft"
    assert {"value": "registered", "label": "已立案", "terminal": False} in data["states"]
    names = {t["name"] for t in data["transitions"]}
    assert {
        "submit",
        "cosign",
        "register",
        "decline",
        "merge",
        "convert",
        "return",
        "assign",
        "accept",
        "reroute",
        "contact",
        "reply",
        "rate",
        "rehandle",
        "chase",
        "close",
        "reopen",
    } <= names
    assert api("demo-member").get("/api/v1/kinds/nothing/workflow").status_code == 404
    assert api("demo-member").get("/api/v1/kinds/bill/workflow").json()["label"] == "议案"


def test_case_document_is_a_word_file(api, user_named):
    member = user_named("demo-member")
    case = f.move(f.draft(member), member, "submit")
    r = api("demo-member").get(f"/api/v1/cases/{case.pk}/document.docx")
    assert r.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert "建议/办法" in text and case.title in "".join(
        c.text for t in Document(io.BytesIO(r.content)).tables for row in t.rows for c in row.cells
    )


def test_case_list_query_count_does_not_grow(api, django_assert_max_num_queries):
    client = api("demo-staff")
    with django_assert_max_num_queries(8):
        r = client.get("/api/v1/cases", kind="proposal", page_size=100)
    assert r.status_code == 200
