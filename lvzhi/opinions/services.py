"""Writes of 社情民意信息 / 微建议: kind details, step effects, bulletins and the scoring hook.

Every state change goes through ``casework.services.case_transition``; the effects below
are registered with the engine under this kind's step names (edit, select, archive,
publish, adopt, instruct).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from lvzhi.casework import services as engine
from lvzhi.casework.models import Case, CaseEvent
from lvzhi.casework.workflow import Outcome, workflow_for
from lvzhi.core.permissions import is_admin
from lvzhi.members import services as members_services
from lvzhi.orgs.models import Body

from .models import (
    Adoption,
    Bulletin,
    BulletinItem,
    BulletinStatus,
    Instruction,
    OpinionDetail,
    OpinionSource,
    PerformanceKind,
)
from .workflow import AdoptionLevel, InstructionLevel, OpinionState

# Messages (importable, so tests assert the exact text).
BULLETIN_FORBIDDEN = "只有本机构的工作人员可以编发简报。"
BULLETIN_EMPTY = "请至少选择一篇拟编发的信息。"
BULLETIN_RECIPIENTS = "请填写报送对象。"
BULLETIN_ITEM_INVALID = "所选信息须是本机构“拟编发”状态、且未编入其他期的社情民意信息。"
BULLETIN_NOT_DRAFT = "该期简报已印发，不能再修改。"
BULLETIN_MISMATCH = "该信息不在所选的这一期简报中。"
BULLETIN_NUMBER_TAKEN = "该期号已被使用，请刷新后重试。"
TITLE_TOO_SHORT = "标题至少 5 个字。"
CONTENT_TOO_SHORT = "正文至少 20 个字。"
HANDLER_TAKEN = "步骤名“%(name)s”已由其他类型注册了不同的效果。"
DRAFT_FORBIDDEN = "只有本机构的委员、信息员或工作人员可以报送%(kind)s。"
DRAFT_KIND_INVALID = "请选择社情民意信息或微建议。"
CAPACITY_INVALID = "请选择以何种身份或名义报送。"
GROUP_NAME_REQUIRED = "请填写界别、党派团体或专委会的名称。"
TITLE_TOO_LONG = "标题最多 100 个字。"
CONTENT_TOO_LONG = "正文最多 5000 字。"


def _handles(*names: str) -> Any:
    """Register with the engine, refusing to silently replace another app's effect of the same name."""

    def decorator(func: Any) -> Any:
        for name in names:
            have = engine.HANDLERS.get(name)
            if have is not None and have.__module__ != func.__module__:
                raise RuntimeError(HANDLER_TAKEN % {"name": name})
        return engine.handles(*names)(func)

    return decorator


# ---------------------------------------------------------------- kind details


def detail_save(*, case: Any, data: dict[str, Any]) -> OpinionDetail:
    """Record where a report comes from (the engine's on_created hook)."""
    source = str(data.get("source") or "")
    if source not in OpinionSource.values:
        if case.derived_from_id:
            source = OpinionSource.CONVERTED
        elif case.submitter_kind in {"sector", "party", "committee"}:
            source = OpinionSource.GROUP
        else:
            source = OpinionSource.MEMBER
    detail, _created = OpinionDetail.objects.update_or_create(case=case, defaults={"source": source})
    return detail


# ---------------------------------------------------------------- drafting (members, groups, 信息员)


def _draft_text_clean(title: str, content: str) -> tuple[str, str]:
    title, content = title.strip(), content.strip()
    errors = {}
    if len(title) < 5:
        errors["title"] = TITLE_TOO_SHORT
    elif len(title) > 100:
        errors["title"] = TITLE_TOO_LONG
    if len(content) < 20:
        errors["content"] = CONTENT_TOO_SHORT
    elif len(content) > 5000:
        errors["content"] = CONTENT_TOO_LONG
    if errors:
        raise ValidationError(errors)
    return title, content


@transaction.atomic
def opinion_draft_create(
    *, actor: Any, kind: str, title: str, content: str, capacity: str, group_name: str = ""
) -> Case:
    """A 委员, a group (through a member or staff) or a 信息员 drafts a report at the actor's body.

    ``capacity`` is one of ``selectors.drafting_capacities`` for the actor; it fixes the
    report's source (the scoring hook credits 委员 only) and the name it is filed under.
    Members and staff go through the engine's ``case_create``; a 信息员 without a seat as
    委员 is not someone ``case_create`` knows, so the draft is created here the same way.
    """
    from . import selectors

    if kind not in selectors.KINDS:
        raise ValidationError({"kind": DRAFT_KIND_INVALID})
    wf = workflow_for(kind)
    body = getattr(actor, "body", None)
    if wf is None or body is None:
        raise PermissionDenied(DRAFT_FORBIDDEN % {"kind": wf.label if wf else "社情民意"})
    if wf.body_kinds and body.kind not in wf.body_kinds:
        raise PermissionDenied(DRAFT_FORBIDDEN % {"kind": wf.label})
    options = {c.value: c for c in selectors.drafting_capacities(actor=actor, body=body)}
    if not options:
        raise PermissionDenied(DRAFT_FORBIDDEN % {"kind": wf.label})
    chosen = options.get(capacity)
    if chosen is None:
        raise ValidationError({"capacity": CAPACITY_INVALID})
    name = chosen.submitter_name
    if chosen.needs_group_name:
        name = group_name.strip()[:100]
        if not name:
            raise ValidationError({"group_name": GROUP_NAME_REQUIRED})
    title, content = _draft_text_clean(title, content)
    extra = {"source": chosen.source}
    if chosen.source != OpinionSource.OFFICER or getattr(actor, "member_id", None):
        case = engine.case_create(
            actor=actor,
            kind=kind,
            body=body,
            title=title,
            content=content,
            submitter_kind=chosen.submitter_kind,
            submitter_name=name,
            extra=extra,
        )
        if chosen.source == OpinionSource.OFFICER:
            # An officer who is also a 委员 files as 信息员: no member credit for it.
            Case.objects.filter(pk=case.pk).update(submitter_member=None, submitter_name=name)
            case.submitter_member, case.submitter_name = None, name
        return case
    case = Case(
        body=body,
        kind=kind,
        state=wf.initial,
        year=timezone.localdate().year,
        title=title,
        content=content,
        submitter=actor,
        submitter_kind=chosen.submitter_kind,
        submitter_name=name,
    )
    case.full_clean(exclude=["submitter", "proposed_units"])
    case.save()
    if wf.on_created:
        wf.on_created(case, extra)
    CaseEvent.objects.create(
        case=case,
        action="case.create",
        actor=actor,
        actor_name=getattr(actor, "display_name", "") or actor.username,
        to_state=case.state,
        at=timezone.now(),
        data={"source": chosen.source},
    )
    return case


def opinion_draft_update(*, actor: Any, case: Case, title: str, content: str) -> Case:
    """The writer changes a draft (the engine checks it is theirs and still a draft)."""
    title, content = _draft_text_clean(title, content)
    return engine.case_update(actor=actor, case=case, data={"title": title, "content": content})


def opinion_draft_submit(*, actor: Any, case: Case) -> CaseEvent:
    """报送 / 提交: the draft goes to the information office through the engine's submit step."""
    return engine.case_transition(case=case, name="submit", actor=actor)


# ---------------------------------------------------------------- step effects


@_handles("edit")
def _edit(ctx: engine.StepContext) -> Outcome | None:
    title, content = ctx.data["title"], ctx.data["content"]
    errors = {}
    if len(title) < 5:
        errors["title"] = TITLE_TOO_SHORT
    if len(content) < 20:
        errors["content"] = CONTENT_TOO_SHORT
    if errors:
        raise ValidationError(errors)
    detail, _created = OpinionDetail.objects.get_or_create(case=ctx.case)
    if not detail.original_content:
        # The submitter's own words stay on file; everyone now reads the edited version.
        detail.original_title, detail.original_content = ctx.case.title, ctx.case.content
    detail.edited_at = ctx.now
    detail.save()
    ctx.event_data["original_title"] = detail.original_title
    ctx.updates.update(title=title, content=content)
    return None


@_handles("select")
def _select(ctx: engine.StepContext) -> Outcome | None:
    return None


@_handles("archive")
def _archive(ctx: engine.StepContext) -> Outcome | None:
    OpinionDetail.objects.update_or_create(case=ctx.case, defaults={"archive_reason": ctx.data["note"][:500]})
    return None


@_handles("publish")
def _publish(ctx: engine.StepContext) -> Outcome | None:
    item = (
        BulletinItem.objects.filter(case=ctx.case, bulletin_id=ctx.data["bulletin_id"])
        .select_related("bulletin")
        .first()
    )
    if item is None:
        raise ValidationError({"bulletin_id": BULLETIN_MISMATCH})
    ctx.event_data.update(bulletin=str(item.bulletin), order=item.order, level="")
    return None


@_handles("adopt")
def _adopt(ctx: engine.StepContext) -> Outcome | None:
    a = Adoption.objects.create(
        case=ctx.case,
        adopter=ctx.data["adopter"],
        level=ctx.data["level"],
        form=ctx.data["form"],
        adopted_on=ctx.data.get("on") or ctx.today,
        note=ctx.data["note"][:500],
    )
    ctx.event_data.update(
        adoption_id=a.pk, level_label=str(AdoptionLevel(a.level).label), on=a.adopted_on.isoformat()
    )
    # A later adoption is recorded without moving a report that has gone further (批示, 落实).
    return Outcome.TARGET if ctx.case.state == OpinionState.PUBLISHED else Outcome.STAY


@_handles("instruct")
def _instruct(ctx: engine.StepContext) -> Outcome | None:
    i = Instruction.objects.create(
        case=ctx.case,
        leader_name=ctx.data["leader_name"],
        leader_post=ctx.data["leader_post"],
        level=ctx.data["level"],
        instructed_on=ctx.data.get("on") or ctx.today,
        text=ctx.data["text"],
    )
    ctx.event_data.update(
        instruction_id=i.pk, level_label=str(InstructionLevel(i.level).label), on=i.instructed_on.isoformat()
    )
    moves = ctx.case.state in {OpinionState.PUBLISHED, OpinionState.ADOPTED}
    return Outcome.TARGET if moves else Outcome.STAY


# ---------------------------------------------------------------- the scoring hook

_PERFORMANCE_ACTIONS = {
    "case.submit": PerformanceKind.SUBMITTED,
    "case.publish": PerformanceKind.PUBLISHED,
    "case.adopt": PerformanceKind.ADOPTED,
    "case.instruct": PerformanceKind.INSTRUCTED,
}
_PERFORMANCE_KINDS = {"opinion", "micro_suggestion"}


@receiver(post_save, sender=CaseEvent, dispatch_uid="opinions-performance-events")
def _performance_from_event(sender: Any, instance: CaseEvent, created: bool, **kwargs: Any) -> None:
    """Every recorded step that earns credit writes its PerformanceEvent, whichever path took it
    (page, API, bulletin publication); the event's data carries the level."""
    kind = _PERFORMANCE_ACTIONS.get(instance.action)
    if not created or kind is None:
        return
    case = Case.objects.filter(pk=instance.case_id).values("kind", "body_id", "submitter_member_id").first()
    if case is None or case["kind"] not in _PERFORMANCE_KINDS:
        return
    on = instance.data.get("on") if isinstance(instance.data, dict) else None
    try:
        day = datetime.date.fromisoformat(on) if on else instance.at.date()
    except (TypeError, ValueError):
        day = instance.at.date()
    members_services.performance_event_record(
        body_id=case["body_id"],
        member_id=case["submitter_member_id"],
        case_id=instance.case_id,
        source="opinion",
        kind=str(kind),
        level=str(instance.data.get("level", "") if isinstance(instance.data, dict) else "")[:24],
        on=day,
    )


# ---------------------------------------------------------------- bulletins


def _require_staff(actor: Any, body: Body) -> None:
    if not (is_admin(actor) or (getattr(actor, "role", "") == "staff" and actor.body_id == body.pk)):
        raise PermissionDenied(BULLETIN_FORBIDDEN)


def bulletin_next_number(*, body: Body, series: str, year: int) -> int:
    last = Bulletin.objects.filter(body=body, series=series, year=year).aggregate(m=Max("number"))["m"]
    return int(last or 0) + 1


@transaction.atomic
def bulletin_create(
    *,
    actor: Any,
    body: Body,
    issued_on: datetime.date,
    recipients: str,
    case_ids: Sequence[int],
    series: str = "社情民意",
    editor: str = "",
) -> Bulletin:
    """Compose an issue from selected reports, numbered next in the year; items keep the given order."""
    _require_staff(actor, body)
    ids = list(dict.fromkeys(int(i) for i in case_ids))
    if not ids:
        raise ValidationError({"case_ids": BULLETIN_EMPTY})
    if not recipients.strip():
        raise ValidationError({"recipients": BULLETIN_RECIPIENTS})
    found = set(
        Case.objects.filter(pk__in=ids, body=body, kind="opinion", state=OpinionState.SELECTED)
        .exclude(bulletin_items__isnull=False)
        .values_list("pk", flat=True)
    )
    if found != set(ids):
        raise ValidationError({"case_ids": BULLETIN_ITEM_INVALID})
    series = series.strip()[:30] or "社情民意"
    bulletin = Bulletin(
        body=body,
        series=series,
        year=issued_on.year,
        number=bulletin_next_number(body=body, series=series, year=issued_on.year),
        issued_on=issued_on,
        recipients=recipients.strip(),
        editor=editor.strip()[:50] or getattr(actor, "display_name", ""),
    )
    bulletin.full_clean()
    try:
        with transaction.atomic():
            bulletin.save()
    except IntegrityError:
        raise ValidationError({"number": BULLETIN_NUMBER_TAKEN}) from None
    for order, case_id in enumerate(ids, start=1):
        BulletinItem.objects.create(bulletin=bulletin, case_id=case_id, order=order)
    return bulletin


@transaction.atomic
def bulletin_publish(*, actor: Any, bulletin: Bulletin) -> Bulletin:
    """印发: every report of the issue moves to 已编发 through the engine, or none does."""
    _require_staff(actor, bulletin.body)
    locked = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if locked.status != BulletinStatus.DRAFT:
        raise ValidationError({"status": BULLETIN_NOT_DRAFT})
    for item in BulletinItem.objects.filter(bulletin=locked).select_related("case").order_by("order"):
        engine.case_transition(case=item.case, name="publish", actor=actor, data={"bulletin_id": locked.pk})
    locked.status = BulletinStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.published_by = actor if getattr(actor, "pk", None) else None
    locked.save()
    return locked


@transaction.atomic
def bulletin_delete_draft(*, actor: Any, bulletin: Bulletin) -> None:
    _require_staff(actor, bulletin.body)
    if bulletin.status != BulletinStatus.DRAFT:
        raise ValidationError({"status": BULLETIN_NOT_DRAFT})
    bulletin.items.all().delete()
    bulletin.delete()


def opinion_transition(*, actor: Any, case: Case, name: str, data: dict[str, Any] | None = None) -> CaseEvent:
    """The pages' one write path for a step on any case they show (the engine checks everything)."""
    return engine.case_transition(case=case, name=name, actor=actor, data=data)
