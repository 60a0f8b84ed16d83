"""Every URL pattern, as anonymous and as each role: no page answers 500."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

pytestmark = pytest.mark.django_db

ROLES = [
    None,
    "demo-admin",
    "demo-staff",
    "demo-leader",
    "demo-member",
    "demo-deputy",
    "demo-unit",
    "demo-deputy-staff",
]
STR_VALUES = {
    "kind": ["member", "unit", "term", "session", "sector", "proposal", "nonsense"],
    "action": ["register"],
}
SKIP = ("admin/", "accounts/logout/")


def _patterns(resolver: URLResolver, prefix: str = "") -> list[str]:
    out = []
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            out.extend(_patterns(p, route))
        elif isinstance(p, URLPattern):
            out.append(route)
    return out


def _concrete(route: str) -> list[str]:
    route = route.lstrip("^").rstrip("$").replace("\\Z", "")
    urls = [route]
    for conv, name in re.findall(r"<(?:(\w+):)?(\w+)>", route):
        values = (
            ["1", "999999"]
            if conv in ("int", "") and name not in STR_VALUES
            else STR_VALUES.get(name, ["1", "x"])
        )
        token = re.compile(r"<(?:\w+:)?" + name + ">")
        urls = [token.sub(v, u, count=1) for u in urls for v in values]
    return ["/" + u for u in urls if "(" not in u and "[" not in u]


def all_urls() -> list[str]:
    urls = []
    for route in _patterns(get_resolver()):
        if route.startswith(SKIP):
            continue
        urls.extend(_concrete(route))
    return sorted(set(urls))


@pytest.mark.parametrize("username", ROLES)
def test_no_url_answers_500(username, user_named):
    c = Client(raise_request_exception=False)
    if username:
        c.force_login(user_named(username))
    failures = []
    for url in all_urls():
        r = c.get(url)
        if r.status_code >= 500:
            failures.append((url, r.status_code))
    assert not failures, failures
    assert len(all_urls()) > 20


def test_higher_body_sees_children_figures_but_not_their_records(client_as):
    from lvzhi.orgs.models import Body

    child = Body.objects.get(short_name="东城区政协")
    c = client_as("demo-staff")
    page = c.get("/dashboard/").content.decode()
    assert "东城区政协" in page and 'data-testid="child-figures"' in page
    assert c.get("/orgs/members/", {"body": child.pk}).status_code == 404
    assert c.get(f"/orgs/bodies/{child.pk}/").status_code == 404


def test_english_is_available_and_chinese_is_the_default(client_as):
    c = client_as("demo-staff")
    assert "工作台" in c.get("/dashboard/").content.decode()
    c.post("/i18n/setlang/", {"language": "en", "next": "/dashboard/"})
    page = c.get("/dashboard/").content.decode()
    assert "Dashboard" in page and "Sign out" in page


def test_the_administrator_sees_every_top_level_body_side_by_side(client_as):
    from lvzhi.orgs.models import Body
    from lvzhi.reports import figures

    page = client_as("demo-admin").get("/dashboard/").content.decode()
    year = timezone.localdate().year
    assert f"各机构 {year} 年数据" in page and 'data-testid="child-figures"' in page
    cppcc = Body.objects.get(short_name="示范市政协")
    submitted = figures.figures_for(body=cppcc, year=year)["proposal.submitted"]
    assert f'<td>示范市政协</td><td class="text-end">{submitted}</td>' in page
    assert "示范市人大常委会" in page and "东城区政协" not in page
