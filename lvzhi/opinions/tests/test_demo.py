"""The demo's 社情民意 and 微建议: last year finished, this year to date, every timeline in order."""

from __future__ import annotations

import pytest
from django.db.models import Min
from django.utils import timezone

from lvzhi.accounts.models import User
from lvzhi.casework.models import Assignment, Case
from lvzhi.casework.tests import factories
from lvzhi.members.models import PerformanceEvent
from lvzhi.opinions.models import Adoption, Bulletin, Instruction
from lvzhi.orgs.models import Body
from lvzhi.reports import figures

pytestmark = pytest.mark.django_db

FINISHED_OPINION = {"published", "adopted", "closed", "archived"}


def _cppcc() -> Body:
    return Body.objects.get(short_name="示范市政协")


def _years() -> tuple[int, int]:
    today = timezone.localdate()
    return today.year - 1, today.year


def test_both_years_have_reports_and_issues_numbered_from_one():
    body, (last, this) = _cppcc(), _years()
    issues = {}
    for year in (last, this):
        assert Case.objects.filter(body=body, kind="opinion", year=year).count() >= 140
        assert Case.objects.filter(body=body, kind="micro_suggestion", year=year).count() >= 50
        year_issues = Bulletin.objects.filter(body=body, series="社情民意", year=year)
        numbers = list(year_issues.order_by("number").values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
        assert not year_issues.exclude(issued_on__year=year).exists()
        assert not year_issues.filter(items__isnull=True).exists()
        # an issue carries reports of its own year, submitted before it came out
        for b in year_issues.prefetch_related("items__case"):
            for item in b.items.all():
                assert item.case.year == year
                assert timezone.localtime(item.case.submitted_at).date() < b.issued_on
        issues[year] = len(numbers)
    assert 24 <= issues[last] <= 26
    assert issues[this] >= 1


def test_last_year_is_finished_and_this_year_in_hand():
    body, (last, this) = _cppcc(), _years()

    def states(kind: str, year: int) -> set[str]:
        return set(Case.objects.filter(body=body, kind=kind, year=year).values_list("state", flat=True))

    assert states("opinion", last) == FINISHED_OPINION
    assert states("micro_suggestion", last) == {"closed", "declined"}
    # every instruction of last year was followed up to 办结, every assignment answered
    instructed = Case.objects.filter(body=body, year=last, instructions__isnull=False).distinct()
    assert instructed.count() >= 10
    assert set(instructed.values_list("state", flat=True)) == {"closed"}
    assigned = Assignment.objects.filter(case__body=body, case__year=last)
    assert assigned.exists()
    assert set(assigned.values_list("status", flat=True)) == {"replied"}
    assert {"submitted", "edited", "selected", "published", "archived"} <= states("opinion", this)
    assert {"submitted", "assigned", "handling", "replied", "closed"} <= states("micro_suggestion", this)


def test_last_years_figures_are_computed_from_its_records():
    body, (last, _this) = _cppcc(), _years()
    values = figures.figures_for(body=body, year=last)
    assert values["opinion.submitted"] == Case.objects.filter(body=body, kind="opinion", year=last).count()
    assert values["opinion.adopted"] > 0
    assert values["instruction.leader"] > 0


def test_every_timeline_runs_in_order_and_ends_by_today():
    body, today = _cppcc(), timezone.localdate()
    cases = Case.objects.filter(body=body, kind__in=["opinion", "micro_suggestion"])
    factories.assert_timelines_in_order(cases)
    assert not cases.filter(events__isnull=True).exists()
    # adoption and instruction after publication, follow-up after the instruction
    published = dict(
        Bulletin.objects.filter(body=body).values_list("items__case").annotate(on=Min("issued_on"))
    )
    for case_id, on in Adoption.objects.filter(case__body=body).values_list("case_id", "adopted_on"):
        assert published[case_id] <= on <= today
    first_instruction = dict(
        Instruction.objects.filter(case__body=body).values_list("case_id").annotate(on=Min("instructed_on"))
    )
    for case_id, on in first_instruction.items():
        assert published[case_id] <= on <= today
    for a in Assignment.objects.filter(case__body=body, case__kind="opinion"):
        assert first_instruction[a.case_id] < a.assigned_on <= today
        assert a.assigned_on < a.due_on
    assert not PerformanceEvent.objects.filter(body=body, on__gt=today).exists()


def test_demo_accounts_of_the_information_office_exist():
    assert set(
        User.objects.filter(username__in=["demo-info", "demo-officer"]).values_list("body", flat=True)
    ) == {_cppcc().pk}
