"""The diagrams in docs/workflows/ are current and in Mermaid syntax that renders.

Rendering was also checked once in Chromium with mermaid 11 (``mermaid.render`` of each block);
this test keeps the diagrams to the subset of stateDiagram-v2 syntax that check covered.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from lvzhi.casework.management.commands.workflow_diagram import workflow_markdown
from lvzhi.casework.workflow import workflow_for

KINDS = ("opinion", "micro_suggestion", "petition")
DOCS = Path(settings.BASE_DIR) / "docs" / "workflows"
ID = r"[a-z][a-z_]*"
LINE = re.compile(
    rf"^(stateDiagram-v2|    \[\*\] --> {ID}|    {ID} : [^:;#{{}}]+|    {ID} --> {ID} : [^:;#{{}}]+|    {ID} --> \[\*\])$"
)
RESERVED = {"end", "state", "note", "direction", "class", "classdef", "style", "default"}


def _block(text: str) -> list[str]:
    return text.split("```mermaid\n", 1)[1].split("\n```", 1)[0].splitlines()


@pytest.mark.parametrize("kind", KINDS)
def test_the_generated_diagram_is_current(kind):
    wf = workflow_for(kind)
    assert (DOCS / f"{kind}.md").read_text(encoding="utf-8") == workflow_markdown(wf), (
        f"请运行 python manage.py workflow_diagram {kind} --write docs/workflows"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_the_diagram_is_plain_state_diagram_syntax(kind):
    lines = _block((DOCS / f"{kind}.md").read_text(encoding="utf-8"))
    assert lines[0] == "stateDiagram-v2"
    bad = [line for line in lines if not LINE.match(line)]
    assert not bad, bad
    ids = {v for v, _ in workflow_for(kind).states.choices}
    assert not ids & RESERVED
    declared = {line.split(" : ")[0].strip() for line in lines if " : " in line and "-->" not in line}
    assert declared == ids
