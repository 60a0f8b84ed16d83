"""House rules that a reviewer would otherwise have to remember (Zulip's custom checks)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

APPS = Path(__file__).resolve().parents[2]
THIN_LAYERS = sorted(p for p in APPS.glob("*/*.py") if p.name in {"views.py", "api.py"})


@pytest.mark.parametrize("path", THIN_LAYERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_views_and_api_never_load_cases_directly(path: Path):
    # A case is only ever loaded through case_get_for_actor / case_list_for_actor,
    # which apply the permission and body scoping.
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\bCase\.objects\b", text), f"{path} bypasses the casework selectors"


@pytest.mark.parametrize("path", THIN_LAYERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_views_and_api_never_write_case_state(path: Path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\.state\s*=[^=]", text), f"{path} writes a state; only the engine may"


def test_pure_engines_import_no_django():
    for engine in [APPS / "textsim" / "engine.py", *sorted((APPS / "reports" / "extraction").glob("*.py"))]:
        text = engine.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) django", text, re.M), engine


def test_translatable_messages_use_named_placeholders():
    offenders = []
    for path in APPS.rglob("*.py"):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""\b_\(\s*f["']""", line) or re.search(r"""\b_\([^)]*\)\.format\(""", line):
                offenders.append(f"{path}:{n}")
    assert not offenders, offenders
