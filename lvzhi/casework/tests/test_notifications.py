"""站内提醒: what the engine writes, the unread badge, marking read, and deadline reminders for units."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lvzhi.casework import services
from lvzhi.casework.models import Assignment, Notification

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(user_named):
    member, staff, unit = user_named("demo-member"), user_named("demo-staff"), user_named("demo-unit")
    case = f.move(
        f.move(f.draft(member, title="关于加快推进垃圾分类工作的提案"), member, "submit"), staff, "register"
    )
    Notification.objects.filter(user=unit).update(read_at=timezone.now())
    return f.move(case, staff, "assign", lead_unit_id=unit.handling_unit_id)


def test_assignment_notifies_the_unit_and_the_badge_counts_it(client_as, assigned, user_named):
    # given: the engine told the unit about the new assignment
    unit = user_named("demo-unit")
    note = Notification.objects.get(user=unit, case=assigned, read_at__isnull=True)
    assert "交办" in note.message
    # when: the unit opens any page
    client = client_as("demo-unit")
    html = client.get(reverse("casework:unit-todo")).content.decode()
    # then: the top bar shows one unread notification, and the list has it
    assert 'data-testid="unread-count">1<' in html
    r = client.get(reverse("casework:notifications"), {"unread": "1"})
    assert [n.pk for n in r.context["page"]] == [note.pk] and r.context["unread"] == 1


def test_mark_one_read_then_the_badge_is_gone(client_as, assigned, user_named):
    unit = user_named("demo-unit")
    note = Notification.objects.get(user=unit, case=assigned)
    client = client_as("demo-unit")
    r = client.post(
        reverse("casework:notifications"),
        {"ids": [note.pk], "next": reverse("casework:case-detail", args=[assigned.pk])},
    )
    assert r.status_code == 302 and r["Location"] == reverse("casework:case-detail", args=[assigned.pk])
    note.refresh_from_db()
    assert note.read_at is not None
    assert 'data-testid="unread-count"' not in client.get(reverse("casework:unit-todo")).content.decode()


def test_nobody_marks_another_users_notifications(client_as, assigned, user_named):
    note = Notification.objects.get(user=user_named("demo-unit"), case=assigned)
    client_as("demo-member").post(reverse("casework:notifications"), {"ids": [note.pk]})
    client_as("demo-member").post(reverse("casework:notifications"), {"all": "1"})
    note.refresh_from_db()
    assert note.read_at is None


def test_notifications_api_lists_and_marks_read(api, assigned):
    client = api("demo-unit")
    r = client.get("/api/v1/notifications", unread="true")
    assert r.status_code == 200 and r.json()["unread"] == 1
    item = r.json()["items"][0]
    assert item["case_id"] == assigned.pk and item["read"] is False
    r = client.post("/api/v1/notifications/read", {"ids": [item["id"]]})
    assert r.json() == {"marked": 1, "unread": 0}
    assert api("demo-member").post("/api/v1/notifications/read", {"ids": [item["id"]]}).json()["marked"] == 0


def test_the_sweep_reminds_the_units_own_people_of_a_near_deadline(client_as, assigned, user_named):
    # given: the unit's assignment falls due in three working days
    unit = user_named("demo-unit")
    Notification.objects.filter(user=unit).update(read_at=timezone.now())
    due = timezone.localdate() + datetime.timedelta(days=5)
    Assignment.objects.filter(case=assigned).update(due_on=due)
    # when: the morning sweep runs
    services.deadlines_sweep(body_id=assigned.body_id)
    # then: a reminder waits for the unit, and the page lists the deadline among its own
    reminder = Notification.objects.get(user=unit, case=assigned, read_at__isnull=True)
    assert "办理期限" in reminder.message
    assert not Notification.objects.filter(user=user_named("demo-member"), event=reminder.event).exists()
    r = client_as("demo-unit").get(reverse("casework:notifications"))
    assert assigned.pk in {a.case_id for a in r.context["deadlines"]}
    assert all(a.unit_id == unit.handling_unit_id for a in r.context["deadlines"])


def test_notifications_page_renders_for_every_role_in_fixed_queries(client_as, django_assert_max_num_queries):
    for username in ("demo-member", "demo-staff", "demo-unit", "demo-leader", "demo-admin"):
        client = client_as(username)
        with django_assert_max_num_queries(14):
            r = client.get(reverse("casework:notifications"))
        assert r.status_code == 200
