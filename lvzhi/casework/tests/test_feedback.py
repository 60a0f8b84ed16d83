"""Structured feedback: the submitter's rating decides; confirmed co-sponsors rate too, on the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lvzhi.casework.models import Case, CaseEvent, Feedback

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def replied(user_named):
    member, staff, unit = user_named("demo-member"), user_named("demo-staff"), user_named("demo-unit")
    co = f.member_user(f.other_members(member.body, member.member_id, 1)[0])
    case = f.handling_case(member, staff, unit, cosponsors=[co], title="关于加强社区养老服务设施建设的提案")
    case = f.move(case, unit, "reply", category="a", content="已采纳并落实。", signed_by="王局长")
    return case, co


def test_a_co_sponsor_rates_after_the_submitter_closed_the_case(client_as, replied):
    # given: the submitter rated 满意 and the case closed
    case, co = replied
    m = client_as("demo-member")
    m.post(
        reverse("casework:case-action", args=[case.pk, "rate"]), {"rating": "satisfied", "consulted": "face"}
    )
    assert Case.objects.get(pk=case.pk).state == "closed"
    # when: the co-sponsor opens the page, sees their own rating form, and rates 基本满意 with details
    c = client_as(co.username)
    page = c.get(reverse("casework:case-detail", args=[case.pk]))
    names = [a["name"] for a in page.context["actions"]]
    assert "cosponsor_rate" in names and "rate" not in names
    r = c.post(
        reverse("casework:case-action", args=[case.pk, "cosponsor_rate"]),
        {
            "rating": "basic",
            "consulted": "phone",
            "attitude": "good",
            "addresses_points": "0",
            "result": "explained",
            "comment": "基本认可，建议加快进度",
        },
    )
    # then: the case stays closed with the submitter's rating; both ratings are on the page
    assert r.status_code == 302
    case = Case.objects.get(pk=case.pk)
    assert case.state == "closed" and case.rating == "satisfied"
    fb = Feedback.objects.get(case=case, rater=co)
    assert (fb.is_submitter, fb.rating, fb.addresses_points, fb.result) == (
        False,
        "basic",
        False,
        "explained",
    )
    html = client_as("demo-staff").get(reverse("casework:case-detail", args=[case.pk])).content.decode()
    assert html.count('data-testid="feedback-row"') == 2
    assert "联名人" in html and "基本满意" in html and "已作解释说明" in html and "电话或书面沟通" in html


def test_co_sponsor_rating_in_the_api_case_detail(api, client_as, replied):
    case, co = replied
    client_as(co.username).post(
        reverse("casework:case-action", args=[case.pk, "cosponsor_rate"]), {"rating": "satisfied"}
    )
    r = api("demo-member").get(f"/api/v1/cases/{case.pk}")
    assert [(x["is_submitter"], x["rating_label"]) for x in r.json()["feedbacks"]] == [(False, "满意")]


def test_co_sponsor_refusals_change_nothing(api, user_named, replied):
    case, co = replied
    # the submitter may not use the co-sponsors' step
    r = api("demo-member").post(f"/api/v1/cases/{case.pk}/actions/cosponsor_rate", {"rating": "satisfied"})
    assert r.status_code == 403
    # a co-sponsor rates once per round
    assert (
        api(co.username)
        .post(f"/api/v1/cases/{case.pk}/actions/cosponsor_rate", {"rating": "satisfied"})
        .status_code
        == 200
    )
    before = CaseEvent.objects.filter(case=case).count()
    r = api(co.username).post(f"/api/v1/cases/{case.pk}/actions/cosponsor_rate", {"rating": "basic"})
    assert r.status_code == 422 and "已评价过" in r.json()["message"]
    assert CaseEvent.objects.filter(case=case).count() == before
    # a co-sponsor who declined the invitation may not rate
    member = user_named("demo-member")
    decliner = f.member_user(f.other_members(member.body, member.member_id, 2)[1])
    draft = f.draft(member, title="关于提升社区卫生服务能力的提案", cosponsor_ids=[decliner.member_id])
    f.move(draft, decliner, "cosign", accept=False)
    case2 = f.handling_case(
        member, user_named("demo-staff"), user_named("demo-unit"), title="关于规范物业服务收费的提案"
    )
    Case.objects.filter(pk=case2.pk).update(state="replied")
    from lvzhi.casework.models import Cosponsor

    Cosponsor.objects.create(case=case2, member_id=decliner.member_id, status="declined")
    r = api(decliner.username).post(
        f"/api/v1/cases/{case2.pk}/actions/cosponsor_rate", {"rating": "satisfied"}
    )
    assert r.status_code == 403 and not Feedback.objects.filter(case=case2).exists()
