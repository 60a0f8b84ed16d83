from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lvzhi.orgs.models import Body
from lvzhi.reports import figures
from lvzhi.reports.schema import FIGURE_KEYS

pytestmark = pytest.mark.django_db


def test_every_schema_key_is_registered_with_label_unit_and_kinds():
    keys = {f.key for f in figures.all_keys()}
    assert {f.key for f in FIGURE_KEYS} <= keys
    assert len(FIGURE_KEYS) == 33
    for f in figures.all_keys():
        assert f.label and f.unit and f.kinds <= {"cppcc", "congress"}


def test_figures_command_prints_the_json_contract():
    body = Body.objects.get(short_name="示范市政协")
    out = io.StringIO()
    call_command("figures", "--body", str(body.pk), "--year", "2025", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["body"] == body.pk and data["year"] == 2025
    assert set(data["figures"]) == set(figures.computable_keys("cppcc"))
    assert all(isinstance(v, int | float) for v in data["figures"].values())


def test_congress_body_gets_only_congress_keys():
    body = Body.objects.get(short_name="示范市人大常委会")
    values = figures.figures_for(body=body, year=2025)
    assert all("congress" in figures.spec(k).kinds for k in values)


def test_figures_command_refuses_unknown_body():
    with pytest.raises(CommandError, match="不存在"):
        call_command("figures", "--body", "999999", "--year", "2025")


def test_registering_an_unknown_key_fails_loudly():
    with pytest.raises(KeyError):
        figures.computes("proposal.nonsense")
