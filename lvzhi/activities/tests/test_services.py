"""The workflows of meetings and activities, and each refusal a user can run into."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lvzhi.activities import selectors, services
from lvzhi.activities.models import (
    Attendance,
    AttendanceStatus,
    EventType,
    Meeting,
    MeetingKind,
    Outcome,
    OutcomeStatus,
    PlanItemState,
    SpeechKind,
    SpeechStatus,
)
from lvzhi.core.models import AuditEntry
from lvzhi.orgs.models import HandlingUnit

pytestmark = pytest.mark.django_db


def _row(event, user):
    return Attendance.objects.get(event=event, member=user.member)


def test_member_signs_in_once_after_staff_open_and_is_late_after_the_start(staff, member_user, make_event):
    event = make_event(starts_at=timezone.now() - datetime.timedelta(minutes=5))
    services.signin_open(actor=staff, gathering=event)
    row = services.signin_confirm(actor=member_user, token=event.signin_token)
    assert row.status == AttendanceStatus.LATE
    with pytest.raises(services.ActivityRefused, match=services.SIGNIN_TWICE):
        services.signin_confirm(actor=member_user, token=event.signin_token)
    assert AuditEntry.objects.filter(action="signin.open", object_id=str(event.pk)).exists()


def test_signing_in_uninvited_or_after_close_is_refused(staff, member_user, other_member_user, make_event):
    event = make_event()
    services.signin_open(actor=staff, gathering=event)
    with pytest.raises(services.ActivityRefused, match=services.SIGNIN_NOT_INVITED):
        services.signin_confirm(actor=other_member_user, token=event.signin_token)
    absent = services.signin_close(actor=staff, gathering=event)
    assert absent == 1
    with pytest.raises(services.ActivityRefused, match=services.SIGNIN_CLOSED):
        services.signin_confirm(actor=member_user, token=event.signin_token)
    assert _row(event, member_user).status == AttendanceStatus.ABSENT


def test_an_unknown_code_is_refused_with_a_chinese_message(member_user):
    from lvzhi.core.exceptions import NotFound

    with pytest.raises(NotFound, match="签到码无效"):
        services.signin_confirm(actor=member_user, token="not-a-code")


def test_leave_is_asked_before_and_approved_by_staff_but_not_after_the_event(staff, member_user, make_event):
    event = make_event()
    row = services.leave_request(actor=member_user, attendance=_row(event, member_user), reason="出差")
    assert row.status == AttendanceStatus.LEAVE_REQUESTED
    row = services.leave_decide(actor=staff, attendance=row, approve=True)
    assert row.status == AttendanceStatus.LEAVE
    with pytest.raises(services.ActivityRefused, match=services.LEAVE_NOT_PENDING):
        services.leave_decide(actor=staff, attendance=row, approve=True)
    past = make_event(on=timezone.localdate() - datetime.timedelta(days=2), title="已举行的活动")
    with pytest.raises(services.ActivityRefused, match=services.LEAVE_AFTER_EVENT):
        services.leave_request(actor=member_user, attendance=_row(past, member_user), reason="补请假")
    assert _row(past, member_user).status == AttendanceStatus.INVITED


def test_a_member_cannot_approve_leave_or_open_sign_in(member_user, make_event):
    event = make_event()
    with pytest.raises(PermissionDenied):
        services.signin_open(actor=member_user, gathering=event)
    with pytest.raises(PermissionDenied):
        services.attendance_mark(actor=member_user, attendance=_row(event, member_user), status="present")


def test_a_member_cannot_edit_another_members_speech(member_user, other_member_user, staff):
    body = member_user.body
    speech = services.speech_submit(
        actor=member_user,
        body=body,
        kind=SpeechKind.PLENARY,
        title="关于养老服务的建议",
        content="一、二、三。",
    )
    with pytest.raises(PermissionDenied, match=services.SPEECH_NOT_OWN):
        services.speech_update(actor=other_member_user, speech=speech, title="改了", content="改了")
    speech.refresh_from_db()
    assert speech.title == "关于养老服务的建议"
    services.speech_update(actor=member_user, speech=speech, title="关于养老服务体系的建议", content="修改稿")
    services.speech_decide(actor=staff, speech=speech, status=SpeechStatus.SELECTED)
    with pytest.raises(services.ActivityRefused, match=services.SPEECH_DECIDED):
        services.speech_update(actor=member_user, speech=speech, title="再改", content="再改")
    with pytest.raises(services.ActivityRefused, match=services.SPEECH_BAD_STEP):
        services.speech_decide(actor=staff, speech=speech, status=SpeechStatus.NOT_SELECTED)
    services.speech_decide(
        actor=staff, speech=speech, status=SpeechStatus.DELIVERED, on=datetime.date(2026, 1, 9)
    )
    assert selectors.speech_list_for_actor(actor=other_member_user).filter(pk=speech.pk).count() == 0


def test_plan_item_moves_to_held_then_outcome_sent_then_acted_on(staff, make_event):
    body = staff.body
    plan = services.plan_create(
        actor=staff, body=body, year=timezone.localdate().year, title="测试年度协商计划"
    )
    item = services.plan_item_add(
        actor=staff,
        plan=plan,
        event_type=EventType.objects.get(code="research"),
        topic="县域医共体建设",
        month=3,
    )
    event = make_event(code="research", title="关于县域医共体建设的专题调研", plan_item=item, invite=False)
    item.refresh_from_db()
    assert item.state == PlanItemState.PREPARING
    services.event_mark_held(actor=staff, event=event, summary="走访3家医院。")
    item.refresh_from_db()
    assert item.state == PlanItemState.HELD
    outcome = services.outcome_create(
        actor=staff, body=body, event=event, title="关于县域医共体建设的调研报告", content="正文"
    )
    assert outcome.kind == "research_report"
    with pytest.raises(ValidationError):
        services.outcome_send(actor=staff, outcome=outcome)  # no recipient yet
    services.outcome_recipient_add(actor=staff, outcome=outcome, name="市委")
    services.outcome_send(actor=staff, outcome=outcome)
    item.refresh_from_db()
    assert item.state == PlanItemState.OUTCOME_SENT
    with pytest.raises(services.ActivityRefused, match=services.PLAN_ITEM_BACKWARDS):
        services.plan_item_advance(actor=staff, item=item, state=PlanItemState.PREPARING)
    services.outcome_record_effect(actor=staff, outcome=outcome, effect="纳入市政府年度重点工作。")
    item.refresh_from_db()
    assert item.state == PlanItemState.ACTED_ON


def test_editing_an_outcome_already_sent_is_refused(staff):
    body = staff.body
    outcome = services.outcome_create(
        actor=staff, body=body, title="关于公交线路优化的协商建议", content="原文"
    )
    services.outcome_recipient_add(actor=staff, outcome=outcome, name="市政府")
    services.outcome_send(actor=staff, outcome=outcome)
    with pytest.raises(services.ActivityRefused, match=services.OUTCOME_ALREADY_SENT):
        services.outcome_update(actor=staff, outcome=outcome, title="改过的标题", content="改过")
    with pytest.raises(services.ActivityRefused, match=services.OUTCOME_ALREADY_SENT):
        services.outcome_recipient_add(actor=staff, outcome=outcome, name="市委")
    outcome = Outcome.objects.get(pk=outcome.pk)
    assert (outcome.title, outcome.content, outcome.status) == (
        "关于公交线路优化的协商建议",
        "原文",
        OutcomeStatus.SENT,
    )


def test_a_recipient_owing_an_answer_must_be_a_unit_with_a_date(staff):
    outcome = services.outcome_create(
        actor=staff, body=staff.body, title="关于停车难的协商建议", content="正文"
    )
    with pytest.raises(ValidationError):
        services.outcome_recipient_add(actor=staff, outcome=outcome, name="市交通局", owes_answer=True)
    unit = HandlingUnit.objects.filter(body=staff.body).first()
    r = services.outcome_recipient_add(
        actor=staff, outcome=outcome, name="", unit=unit, owes_answer=True, due_on=datetime.date(2030, 1, 1)
    )
    assert r.name == unit.name


def test_standing_committee_meetings_number_themselves_within_the_term(staff):
    body = staff.body
    last = Meeting.objects.filter(body=body, kind=MeetingKind.STANDING).order_by("-number").first()
    m = services.meeting_create(
        actor=staff, body=body, kind=MeetingKind.STANDING, held_on=timezone.localdate()
    )
    assert m.number == last.number + 1
    assert m.title.startswith(body.terms.get(is_current=True).name) and "常委会第" in m.title
    with pytest.raises(ValidationError, match="本机构不召开此类会议"):
        services.meeting_create(
            actor=staff, body=body, kind=MeetingKind.DIRECTOR, held_on=timezone.localdate()
        )


def test_online_duty_posts_are_compiled_into_a_draft_outcome(staff, member_user):
    today = timezone.localdate()
    thread = services.duty_thread_open(
        actor=staff, body=staff.body, topic="城市更新中的历史文化保护", opens_on=today, closes_on=today
    )
    post = services.duty_post_add(actor=member_user, thread=thread, text="建议建立历史建筑保护名录。")
    with pytest.raises(PermissionDenied):
        services.duty_post_add(actor=staff, thread=thread, text="工作人员不能发言")
    outcome = services.duty_thread_compile(actor=staff, thread=thread, post_ids=[post.pk])
    assert outcome.status == OutcomeStatus.DRAFT and "历史建筑保护名录" in outcome.content
    with pytest.raises(services.ActivityRefused, match=services.THREAD_CLOSED):
        services.duty_post_add(actor=member_user, thread=thread, text="晚了")


def test_a_volume_credits_the_reviewed_manuscripts_contributors(staff, member_user):
    body = staff.body
    m = services.manuscript_receive(
        actor=staff,
        body=body,
        title="我所经历的统购统销",
        received_on=datetime.date(2026, 3, 1),
        contributor_ids=[member_user.member_id],
    )
    with pytest.raises(ValidationError):
        services.volume_publish(
            actor=staff,
            body=body,
            series="测试文史",
            number=1,
            published_on=datetime.date(2026, 6, 1),
            manuscript_ids=[m.pk],
        )
    services.manuscript_advance(actor=staff, manuscript=m, stage="editing")
    services.manuscript_advance(actor=staff, manuscript=m, stage="reviewed")
    v = services.volume_publish(
        actor=staff,
        body=body,
        series="测试文史",
        number=1,
        published_on=datetime.date(2026, 6, 1),
        manuscript_ids=[m.pk],
    )
    assert list(selectors.culture_contributions_for_member(member=member_user.member).filter(volume=v)) == [
        type(m).objects.get(pk=m.pk)
    ]


def test_an_answer_is_recorded_once_and_only_after_sending(staff):
    outcome = services.outcome_create(
        actor=staff, body=staff.body, title="关于背街小巷改造的视察报告", content="正文"
    )
    with pytest.raises(services.ActivityRefused, match=services.OUTCOME_NOT_SENT):
        services.outcome_record_answer(actor=staff, outcome=outcome)
    services.outcome_recipient_add(actor=staff, outcome=outcome, name="市政府")
    services.outcome_send(actor=staff, outcome=outcome)
    services.outcome_record_answer(actor=staff, outcome=outcome, note="市政府办公室函复")
    assert Outcome.objects.get(pk=outcome.pk).status == OutcomeStatus.ANSWERED
    with pytest.raises(services.ActivityRefused, match=services.OUTCOME_ANSWERED):
        services.outcome_record_answer(actor=staff, outcome=outcome)
