"""The demo's proposals and suggestions: two years, timelines that run in order, nothing after today."""

from __future__ import annotations

import pytest
from django.utils import timezone

from lvzhi.casework.models import Case
from lvzhi.casework.tests import factories
from lvzhi.orgs.models import Body

pytestmark = pytest.mark.django_db


def _cases():
    return Case.objects.filter(kind__in=["proposal", "suggestion", "bill"])


def test_every_body_has_last_year_finished_and_this_year_in_hand():
    today = timezone.localdate()
    for body in Body.objects.exclude(level="national"):
        cases = _cases().filter(body=body)
        last = set(cases.filter(year=today.year - 1).values_list("state", flat=True))
        this = set(cases.filter(year=today.year).values_list("state", flat=True))
        assert last and last <= {"closed", "declined", "merged"}, body
        assert "closed" in this and this - {"closed", "declined", "merged"}, body


def test_every_timeline_runs_in_order_and_ends_by_now():
    # a proposal of December may be answered in the new year: no same-year rule here
    factories.assert_timelines_in_order(_cases(), within_year=False)


def test_replies_and_ratings_follow_assignment():
    for c in _cases().exclude(replied_at=None).only("assigned_at", "replied_at", "rated_at", "submitted_at"):
        assert c.submitted_at <= c.assigned_at <= c.replied_at, c.pk
        if c.rated_at:
            assert c.replied_at <= c.rated_at, c.pk
