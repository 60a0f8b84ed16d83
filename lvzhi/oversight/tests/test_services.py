"""The refusals of the acceptance, each asserting nothing changed, and the secrecy of the vote."""

from __future__ import annotations

import datetime
import io
import logging
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from openpyxl import Workbook

from lvzhi.core.exceptions import DomainError, ImportRejected, TransitionNotAllowed
from lvzhi.core.models import AuditEntry
from lvzhi.orgs.models import Membership
from lvzhi.oversight import models as m
from lvzhi.oversight import selectors, services

TODAY = timezone.localdate()


def _xlsx(rows: list[list[Any]], headers: list[str]) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(headers)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


# ---------------------------------------------------------------- polls


def test_present_members_vote_once_and_the_tally_is_published_on_close(staff, sc_users, poll):
    # given an open poll with three members present
    services.poll_open(actor=staff, poll=poll, present_member_ids=[u.member_id for u in sc_users[:3]])
    # when they vote
    for u, choice in zip(sc_users[:3], ["satisfied", "satisfied", "basic"], strict=True):
        services.poll_vote(actor=u, poll=poll, choice=choice)
    services.poll_close(actor=staff, poll=poll)
    # then the totals are exact
    poll.refresh_from_db()
    assert (poll.satisfied, poll.basic, poll.unsatisfied) == (2, 1, 0)
    assert poll.approval_rate == 100.0


def test_a_second_vote_by_the_same_member_is_refused_and_counts_nothing(staff, sc_users, poll):
    services.poll_open(actor=staff, poll=poll, present_member_ids=[sc_users[0].member_id])
    services.poll_vote(actor=sc_users[0], poll=poll, choice="satisfied")
    with pytest.raises(DomainError) as exc:
        services.poll_vote(actor=sc_users[0], poll=poll, choice="unsatisfied")
    assert exc.value.message == services.POLL_ALREADY_VOTED
    poll.refresh_from_db()
    assert (poll.satisfied, poll.unsatisfied) == (1, 0)


def test_a_vote_after_the_poll_closed_is_refused(staff, sc_users, poll):
    services.poll_open(actor=staff, poll=poll, present_member_ids=[u.member_id for u in sc_users[:2]])
    services.poll_close(actor=staff, poll=poll)
    with pytest.raises(TransitionNotAllowed) as exc:
        services.poll_vote(actor=sc_users[1], poll=poll, choice="satisfied")
    assert exc.value.message == services.POLL_NOT_OPEN
    poll.refresh_from_db()
    assert poll.cast == 0
    assert not m.PollSeat.objects.filter(poll=poll, has_voted=True).exists()


def test_a_vote_by_a_member_not_present_is_refused(staff, sc_users, poll, user_named):
    services.poll_open(actor=staff, poll=poll, present_member_ids=[sc_users[0].member_id])
    for outsider in (sc_users[1], user_named("demo-deputy")):  # absent member; plain deputy not on the roll
        with pytest.raises(PermissionDenied) as exc:
            services.poll_vote(actor=outsider, poll=poll, choice="satisfied")
        assert str(exc.value) == services.POLL_NOT_PRESENT
    poll.refresh_from_db()
    assert poll.cast == 0


def test_only_staff_of_the_body_open_a_poll(sc_users, poll, user_named):
    for who in (sc_users[0], user_named("demo-staff")):  # a member; CPPCC staff
        with pytest.raises((PermissionDenied, DomainError)):
            services.poll_open(actor=who, poll=poll, present_member_ids=[sc_users[0].member_id])
    poll.refresh_from_db()
    assert poll.state == m.PollState.DRAFT


def _snapshot() -> dict[str, set[tuple[Any, ...]]]:
    out = {}
    with connection.cursor() as cur:
        for table in connection.introspection.table_names():
            cur.execute(f'SELECT * FROM "{table}"')  # noqa: S608  # table names from the schema
            out[table] = {tuple(r) for r in cur.fetchall()}
    return out


def test_the_vote_is_secret_no_row_or_log_line_links_a_member_to_a_choice(staff, sc_users, poll, caplog):
    # given a poll where each member makes a different choice
    services.poll_open(actor=staff, poll=poll, present_member_ids=[u.member_id for u in sc_users[:3]])
    choices = ["satisfied", "basic", "unsatisfied"]
    secret = set(choices) | {str(m.Choice(c).label) for c in choices}
    audit_before = AuditEntry.objects.count()
    before = _snapshot()
    caplog.set_level(logging.DEBUG)
    # when they vote
    for u, choice in zip(sc_users[:3], choices, strict=True):
        services.poll_vote(actor=u, poll=poll, choice=choice)
    # then no log line names a choice
    for rec in caplog.records:
        assert not any(c in rec.getMessage() for c in choices), rec.getMessage()
    # and the audit rows of the votes say only that someone voted
    votes = AuditEntry.objects.all().order_by("pk")[audit_before:]
    assert [e.action for e in votes] == ["poll.vote"] * 3
    assert all((e.changes, e.note) == ({}, "已投票") for e in votes)
    # and no row the votes wrote or changed, in any table, holds a choice
    after = _snapshot()
    touched = {t: after[t] - before.get(t, set()) for t in after}
    assert set(touched["oversight_pollseat"]) and set(touched["oversight_poll"])  # the scan sees the votes
    for table, rows in touched.items():
        for row in rows:
            assert not ({str(v) for v in row if v is not None} & secret), (table, row)
    # while the seats still refuse a second vote and the totals are right
    assert m.PollSeat.objects.filter(poll=poll, has_voted=True).count() == 3
    assert "choice" not in {f.name for f in m.PollSeat._meta.get_fields()}
    poll.refresh_from_db()
    assert (poll.satisfied, poll.basic, poll.unsatisfied) == (1, 1, 1)


# ---------------------------------------------------------------- resolutions, appointments, the roll


def test_a_resolution_without_quorum_is_not_put_to_the_vote(staff, congress):
    r = m.Resolution.objects.create(body=congress, title="关于加强生态环境保护的决定", draft="草案")
    in_office = selectors.members_in_office(body=congress, on=TODAY).count()
    with pytest.raises(DomainError) as exc:
        services.resolution_vote(
            actor=staff,
            resolution=r,
            voted_on=TODAY,
            tally=services.Tally(in_office // 2, in_office // 2, 0, 0),
        )
    assert exc.value.message == services.NO_QUORUM % {"present": in_office // 2, "in_office": in_office}
    r.refresh_from_db()
    assert (r.state, r.voted_on, r.votes_for) == (m.VoteState.PENDING, None, 0)


def test_a_resolution_is_adopted_by_more_than_half_of_those_in_office(staff, congress):
    r = m.Resolution.objects.create(body=congress, title="关于批准财政决算的决议")
    n = selectors.members_in_office(body=congress, on=TODAY).count()
    services.resolution_vote(
        actor=staff, resolution=r, voted_on=TODAY, tally=services.Tally(n, n // 2, 0, n - n // 2)
    )
    r.refresh_from_db()
    assert r.state == m.VoteState.REJECTED  # half is not more than half
    r2 = m.Resolution.objects.create(body=congress, title="关于召开人民代表大会的决定")
    services.resolution_vote(
        actor=staff, resolution=r2, voted_on=TODAY, tally=services.Tally(n - 1, n // 2 + 1, 0, 0)
    )
    r2.refresh_from_db()
    assert (r2.state, r2.in_office) == (m.VoteState.ADOPTED, n)
    with pytest.raises(TransitionNotAllowed):
        services.resolution_vote(actor=staff, resolution=r2, voted_on=TODAY, tally=services.Tally(n, 0, n, 0))


def test_quorum_counts_the_roll_of_the_day_after_a_resignation(staff, congress):
    ms = selectors.members_in_office(body=congress, on=TODAY).first()
    before = selectors.members_in_office(body=congress, on=TODAY).count()
    services.deputy_change_record(
        actor=staff,
        membership=ms,
        kind=m.DeputyChangeKind.RESIGNATION,
        effective_on=TODAY - datetime.timedelta(days=3),
    )
    assert selectors.members_in_office(body=congress, on=TODAY).count() == before - 1
    assert (
        selectors.members_in_office(body=congress, on=TODAY - datetime.timedelta(days=10)).count() == before
    )
    assert Membership.objects.get(pk=ms.pk).left_on == TODAY - datetime.timedelta(days=3)


def test_an_appointment_vote_before_the_exam_is_recorded_is_refused(staff, congress):
    a = m.Appointment.objects.create(
        body=congress, person="王建国", post="示范市教育局局长", nominated_on=TODAY
    )
    n = selectors.members_in_office(body=congress, on=TODAY).count()
    with pytest.raises(DomainError) as exc:
        services.appointment_vote(
            actor=staff, appointment=a, voted_on=TODAY, tally=services.Tally(n, n, 0, 0)
        )
    assert exc.value.message == services.EXAM_REQUIRED % {"person": "王建国"}
    a.refresh_from_db()
    assert (a.state, a.voted_on) == (m.VoteState.PENDING, None)
    # after the exam it goes to the vote, then the oath
    services.appointment_exam(actor=staff, appointment=a, exam_on=TODAY, score=Decimal("92"))
    services.appointment_vote(actor=staff, appointment=a, voted_on=TODAY, tally=services.Tally(n, n, 0, 0))
    services.appointment_oath(actor=staff, appointment=a, oath_on=TODAY)
    a.refresh_from_db()
    assert (a.state, a.oath_on) == (m.VoteState.ADOPTED, TODAY)
    assert a in selectors.appointments_in_year(congress, TODAY.year)


def test_a_removal_needs_no_exam(staff, congress):
    a = m.Appointment.objects.create(
        body=congress,
        person="李志强",
        post="示范市财政局局长",
        action=m.AppointmentAction.REMOVE,
        nominated_on=TODAY,
    )
    n = selectors.members_in_office(body=congress, on=TODAY).count()
    services.appointment_vote(
        actor=staff, appointment=a, voted_on=TODAY, tally=services.Tally(n, n - 1, 1, 0)
    )
    a.refresh_from_db()
    assert a.state == m.VoteState.ADOPTED


# ---------------------------------------------------------------- budget


def test_a_budget_import_with_bad_rows_reports_every_one_and_saves_nothing(staff, congress):
    unit = congress.handling_units.first()
    f = _xlsx(
        [
            ["B001", "教育信息化", unit.name, 120],
            ["", "缺编码项目", unit.name, 10],
            ["B003", "不存在的单位项目", "火星局", 5],
            ["B004", "负数项目", unit.name, -3],
            ["B001", "重复编码", unit.name, 7],
        ],
        services.BUDGET_LINE_HEADERS,
    )
    with pytest.raises(ImportRejected) as exc:
        services.budget_import_lines(actor=staff, body=congress, year=2031, upload=f)
    errors = exc.value.extra["errors"]
    assert [e.split("：")[0] for e in errors] == ["第 3 行", "第 4 行", "第 5 行", "第 6 行"]
    assert "火星局" in errors[1] and "-3" in errors[2] and "重复" in errors[3]
    assert not m.BudgetLine.objects.filter(body=congress, year=2031).exists()


def test_budget_import_then_monthly_execution_flags_lagging_and_overrun_lines(staff, congress):
    m.BudgetRule.objects.filter(body=congress).update(is_active=False)  # the demo's own rules
    unit = congress.handling_units.first()
    services.budget_import_lines(
        actor=staff,
        body=congress,
        year=2031,
        upload=_xlsx(
            [
                ["L1", "慢项目", unit.name, 100],
                ["L2", "超支项目", unit.name, 100],
                ["L3", "正常项目", unit.name, "1,000"],
            ],
            services.BUDGET_LINE_HEADERS,
        ),
    )
    lag = m.BudgetRule.objects.create(
        body=congress, name="滞后", kind="lag", tolerance=Decimal("15"), from_month=3
    )
    over = m.BudgetRule.objects.create(body=congress, name="超支", kind="overrun", tolerance=Decimal("0"))
    services.budget_import_execution(
        actor=staff,
        body=congress,
        year=2031,
        month=6,
        upload=_xlsx([["L1", 20], ["L2", 130], ["L3", 480]], services.BUDGET_EXECUTION_HEADERS),
    )
    flags = services.budget_check(actor=staff, body=congress, year=2031, month=6)
    assert {(f.line.code, f.rule_id) for f in flags} == {("L1", lag.pk), ("L2", over.pk)}
    assert services.budget_check(actor=staff, body=congress, year=2031, month=6) == []  # no duplicates
    chart = selectors.budget_by_department(body=congress, year=2031)
    assert chart == [{"department": unit.name, "amount": 1200.0, "executed": 630.0, "rate": 52.5}]


def test_an_execution_import_for_unknown_codes_saves_nothing(staff, congress):
    with pytest.raises(ImportRejected):
        services.budget_import_execution(
            actor=staff,
            body=congress,
            year=2032,
            month=2,
            upload=_xlsx([["NOPE", 1]], services.BUDGET_EXECUTION_HEADERS),
        )
    with pytest.raises(ImportRejected) as exc:
        services.budget_import_lines(
            actor=staff, body=congress, year=2032, upload=io.BytesIO(b"not a workbook")
        )
    assert exc.value.message == services.BUDGET_BAD_FILE


# ---------------------------------------------------------------- other records


def test_plain_records_belong_to_a_congress_body_and_its_own_units(staff, congress, user_named):
    cppcc_unit = user_named("demo-unit").handling_unit
    r = m.WorkReport(body=congress, title="关于审计工作的报告", reviewed_on=TODAY, organ=cppcc_unit)
    with pytest.raises(ValidationError):
        services.record_save(actor=staff, instance=r)
    cppcc = user_named("demo-staff").body
    with pytest.raises(DomainError) as exc:
        services.record_save(
            actor=user_named("demo-staff"), instance=m.WorkReport(body=cppcc, title="x", reviewed_on=TODAY)
        )
    assert exc.value.message == services.NOT_CONGRESS


def test_public_opinions_on_a_draft_are_counted_and_forwarded(staff, congress):
    d = m.Draft.objects.create(
        body=congress,
        title="《物业管理条例（草案）》",
        source="省人大常委会法工委",
        received_on=TODAY,
        due_on=TODAY + datetime.timedelta(days=10),
    )
    services.draft_opinion_public(
        draft=d, author="张先生", text="建议明确业主委员会的任期。", article="第十条"
    )
    with pytest.raises(ValidationError):
        services.draft_opinion_public(draft=d, author="", text="短")
    assert d.opinions.count() == 1
    assert services.draft_forward(actor=staff, draft=d, on=TODAY) == 1
    assert d.opinions.get().is_forwarded


def test_livelihood_vote_chooses_the_most_voted_projects_with_a_majority(staff, congress):
    v = m.LivelihoodVote.objects.create(
        body=congress, year=2031, title="2031年民生实事项目代表票决", published_on=TODAY, seats=2
    )
    a, b, c = (
        m.LivelihoodProject.objects.create(vote=v, name=n) for n in ("老旧小区改造", "公办幼儿园", "口袋公园")
    )
    chosen = services.livelihood_vote_record(
        actor=staff, vote=v, voted_on=TODAY, present=100, votes={a.pk: 90, b.pk: 40, c.pk: 60}
    )
    assert [p.name for p in chosen] == ["老旧小区改造", "口袋公园"]
    with pytest.raises(ValidationError):
        services.livelihood_vote_record(actor=staff, vote=v, voted_on=TODAY, present=10, votes={a.pk: 11})
