"""Workflows as data: each kind declares its states and transitions here; the engine runs them.

No database access in this module. Kind apps build a ``Workflow`` and register it in
their ``AppConfig.ready()``; the engine (``services.case_transition``) looks it up by
``Case.kind`` and applies the permission check, field validation, the conditional
UPDATE, the event and the audit row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    PROPOSAL = "proposal", _("提案")
    SUGGESTION = "suggestion", _("代表建议")
    BILL = "bill", _("议案")
    OPINION = "opinion", _("社情民意信息")
    MICRO_SUGGESTION = "micro_suggestion", _("微建议")
    PETITION = "petition", _("信访件")


class Actor(StrEnum):
    """Who may take a step, relative to the case (not the user's global role)."""

    SUBMITTER = "submitter"  # 提出人（领衔人）
    COSPONSOR = "cosponsor"  # 被邀请的联名人
    STAFF = "staff"  # 本机构提案委 / 代表工委工作人员
    UNIT = "unit"  # 交办到的承办单位
    LEADER = "leader"  # 本机构领导（领衔督办）


ACTOR_LABELS = {
    Actor.SUBMITTER: _("提出人"),
    Actor.COSPONSOR: _("联名人"),
    Actor.STAFF: _("工作人员"),
    Actor.UNIT: _("承办单位"),
    Actor.LEADER: _("领导"),
}


class FieldType(StrEnum):
    TEXT = "text"
    INT = "int"
    DATE = "date"
    BOOL = "bool"
    CHOICE = "choice"
    INT_LIST = "int_list"
    UNITS = "units"  # [{"unit_id": 1, "role": "lead"}, …]


@dataclass(frozen=True)
class Field:
    """One input a step takes, validated by the engine for the API and the web alike."""

    name: str
    label: Any
    type: FieldType = FieldType.TEXT
    required: bool = False
    choices: tuple[tuple[str, Any], ...] = ()
    max_length: int = 4000

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "label": str(self.label),
            "type": str(self.type),
            "required": self.required,
        }
        if self.choices:
            out["choices"] = [{"value": v, "label": str(lbl)} for v, lbl in self.choices]
        return out


class Outcome(StrEnum):
    """What a step's effect decided: move to ``target``, to ``alt_target``, or stay."""

    TARGET = "target"
    ALT = "alt"
    STAY = "stay"


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any
    source: frozenset[str]
    target: str | None  # None: the step records something and leaves the state alone
    roles: frozenset[Actor]
    fields: tuple[Field, ...] = ()
    alt_target: str | None = None  # a second outcome the effect may choose (e.g. 不满意 → 待重办)
    note_required: bool = False
    assigns_number: bool = False
    deadline_days: int | None = None  # calendar days, rolled forward to a working day
    bulk: bool = False  # offered as a bulk action on the staff inbox
    hint: Any = ""
    attachments: bool = False  # takes files (multipart); each is checked by its content, ≤ 10 MB

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(t for t in (self.target, self.alt_target) if t)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": str(self.label),
            "source": sorted(self.source),
            "target": self.target,
            "alt_target": self.alt_target,
            "roles": [{"value": str(r), "label": str(ACTOR_LABELS[r])} for r in sorted(self.roles)],
            "fields": [f.as_json() for f in self.fields],
            "note_required": self.note_required,
            "deadline_days": self.deadline_days,
            "attachments": self.attachments,
        }


@dataclass(frozen=True)
class Workflow:
    kind: str
    label: Any
    states: type[models.TextChoices]
    initial: str
    transitions: tuple[Transition, ...]
    terminal: frozenset[str] = frozenset()
    member_editable: frozenset[str] = frozenset()
    # States counted as "in handling" for overdue boards and chases.
    handling: frozenset[str] = frozenset()
    number_format: str = "〔{year}〕第{serial:04d}号"
    reply_days: int = 90  # 交办后答复期限（自然日，顺延至工作日）
    rehandle_days: int = 30
    reroute_window_workdays: int = 7
    feedback_days: int = 30
    min_cosponsors: int = 0  # 议案：10 名以上代表联名（领衔人 + 9）
    convert_to: tuple[str, ...] = ()
    body_kinds: frozenset[str] = frozenset()
    # Replies of this kind may appear on the public page (公开答复) when the body opts in.
    publishable: bool = False
    on_created: Callable[[Any, dict[str, Any]], None] | None = field(default=None, compare=False)
    describe: Callable[[Any], dict[str, Any]] | None = field(default=None, compare=False)

    def transition(self, name: str) -> Transition | None:
        return next((t for t in self.transitions if t.name == name), None)

    def state_label(self, value: str) -> str:
        try:
            return str(self.states(value).label)
        except ValueError:
            return value

    def available(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.source]

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": str(self.label),
            "initial": self.initial,
            "states": [
                {"value": v, "label": str(lbl), "terminal": v in self.terminal}
                for v, lbl in self.states.choices
            ],
            "transitions": [t.as_json() for t in self.transitions],
        }

    def mermaid(self) -> str:
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial}"]
        for value, label in self.states.choices:
            lines.append(f"    {value} : {label}")
        for t in self.transitions:
            if not t.targets:
                continue  # steps that record without moving are listed in the table, not drawn
            for src in sorted(t.source):
                for tgt in t.targets:
                    lines.append(f"    {src} --> {tgt} : {t.label}（{t.name}）")
        for value in sorted(self.terminal):
            lines.append(f"    {value} --> [*]")
        return "\n".join(lines)


_REGISTRY: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    from lvzhi.core import audit

    _REGISTRY[workflow.kind] = workflow
    for t in workflow.transitions:
        if f"case.{t.name}" not in audit.ACTION_LABELS:
            audit.action_label_register(f"case.{t.name}", t.label)
    return workflow


def workflow_for(kind: str) -> Workflow | None:
    return _REGISTRY.get(kind)


def workflows() -> list[Workflow]:
    return list(_REGISTRY.values())


def kind_label(kind: str) -> str:
    wf = _REGISTRY.get(kind)
    if wf is not None:
        return str(wf.label)
    try:
        return str(CaseKind(kind).label)
    except ValueError:
        return kind


def reachable(workflow: Workflow) -> set[str]:
    seen = {workflow.initial}
    frontier: list[str] = [workflow.initial]
    while frontier:
        state = frontier.pop()
        for t in workflow.available(state):
            for tgt in t.targets:
                if tgt not in seen:
                    seen.add(tgt)
                    frontier.append(tgt)
    return seen


def frozen(values: Iterable[Any]) -> frozenset[Any]:
    return frozenset(values)
