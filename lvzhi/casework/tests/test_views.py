from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from lvzhi.casework.models import Case, CaseEvent, HolidayOverride

from . import factories as f

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "casework:inbox",
    "casework:overdue",
    "casework:key-cases",
    "casework:unit-progress",
    "proposals:statistics",
    "casework:holidays",
]


@pytest.mark.parametrize("name", STAFF_PAGES)
@pytest.mark.parametrize("username", ["demo-staff", "demo-deputy-staff", "demo-leader", "demo-admin"])
def test_staff_pages_render_for_staff_and_leaders(client_as, name, username, django_assert_max_num_queries):
    client = client_as(username)
    with django_assert_max_num_queries(25):
        r = client.get(reverse(name))
    assert r.status_code == 200


@pytest.mark.parametrize("name", STAFF_PAGES)
@pytest.mark.parametrize("username", ["demo-member", "demo-unit"])
def test_staff_pages_refuse_members_and_units(client_as, name, username):
    assert client_as(username).get(reverse(name)).status_code == 403


def test_inbox_lists_submitted_proposals_with_state_tabs(client_as):
    r = client_as("demo-staff").get(reverse("casework:inbox"), {"state": "submitted"})
    html = r.content.decode()
    assert "待审查" in html and "批量立案" in html
    assert (
        r.context["page"].paginator.count
        == Case.objects.filter(kind="proposal", state="submitted", body__short_name="示范市政协").count()
    )


def test_inbox_query_count_does_not_grow_with_page_size(client_as, django_assert_max_num_queries):
    client = client_as("demo-staff")
    with django_assert_max_num_queries(20):
        client.get(reverse("casework:inbox"), {"state": "all"})


def test_member_sees_my_cases_and_unit_sees_todo(client_as):
    r = client_as("demo-member").get(reverse("casework:my-cases"))
    assert r.status_code == 200 and "我的提案" in r.content.decode()
    assert r.context["page"].paginator.count >= 5
    r = client_as("demo-unit").get(reverse("casework:unit-todo"))
    assert r.status_code == 200 and r.context["page"].paginator.count >= 5
    assert client_as("demo-member").get(reverse("casework:unit-todo")).status_code == 403


def test_my_cases_lists_and_offers_only_the_kinds_a_member_drafts_there(client_as):
    # given: a CPPCC member with 社情民意 and 微建议 of their own
    client = client_as("demo-member")
    # when
    r = client.get(reverse("casework:my-cases"))
    # then: only 提案 are listed and offered; 信访件 and 社情民意 are drafted elsewhere
    html = r.content.decode()
    assert {c.kind for c in r.context["page"].object_list} == {"proposal"}
    assert [k.kind for k in r.context["kinds"]] == ["proposal"]
    assert "起草信访件" not in html and "起草社情民意信息" not in html
    assert client.get(reverse("casework:case-create", args=["petition"])).status_code == 404
    assert client.get(reverse("casework:case-create", args=["opinion"])).status_code == 404


def test_a_congress_deputy_is_offered_suggestions_and_bills(client_as):
    r = client_as("demo-deputy").get(reverse("casework:my-cases"))
    assert [k.kind for k in r.context["kinds"]] == ["suggestion", "bill"]
    assert "我的建议" in r.content.decode()


def test_the_information_officer_is_named_so_and_sees_their_own_reports(client_as):
    # given: the demo's 特约信息员 (a member-role account without a seat)
    client = client_as("demo-officer")
    # when
    home = client.get("/").content.decode()
    mine = client.get(reverse("opinions:my-opinions"))
    # then: the header says 信息员, there is no 我的提案, and the reports they filed are theirs
    assert "· 信息员" in home and "我的提案" not in home
    assert mine.context["page"].paginator.count > 0
    assert client.get(reverse("casework:my-cases")).context["can_draft"] is False


def test_unit_cannot_open_a_case_assigned_elsewhere(client_as, user_named):
    unit = user_named("demo-unit")
    other = (
        Case.objects.filter(body=unit.body, state="handling")
        .exclude(assignments__unit_id=unit.handling_unit_id)
        .first()
    )
    assert client_as("demo-unit").get(reverse("casework:case-detail", args=[other.pk])).status_code == 404


def test_the_life_of_a_proposal_through_the_pages(client_as, user_named):
    # given: a member drafts and submits through the form
    m, s, u = client_as("demo-member"), client_as("demo-staff"), client_as("demo-unit")
    r = m.post(
        reverse("casework:case-create", args=["proposal"]),
        {
            "title": "关于完善校园午餐供餐管理的提案",
            "content": f.LONG,
            "category": "society",
            "is_public": "on",
            "then": "submit",
        },
    )
    case = Case.objects.get(title="关于完善校园午餐供餐管理的提案")
    assert r.status_code == 302 and case.state == "submitted"
    # when: staff registers and assigns through the action forms, the unit replies, the member rates
    unit = user_named("demo-unit").handling_unit

    def act(client, name, **data):
        return client.post(reverse("casework:case-action", args=[case.pk, name]), data)

    act(s, "register")
    act(s, "assign", lead_unit_id=unit.pk)
    act(u, "accept")
    act(u, "reply", category="a", content="已全面落实。", signed_by="李局长")
    r = act(m, "rate", rating="satisfied", comment="很满意")
    # then
    case.refresh_from_db()
    assert case.state == "closed" and case.rating == "satisfied"
    page = m.get(reverse("casework:case-detail", args=[case.pk])).content.decode()
    assert "已办结" in page and "已全面落实" in page and "立案" in page


def test_a_refused_action_on_the_page_shows_a_message_and_changes_nothing(client_as, user_named):
    member = user_named("demo-member")
    case = f.move(f.draft(member), member, "submit")
    before = CaseEvent.objects.filter(case=case).count()
    r = client_as("demo-staff").post(
        reverse("casework:case-action", args=[case.pk, "decline"]), {}, follow=True
    )
    assert "请填写“不予立案理由”" in r.content.decode()
    case.refresh_from_db()
    assert case.state == "submitted" and CaseEvent.objects.filter(case=case).count() == before


def test_bulk_register_and_bulk_assign(client_as, user_named):
    member, staff = user_named("demo-member"), user_named("demo-staff")
    cases = [
        f.move(f.draft(member, title=f"关于批量办理测试的第{i}件提案"), member, "submit") for i in range(3)
    ]
    client = client_as("demo-staff")
    client.post(reverse("casework:bulk"), {"action": "register", "ids": [c.pk for c in cases]})
    assert set(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("state", flat=True)) == {
        "registered"
    }
    lead, assist = f.units(staff.body, 2)
    client.post(
        reverse("casework:bulk"),
        {
            "action": "assign",
            "ids": [c.pk for c in cases],
            "lead_unit_id": lead.pk,
            "assisting_unit_ids": [assist.pk],
        },
    )
    assert set(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("state", flat=True)) == {
        "assigned"
    }


def test_exports_open_in_excel_and_word(client_as):
    client = client_as("demo-staff")
    r = client.get(reverse("casework:inbox"), {"state": "all", "export": "xlsx"})
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws.cell(1, 1).value == "案号" and ws.max_row > 100
    r = client.get(reverse("casework:unit-progress"), {"export": "xlsx"})
    assert load_workbook(io.BytesIO(r.content)).active.cell(1, 1).value == "承办单位"
    r = client.get(reverse("casework:compilation"))
    doc = Document(io.BytesIO(r.content))
    assert "提案汇编" in doc.paragraphs[0].text
    case = Case.objects.filter(body__short_name="示范市政协", state="closed").first()
    reply = case.replies.first()
    r = client.get(reverse("casework:reply-letter", args=[case.pk, reply.pk]))
    assert "答复" in "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)


def test_staff_edit_the_holiday_table(client_as):
    client = client_as("demo-staff")
    client.post(reverse("casework:holidays"), {"date": "2031-10-01", "is_workday": "0", "note": "国庆节"})
    row = HolidayOverride.objects.get(date="2031-10-01")
    assert not row.is_workday
    client.post(reverse("casework:holidays"), {"delete": row.pk})
    assert not HolidayOverride.objects.filter(date="2031-10-01").exists()


def test_draft_form_rejects_short_text_in_chinese(client_as):
    r = client_as("demo-member").post(
        reverse("casework:case-create", args=["proposal"]),
        {"title": "短", "content": "短", "category": "other", "is_public": "on"},
    )
    assert (r.status_code == 200 and "确保该值" in r.content.decode()) or "至少" in r.content.decode()
