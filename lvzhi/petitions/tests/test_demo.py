"""The demo's 信访件: last year finished, this year to date, repeated petitions linked, timelines in order."""

from __future__ import annotations

import pytest
from django.utils import timezone

from lvzhi.accounts.models import User
from lvzhi.casework.models import Assignment, Case
from lvzhi.casework.tests import factories
from lvzhi.petitions.models import PetitionDetail
from lvzhi.reports import figures

from .helpers import body

pytestmark = pytest.mark.django_db


def _congress():
    return body("示范市人大常委会")


def _years() -> tuple[int, int]:
    today = timezone.localdate()
    return today.year - 1, today.year


def _states(year: int) -> set[str]:
    return set(
        Case.objects.filter(body=_congress(), kind="petition", year=year).values_list("state", flat=True)
    )


def test_both_years_have_petitions_numbered_per_year():
    congress = _congress()
    for year in _years():
        cases = Case.objects.filter(body=congress, kind="petition", year=year)
        assert cases.count() >= 100
        registered = cases.exclude(serial=None).order_by("serial")
        assert list(registered.values_list("serial", flat=True)) == list(range(1, registered.count() + 1))
        assert all(f"〔{year}〕" in n for n in registered.values_list("number", flat=True))
        assert figures.figures_for(body=congress, year=year)["petition.cases"] == cases.count()


def test_last_year_is_finished_with_reviews_and_this_year_in_hand():
    last, this = _years()
    assert _states(last) == {"closed", "rejected"}
    reviewed = Case.objects.filter(
        body=_congress(), year=last, state="closed", events__action="case.conclude_review"
    )
    assert reviewed.count() >= 3
    assert all(c.petition_detail.review_opinion for c in reviewed)
    assigned = Assignment.objects.filter(case__body=_congress(), case__kind="petition", case__year=last)
    assert set(assigned.values_list("status", flat=True)) == {"replied"}
    assert {"submitted", "registered", "admitted", "transferred", "handling", "replied", "closed"} <= _states(
        this
    )


def test_repeated_petitions_come_back_to_an_earlier_one_of_the_same_person():
    last, this = _years()
    repeats = PetitionDetail.objects.filter(case__body=_congress(), earlier__isnull=False).select_related(
        "case", "earlier__petition_detail"
    )
    assert repeats.filter(case__year=this, earlier__year=last).exists()
    for d in repeats:
        first = d.earlier.petition_detail
        assert (first.petitioner_name, first.id_number) == (d.petitioner_name, d.id_number)
        assert first.received_on < d.received_on
        assert d.case.title.startswith(f"{d.petitioner_name[0]}某某再次")


def test_every_petition_timeline_runs_in_order_and_ends_by_today():
    today = timezone.localdate()
    cases = Case.objects.filter(body=_congress(), kind="petition")
    factories.assert_timelines_in_order(cases)
    assert not cases.filter(events__isnull=True).exists()
    for d in PetitionDetail.objects.filter(case__in=cases).exclude(notified_on=None):
        assert d.received_on < d.notified_on <= today


def test_the_petition_staff_account_exists():
    assert User.objects.get(username="demo-petition").body == _congress()
