"""量化考评: rules as data, every source in the file, caps and deductions, appeals, rankings, the board."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lvzhi.casework.models import Case, Cosponsor
from lvzhi.core.models import AuditEntry
from lvzhi.members import scoring, selectors, services
from lvzhi.members.models import Appeal, ManualRecord, MemberScore, PerformanceEvent

pytestmark = pytest.mark.django_db


def _file(user, member_id=None, year=None):
    return selectors.member_file_for_actor(
        actor=user, body=user.body, member_id=member_id or user.member_id, year=year or _year()
    )


def _year():
    return datetime.date.today().year - 1  # noqa: DTZ011  # the demo's finished year


def _rules_with(ruleset, changes=None):
    changes = changes or {}
    rows = [{"item": r.item, "level": r.level, "points": r.points, "cap": r.cap} for r in ruleset.rules.all()]
    for row in rows:
        key = (row["item"], row["level"])
        if key in changes:
            row["points"], row["cap"] = changes[key]
    for key, (points, cap) in changes.items():
        if not any((r["item"], r["level"]) == key for r in rows):
            rows.append({"item": key[0], "level": key[1], "points": points, "cap": cap})
    return rows


def test_changing_a_rule_changes_the_scores_and_the_explanations(user_named):
    # given the demo member's file under the year's rules
    staff, member = user_named("demo-staff"), user_named("demo-member")
    before = _file(member)
    leads = [ln for ln in before.score.lines if ln.item.item == "case.lead" and ln.item.level == "proposal"]
    assert leads, "the demo member leads proposals"
    ruleset = scoring.ruleset_current(body=staff.body, year=_year())
    # when staff raise 领衔提出提案 from 2 to 7 points
    services.ruleset_revise(
        actor=staff,
        body=staff.body,
        year=_year(),
        rules=_rules_with(ruleset, {("case.lead", "proposal"): (7, None)}),
    )
    # then the total rises by 5 per proposal led, the stored score and rank follow, and each line says why
    after = _file(member)
    assert after.ruleset.version == ruleset.version + 1
    assert after.score.total - before.score.total == 5 * len(leads)
    stored = MemberScore.objects.get(ruleset=after.ruleset, member_id=member.member_id)
    assert stored.total == after.score.total
    line = next(ln for ln in after.score.lines if ln.item.item == "case.lead" and ln.item.level == "proposal")
    assert line.points == 7 and line.rule == "每项计7分"
    assert AuditEntry.objects.filter(action="scoring.revise", object_id=str(after.ruleset.pk)).exists()


def test_only_the_bodys_staff_may_change_the_rules(user_named):
    member = user_named("demo-member")
    ruleset = scoring.ruleset_current(body=member.body, year=_year())
    with pytest.raises(PermissionDenied):
        services.ruleset_revise(actor=member, body=member.body, year=_year(), rules=_rules_with(ruleset))
    assert scoring.ruleset_current(body=member.body, year=_year()).pk == ruleset.pk


def test_cases_led_and_cosigned_are_in_the_file_with_links_to_the_case(user_named):
    member = user_named("demo-member")
    file = _file(member)
    led = set(
        Case.objects.filter(
            submitter_member_id=member.member_id, body=member.body, year=_year(), submitted_at__isnull=False
        ).values_list("id", flat=True)
    )
    in_file = {int(ln.item.ref.split(":")[1]) for ln in file.score.lines if ln.item.item == "case.lead"}
    assert in_file == led
    line = next(ln for ln in file.score.lines if ln.item.item == "case.lead")
    assert line.item.url == f"/cases/{line.item.ref.split(':')[1]}/"
    registered = Case.objects.filter(
        pk__in=led, registered_at__isnull=False, merged_into__isnull=True
    ).count()
    assert sum(1 for ln in file.score.lines if ln.item.item == "case.registered") == registered
    # a confirmed co-sponsor earns 联名提出 on the case
    co = (
        Cosponsor.objects.filter(
            status="confirmed", case__body=member.body, case__year=_year(), case__submitted_at__isnull=False
        )
        .exclude(case__submitter_member_id=None)
        .select_related("case")
        .first()
    )
    assert co is not None
    co_file = selectors.member_file_for_actor(
        actor=user_named("demo-staff"), body=member.body, member_id=co.member_id, year=_year()
    )
    assert any(
        ln.item.item == "case.cosponsor" and ln.item.ref == f"case:{co.case_id}" for ln in co_file.score.lines
    )


def test_opinion_credits_are_in_the_file_with_their_level(user_named):
    staff = user_named("demo-staff")
    event = PerformanceEvent.objects.filter(
        body=staff.body, kind="adopted", on__year=_year(), member__isnull=False
    ).first()
    assert event is not None
    file = selectors.member_file_for_actor(
        actor=staff, body=staff.body, member_id=event.member_id, year=_year()
    )
    lines = [
        ln
        for ln in file.score.lines
        if ln.item.item == "opinion.adopted" and ln.item.ref == f"case:{event.case_id}"
    ]
    assert lines and lines[0].item.level == event.level
    assert lines[0].level_label  # 省政协 / 市委 … not the code


def test_hand_recorded_items_count_once_confirmed_and_deductions_stop_at_their_cap(user_named):
    staff, member = user_named("demo-staff"), user_named("demo-member")
    year = _year()
    ruleset = scoring.ruleset_current(body=staff.body, year=year)
    services.ruleset_revise(
        actor=staff, body=staff.body, year=year, rules=_rules_with(ruleset, {("manual.absence", ""): (-5, 8)})
    )
    before = _file(member).score.total
    # given a member's own record, pending: it does not count
    record = services.manual_record_create(
        actor=member,
        body=member.body,
        member=member.member,
        item="manual.wenshi",
        title="撰写文史资料",
        on=datetime.date(year, 6, 1),
    )
    assert record.status == ManualRecord.Status.PENDING
    assert _file(member).score.total == before
    # when staff confirm it, it earns 文史资料撰稿's points
    services.manual_record_decide(actor=staff, record=record, confirm=True)
    confirmed = _file(member)
    assert any(ln.item.ref == f"manual:{record.pk}" and ln.points == 3 for ln in confirmed.score.lines)
    # and two unexcused absences recorded by staff take 5 + 3 (the cap of 8), not 10
    for day in (3, 4):
        services.manual_record_create(
            actor=staff,
            body=staff.body,
            member=member.member,
            item="manual.absence",
            title="无故缺席全体会议",
            on=datetime.date(year, 1, day),
        )
    lines = [ln for ln in _file(member).score.lines if ln.item.item == "manual.absence"]
    assert [ln.points for ln in lines] == [Decimal(-5), Decimal(-3)]
    assert lines[1].capped and "最多扣8分" in lines[1].rule


def test_an_appeal_accepted_adds_its_points_and_a_rejected_one_changes_nothing(user_named):
    staff, member = user_named("demo-staff"), user_named("demo-member")
    year = _year()
    before = _file(member).score.total
    accepted = services.appeal_submit(
        actor=member,
        member=member.member,
        body=member.body,
        year=year,
        reason="调研未计分",
        ref_label="专题调研",
        points_claimed=3,
    )
    rejected = services.appeal_submit(
        actor=member,
        member=member.member,
        body=member.body,
        year=year,
        reason="再加分",
        ref_label="其他",
        points_claimed=9,
    )
    # a decision needs a reason, and without one nothing changes
    with pytest.raises(ValidationError):
        services.appeal_decide(actor=staff, appeal=rejected, accept=False, note=" ")
    assert Appeal.objects.get(pk=rejected.pk).status == Appeal.Status.PENDING
    # a member cannot decide
    with pytest.raises(PermissionDenied):
        services.appeal_decide(actor=member, appeal=accepted, accept=True, note="自己采纳")
    services.appeal_decide(actor=staff, appeal=accepted, accept=True, note="经核实属实", points=2)
    services.appeal_decide(actor=staff, appeal=rejected, accept=False, note="无佐证材料")
    after = _file(member)
    assert after.score.total == before + 2
    line = next(ln for ln in after.score.lines if ln.item.ref == f"appeal:{accepted.pk}")
    assert line.points == 2 and line.item.note == "经核实属实"
    assert not any(ln.item.ref == f"appeal:{rejected.pk}" for ln in after.score.lines)
    assert Appeal.objects.get(pk=rejected.pk).decision_note == "无佐证材料"
    stored = MemberScore.objects.get(ruleset=after.ruleset, member_id=member.member_id)
    assert stored.total == after.score.total
    # a decided appeal cannot be decided again
    with pytest.raises(ValidationError):
        services.appeal_decide(
            actor=staff, appeal=Appeal.objects.get(pk=rejected.pk), accept=True, note="改判"
        )


def test_rankings_per_body_and_sector_and_the_warning_line(user_named):
    staff = user_named("demo-staff")
    rows = selectors.ranking(body=staff.body, year=_year())
    assert rows and rows[0]["rank"] == 1
    assert [r["total"] for r in rows] == sorted((r["total"] for r in rows), reverse=True)
    by_sector = selectors.ranking(body=staff.body, year=_year(), by="sector")
    first_of_each = {r["group"]: r for r in reversed(by_sector)}
    assert all(r["group_rank"] == 1 for r in first_of_each.values())
    ruleset = scoring.ruleset_current(body=staff.body, year=_year())
    assert {r["member_id"] for r in selectors.warnings(body=staff.body, year=_year())} == {
        r["member_id"] for r in rows if r["total"] < ruleset.warning_below
    }


def test_the_monthly_board_shows_only_when_the_body_switches_it_on(user_named):
    staff = user_named("demo-staff")
    year = _year()
    ruleset = scoring.ruleset_current(body=staff.body, year=year)
    assert not ruleset.board_enabled
    with pytest.raises(PermissionDenied):
        selectors.board(body=staff.body, year=year, month=6)
    services.ruleset_revise(
        actor=staff, body=staff.body, year=year, rules=_rules_with(ruleset), board_enabled=True
    )
    rows = selectors.board(body=staff.body, year=year, month=6)
    assert rows and rows[0]["total"] >= rows[-1]["total"] > 0
