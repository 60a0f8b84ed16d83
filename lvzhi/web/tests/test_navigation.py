from __future__ import annotations

import pytest

from lvzhi.web.navigation import items_for

pytestmark = pytest.mark.django_db


def _urls(user):
    return {item.url_name for item in items_for(user)}


def test_the_sidebar_follows_the_role_and_the_kind_of_body(user_named):
    cppcc_staff = _urls(user_named("demo-staff"))
    congress_staff = _urls(user_named("demo-deputy-staff"))
    unit = _urls(user_named("demo-unit"))
    member = _urls(user_named("demo-member"))
    # 社情民意 belongs to the CPPCC office; petitions and micro-suggestions to both.
    assert {"opinions:inbox", "opinions:bulletin-list", "petitions:list"} <= cppcc_staff
    assert not {"opinions:inbox", "opinions:bulletin-list"} & congress_staff
    assert {"petitions:list", "opinions:micro-inbox"} <= congress_staff
    # Only staff manage the audit log and the structure; members draft their own.
    assert "web:audit-list" in cppcc_staff and "web:audit-list" not in member | unit
    assert "opinions:my-opinions" in member and "opinions:inbox" not in member
    assert "orgs:member-list" not in unit
