"""One rule per field: the web form and the API refuse the same text and dates, from one place."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lvzhi.casework.models import TEXT_MAX_LENGTH, Case, Contact, Reply

from . import factories as f

pytestmark = pytest.mark.django_db


def test_proposal_text_over_the_limit_is_refused_by_the_page_and_the_api(client_as, api, user_named):
    member = user_named("demo-member")
    before = Case.objects.count()
    text = "很" * (TEXT_MAX_LENGTH + 1)
    page = client_as("demo-member").post(
        reverse("casework:case-create", args=["proposal"]),
        {"title": "关于完善社区养老服务的提案", "content": text, "category": "society", "is_public": "on"},
    )
    assert page.status_code == 200 and "20000" in page.content.decode()
    r = api("demo-member").post(
        "/api/v1/cases",
        {
            "kind": "proposal",
            "body_id": member.body_id,
            "title": "关于完善社区养老服务的提案",
            "content": text,
        },
    )
    assert r.status_code == 422
    assert Case.objects.count() == before


@pytest.fixture
def handling(user_named):
    return f.handling_case(user_named("demo-member"), user_named("demo-staff"), user_named("demo-unit"))


def test_a_b_reply_promising_a_date_in_the_past_is_refused(api, handling):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    r = api("demo-unit").post(
        f"/api/v1/cases/{handling.pk}/actions/reply",
        {
            "category": "b",
            "content": "列入计划。",
            "signed_by": "张局长",
            "promised_on": yesterday.isoformat(),
        },
    )
    assert r.status_code == 422
    assert r.json()["message"] == "promised_on：承诺完成日期不能早于今天。"
    assert not Reply.objects.filter(case=handling).exists()
    assert Case.objects.get(pk=handling.pk).state == handling.state


def test_a_contact_dated_in_the_future_is_refused_on_the_page_and_the_api(api, client_as, handling):
    later = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    r = api("demo-unit").post(
        f"/api/v1/cases/{handling.pk}/actions/contact",
        {"stage": "before", "mode": "face", "note": "沟通", "on": later},
    )
    assert r.status_code == 422 and "沟通日期不能晚于今天。" in r.json()["message"]
    client_as("demo-unit").post(
        reverse("casework:case-action", args=[handling.pk, "contact"]),
        {"stage": "before", "mode": "face", "note": "沟通", "on": later},
    )
    assert not Contact.objects.filter(case=handling).exists()
