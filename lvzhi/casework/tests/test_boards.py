"""Staff boards added for issue 4: the 交办会 list, 回头看 of past years' B-category cases, the overdue board."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lvzhi.casework import selectors, services
from lvzhi.casework.models import Assignment, Case, CaseEvent, Chase
from lvzhi.core.exceptions import TransitionNotAllowed

from . import factories as f

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


# ---------------------------------------------------------------- 交办会清单


def test_assign_meeting_list_shows_proposed_units_beside_decided_units(client_as, user_named):
    # given: a registered proposal whose submitter proposed unit A, assigned by staff to unit B (+ C assisting)
    member, staff = user_named("demo-member"), user_named("demo-staff")
    a, b, c = f.units(staff.body, 3)
    case = f.draft(member, title="关于优化老旧小区加装电梯审批的提案", proposed_unit_ids=[a.pk])
    case = f.move(f.move(case, member, "submit"), staff, "register")
    f.move(
        case,
        staff,
        "assign",
        units=[{"unit_id": b.pk, "role": "lead"}, {"unit_id": c.pk, "role": "assisting"}],
    )
    client = client_as("demo-staff")
    # when
    r = client.get(reverse("casework:assign-meeting"), {"kind": "proposal", "year": case.year})
    assert r.status_code == 200
    last = r.context["page"].paginator.num_pages  # numbered in 立案 order: the newest is on the last page
    r = client.get(reverse("casework:assign-meeting"), {"kind": "proposal", "year": case.year, "page": last})
    # then
    row = next(x for x in r.context["rows"] if x["case"].pk == case.pk)
    assert row["proposed"] == [a.name] and row["lead"] == [b.name]
    assert row["others"] == [f"{c.name}（协办）"] and row["match"] == "调整"
    # and the export opens in Excel with the same facts
    r = client.get(
        reverse("casework:assign-meeting"), {"kind": "proposal", "year": case.year, "export": "xlsx"}
    )
    ws = load_workbook(io.BytesIO(r.content)).active
    assert [ws.cell(1, i).value for i in (2, 6, 7)] == ["案号", "建议承办单位（提出人）", "主办单位（交办）"]
    found = [
        row
        for row in ws.iter_rows(min_row=2, values_only=True)
        if row[1] == Case.objects.get(pk=case.pk).number
    ]
    assert found and found[0][5] == a.name and found[0][6] == b.name and found[0][8] == "调整"


def test_assign_meeting_list_is_for_staff_and_its_queries_do_not_grow(
    client_as, django_assert_max_num_queries
):
    client = client_as("demo-staff")
    with django_assert_max_num_queries(14):
        r = client.get(reverse("casework:assign-meeting"))
    assert r.status_code == 200 and len(r.context["rows"]) > 20
    for username in ("demo-member", "demo-unit"):
        assert client_as(username).get(reverse("casework:assign-meeting")).status_code == 403
    assert (
        client_as("demo-staff").get(reverse("casework:assign-meeting"), {"session": "999999"}).status_code
        == 404
    )


# ---------------------------------------------------------------- 回头看


def _b_case(member, staff, unit, *, year, title):
    case = f.handling_case(member, staff, unit, title=title)
    promised = TODAY - datetime.timedelta(days=30)
    case = f.move(
        case,
        unit,
        "reply",
        category="b",
        content="列入计划，分步实施。",
        signed_by="王局长",
        promised_on="2099-01-01",
    )
    case = f.move(case, member, "rate", rating="satisfied")
    Case.objects.filter(pk=case.pk).update(year=year, serial=90000 + case.pk, followup_on=promised)
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def people(user_named):
    return user_named("demo-member"), user_named("demo-staff"), user_named("demo-unit")


def test_review_back_lists_last_years_unkept_b_promises_and_carried_older_ones(people, user_named):
    member, staff, unit = people
    last_year = _b_case(member, staff, unit, year=TODAY.year - 1, title="关于推进社区食堂建设的提案")
    old = _b_case(member, staff, unit, year=TODAY.year - 2, title="关于改善农村饮水安全的提案")
    this_year = _b_case(member, staff, unit, year=TODAY.year, title="关于规范共享单车停放的提案")
    ids = set(
        selectors.review_back_list(actor=staff, kind="proposal", year=TODAY.year).values_list("pk", flat=True)
    )
    assert last_year.pk in ids and old.pk not in ids and this_year.pk not in ids
    Case.objects.filter(pk=old.pk).update(carried_over=True)
    ids = set(
        selectors.review_back_list(actor=staff, kind="proposal", year=TODAY.year).values_list("pk", flat=True)
    )
    assert old.pk in ids


def _on_list(response, pk):
    return response.context["page"].paginator.object_list.filter(pk=pk).first()


def test_review_back_through_the_page_carries_an_unkept_promise_to_next_years_list(client_as, people):
    # given: last year's B case on this year's list
    member, staff, unit = people
    case = _b_case(member, staff, unit, year=TODAY.year - 1, title="关于推进社区食堂建设的提案")
    client = client_as("demo-staff")
    list_url = reverse("casework:review-back") + f"?kind=proposal&year={TODAY.year}"
    assert _on_list(client.get(list_url), case.pk)
    # when: staff record 尚未落实 with a new date and carry it over, from the list itself
    new_date = TODAY + datetime.timedelta(days=120)
    r = client.post(
        reverse("casework:case-action", args=[case.pk, "review_back"]),
        {
            "result": "not_done",
            "promised_on": new_date.isoformat(),
            "carry_over": "1",
            "note": "项目资金未到位",
            "next": list_url,
        },
    )
    # then: back on the list; the case is carried over with the new date, and the step is on the timeline
    assert r.status_code == 302 and r["Location"] == list_url
    case.refresh_from_db()
    assert case.carried_over and case.followup_on == new_date and case.state == "closed"
    event = CaseEvent.objects.get(case=case, action="case.review_back")
    assert event.data["result_label"] == "尚未落实" and event.note == "项目资金未到位"
    # next year's list still has it (carried over), with the last review shown
    nxt = client.get(reverse("casework:review-back"), {"kind": "proposal", "year": TODAY.year + 1})
    row = _on_list(nxt, case.pk)
    assert row is not None and row.last_review_result == "尚未落实"
    carried = client.get(
        reverse("casework:review-back"), {"kind": "proposal", "year": TODAY.year, "carried": "1"}
    )
    assert _on_list(carried, case.pk)
    # when it is found done, it leaves every list
    f.move(case, staff, "review_back", result="done", note="已建成投用")
    case.refresh_from_db()
    assert case.followup_on is None and not case.carried_over
    assert (
        not selectors.review_back_list(actor=staff, kind="proposal", year=TODAY.year + 1)
        .filter(pk=case.pk)
        .exists()
    )


def test_review_back_refusals_change_nothing(people, client_as):
    member, staff, unit = people
    # an A-category case: 409, nothing written
    case = f.handling_case(member, staff, unit, title="关于增设公交站点候车亭的提案")
    case = f.move(case, unit, "reply", category="a", content="已落实。", signed_by="王局长")
    before = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(TransitionNotAllowed):
        services.case_transition(
            case=case, name="review_back", actor=staff, data={"result": "done", "note": "x"}
        )
    assert CaseEvent.objects.filter(case=case).count() == before
    # a member or a unit may not take the step, nor open the page
    b = _b_case(member, staff, unit, year=TODAY.year - 1, title="关于推进社区食堂建设的提案")
    r = client_as("demo-member").post(
        f"/api/v1/cases/{b.pk}/actions/review_back",
        {"result": "done", "note": "x"},
        content_type="application/json",
    )
    assert r.status_code == 403
    assert Case.objects.get(pk=b.pk).followup_on == b.followup_on
    assert client_as("demo-unit").get(reverse("casework:review-back")).status_code == 403
    # 尚未落实 without a date when none is on record: 422
    Case.objects.filter(pk=b.pk).update(followup_on=None)
    b.refresh_from_db()
    with pytest.raises(Exception, match="新的承诺完成日期"):
        services.case_transition(
            case=b, name="review_back", actor=staff, data={"result": "not_done", "note": "x"}
        )


def test_review_back_page_and_export_stay_within_a_fixed_number_of_queries(
    client_as, django_assert_max_num_queries
):
    client = client_as("demo-staff")
    with django_assert_max_num_queries(16):
        r = client.get(reverse("casework:review-back"))
    assert r.status_code == 200 and r.context["page"].paginator.count > 0
    r = client.get(reverse("casework:review-back"), {"export": "xlsx"})
    assert load_workbook(io.BytesIO(r.content)).active.cell(1, 1).value == "案号"


# ---------------------------------------------------------------- 超期督办


def test_overdue_board_counts_chases_per_assignment_in_fixed_queries(
    client_as, people, django_assert_max_num_queries
):
    member, staff, unit = people
    case = f.handling_case(member, staff, unit, title="关于整治背街小巷环境卫生的提案")
    Assignment.objects.filter(case=case).update(due_on=TODAY - datetime.timedelta(days=400))
    f.move(case, staff, "chase", level="chase", note="请抓紧办理")
    Chase.objects.create(case=case, assignment=Assignment.objects.get(case=case), level="warn", note="预警")
    client = client_as("demo-staff")
    with django_assert_max_num_queries(14):
        r = client.get(reverse("casework:overdue"))
    rows = list(r.context["page"])
    first = rows[0]
    assert first.case_id == case.pk and first.chase_count == 1  # the case-level chase names no assignment
    expected = Assignment.objects.filter(
        case__body=staff.body,
        case__kind="proposal",
        case__state__in=selectors.HANDLING_STATES,
        role__in=["lead", "joint", "split"],
        status__in=["assigned", "accepted", "reroute"],
        due_on__lt=TODAY,
    ).count()
    assert r.context["page"].paginator.count == expected
    r = client.get(reverse("casework:overdue"), {"export": "xlsx"})
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws.max_row == expected + 1 and ws.cell(2, 7).value == 1
