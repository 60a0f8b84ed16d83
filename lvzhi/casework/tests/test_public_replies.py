"""公开答复: no sign-in, only consented and answered cases of kinds the body publishes, no personal data."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lvzhi.casework.models import Case, KindSetting

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(user_named):
    member, staff, unit = user_named("demo-member"), user_named("demo-staff"), user_named("demo-unit")
    case = f.handling_case(member, staff, unit, title="关于完善城区公共厕所布局的提案")
    content = f"{member.member.name}委员：您提出的建议已采纳，新建公厕十座。联系人：李明华"
    case = f.move(case, unit, "reply", category="a", content=content, signed_by="李明华")
    return f.move(case, member, "rate", rating="satisfied")


def _url(body_id, pk=None):
    if pk is None:
        return reverse("casework-public:replies", args=[body_id])
    return reverse("casework-public:reply-detail", args=[body_id, pk])


def test_anyone_reads_published_replies_without_signing_in(answered, user_named):
    # given: nobody signed in
    client = Client()
    # when
    r = client.get(_url(answered.body_id), {"q": "公共厕所"})
    # then: the case is listed, and its page shows the answer without any person's name
    assert r.status_code == 200
    assert [c.pk for c in r.context["page"]] == [answered.pk]
    r = client.get(_url(answered.body_id, answered.pk))
    html = r.content.decode()
    member = user_named("demo-member").member.name
    assert (
        r.status_code == 200 and "新建公厕十座" in html and user_named("demo-unit").handling_unit.name in html
    )
    assert member not in html and "李明华" not in html and answered.submitter_name not in html


def test_unpublished_cases_stay_off_the_public_page(answered, user_named):
    client = Client()
    # no consent
    Case.objects.filter(pk=answered.pk).update(is_public=False, public_note="涉及个人隐私")
    assert client.get(_url(answered.body_id, answered.pk)).status_code == 404
    assert answered.pk not in {
        c.pk for c in client.get(_url(answered.body_id)).context["page"].paginator.object_list
    }
    # not answered yet
    member, staff, unit = user_named("demo-member"), user_named("demo-staff"), user_named("demo-unit")
    open_case = f.handling_case(member, staff, unit, title="关于加强城市内涝治理的提案")
    assert client.get(_url(answered.body_id, open_case.pk)).status_code == 404
    # another body's id in the URL
    assert client.get(_url(user_named("demo-deputy").body_id, answered.pk)).status_code == 404


def test_a_body_that_does_not_publish_has_no_public_page(answered):
    KindSetting.objects.filter(body_id=answered.body_id).update(publish_replies=False)
    assert Client().get(_url(answered.body_id)).status_code == 404
    assert Client().get(_url(999999)).status_code == 404


def test_petitions_are_never_published_even_if_a_body_opts_in(answered):
    KindSetting.objects.update_or_create(
        body_id=answered.body_id, kind="petition", defaults={"publish_replies": True}
    )
    from lvzhi.casework import selectors

    assert "petition" not in selectors.public_kinds(body_id=answered.body_id)


def test_public_list_stays_within_a_fixed_number_of_queries(answered, django_assert_max_num_queries):
    client = Client()
    with django_assert_max_num_queries(6):
        r = client.get(_url(answered.body_id))
    assert r.status_code == 200 and r.context["page"].paginator.count > 10
    with django_assert_max_num_queries(8):
        assert client.get(_url(answered.body_id, answered.pk)).status_code == 200
