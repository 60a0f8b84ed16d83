"""The pages answer, list within their query budget, and the micro-suggestion loop runs through them."""

from __future__ import annotations

import pytest
from django.test import Client

from lvzhi.casework.models import Case
from lvzhi.opinions.models import Bulletin

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "user", ["demo-staff", "demo-info", "demo-leader", "demo-admin", "demo-unit", "demo-member"]
)
def test_opinion_pages_answer_for_every_role(client_as, user):
    c = client_as(user)
    for url in (
        "/opinions/inbox/",
        "/opinions/inbox/?state=published&q=供水",
        "/opinions/micro/",
        "/opinions/bulletins/",
    ):
        assert c.get(url).status_code == 200, url


def test_staff_pages_show_a_report_and_a_bulletin(client_as):
    c = client_as("demo-staff")
    case = (
        Case.objects.filter(kind="opinion", state="instructed").first()
        or Case.objects.filter(kind="opinion").first()
    )
    assert c.get(f"/opinions/case/{case.pk}/").status_code == 200
    b = Bulletin.objects.first()
    page = c.get(f"/opinions/bulletins/{b.pk}/").content.decode()
    assert str(b) in page and "报：" in page
    assert c.get("/opinions/bulletins/new/").status_code == 200


def test_the_inbox_list_is_query_bounded(client_as, django_assert_max_num_queries):
    c = client_as("demo-staff")
    with django_assert_max_num_queries(15):
        assert c.get("/opinions/inbox/").status_code == 200


def test_another_body_cannot_open_a_report(client_as):
    case = Case.objects.filter(kind="opinion").first()
    assert client_as("demo-deputy-staff").get(f"/opinions/case/{case.pk}/").status_code == 404


def test_a_micro_suggestion_is_routed_replied_and_rated_through_the_pages(client_as, user_named, api):
    body_id = user_named("demo-member").body_id
    r = api("demo-member").post(
        "/api/v1/cases",
        {
            "kind": "micro_suggestion",
            "body_id": body_id,
            "title": "建议在第三中学门口设置减速带",
            "content": "上下学高峰车流量大，学生过马路存在安全隐患，建议尽快设置减速带和警示标志。",
        },
    )
    cid = r.json()["id"]
    api("demo-member").post(f"/api/v1/cases/{cid}/actions/submit")
    staff = client_as("demo-staff")
    unit = user_named("demo-unit")
    r = staff.post(f"/opinions/case/{cid}/action/assign/", {"lead_unit_id": unit.handling_unit_id})
    assert r.status_code == 302
    case = Case.objects.get(pk=cid)
    assert case.state == "assigned" and (case.due_on - case.assigned_at.date()).days <= 20
    u = client_as("demo-unit")
    u.post(
        f"/opinions/case/{cid}/action/reply/",
        {"category": "a", "content": "已协调交警部门于本周设置减速带。", "signed_by": "张主任"},
    )
    assert Case.objects.get(pk=cid).state == "replied"
    m = client_as("demo-member")
    m.post(f"/opinions/case/{cid}/action/rate/", {"rating": "satisfied"})
    assert Case.objects.get(pk=cid).state == "closed"


def test_a_refused_step_shows_a_message_and_changes_nothing(client_as):
    case = Case.objects.filter(kind="opinion", state="submitted").first()
    c = client_as("demo-staff")
    r = c.post(f"/opinions/case/{case.pk}/action/archive/", {"note": ""}, follow=True)
    assert r.status_code == 200 and "请填写理由或说明" in r.content.decode()
    assert Case.objects.get(pk=case.pk).state == "submitted"
    r = client_as("demo-member").post(f"/opinions/case/{case.pk}/action/select/", follow=True)
    assert r.status_code in {200, 404}
    assert Case.objects.get(pk=case.pk).state == "submitted"
    assert Client().post(f"/opinions/case/{case.pk}/action/select/").status_code == 302  # to sign-in


def test_the_inbox_filters_by_year(client_as):
    from django.utils import timezone

    from lvzhi.casework.models import Case

    c = client_as("demo-info")
    last = timezone.localdate().year - 1
    page = c.get("/opinions/inbox/", {"year": last, "state": "archived"}).content.decode()
    archived = Case.objects.filter(kind="opinion", year=last, state="archived", body__short_name="示范市政协")
    assert f"共 {archived.count()} 条" in page
    assert f"state=published&amp;year={last}" in page or f"state=published&year={last}" in page


def test_the_inbox_exports_what_it_lists(client_as):
    import io

    from django.utils import timezone
    from openpyxl import load_workbook

    last = timezone.localdate().year - 1
    r = client_as("demo-info").get("/opinions/inbox/", {"year": last, "state": "archived", "export": "xlsx"})
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    archived = Case.objects.filter(kind="opinion", year=last, state="archived", body__short_name="示范市政协")
    assert rows[0][:2] == ("编号", "标题")
    assert sorted(row[1] for row in rows[1:]) == sorted(archived.values_list("title", flat=True))
    assert all(row[5] is None or row[5].year == last for row in rows[1:])  # a real date, not text
