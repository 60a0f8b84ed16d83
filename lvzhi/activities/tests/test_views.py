"""Every page answers for each role without a 500; lists scope, filter and export; refusals show."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lvzhi.activities.models import Event, Meeting, Outcome, Plan, Speech, Station

pytestmark = pytest.mark.django_db

LISTS = [
    "activities:meeting-list",
    "activities:event-list",
    "activities:speech-list",
    "activities:outcome-list",
    "activities:outcome-board",
    "activities:plan-list",
    "activities:station-list",
    "activities:study-group-list",
    "activities:culture",
    "activities:thread-list",
]


@pytest.mark.parametrize(
    "username", ["demo-staff", "demo-leader", "demo-member", "demo-deputy-staff", "demo-admin"]
)
def test_every_list_page_answers(client_as, username, django_assert_max_num_queries):
    c = client_as(username)
    for name in LISTS:
        with django_assert_max_num_queries(25):
            r = c.get(reverse(name), {"year": "2026", "q": "协商", "page": "x", "kind": "<script>"})
        assert r.status_code == 200, name


def test_detail_pages_answer_for_staff_and_are_hidden_from_another_body(client_as, user_named):
    staff = user_named("demo-staff")
    c, other = client_as("demo-staff"), client_as("demo-deputy-staff")
    pages = [
        ("activities:meeting-detail", Meeting.objects.filter(body=staff.body, kind="standing").first()),
        ("activities:event-detail", Event.objects.filter(body=staff.body, status="held").first()),
        ("activities:outcome-detail", Outcome.objects.filter(body=staff.body).first()),
        ("activities:plan-detail", Plan.objects.filter(body=staff.body).first()),
        ("activities:station-detail", Station.objects.filter(body=staff.body).first()),
        ("activities:speech-detail", Speech.objects.filter(body=staff.body).first()),
    ]
    for name, obj in pages:
        url = reverse(name, args=[obj.pk])
        assert c.get(url).status_code == 200, name
        assert other.get(url).status_code == 404, name


def test_unit_users_see_no_activities(client_as):
    r = client_as("demo-unit").get(reverse("activities:event-list"))
    assert r.status_code == 200 and "没有符合条件的记录" in r.content.decode()


def test_event_export_is_the_filtered_list(client_as):
    r = client_as("demo-staff").get(
        reverse("activities:event-list"), {"category": "research", "export": "xlsx"}
    )
    ws = load_workbook(io.BytesIO(r.content)).active
    header = [c.value for c in ws[1]]
    assert header[:2] == ["名称", "形式"]
    forms = {row[1] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert forms == {"专题调研"}


def test_plan_page_shows_completion_per_month_and_slipped_items(client_as, user_named):
    staff = user_named("demo-staff")
    plan = Plan.objects.filter(body=staff.body).order_by("-year").first()
    body = client_as("demo-staff").get(reverse("activities:plan-detail", args=[plan.pk])).content.decode()
    assert 'data-testid="plan-completion"' in body and "完成率" in body


def test_member_asking_leave_after_the_event_sees_the_refusal(client_as, user_named):
    member = user_named("demo-member")
    from lvzhi.activities.models import Attendance

    row = Attendance.objects.filter(
        member=member.member, event__status="held", status__in=["present", "absent", "late"]
    ).first()
    c = client_as("demo-member")
    r = c.post(
        reverse("activities:attendance-action", args=[row.pk, "leave"]), {"reason": "补请假"}, follow=True
    )
    assert "活动已举行，不能再请假" in r.content.decode() or "已签到或已请假" in r.content.decode()
    row.refresh_from_db()
    assert row.status in {"present", "absent", "late"}
