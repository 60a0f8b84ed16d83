from __future__ import annotations

import re

import pytest

from lvzhi.casework import services
from lvzhi.casework.workflow import reachable, workflow_for, workflows
from lvzhi.core import audit

KINDS = ["proposal", "suggestion", "bill"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_registered(kind):
    assert workflow_for(kind) is not None


@pytest.mark.parametrize("wf", workflows(), ids=lambda w: w.kind)
def test_targets_exist_and_every_state_is_reachable(wf):
    values = set(wf.states.values)
    assert wf.initial in values
    for t in wf.transitions:
        assert t.source <= values, t.name
        assert set(t.targets) <= values, t.name
    assert reachable(wf) == values


@pytest.mark.parametrize("wf", workflows(), ids=lambda w: w.kind)
def test_terminal_states_are_exactly_those_without_exits(wf):
    without_exits = {s for s in wf.states.values if not wf.available(s)}
    assert without_exits == set(wf.terminal)


@pytest.mark.parametrize("wf", workflows(), ids=lambda w: w.kind)
def test_every_label_is_chinese_and_every_action_has_an_audit_label(wf):
    han = re.compile(r"[\u4e00-\u9fff]")
    for _value, label in wf.states.choices:
        assert han.search(str(label))
    for t in wf.transitions:
        assert han.search(str(t.label)), t.name
        assert han.search(audit.action_label(f"case.{t.name}")), t.name
        for field in t.fields:
            assert han.search(str(field.label)), (t.name, field.name)


@pytest.mark.parametrize("wf", workflows(), ids=lambda w: w.kind)
def test_every_effect_has_a_handler_or_is_a_plain_move(wf):
    plain = {"submit", "return", "close"}
    for t in wf.transitions:
        assert t.name in services.HANDLERS or t.name in plain, t.name


def test_mermaid_diagram_names_every_state():
    text = workflow_for("proposal").mermaid()
    assert text.startswith("stateDiagram-v2")
    for value in workflow_for("proposal").states.values:
        assert value in text
    assert "submitted --> registered : 立案（register）" in text
