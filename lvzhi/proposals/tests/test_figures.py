from __future__ import annotations

import pytest
from django.utils import timezone

from lvzhi.casework.tests import factories as f
from lvzhi.proposals import figures as pf
from lvzhi.proposals.views import FIGURES_BY_KIND
from lvzhi.reports import figures

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
FIGURES_BY_KIND_FLAT = [pair for pairs in FIGURES_BY_KIND.values() for pair in pairs]


def _value(key, body):
    # The registered function for the key (other apps' keys are theirs to test).
    compute = dict(FIGURES_BY_KIND_FLAT)[key]
    assert figures.spec(key).key == key and key in figures.computable_keys(body.kind)
    return compute(body, YEAR)


@pytest.fixture
def cast(user_named):
    return {
        n: user_named(n)
        for n in ("demo-member", "demo-staff", "demo-unit", "demo-deputy", "demo-deputy-staff")
    }


def test_every_key_of_this_work_is_registered():
    keys = set(figures.computable_keys("cppcc")) | set(figures.computable_keys("congress"))
    assert {
        "proposal.submitted",
        "proposal.registered",
        "proposal.answered",
        "proposal.answer_rate",
        "proposal.satisfaction_rate",
        "proposal.key",
        "deputy.suggestions",
        "deputy.bills",
    } <= keys


def test_proposal_submitted_counts_submissions_not_drafts(cast):
    body = cast["demo-member"].body
    before = _value("proposal.submitted", body)
    case = f.draft(cast["demo-member"])
    assert _value("proposal.submitted", body) == before
    f.move(case, cast["demo-member"], "submit")
    assert _value("proposal.submitted", body) == before + 1


def test_proposal_registered_counts_registered_and_not_merged(cast):
    body = cast["demo-staff"].body
    before = _value("proposal.registered", body)
    a = f.move(f.draft(cast["demo-member"]), cast["demo-member"], "submit")
    f.move(a, cast["demo-staff"], "register")
    assert _value("proposal.registered", body) == before + 1


def test_proposal_answered_and_answer_rate(cast):
    body = cast["demo-staff"].body
    counts = pf.proposal_counts(body, YEAR)
    case = f.move(
        f.move(f.draft(cast["demo-member"]), cast["demo-member"], "submit"), cast["demo-staff"], "register"
    )
    case = f.move(
        case,
        cast["demo-staff"],
        "assign",
        units=[{"unit_id": cast["demo-unit"].handling_unit_id, "role": "lead"}],
    )
    f.move(case, cast["demo-unit"], "reply", category="a", content="已解决。", signed_by="局长")
    after = pf.proposal_counts(body, YEAR)
    assert after["answered"] == counts["answered"] + 1
    expected = round(100.0 * after["answered"] / after["registered"], 1)
    assert _value("proposal.answer_rate", body) == expected


def test_proposal_satisfaction_rate_counts_satisfied_and_basic(cast):
    body = cast["demo-staff"].body
    c = pf.proposal_counts(body, YEAR)
    assert _value("proposal.satisfaction_rate", body) == round(100.0 * c["satisfied"] / c["rated"], 1)
    case = f.move(
        f.move(f.draft(cast["demo-member"]), cast["demo-member"], "submit"), cast["demo-staff"], "register"
    )
    case = f.move(case, cast["demo-staff"], "assign", lead_unit_id=cast["demo-unit"].handling_unit_id)
    case = f.move(case, cast["demo-unit"], "reply", category="c", content="留作参考。", signed_by="局长")
    f.move(case, cast["demo-member"], "rate", rating="basic")
    after = pf.proposal_counts(body, YEAR)
    assert (after["rated"], after["satisfied"]) == (c["rated"] + 1, c["satisfied"] + 1)


def test_proposal_key_counts_registered_key_cases(cast):
    body = cast["demo-staff"].body
    before = _value("proposal.key", body)
    case = f.move(
        f.move(f.draft(cast["demo-member"]), cast["demo-member"], "submit"), cast["demo-staff"], "register"
    )
    f.move(case, cast["demo-staff"], "mark_key", is_key=True)
    assert _value("proposal.key", body) == before + 1


def test_deputy_suggestions_counts_submitted_suggestions(cast):
    body = cast["demo-deputy"].body
    before = _value("deputy.suggestions", body)
    f.move(
        f.draft(cast["demo-deputy"], kind="suggestion", title="关于加强农村公路养护的建议"),
        cast["demo-deputy"],
        "submit",
    )
    assert _value("deputy.suggestions", body) == before + 1


def test_deputy_bills_counts_submitted_bills(cast):
    # given: a bill with ten deputies (the lead and nine who confirmed)
    deputy = cast["demo-deputy"]
    body = deputy.body
    others = f.other_members(body, deputy.member_id, 9)
    before = _value("deputy.bills", body)
    case = f.draft(
        deputy,
        kind="bill",
        title="关于制定示范市物业管理条例的议案",
        cosponsor_ids=[m.member_id for m in others],
    )
    for m in others:
        f.move(case, f.member_user(m), "cosign", accept=True)
    # when
    f.move(case, deputy, "submit")
    # then
    assert _value("deputy.bills", body) == before + 1


def test_figures_records_list_the_cases_behind_a_key(cast):
    body = cast["demo-staff"].body
    rows = figures.figure_records(key="proposal.registered", body=body, year=YEAR)
    assert rows.count() == pf.proposal_counts(body, YEAR)["registered"] + rows.filter(state="merged").count()


@pytest.mark.parametrize("kind", ["proposal", "suggestion", "bill"])
def test_one_query_figure_values_agree_with_the_registered_functions(cast, kind):
    body = cast["demo-staff" if kind == "proposal" else "demo-deputy-staff"].body
    values = pf.figure_values(body, YEAR, kind)
    assert values and all(values[k] == _value(k, body) for k in values)
