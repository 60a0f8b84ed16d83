"""Who sees what of a petition: personal data for petition staff only; a unit only its own."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from lvzhi.casework import services as engine
from lvzhi.casework import workdays
from lvzhi.casework.models import Case, CaseEvent
from lvzhi.orgs.models import HandlingUnit
from lvzhi.petitions import portal
from lvzhi.petitions.models import DEFAULT_NOTIFY_DAYS, PetitionDetail, PetitionSetting
from lvzhi.petitions.selectors import notify_days, petition_counts
from lvzhi.petitions.services import PETITION_STAFF_ONLY
from lvzhi.reports import figures

from .helpers import body, code_of, submit, unit_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def petition():
    congress = body("示范市人大常委会")
    code = code_of(
        submit(Client(), congress.pk, name="欧阳明月", phone="13911112222", id_number="11010519800101123X")
    )
    return Case.objects.get(tracker__code_hash=portal.code_hash(code))


def test_petition_staff_see_the_petitioner_in_full(client_as, petition):
    page = client_as("demo-petition").get(f"/petitions/{petition.pk}/").content.decode()
    assert "欧阳明月" in page and "13911112222" in page and "11010519800101123X" in page


def test_other_staff_see_personal_data_masked_in_page_list_and_export(client_as, petition):
    c = client_as("demo-deputy-staff")
    page = c.get(f"/petitions/{petition.pk}/").content.decode()
    assert "欧阳明月" not in page and "13911112222" not in page and "欧**" in page and "139****2222" in page
    listing = c.get("/petitions/?state=submitted").content.decode()
    assert "欧阳明月" not in listing and "13911112222" not in listing
    wb = load_workbook(io.BytesIO(c.get("/petitions/?state=submitted&export=xlsx").content))
    text = " ".join(str(v) for row in wb.active.iter_rows(values_only=True) for v in row)
    assert "欧阳明月" not in text and "13911112222" not in text and "1101**********123X" in text


def test_the_cases_api_never_shows_personal_data(api, petition):
    r = api("demo-petition").get(f"/api/v1/cases/{petition.pk}")
    assert r.status_code == 200
    assert "欧阳明月" not in r.content.decode() and r.json()["detail"]["petitioner"] == "欧**"
    assert r.json()["kind"] == "petition" and r.json()["state"] == "submitted"


def test_the_engine_api_runs_the_petition_workflow(api, petition, user_named):
    s = api("demo-petition")
    for action in ("register", "admit"):
        r = s.post(f"/api/v1/cases/{petition.pk}/actions/{action}")
        assert r.status_code == 200, r.content
    assert r.json()["state"] == "admitted" and r.json()["state_label"] == "已受理"
    r = s.post(f"/api/v1/cases/{petition.pk}/actions/admit")
    assert r.status_code == 409
    assert api("demo-member").post(
        f"/api/v1/cases/{petition.pk}/actions/answer", {"content": "答复"}
    ).status_code in {403, 404}
    wf = s.get("/api/v1/kinds/petition/workflow").json()
    assert {t["name"] for t in wf["transitions"]} >= {
        "register",
        "transfer",
        "assign",
        "answer",
        "request_review",
    }


def test_a_handling_unit_sees_only_its_own_petitions(petition, user_named):
    congress = body("示范市人大常委会")
    mine, other = HandlingUnit.objects.filter(body=congress)[:2]
    staff = user_named("demo-petition")
    for name, data in (("register", {}), ("admit", {}), ("transfer", {"lead_unit_id": mine.pk})):
        engine.case_transition(case=petition, name=name, actor=staff, data=data)
    ok, no = Client(), Client()
    ok.force_login(unit_user(mine, "u-mine"))
    no.force_login(unit_user(other, "u-other"))
    assert ok.get(f"/petitions/{petition.pk}/").status_code == 200
    assert no.get(f"/petitions/{petition.pk}/").status_code == 404
    assert petition.title not in no.get("/petitions/").content.decode()
    page = ok.get(f"/petitions/{petition.pk}/").content.decode()
    assert "欧阳明月" not in page


def test_petition_cases_figure_counts_cases_batches_and_persons(petition):
    congress = body("示范市人大常委会")
    year = petition.year
    counts = petition_counts(body=congress, year=year)
    expected = PetitionDetail.objects.filter(
        case__body=congress, case__submitted_at__isnull=False, received_on__year=year
    ).count()
    assert figures.figures_for(body=congress, year=year)["petition.cases"] == counts["cases"] == expected
    assert counts["batches"] >= 1 and counts["persons"] >= counts["batches"]


def test_staff_register_a_visit_and_get_a_code_for_the_petitioner(client_as):
    c = client_as("demo-petition")
    r = c.post(
        "/petitions/new/",
        {
            "form": "visit",
            "persons": "6",
            "name": "王五",
            "phone": "13700001111",
            "title": "集体反映征地补偿款分配问题",
            "content": "六位村民来访，反映村集体征地补偿款分配方案未经村民代表会议讨论通过，请求依法处理。",
        },
        follow=True,
    )
    assert r.status_code == 200
    m = re.search(r"查询码 (\S+) 随受理告知书", r.content.decode())
    assert m
    case = Case.objects.get(tracker__code_hash=portal.code_hash(m.group(1)))
    assert (
        case.state == "submitted"
        and case.petition_detail.persons == 6
        and case.petition_detail.form == "visit"
    )


def test_pages_answer_without_error(client_as):
    for user in ("demo-petition", "demo-deputy-staff", "demo-admin"):
        c = client_as(user)
        assert c.get("/petitions/").status_code == 200
        assert c.get("/petitions/?state=closed&form=visit&category=urban").status_code == 200
    assert client_as("demo-petition").get("/petitions/new/").status_code == 200
    assert Client().get("/public/track/").status_code == 200
    assert Client().get("/public/999999/").status_code == 404


# ---------------------------------------------------------------- petition actions: petition staff only


def test_other_staff_get_a_chinese_403_on_petition_steps_and_nothing_changes(client_as, petition):
    # given staff of the congress without the handle_petition permission
    c = client_as("demo-deputy-staff")
    events = CaseEvent.objects.filter(case=petition).count()
    # when they try to register the petition from its page
    r = c.post(f"/opinions/case/{petition.pk}/action/register/", {})
    # then a 403 in Chinese, and the petition is as it was
    assert r.status_code == 403 and PETITION_STAFF_ONLY in r.content.decode()
    petition.refresh_from_db()
    assert petition.state == "submitted" and not petition.number
    assert CaseEvent.objects.filter(case=petition).count() == events
    # and the page offers them no steps
    page = c.get(f"/petitions/{petition.pk}/").content.decode()
    assert 'data-testid="petition-staff-only"' in page and 'data-testid="action-register"' not in page


def test_other_staff_are_refused_through_the_cases_api_and_the_engine(api, petition, user_named):
    r = api("demo-deputy-staff").post(f"/api/v1/cases/{petition.pk}/actions/register")
    assert r.status_code == 403 and r.json()["message"] == PETITION_STAFF_ONLY
    with pytest.raises(PermissionDenied, match="信访工作人员"):
        engine.case_transition(case=petition, name="register", actor=user_named("demo-deputy-staff"))
    petition.refresh_from_db()
    assert petition.state == "submitted" and petition.version == Case.objects.get(pk=petition.pk).version
    assert not CaseEvent.objects.filter(case=petition, action="case.register").exists()
    # petition staff go on as before
    assert api("demo-petition").post(f"/api/v1/cases/{petition.pk}/actions/register").status_code == 200


def test_other_staff_cannot_register_a_visit(client_as):
    c = client_as("demo-deputy-staff")
    before = Case.objects.filter(kind="petition").count()
    r = c.post("/petitions/new/", {"form": "visit", "name": "王五", "phone": "13700001111"})
    assert r.status_code == 403 and PETITION_STAFF_ONLY in r.content.decode()
    assert "登记来信来访" not in c.get("/petitions/").content.decode()
    assert Case.objects.filter(kind="petition").count() == before


def test_units_keep_their_own_steps_on_petitions(petition, user_named):
    # given a petition assigned by petition staff to a unit
    congress = body("示范市人大常委会")
    unit = HandlingUnit.objects.filter(body=congress).first()
    staff = user_named("demo-petition")
    for name, data in (("register", {}), ("admit", {}), ("assign", {"lead_unit_id": unit.pk})):
        engine.case_transition(case=petition, name=name, actor=staff, data=data)
    # when the unit signs for it and replies (no petition permission needed)
    u = unit_user(unit, "u-petition-steps")
    engine.case_transition(case=petition, name="accept", actor=u)
    engine.case_transition(
        case=petition,
        name="reply",
        actor=u,
        data={"category": "a", "content": "已协调办理不动产权证。", "signed_by": "李科长"},
    )
    # then
    petition.refresh_from_db()
    assert petition.state == "replied"


# ---------------------------------------------------------------- 受理告知 deadline per body


def test_the_notify_deadline_is_set_per_body(client_as):
    # given the congress gives 5 days for 受理告知 instead of the default 15
    congress = body("示范市人大常委会")
    PetitionSetting.objects.create(body=congress, notify_days=5)
    received = datetime.date(2025, 3, 3)  # a Monday
    # when petition staff register a letter received that day
    r = client_as("demo-petition").post(
        "/petitions/new/",
        {
            "form": "letter",
            "received_on": received.isoformat(),
            "name": "赵六",
            "phone": "13600002222",
            "title": "反映小区供暖温度长期不达标",
            "content": "本人所住小区今冬供暖温度长期低于十八度，多次向供热公司反映未果，请求督促解决。",
        },
    )
    assert r.status_code == 302
    # then its 受理告知 deadline counts 5 days, and another body keeps the default
    detail = PetitionDetail.objects.get(case__title="反映小区供暖温度长期不达标")
    assert detail.notify_due_on == workdays.due_after(received, 5) == datetime.date(2025, 3, 10)
    assert notify_days(body_id=body("示范市政协").pk) == DEFAULT_NOTIFY_DAYS == 15


def test_without_a_setting_the_notify_deadline_is_fifteen_days(petition):
    detail = PetitionDetail.objects.get(case=petition)
    assert detail.notify_due_on == workdays.due_after(detail.received_on, 15)


def test_the_list_filters_by_year_and_counts_that_year(client_as):
    c = client_as("demo-petition")
    this = timezone.localdate().year
    page = c.get("/petitions/", {"year": this - 1}).content.decode()
    assert f"信访〔{this - 1}〕" in page and f"信访〔{this}〕" not in page
    assert 'data-testid="year-filter"' in page and f'value="{this - 1}" selected' in page
    # a year that is no year is ignored, not an error
    for bad in ("abc", "99999999999999999999999", "0", "-1"):
        assert c.get("/petitions/", {"year": bad}).status_code == 200
    assert c.get("/cases/inbox/", {"year": "9" * 30, "unit": "9" * 30}).status_code == 200
