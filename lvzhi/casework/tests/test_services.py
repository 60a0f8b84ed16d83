from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from lvzhi.casework import services, workdays
from lvzhi.casework.models import Assignment, Case, CaseEvent, Chase, Cosponsor, HolidayOverride
from lvzhi.core.exceptions import TransitionNotAllowed

from . import factories as f

pytestmark = pytest.mark.django_db


def test_working_days_follow_the_official_calendar_and_the_override_table():
    # 2024-10-01 … 10-07 national holiday; 2024-10-12 (Saturday) a 调休 working day
    assert not workdays.is_workday(datetime.date(2024, 10, 3))
    assert workdays.is_workday(datetime.date(2024, 10, 12))
    assert workdays.add_workdays(datetime.date(2024, 9, 30), 1) == datetime.date(2024, 10, 8)
    # a year the package does not know: weekends, unless staff say otherwise
    HolidayOverride.objects.create(date=datetime.date(2099, 1, 1), is_workday=False, note="元旦")
    assert not workdays.is_workday(datetime.date(2099, 1, 1))
    assert workdays.is_workday(datetime.date(2099, 1, 2))


def test_cosponsors_must_confirm_before_submission(user_named):
    # given: a draft with two invited co-sponsors
    member = user_named("demo-member")
    others = f.other_members(member.body, member.member_id, 2)
    case = f.draft(member, cosponsor_ids=[m.member_id for m in others])
    # when / then: submitting before they confirm is refused and changes nothing
    with pytest.raises(ValidationError) as exc:
        services.case_transition(case=case, name="submit", actor=member)
    assert "联名人尚未全部确认" in str(exc.value)
    assert Case.objects.get(pk=case.pk).state == "draft"
    for m in others:
        f.move(case, f.member_user(m), "cosign", accept=True)
    assert f.move(Case.objects.get(pk=case.pk), member, "submit").state == "submitted"


def test_a_bill_needs_ten_deputies(user_named):
    deputy = user_named("demo-deputy")
    case = f.draft(deputy, kind="bill", title="关于制定示范市养犬管理条例的议案")
    with pytest.raises(ValidationError) as exc:
        services.case_transition(case=case, name="submit", actor=deputy)
    assert "10 名以上代表联名" in str(exc.value)


def test_merge_credits_the_absorbed_submitter_on_the_survivor(user_named):
    member, staff = user_named("demo-member"), user_named("demo-staff")
    other = f.member_user(f.other_members(member.body, member.member_id, 1)[0])
    keep = f.move(f.draft(member), member, "submit")
    absorbed = f.move(f.draft(other, title="关于增加城区停车位供给的提案"), other, "submit")
    absorbed = f.move(absorbed, staff, "merge", into_id=keep.pk, note="同题并案")
    assert absorbed.state == "merged" and absorbed.merged_into_id == keep.pk
    assert Cosponsor.objects.filter(case=keep, member_id=other.member_id, source="merged").exists()
    assert CaseEvent.objects.filter(case=keep, action="case.absorb").exists()


def test_bill_converted_to_a_suggestion_keeps_its_lineage(user_named):
    deputy, staff = user_named("demo-deputy"), user_named("demo-deputy-staff")
    others = f.other_members(deputy.body, deputy.member_id, 9)
    case = f.draft(
        deputy,
        kind="bill",
        title="关于修订示范市城市绿化条例的议案",
        cosponsor_ids=[m.member_id for m in others],
    )
    for m in others:
        f.move(case, f.member_user(m), "cosign", accept=True)
    case = f.move(Case.objects.get(pk=case.pk), deputy, "submit")
    case = f.move(case, staff, "convert", to_kind="suggestion", note="不符合议案要求，作为建议办理")
    new = Case.objects.get(derived_from=case)
    assert case.state == "converted" and new.kind == "suggestion" and new.state == "submitted"
    assert new.cosponsors.count() == 9


def test_reroute_only_within_the_window_and_staff_decide(user_named):
    member, staff, unit = user_named("demo-member"), user_named("demo-staff"), user_named("demo-unit")
    case = f.move(f.move(f.draft(member), member, "submit"), staff, "register")
    other_unit = f.units(staff.body, 3)[-1]
    case = f.move(case, staff, "assign", lead_unit_id=unit.handling_unit_id)
    f.move(case, unit, "reroute", note="该事项属财政职责")
    a = Assignment.objects.get(case=case, unit_id=unit.handling_unit_id)
    assert a.status == "reroute"
    case = f.move(
        Case.objects.get(pk=case.pk),
        staff,
        "reroute_approve",
        assignment_id=a.pk,
        units=[{"unit_id": other_unit.pk, "role": "lead"}],
    )
    assert Assignment.objects.get(pk=a.pk).status == "withdrawn"
    assert Assignment.objects.filter(case=case, unit=other_unit, role="lead").exists()
    # the window: a unit that waited too long owns the case
    unit2 = f.unit_user(other_unit)
    Assignment.objects.filter(case=case, unit=other_unit).update(reroute_until=datetime.date(2000, 1, 1))
    with pytest.raises(TransitionNotAllowed):
        services.case_transition(
            case=Case.objects.get(pk=case.pk), name="reroute", actor=unit2, data={"note": "x"}
        )


def test_deadline_sweep_escalates_once_per_level(user_named):
    member, staff, unit = user_named("demo-member"), user_named("demo-staff"), user_named("demo-unit")
    case = f.move(f.move(f.draft(member), member, "submit"), staff, "register")
    case = f.move(case, staff, "assign", lead_unit_id=unit.handling_unit_id)
    Assignment.objects.filter(case=case).update(due_on=datetime.date(2020, 1, 6))
    first = services.deadlines_sweep(body_id=case.body_id)
    again = services.deadlines_sweep(body_id=case.body_id)
    assert (
        first["notice"] >= 1
        and Chase.objects.filter(case=case, level="notice", is_automatic=True).count() == 1
    )
    assert Chase.objects.filter(case=case).count() == 1 and again["notice"] < first["notice"] + 1
