"""The casework panels of each role's 工作台 (registered with ``lvzhi.web.workbench``).

Read from the workflows' declarations, never from kind names: a state is "waiting on staff"
when a staff step starts there, "waiting on the submitter" when a submitter step does.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from lvzhi.web.workbench import Panel, Row, panels_for_roles

from . import selectors
from .models import LIVE_ASSIGNMENT, Assignment, AssignmentRole, AssignmentStatus, Cosponsor, Feedback, Reply
from .workdays import add_workdays
from .workflow import Actor, Workflow, workflow_for, workflows

LIST_ROWS = 6
DUE_SOON_WORKDAYS = 10

# 处室 → the kinds its staff handle. Kind apps declare theirs (``handled_by``); an office that
# declared none (办公厅, 研究室) sees every kind of its body.
_OFFICE_KINDS: dict[str, set[str]] = {}


def handled_by(office: str, *kinds: str) -> None:
    _OFFICE_KINDS.setdefault(office, set()).update(kinds)


def _case_url(case_id: int) -> str:
    return reverse("casework:case-detail", args=[case_id])


def _url(name: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return reverse(name) + (f"?{query}" if query else "")


def _body_kinds(user: Any) -> list[Workflow]:
    body_kind = getattr(getattr(user, "body", None), "kind", "")
    return [wf for wf in workflows() if not body_kind or not wf.body_kinds or body_kind in wf.body_kinds]


def staff_kinds(user: Any) -> list[Workflow]:
    kinds = _body_kinds(user)
    own = _OFFICE_KINDS.get(getattr(user, "office", "") or "")
    return [wf for wf in kinds if wf.kind in own] if own else kinds


def _states_where(wf: Workflow, actor: Actor) -> set[str]:
    return {s for t in wf.transitions if actor in t.roles for s in t.source}


def _decide_states(wf: Workflow) -> set[str]:
    """States where the office must decide: outside handling, a staff step moves the case on,
    and either someone else brought it there (a member submitted, a unit replied) or the
    office has more than one way on (立案后交办或并案). A 不予立案 or 办结 that staff could
    only undo (with a reason) is no decision waiting."""
    out = set()
    for state, _label in wf.states.choices:
        if state in wf.handling or state in wf.terminal:
            continue
        moving = [t for t in wf.available(state) if Actor.STAFF in t.roles and t.targets]
        # A lone step that needs a written reason (重新打开) is an exception, not routine work.
        routine = [t for t in moving if not t.note_required]
        # Brought there by someone else (a member submitted, a unit replied), or just arrived.
        reached_by_others = any(
            state in t.targets and (Actor.STAFF not in t.roles or wf.initial in t.source)
            for t in wf.transitions
        )
        if (routine and reached_by_others) or len(moving) > 1:
            out.add(state)
    return out


def _case_row(c: Any, meta: str = "", *, danger: bool = False, badge: str = "") -> Row:
    label = f"{c.number} {c.title}" if c.number else c.title
    return Row(text=label, url=_case_url(c.pk), meta=meta, danger=danger, badge=badge)


def _rows(items: Iterable[Any], make: Any) -> list[Row]:
    return [make(x) for x in list(items)[:LIST_ROWS]]


# ---------------------------------------------------------------- 委员 / 代表


@panels_for_roles("member")
def member_panels(user: Any, today: datetime.date) -> list[Panel]:
    own = Q(submitter_id=user.pk)
    if user.member_id:
        own |= Q(submitter_member_id=user.member_id)
    mine = selectors.case_scope_for_actor(actor=user).filter(own).select_related("body")
    panels: list[Panel] = []

    # 我的草稿: drafts and items returned for changes (what the member may still edit).
    editable = Q(pk__in=[])
    for wf in workflows():
        if wf.member_editable:
            editable |= Q(kind=wf.kind, state__in=wf.member_editable)
    drafts = mine.filter(editable).order_by("-updated_at")
    panels.append(
        Panel(
            "drafts",
            "我的草稿与退回件",
            _rows(drafts, lambda c: _case_row(c, f"{c.kind_label} · {c.state_label}")),
            count=drafts.count(),
            more_url=reverse("casework:my-cases"),
            empty="没有未提交的草稿",
            order=10,
        )
    )

    # 待我评价: replied items where the submitter has a step to take and has not rated this round.
    waiting = Q(pk__in=[])
    for wf in workflows():
        states = _states_where(wf, Actor.SUBMITTER) - set(wf.member_editable)
        if states:
            waiting |= Q(kind=wf.kind, state__in=states)
    rated = Feedback.objects.filter(case_id=OuterRef("pk"), round=OuterRef("round"), rater_id=user.pk)
    to_rate = mine.filter(waiting).exclude(Exists(rated)).order_by("replied_at", "id")
    panels.append(
        Panel(
            "to-rate",
            "待我评价的答复",
            _rows(to_rate, lambda c: _case_row(c, f"{c.kind_label} · {c.state_label}")),
            count=to_rate.count(),
            empty="没有等待评价的答复",
            order=11,
        )
    )

    invites = (
        Cosponsor.objects.filter(
            member_id=user.member_id or 0, status=Cosponsor.Status.INVITED, source=Cosponsor.Source.COSIGN
        )
        .select_related("case")
        .order_by("-created_at")
    )
    panels.append(
        Panel(
            "invites",
            "待回复的联名邀请",
            _rows(invites, lambda i: _case_row(i.case, f"{i.case.submitter_name or ''} 邀请您联名")),
            count=invites.count(),
            empty="没有待回复的联名邀请",
            order=12,
        )
    )

    # 我的件（按状态）: everything submitted, per kind and state, each a link to the list.
    counts = (
        mine.exclude(editable)
        .order_by()
        .values_list("kind", "state")
        .annotate(n=Count("id"))
        .order_by("kind")
    )
    by_state = []
    for kind, state, n in counts:
        found = workflow_for(kind)
        label = f"{found.label} · {found.state_label(state)}" if found else f"{kind} · {state}"
        by_state.append(Row(label, _url("casework:my-cases", kind=kind, state=state), badge=str(n)))
    panels.append(
        Panel(
            "by-state",
            "我的件办理情况",
            by_state,
            more_url=reverse("casework:my-cases"),
            empty="还没有提交过",
            order=13,
        )
    )

    year = mine.exclude(editable).filter(year=today.year)
    figures = year.aggregate(
        submitted=Count("id"),
        registered=Count("id", filter=Q(registered_at__isnull=False)),
        replied=Count("id", filter=Q(replied_at__isnull=False)),
    )
    cosigned = Cosponsor.objects.filter(
        member_id=user.member_id or 0, status=Cosponsor.Status.CONFIRMED, case__year=today.year
    ).count()
    panels.append(
        Panel(
            "year",
            f"{today.year}年履职",
            [
                Row("提交", badge=str(figures["submitted"])),
                Row("立案或受理", badge=str(figures["registered"])),
                Row("已答复", badge=str(figures["replied"])),
                Row("参与联名", badge=str(cosigned)),
            ],
            order=14,
        )
    )
    return panels


# ---------------------------------------------------------------- 承办单位


def _assignment_row(a: Any, today: datetime.date) -> Row:
    late = a.due_on < today
    meta = f"{a.get_role_display()} · 期限 {a.due_on:%Y-%m-%d}" + ("（已超期）" if late else "")
    return _case_row(a.case, meta, danger=late)


@panels_for_roles("unit")
def unit_panels(user: Any, today: datetime.date) -> list[Panel]:
    if not user.handling_unit_id:
        return []
    open_ = (
        Assignment.objects.filter(
            unit_id=user.handling_unit_id,
            status__in=selectors.OPEN_ASSIGNMENT_STATUSES,
            case__state__in=selectors.HANDLING_STATES,
        )
        .select_related("case")
        .order_by("due_on", "id")
    )
    to_sign = open_.filter(status=AssignmentStatus.ASSIGNED)
    overdue = open_.filter(due_on__lt=today)
    soon_until = add_workdays(today, DUE_SOON_WORKDAYS)
    soon = open_.filter(due_on__gte=today, due_on__lte=soon_until)
    cosign = open_.filter(role=AssignmentRole.ASSISTING)
    todo = _url("casework:unit-todo")
    feedback = (
        Feedback.objects.filter(
            Exists(
                Assignment.objects.filter(
                    LIVE_ASSIGNMENT,
                    case_id=OuterRef("case_id"),
                    unit_id=user.handling_unit_id,
                    role__in=[AssignmentRole.LEAD, AssignmentRole.JOINT, AssignmentRole.SPLIT],
                )
            ),
            is_submitter=True,
        )
        .select_related("case")
        .order_by("-created_at")
    )
    return [
        Panel(
            "to-sign",
            "待签收",
            _rows(to_sign, lambda a: _assignment_row(a, today)),
            count=to_sign.count(),
            more_url=todo,
            empty="没有待签收的交办",
            order=10,
        ),
        Panel(
            "overdue",
            "已超期",
            _rows(overdue, lambda a: _assignment_row(a, today)),
            count=overdue.count(),
            more_url=todo,
            empty="没有超期件",
            order=11,
        ),
        Panel(
            "due-soon",
            f"{DUE_SOON_WORKDAYS}个工作日内到期",
            _rows(soon, lambda a: _assignment_row(a, today)),
            count=soon.count(),
            more_url=todo,
            empty="近期没有到期件",
            order=12,
        ),
        Panel(
            "cosign",
            "待我单位会签（协办意见）",
            _rows(cosign, lambda a: _assignment_row(a, today)),
            count=cosign.count(),
            more_url=todo,
            empty="没有待会签的协办件",
            order=13,
        ),
        Panel(
            "ratings",
            "收到的评价",
            _rows(
                feedback,
                lambda f: _case_row(f.case, f"{f.created_at:%Y-%m-%d}", badge=f.get_rating_display()),
            ),
            count=feedback.count(),
            empty="还没有收到评价",
            order=14,
        ),
    ]


# ---------------------------------------------------------------- 机关工作人员


@panels_for_roles("staff")
def staff_panels(user: Any, today: datetime.date) -> list[Panel]:
    kinds = staff_kinds(user)
    scope = selectors.case_scope_for_actor(actor=user).filter(year=today.year)
    by_state: list[Row] = []
    decide: list[Row] = []
    for wf in kinds:
        counts = dict(
            scope.filter(kind=wf.kind)
            .exclude(state=wf.initial)
            .order_by()
            .values_list("state")
            .annotate(n=Count("id"))
            .values_list("state", "n")
        )
        staff_states = _decide_states(wf)
        for value, label in wf.states.choices:
            n = counts.get(value, 0)
            if not n:
                continue
            url = _url("casework:inbox", kind=wf.kind, state=value, year=today.year)
            by_state.append(Row(f"{wf.label} · {label}", url, badge=str(n)))
            # A state where a staff step starts and no unit is at work: the office decides.
            if value in staff_states:
                decide.append(Row(f"{wf.label} · {label}", url, badge=str(n)))
    kind_names = [wf.kind for wf in kinds]
    reroutes = Assignment.objects.filter(
        Exists(
            selectors.case_scope_for_actor(actor=user).filter(pk=OuterRef("case_id"), kind__in=kind_names)
        ),
        status=AssignmentStatus.REROUTE,
    ).select_related("case", "unit")
    for a in reroutes[:LIST_ROWS]:
        decide.append(_case_row(a.case, f"{a.unit.name}申请调整交办", danger=True))
    unreviewed = (
        selectors.case_scope_for_actor(actor=user)
        .filter(kind__in=kind_names)
        .filter(
            Exists(Reply.objects.filter(case_id=OuterRef("pk"), round=OuterRef("round"), reviewed_at=None))
        )
        .filter(state__in=["replied"])
    )
    n_unreviewed = unreviewed.count()
    if n_unreviewed:
        decide.append(Row("答复待审核", _url("casework:inbox", state="replied"), badge=str(n_unreviewed)))

    overdue_by_unit: list[Row] = []
    for wf in kinds:
        rows = (
            selectors.assignment_open_for_actor(actor=user, kind=wf.kind)
            .filter(due_on__lt=today)
            .order_by()
            .values_list("unit_id", "unit__name")
            .annotate(n=Count("id"))
            .order_by("-n", "unit__name")
        )
        for unit_id, name, n in rows[:LIST_ROWS]:
            overdue_by_unit.append(
                Row(
                    name,
                    _url("casework:overdue", kind=wf.kind, unit=unit_id),
                    meta=str(wf.label),
                    badge=str(n),
                    danger=True,
                )
            )

    returned = (
        selectors.case_scope_for_actor(actor=user)
        .filter(kind__in=kind_names, state__in=["returned", "dissatisfied"])
        .order_by("-updated_at")
    )
    return [
        Panel("decide", "今日待决定", decide, empty="没有等待决定的事项", order=10),
        Panel("inbox", f"本处{today.year}年收件（按状态）", by_state, empty="本年度还没有收件", order=11),
        Panel(
            "overdue-units",
            "超期（按承办单位）",
            overdue_by_unit,
            more_url=_url("casework:overdue"),
            empty="没有超期件",
            order=12,
        ),
        Panel(
            "returned",
            "退回修改与不满意件",
            _rows(returned, lambda c: _case_row(c, f"{c.kind_label} · {c.state_label}")),
            count=returned.count(),
            empty="没有退回或不满意的件",
            order=13,
        ),
    ]


# ---------------------------------------------------------------- 领导


@panels_for_roles("leader")
def leader_panels(user: Any, today: datetime.date) -> list[Panel]:
    led = (
        selectors.case_scope_for_actor(actor=user)
        .filter(lead_leader_id=user.pk)
        .exclude(state="closed")
        .order_by("due_on", "id")
    )

    def row(c: Any) -> Row:
        late = bool(c.due_on and c.due_on < today and c.state in selectors.HANDLING_STATES)
        due = f" · 期限 {c.due_on:%Y-%m-%d}" if c.due_on else ""
        return _case_row(c, f"{c.state_label}{due}", danger=late)

    return [
        Panel(
            "led",
            "我领衔督办的重点件",
            _rows(led, row),
            count=led.count(),
            more_url=_url("casework:key-cases", mine=1),
            empty="没有由您领衔督办的在办重点件",
            order=10,
        )
    ]
