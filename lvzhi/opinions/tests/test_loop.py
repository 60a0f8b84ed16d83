"""社情民意信息 end to end: submit → edit → select → bulletin (.docx) → adoption → instruction → follow-up."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from docx import Document

from lvzhi.casework.models import Case, CaseEvent
from lvzhi.members.models import PerformanceEvent
from lvzhi.opinions import services
from lvzhi.opinions.models import Adoption, Bulletin, Instruction
from lvzhi.opinions.selectors import opinion_counts
from lvzhi.orgs.models import Body
from lvzhi.reports import figures

pytestmark = pytest.mark.django_db

TEXT = "近期在走访中了解到，城区部分老旧小区二次供水设施老化，夏季用水高峰期经常停水，群众反映强烈。建议尽快摸底排查并纳入改造计划。"


def _cppcc():
    return Body.objects.get(short_name="示范市政协")


def _opinion(api, title="城区老旧小区二次供水设施亟待改造"):
    r = api("demo-member").post(
        "/api/v1/cases", {"kind": "opinion", "body_id": _cppcc().pk, "title": title, "content": TEXT}
    )
    assert r.status_code == 201, r.content
    case_id = r.json()["id"]
    r = api("demo-member").post(f"/api/v1/cases/{case_id}/actions/submit")
    assert r.status_code == 200 and r.json()["state"] == "submitted"
    return case_id


def test_an_opinion_goes_through_bulletin_adoption_instruction_and_follow_up(api, user_named, client_as):
    staff, member = api("demo-staff"), api("demo-member")
    case_id = _opinion(api)
    # staff edit; the submitter sees the edited version, the original stays on file
    r = staff.post(
        f"/api/v1/cases/{case_id}/actions/edit",
        {"title": "关于加快城区老旧小区二次供水设施改造的建议", "content": TEXT + "（编辑部改定）"},
    )
    assert r.status_code == 200 and r.json()["state"] == "edited"
    assert (
        member.get(f"/api/v1/cases/{case_id}").json()["title"] == "关于加快城区老旧小区二次供水设施改造的建议"
    )
    assert staff.post(f"/api/v1/cases/{case_id}/actions/select").json()["state"] == "selected"
    second = _opinion(api, "农村留守老人助餐服务覆盖不足")
    staff.post(f"/api/v1/cases/{second}/actions/select")
    # compose and publish an issue through the pages
    c = client_as("demo-staff")
    r = c.post(
        "/opinions/bulletins/new/",
        {
            "issued_on": "2025-06-01",
            "recipients": "市委主要领导\n市政府主要领导",
            "series": "社情民意",
            "case_ids": [str(second), str(case_id)],
        },
    )
    assert r.status_code == 302
    bulletin = Bulletin.objects.get(pk=int(r["Location"].rstrip("/").split("/")[-1]))
    assert c.post(f"/opinions/bulletins/{bulletin.pk}/publish/").status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.status == "published"
    assert Case.objects.get(pk=case_id).state == "published"
    # adoption at the provincial level, then an instruction
    r = staff.post(
        f"/api/v1/cases/{case_id}/actions/adopt",
        {"adopter": "省政协办公厅", "level": "provincial_cppcc", "form": "special", "on": "2025-06-10"},
    )
    assert r.status_code == 200 and r.json()["state"] == "adopted"
    r = staff.post(
        f"/api/v1/cases/{case_id}/actions/instruct",
        {
            "leader_name": "李洪国",
            "leader_post": "市委书记",
            "level": "city",
            "text": "请住建局抓紧研究落实。",
            "on": "2025-06-15",
        },
    )
    assert r.status_code == 200 and r.json()["state"] == "instructed"
    assert r.json()["detail"]["instructions"][0]["leader"] == "市委书记李洪国"
    # a second adoption is recorded without moving the report back
    r = staff.post(
        f"/api/v1/cases/{case_id}/actions/adopt",
        {"adopter": "全国政协办公厅", "level": "national_cppcc", "form": "digest"},
    )
    assert r.json()["state"] == "instructed" and Adoption.objects.filter(case_id=case_id).count() == 2
    # follow-up: assigned to the unit, which replies; staff close
    unit = user_named("demo-unit")
    r = staff.post(f"/api/v1/cases/{case_id}/actions/assign", {"lead_unit_id": unit.handling_unit_id})
    assert r.status_code == 200 and r.json()["state"] == "assigned", r.content
    u = api("demo-unit")
    assert u.post(f"/api/v1/cases/{case_id}/actions/accept").json()["state"] == "handling"
    r = u.post(
        f"/api/v1/cases/{case_id}/actions/reply",
        {"category": "a", "content": "已制定改造计划，年内完成12个小区。", "signed_by": "王局长"},
    )
    assert r.status_code == 200 and r.json()["state"] == "replied"
    assert staff.post(f"/api/v1/cases/{case_id}/actions/close").json()["state"] == "closed"
    # every credit is on the member's performance record, with its level
    kinds = list(PerformanceEvent.objects.filter(case_id=case_id).order_by("id").values_list("kind", "level"))
    assert kinds == [
        ("submitted", ""),
        ("published", ""),
        ("adopted", "provincial_cppcc"),
        ("instructed", "city"),
        ("adopted", "national_cppcc"),
    ]
    assert (
        PerformanceEvent.objects.filter(case_id=case_id, member=user_named("demo-member").member).count() == 5
    )
    # and the page shows it all
    page = c.get(f"/opinions/case/{case_id}/").content.decode()
    assert "省政协办公厅" in page and "市委书记李洪国" in page and "已制定改造计划" in page


def _selected(api, n=3):
    ids = []
    for i in range(n):
        cid = _opinion(api, f"第{i + 1}篇：城区问题反映标题")
        api("demo-staff").post(f"/api/v1/cases/{cid}/actions/select")
        ids.append(cid)
    return ids


def test_bulletin_docx_has_the_number_the_reports_in_order_and_the_recipients(api, user_named, client_as):
    ids = _selected(api)
    b = services.bulletin_create(
        actor=user_named("demo-staff"),
        body=_cppcc(),
        issued_on=datetime.date(2025, 7, 1),
        recipients="市委主要领导\n省政协办公厅信息处",
        case_ids=[ids[2], ids[0], ids[1]],
    )
    r = client_as("demo-staff").get(f"/opinions/bulletins/{b.pk}/docx/")
    assert r.status_code == 200
    doc = Document(io.BytesIO(r.content))
    text = [p.text for p in doc.paragraphs]
    assert "社情民意" in text[0] and f"2025年第{b.number}期" in text[1]
    titles = [t for t in text if "城区问题反映标题" in t]
    assert titles[:3] == [
        "一、第3篇：城区问题反映标题",
        "二、第1篇：城区问题反映标题",
        "三、第2篇：城区问题反映标题",
    ]
    assert any(t.startswith("报：市委主要领导，省政协办公厅信息处") for t in text)


def test_bulletin_refuses_reports_not_selected_and_changes_nothing(api, user_named):
    cid = _opinion(api)
    before = (Bulletin.objects.count(), CaseEvent.objects.filter(case_id=cid).count())
    with pytest.raises(ValidationError) as exc:
        services.bulletin_create(
            actor=user_named("demo-staff"),
            body=_cppcc(),
            issued_on=datetime.date(2025, 7, 1),
            recipients="市委",
            case_ids=[cid],
        )
    assert services.BULLETIN_ITEM_INVALID in exc.value.messages
    with pytest.raises(ValidationError):
        services.bulletin_create(
            actor=user_named("demo-staff"),
            body=_cppcc(),
            issued_on=datetime.date(2025, 7, 1),
            recipients="市委",
            case_ids=[],
        )
    assert (Bulletin.objects.count(), CaseEvent.objects.filter(case_id=cid).count()) == before
    assert Case.objects.get(pk=cid).state == "submitted"


def test_a_published_bulletin_cannot_be_published_twice(api, user_named):
    ids = _selected(api, 1)
    staff = user_named("demo-staff")
    b = services.bulletin_create(
        actor=staff, body=_cppcc(), issued_on=datetime.date(2025, 7, 1), recipients="市委", case_ids=ids
    )
    services.bulletin_publish(actor=staff, bulletin=b)
    with pytest.raises(ValidationError):
        services.bulletin_publish(actor=staff, bulletin=b)
    assert CaseEvent.objects.filter(case_id=ids[0], action="case.publish").count() == 1


def test_members_and_units_cannot_compose_bulletins(api, user_named, client_as):
    ids = _selected(api, 1)
    for who in ("demo-member", "demo-unit"):
        assert client_as(who).get("/opinions/bulletins/new/").status_code == 403
    with pytest.raises(Exception, match="只有本机构的工作人员"):
        services.bulletin_create(
            actor=user_named("demo-member"),
            body=_cppcc(),
            issued_on=datetime.date(2025, 7, 1),
            recipients="市委",
            case_ids=ids,
        )


def test_archive_needs_a_reason(api):
    cid = _opinion(api)
    r = api("demo-staff").post(f"/api/v1/cases/{cid}/actions/archive")
    assert r.status_code == 422 and Case.objects.get(pk=cid).state == "submitted"
    r = api("demo-staff").post(f"/api/v1/cases/{cid}/actions/archive", {"note": "与第12期内容重复"})
    assert r.json()["state"] == "archived"


def test_a_declined_proposal_converts_into_an_opinion_report(api, user_named):
    from lvzhi.casework import services as engine

    r = api("demo-member").post(
        "/api/v1/cases",
        {
            "kind": "proposal",
            "body_id": _cppcc().pk,
            "title": "关于规范城区共享单车停放的建议",
            "content": TEXT,
        },
    )
    cid = r.json()["id"]
    api("demo-member").post(f"/api/v1/cases/{cid}/actions/submit")
    engine.case_transition(
        case=Case.objects.get(pk=cid),
        name="convert",
        actor=user_named("demo-staff"),
        data={"to_kind": "opinion", "note": "更适合以社情民意信息报送"},
    )
    new = Case.objects.get(derived_from_id=cid)
    assert new.kind == "opinion" and new.state == "submitted" and new.opinion_detail.source == "converted"


# ---------------------------------------------------------------- figures


def test_opinion_submitted_figure(api):
    body, year = _cppcc(), timezone.localdate().year
    before = figures.figures_for(body=body, year=year)["opinion.submitted"]
    assert (
        before
        == Case.objects.filter(body=body, kind="opinion", year=year, submitted_at__isnull=False).count()
        == opinion_counts(body=body, year=year)["submitted"]
    )
    _opinion(api)
    assert figures.figures_for(body=body, year=year)["opinion.submitted"] == before + 1


def test_opinion_adopted_figure_counts_reports_not_adoptions(api, user_named):
    body, year = _cppcc(), timezone.localdate().year
    before = figures.figures_for(body=body, year=year)["opinion.adopted"]
    assert (
        before
        == Adoption.objects.filter(case__body=body, adopted_on__year=year).values("case").distinct().count()
    )
    case = Case.objects.filter(body=body, kind="opinion", state="published").first()
    staff = api("demo-staff")
    for level in ("city_party", "provincial_cppcc"):
        staff.post(
            f"/api/v1/cases/{case.pk}/actions/adopt",
            {"adopter": "采用单位", "level": level, "form": "special"},
        )
    assert figures.figures_for(body=body, year=year)["opinion.adopted"] == before + 1


def test_instruction_leader_figure_counts_each_instruction(api):
    body, year = _cppcc(), timezone.localdate().year
    before = figures.figures_for(body=body, year=year)["instruction.leader"]
    assert before == Instruction.objects.filter(case__body=body, instructed_on__year=year).count() > 0
    case = Case.objects.filter(body=body, kind="opinion", state="published").first()
    for name in ("李洪国", "王兴柱"):
        r = api("demo-staff").post(
            f"/api/v1/cases/{case.pk}/actions/instruct",
            {"leader_name": name, "leader_post": "市领导", "level": "city", "text": "请研究。"},
        )
        assert r.status_code == 200
    assert figures.figures_for(body=body, year=year)["instruction.leader"] == before + 2


def test_demo_year_is_believable():
    body = _cppcc()
    assert Case.objects.filter(body=body, kind="opinion").count() >= 150
    # last year's run of 《社情民意》: about one issue a fortnight
    assert 24 <= Bulletin.objects.filter(body=body, year=timezone.localdate().year - 1).count() <= 26
    levels = set(Adoption.objects.filter(case__body=body).values_list("level", flat=True))
    assert {"national_cppcc", "provincial_cppcc", "city_party"} <= levels
    assert Case.objects.filter(kind="micro_suggestion").count() >= 60
    assert Case.objects.filter(kind="petition", body__short_name="示范市人大常委会").count() >= 120
