"""Members, groups and 信息员 write 社情民意 / 微建议 on their own pages: draft, submit, follow."""

from __future__ import annotations

import pytest

from lvzhi.accounts.models import Role, User
from lvzhi.casework import services as engine
from lvzhi.casework.models import Case, CaseEvent
from lvzhi.members.models import PerformanceEvent
from lvzhi.opinions import services
from lvzhi.opinions.models import InformationOfficer, OpinionDetail
from lvzhi.orgs.models import Body

pytestmark = pytest.mark.django_db

TEXT = "近期走访中了解到，城区部分老旧小区二次供水设施老化，夏季用水高峰经常停水，群众反映强烈。建议尽快摸底排查，纳入年度改造计划。"


def _post(c, url, **fields):
    data = {"title": "城区老旧小区二次供水设施亟待改造", "content": TEXT, "then": "submit", **fields}
    return c.post(url, data)


def _last_case(**filters):
    return Case.objects.filter(**filters).order_by("-id").first()


def test_a_member_drafts_then_submits_and_follows_the_edited_version(client_as, user_named):
    # given a member on 我的社情民意
    c = client_as("demo-member")
    member = user_named("demo-member")
    page = c.get("/opinions/mine/").content.decode()
    assert 'data-testid="new-report"' in page
    form = c.get("/opinions/new/opinion/").content.decode()
    assert "委员本人" in form and 'data-testid="capacity"' in form
    # when they save a draft, change it, then submit it
    r = _post(c, "/opinions/new/opinion/", capacity="member", then="save")
    assert r.status_code == 302
    case = _last_case(submitter=member, kind="opinion")
    assert case.state == "draft" and case.submitter_member_id == member.member_id
    assert 'data-testid="edit-draft"' in c.get(f"/opinions/case/{case.pk}/").content.decode()
    r = c.post(
        f"/opinions/case/{case.pk}/edit/",
        {"title": "老旧小区二次供水设施老化问题突出", "content": TEXT, "then": "submit"},
    )
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == "submitted" and case.title == "老旧小区二次供水设施老化问题突出"
    assert OpinionDetail.objects.get(case=case).source == "member"
    assert PerformanceEvent.objects.filter(case=case, kind="submitted", member=member.member).exists()
    # then staff edit it, and the member's page shows the edited version, the original and the timeline
    engine.case_transition(
        case=case,
        name="edit",
        actor=user_named("demo-info"),
        data={"title": "关于加快老旧小区二次供水改造的建议", "content": TEXT + "（信息处改定）"},
    )
    page = c.get(f"/opinions/case/{case.pk}/").content.decode()
    assert "关于加快老旧小区二次供水改造的建议" in page and "（信息处改定）" in page
    assert 'data-testid="edited-note"' in page and 'data-testid="original"' in page
    assert "老旧小区二次供水设施老化问题突出" in page  # the original title, kept
    timeline = page.split('data-testid="timeline"')[1]
    assert "报送 → 已报送" in timeline and "编辑 → 已编辑" in timeline and "修改" in timeline
    assert 'data-testid="edit-draft"' not in page  # no longer a draft
    mine = c.get("/opinions/mine/").content.decode()
    assert "关于加快老旧小区二次供水改造的建议" in mine and "已编辑" in mine


def test_a_member_reports_in_the_name_of_their_sector(client_as, user_named):
    member = user_named("demo-member")
    ms = (
        member.member.memberships.filter(is_active=True, sector__isnull=False)
        .select_related("sector")
        .first()
    )
    if ms is None:
        pytest.skip("demo member has no sector")
    c = client_as("demo-member")
    assert _post(c, "/opinions/new/opinion/", capacity=f"sector:{ms.sector_id}").status_code == 302
    case = _last_case(submitter=member, kind="opinion")
    assert case.submitter_kind == "sector" and case.submitter_name == ms.sector.name
    assert OpinionDetail.objects.get(case=case).source == "group"


def test_an_information_officer_without_a_seat_reports_as_officer(client_as, user_named):
    # given the demo 信息员 (a member-role account with no 委员 seat)
    officer = user_named("demo-officer")
    assert (
        officer.member_id is None and InformationOfficer.objects.filter(user=officer, is_active=True).exists()
    )
    c = client_as("demo-officer")
    assert "信息员（周海燕）" in c.get("/opinions/new/opinion/").content.decode()
    # when they submit a report and a micro-suggestion
    assert _post(c, "/opinions/new/opinion/", capacity="officer").status_code == 302
    assert (
        _post(
            c, "/opinions/new/micro_suggestion/", capacity="officer", title="建议在人民公园东门增设公共卫生间"
        ).status_code
        == 302
    )
    # then both are submitted as 信息员, listed on their pages, and waiting in the staff inboxes
    report = _last_case(submitter=officer, kind="opinion")
    micro = _last_case(submitter=officer, kind="micro_suggestion")
    assert report.state == "submitted" and micro.state == "submitted"
    assert OpinionDetail.objects.get(case=report).source == "officer" and report.submitter_name == "周海燕"
    assert "城区老旧小区二次供水设施亟待改造" in c.get("/opinions/mine/").content.decode()
    assert "建议在人民公园东门增设公共卫生间" in c.get("/opinions/mine/micro/").content.decode()
    assert c.get(f"/opinions/case/{report.pk}/").status_code == 200
    staff = client_as("demo-info")
    assert (
        "城区老旧小区二次供水设施亟待改造" in staff.get("/opinions/inbox/?state=submitted").content.decode()
    )


def test_a_retired_officer_may_no_longer_report(client_as, user_named):
    officer = user_named("demo-officer")
    InformationOfficer.objects.filter(user=officer).update(is_active=False)
    before = Case.objects.count()
    c = client_as("demo-officer")
    r = _post(c, "/opinions/new/opinion/", capacity="officer")
    assert r.status_code == 403 and "只有本机构的委员、信息员或工作人员可以报送" in r.content.decode()
    assert Case.objects.count() == before


def test_staff_record_a_report_for_a_party_group(client_as, user_named):
    c = client_as("demo-info")
    r = _post(c, "/opinions/new/opinion/", capacity="group:party", group_name="民革示范市委会")
    assert r.status_code == 302
    case = _last_case(submitter=user_named("demo-info"), kind="opinion")
    assert case.submitter_kind == "party" and case.submitter_name == "民革示范市委会"
    assert case.state == "submitted" and OpinionDetail.objects.get(case=case).source == "group"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "短"}, "title", services.TITLE_TOO_SHORT),
        ({"content": "太短了"}, "content", services.CONTENT_TOO_SHORT),
        ({"capacity": "officer"}, "capacity", "选择"),  # a member who is not an officer
        ({"title": ""}, "title", "必填"),
    ],
)
def test_bad_drafts_are_refused_with_a_message_and_nothing_stored(client_as, fields, field, message):
    before = (Case.objects.count(), CaseEvent.objects.count())
    r = _post(client_as("demo-member"), "/opinions/new/opinion/", **{"capacity": "member", **fields})
    assert r.status_code == 200
    assert f'data-testid="error-{field}"' in r.content.decode() and message in r.content.decode()
    assert (Case.objects.count(), CaseEvent.objects.count()) == before


def test_script_in_a_draft_is_escaped_on_display(client_as, user_named):
    c = client_as("demo-member")
    _post(c, "/opinions/new/opinion/", capacity="member", title="<script>alert(1)</script>供水问题")
    case = _last_case(submitter=user_named("demo-member"), kind="opinion")
    page = c.get(f"/opinions/case/{case.pk}/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_units_cannot_draft_and_others_cannot_edit_a_draft(client_as, user_named):
    assert client_as("demo-unit").get("/opinions/new/opinion/").status_code == 403
    c = client_as("demo-member")
    _post(c, "/opinions/new/opinion/", capacity="member", then="save")
    case = _last_case(submitter=user_named("demo-member"), kind="opinion")
    # a draft is private: staff do not even find it
    assert client_as("demo-info").get(f"/opinions/case/{case.pk}/edit/").status_code == 404
    r = client_as("demo-info").post(
        f"/opinions/case/{case.pk}/edit/", {"title": "改标题改标题", "content": TEXT}
    )
    assert r.status_code == 404
    case.refresh_from_db()
    assert case.title == "城区老旧小区二次供水设施亟待改造"


def test_opinions_are_for_cppcc_bodies_but_micro_suggestions_for_deputies_too(client_as, user_named):
    c = client_as("demo-deputy")
    assert c.get("/opinions/new/opinion/").status_code == 403
    assert _post(c, "/opinions/new/micro_suggestion/", capacity="member").status_code == 302
    case = _last_case(submitter=user_named("demo-deputy"), kind="micro_suggestion")
    assert case.state == "submitted" and case.body.kind == "congress"


def test_a_member_rates_the_reply_to_their_micro_suggestion_on_its_page(client_as, user_named):
    # given a member's micro-suggestion, assigned and replied to
    c = client_as("demo-member")
    _post(c, "/opinions/new/micro_suggestion/", capacity="member", title="建议延长图书馆周末开放时间")
    case = _last_case(submitter=user_named("demo-member"), kind="micro_suggestion")
    unit = user_named("demo-unit")
    engine.case_transition(
        case=case, name="assign", actor=user_named("demo-staff"), data={"lead_unit_id": unit.handling_unit_id}
    )
    engine.case_transition(
        case=case,
        name="reply",
        actor=unit,
        data={"category": "a", "content": "已调整为周末开放至晚上九点。", "signed_by": "陈局长"},
    )
    # when the member opens it, the reply and the rating step are there
    page = c.get(f"/opinions/case/{case.pk}/").content.decode()
    assert "已调整为周末开放至晚上九点" in page and 'data-testid="action-rate"' in page
    r = c.post(f"/opinions/case/{case.pk}/action/rate/", {"rating": "satisfied"})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == "closed" and case.rating == "satisfied"


def test_the_sidebar_has_the_members_entries(client_as):
    page = client_as("demo-member").get("/opinions/mine/").content.decode()
    assert "我的社情民意" in page and "我的微建议" in page
    deputy = client_as("demo-deputy").get("/opinions/mine/micro/").content.decode()
    assert "我的微建议" in deputy and "我的社情民意" not in deputy
    assert "我的社情民意" not in client_as("demo-info").get("/opinions/inbox/").content.decode()


def test_my_reports_list_within_its_query_budget(client_as, django_assert_max_num_queries):
    c = client_as("demo-member")
    for i in range(3):
        _post(c, "/opinions/new/opinion/", capacity="member", title=f"第{i + 1}篇：城区问题反映标题")
    with django_assert_max_num_queries(20):
        assert c.get("/opinions/mine/").status_code == 200


def test_a_new_member_role_account_is_not_an_officer_by_itself(db):
    body = Body.objects.get(short_name="示范市政协")
    u = User.objects.create(username="plain-member-role", role=Role.MEMBER, body=body)
    with pytest.raises(Exception, match="只有本机构的委员、信息员或工作人员"):
        services.opinion_draft_create(
            actor=u, kind="opinion", title="城区问题反映标题", content=TEXT, capacity="officer"
        )
