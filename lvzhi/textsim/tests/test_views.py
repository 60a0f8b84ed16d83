"""Pages and htmx partials."""

from __future__ import annotations

from django.urls import reverse

from lvzhi.casework.models import Case
from lvzhi.textsim.models import RoutingRule


def test_search_page_shows_highlighted_hits(client_as):
    res = client_as("demo-staff").get(reverse("textsim:search"), {"q": "公交线路"})
    assert res.status_code == 200
    html = res.content.decode()
    assert 'data-testid="search-hit"' in html
    assert "<mark>" in html


def test_search_page_with_empty_query_is_a_form_not_an_error(client_as):
    res = client_as("demo-member").get(reverse("textsim:search"), {"q": " "})
    assert res.status_code == 200


def test_similar_hint_lists_similar_cases_for_a_member(client_as, public_case):
    res = client_as("demo-member").get(
        reverse("textsim:similar-hint"), {"title": public_case.title, "content": public_case.content[:200]}
    )
    assert res.status_code == 200
    assert public_case.title in res.content.decode()


def test_public_similar_hint_shows_no_petitions_or_private_cases(client, user_named):
    body_id = user_named("demo-staff").body_id
    hidden = Case.objects.filter(body_id=body_id).exclude(is_public=True, submitted_at__isnull=False)
    hidden = hidden.exclude(kind="petition").first() or Case.objects.filter(kind="petition").first()
    if hidden is None:
        return
    res = client.get(
        reverse("textsim:similar-hint"),
        {"title": hidden.title, "content": hidden.content[:200], "body": body_id},
    )
    assert res.status_code == 200
    assert f"/cases/{hidden.pk}/" not in res.content.decode()


def test_public_similar_hint_is_rate_limited_per_address(client, user_named):
    from lvzhi.textsim import views

    body_id = user_named("demo-staff").body_id
    url = reverse("textsim:similar-hint")
    params = {"title": "老旧小区加装电梯", "body": body_id}
    limit = views.PUBLIC_SIMILAR_LIMIT[0]
    codes = [client.get(url, params, REMOTE_ADDR="10.70.0.1").status_code for _ in range(limit + 3)]
    assert codes[:limit] == [200] * limit
    assert codes[limit:] == [429] * 3
    refused = client.get(url, params, REMOTE_ADDR="10.70.0.1", HTTP_HX_REQUEST="true")
    assert refused.status_code == 200 and "查询过于频繁" in refused.content.decode()
    # another address is unaffected
    assert client.get(url, params, REMOTE_ADDR="10.70.0.2").status_code == 200


def test_case_form_carries_the_similar_hint(client_as):
    res = client_as("demo-member").get(reverse("casework:case-create", args=["proposal"]))
    assert res.status_code == 200
    assert 'data-testid="similar-hint"' in res.content.decode()


def test_merge_page_for_staff_only(client_as):
    assert client_as("demo-staff").get(reverse("textsim:merge-suggestions")).status_code == 200
    assert client_as("demo-member").get(reverse("textsim:merge-suggestions")).status_code == 403


def test_staff_edit_routing_rules_and_members_cannot(client_as, user_named):
    staff = user_named("demo-staff")
    from lvzhi.orgs.models import HandlingUnit

    unit = HandlingUnit.objects.filter(body_id=staff.body_id, is_active=True).first()
    res = client_as("demo-staff").post(
        reverse("textsim:routing-rules"), {"unit": unit.pk, "keywords": "学位 校车"}
    )
    assert res.status_code == 302
    assert RoutingRule.objects.get(body_id=staff.body_id, unit=unit).keyword_list == ["学位", "校车"]
    assert (
        client_as("demo-member")
        .post(reverse("textsim:routing-rules"), {"unit": unit.pk, "keywords": "x"})
        .status_code
        == 403
    )


def test_routing_hint_partial_for_staff(client_as, user_named):
    staff = user_named("demo-staff")
    case = Case.objects.filter(body_id=staff.body_id, state="registered").first()
    res = client_as("demo-staff").get(
        reverse("textsim:routing-hint", args=[case.pk]), {"target": "lead-assign"}
    )
    assert res.status_code == 200
    assert 'data-testid="routing-suggestion"' in res.content.decode()


def test_topics_page_and_dashboard_card(client_as):
    c = client_as("demo-staff")
    page = c.get(reverse("textsim:topics"))
    assert page.status_code == 200
    assert "echarts.min.js" in page.content.decode()
    assert 'data-testid="hot-topics-card"' in c.get(reverse("web:dashboard")).content.decode()


def test_public_portal_form_carries_the_similar_hint(client, user_named):
    res = client.get(reverse("public:submit", args=[user_named("demo-staff").body_id]))
    assert res.status_code == 200
    assert 'data-testid="similar-hint"' in res.content.decode()


def test_the_administrator_picks_the_body_and_staff_stay_in_their_own(client_as, user_named):
    admin = client_as("demo-admin")
    congress = user_named("demo-deputy-staff").body
    for url in ("/textsim/merge/", "/textsim/rules/", "/textsim/topics/"):
        page = admin.get(url)
        assert page.status_code == 200 and 'data-testid="body-picker"' in page.content.decode()
        chosen = admin.get(url, {"body": congress.pk}).content.decode()
        assert congress.name in chosen
    # staff of one body can neither pick nor reach another body's pages
    staff = client_as("demo-staff")
    assert 'data-testid="body-picker"' not in staff.get("/textsim/merge/").content.decode()
    assert staff.get("/textsim/merge/", {"body": congress.pk}).status_code == 404
