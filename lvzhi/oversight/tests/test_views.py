"""Pages: congress staff keep the registers; deputies vote on a phone page; CPPCC users see nothing."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lvzhi.oversight import models as m
from lvzhi.oversight.registers import REGISTERS
from lvzhi.web.navigation import resolved

pytestmark = pytest.mark.django_db


def test_a_cppcc_user_never_sees_the_oversight_menu_or_pages(client_as, user_named):
    for name in ("demo-staff", "demo-member", "demo-leader"):
        assert not [i for i in resolved(user_named(name), "/") if i["url"].startswith("/oversight/")]
        c = client_as(name)
        assert c.get(reverse("oversight:index")).status_code == 403
        assert c.get(reverse("oversight:list", args=["work-reports"])).status_code == 403
    labels = [i["label"] for i in resolved(user_named("demo-deputy-staff"), "/")]
    assert {"工作报告审议", "满意度测评", "预算联网监督", "备案审查"} <= set(labels)


def test_every_register_lists_filters_and_exports_as_filtered(client_as, django_assert_max_num_queries):
    c = client_as("demo-deputy-staff")
    for reg in REGISTERS:
        with django_assert_max_num_queries(15):
            r = c.get(reverse("oversight:list", args=[reg.key]))
        assert r.status_code == 200, reg.key
    r = c.get(reverse("oversight:list", args=["work-reports"]), {"review_type": "audit"})
    rows = r.context["page"].paginator.count
    assert rows >= 1 and all(o.review_type == "audit" for o in r.context["page"])
    x = c.get(reverse("oversight:list", args=["work-reports"]), {"review_type": "audit", "export": "xlsx"})
    ws = load_workbook(io.BytesIO(x.content)).active
    assert ws.max_row == rows + 1 and ws["C2"].value == "审计工作"


def test_record_pages_open_for_staff_and_deputies_of_the_body(client_as, congress):
    staff, deputy = client_as("demo-deputy-staff"), client_as("demo-deputy")
    for reg in REGISTERS:
        obj = reg.model._default_manager.filter(**{reg.body_path: congress}).first()
        assert obj is not None, reg.key
        assert staff.get(reverse("oversight:detail", args=[reg.key, obj.pk])).status_code == 200
        assert deputy.get(reverse("oversight:detail", args=[reg.key, obj.pk])).status_code == 200
    other = m.WorkReport.objects.exclude(body=congress).first()
    assert staff.get(reverse("oversight:detail", args=["work-reports", other.pk])).status_code == 404


def test_staff_create_a_report_and_a_deputy_may_not(client_as, congress):
    data = {
        "title": "关于食品安全工作情况的报告",
        "review_type": "special",
        "organ_kind": "department",
        "reviewed_on": "2026-06-20",
    }
    r = client_as("demo-deputy").post(reverse("oversight:create", args=["work-reports"]), data)
    assert r.status_code == 403
    assert not m.WorkReport.objects.filter(title=data["title"]).exists()
    r = client_as("demo-deputy-staff").post(reverse("oversight:create", args=["work-reports"]), data)
    assert r.status_code == 302
    assert m.WorkReport.objects.get(title=data["title"]).body == congress


def test_a_resolution_without_quorum_shows_a_message_and_stays_pending(client_as, congress):
    res = m.Resolution.objects.create(body=congress, title="关于设立代表联络站的决定")
    r = client_as("demo-deputy-staff").post(
        reverse("oversight:action", args=["resolutions", res.pk, "vote"]),
        {
            "voted_on": "2026-06-01",
            "present": "3",
            "votes_for": "3",
            "votes_against": "0",
            "votes_abstain": "0",
        },
        follow=True,
    )
    assert "未达到在任组成人员" in r.content.decode()
    res.refresh_from_db()
    assert res.state == m.VoteState.PENDING


def test_the_budget_page_shows_the_chart_and_reports_bad_rows(client_as):
    c = client_as("demo-deputy-staff")
    r = c.get(reverse("oversight:budget"))
    assert r.status_code == 200 and r.context["chart"]
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["项目编码", "项目名称", "预算单位", "预算数（万元）"])
    wb.active.append(["X1", "项目", "不存在的局", "abc"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "budget.xlsx"
    r = c.post(reverse("oversight:budget"), {"what": "lines", "year": "2030", "file": buf})
    assert r.status_code == 200
    assert "第 2 行" in r.content.decode()
    assert not m.BudgetLine.objects.filter(year=2030).exists()


def test_the_public_page_of_a_draft_takes_an_opinion_without_sign_in(client, congress):
    d = m.Draft.objects.filter(body=congress, is_open=True).first()
    d.due_on = d.received_on.replace(year=2099)
    d.save()
    before = d.opinions.count()
    r = client.post(
        reverse("oversight-public:draft", args=[d.pk]),
        {"author": "王女士", "text": "建议增加对电动车停放的规定。"},
    )
    assert "您的意见已收到" in r.content.decode()
    assert d.opinions.count() == before + 1
    assert d.opinions.latest("id").source == "public"
