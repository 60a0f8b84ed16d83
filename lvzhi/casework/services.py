"""Writes of cases. ``case_transition`` is the only code that changes ``Case.state``."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from lvzhi.core import audit
from lvzhi.core.exceptions import ConcurrentTransition, DomainError, NotFound, TransitionNotAllowed
from lvzhi.core.permissions import is_admin
from lvzhi.orgs.models import Body, HandlingUnit, Membership, Session

from . import files, notices, selectors, workdays
from .files import Upload
from .models import (
    LIVE_ASSIGNMENT,
    REPLYING_ROLES,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    Attachment,
    Case,
    CaseCategory,
    CaseEvent,
    Chase,
    ChaseLevel,
    Contact,
    Cosponsor,
    Feedback,
    HolidayOverride,
    Notification,
    Rating,
    Reply,
    ReplyCategory,
    ReviewResult,
    SubmitterKind,
)
from .workflow import Actor, FieldType, Outcome, Transition, Workflow, workflow_for

# Messages (importable, so tests assert the exact text).
CONCURRENT = "该件已被他人处理，请刷新后重试。"
NOT_ALLOWED = "“%(title)s”当前状态为“%(state)s”，不能执行“%(action)s”。"
FORBIDDEN = "您无权对该件执行“%(action)s”。"
UNKNOWN_ACTION = "“%(kind)s”没有“%(action)s”这一操作。"
UNKNOWN_KIND = "未知的类型：%(kind)s。"
KIND_NOT_FOR_BODY = "%(body)s不受理“%(kind)s”。"
CREATE_FORBIDDEN = "只有本机构的委员、代表或工作人员可以起草。"
FIELD_REQUIRED = "请填写“%(label)s”。"
FIELD_INVALID = "“%(label)s”的取值无效。"
FIELD_DATE = "“%(label)s”应为日期（YYYY-MM-DD）。"
FIELD_TOO_LONG = "“%(label)s”过长（最多%(max)s字）。"
TITLE_TOO_SHORT = "标题至少 5 个字。"
CONTENT_TOO_SHORT = "建议内容至少 20 个字。"
COSPONSOR_NOT_MEMBER = "联名人必须是本届本机构的委员或代表。"
COSPONSOR_SELF = "不能邀请自己联名。"
COSPONSORS_PENDING = "联名人尚未全部确认：%(names)s。"
TOO_FEW_COSPONSORS = "议案须由代表团或 %(n)s 名以上代表联名提出，目前已确认 %(have)s 人（含领衔人）。"
NOT_COSPONSOR = "您不是该件的联名人。"
ALREADY_RESPONDED = "您已回复过联名邀请。"
REASON_UNKNOWN = "请从列表中选择不予立案理由。"
MERGE_TARGET_INVALID = "只能并入本机构同类、已提交或已立案的另一件。"
CONVERT_TARGET_INVALID = "不能转为“%(kind)s”。"
UNITS_REQUIRED = "请至少选择一个主办、会办或分办单位。"
UNITS_ONE_LEAD = "主办单位只能有一个。"
UNITS_DUPLICATE = "同一承办单位不能重复交办。"
UNIT_NOT_IN_BODY = "承办单位不属于本机构或已停用。"
DUE_IN_PAST = "办理期限不能早于今天。"
NO_OPEN_ASSIGNMENT = "贵单位在该件没有待办的交办事项。"
REROUTE_WINDOW_PASSED = "已超过调整交办申请期限（%(until)s），请按期办理。"
REROUTE_NOT_REQUESTED = "该交办没有待审批的调整申请。"
REROUTE_NEEDS_LEAD = "撤回主办单位时须同时指定新的主办单位。"
REPLY_CATEGORY_REQUIRED = "请选择答复类别（A、B、C）。"
REPLY_PROMISE_REQUIRED = "B类答复须填写承诺完成日期。"
PROMISE_IN_PAST = "承诺完成日期不能早于今天。"
CONTACT_IN_FUTURE = "沟通日期不能晚于今天。"
ALREADY_RATED = "您已评价过本轮答复。"
UNSATISFIED_NEEDS_COMMENT = "评价为不满意时，请说明理由。"
NOT_KEY_CASE = "只有重点件才能记录领衔督办活动。"
LEADER_INVALID = "领衔督办领导须是本机构的领导。"
REPLY_NOT_FOUND = "未找到要审核的答复。"
NOT_EDITABLE = "只有草稿或退回修改的件可以修改。"
PUBLIC_NOTE_REQUIRED = "选择不公开时，请说明理由。"
COSPONSOR_NOT_CONFIRMED = "只有已确认联名的联名人可以评价。"
REVIEW_BACK_ONLY_B = "只有B类答复（列入计划拟解决）的件需要回头看。"
REVIEW_BACK_NEEDS_DATE = "尚未落实的，请填写新的承诺完成日期。"


# ---------------------------------------------------------------- field cleaning


def _clean_value(f: Any, raw: Any) -> Any:
    label = str(f.label)
    if f.type == FieldType.TEXT:
        value = str(raw).strip()
        if len(value) > f.max_length:
            raise ValidationError({f.name: FIELD_TOO_LONG % {"label": label, "max": f.max_length}})
        return value
    if f.type == FieldType.INT:
        if isinstance(raw, bool):
            raise ValidationError({f.name: FIELD_INVALID % {"label": label}})
        try:
            return int(raw)
        except (TypeError, ValueError):
            raise ValidationError({f.name: FIELD_INVALID % {"label": label}}) from None
    if f.type == FieldType.BOOL:
        if isinstance(raw, bool):
            return raw
        if str(raw).lower() in {"1", "true", "on", "yes"}:
            return True
        if str(raw).lower() in {"0", "false", "off", "no", ""}:
            return False
        raise ValidationError({f.name: FIELD_INVALID % {"label": label}})
    if f.type == FieldType.DATE:
        if isinstance(raw, datetime.date):
            return raw
        try:
            return datetime.date.fromisoformat(str(raw).strip())
        except ValueError:
            raise ValidationError({f.name: FIELD_DATE % {"label": label}}) from None
    if f.type == FieldType.CHOICE:
        value = str(raw).strip()
        if f.choices and value not in {v for v, _ in f.choices}:
            raise ValidationError({f.name: FIELD_INVALID % {"label": label}})
        return value
    if f.type == FieldType.INT_LIST:
        items = raw if isinstance(raw, list | tuple) else str(raw).replace("，", ",").split(",")
        try:
            return [int(x) for x in items if str(x).strip()]
        except (TypeError, ValueError):
            raise ValidationError({f.name: FIELD_INVALID % {"label": label}}) from None
    if f.type == FieldType.UNITS:
        if not isinstance(raw, list | tuple):
            raise ValidationError({f.name: FIELD_INVALID % {"label": label}})
        out = []
        roles = {r.value for r in AssignmentRole}
        for item in raw:
            if not isinstance(item, dict) or str(item.get("role", "")) not in roles:
                raise ValidationError({f.name: FIELD_INVALID % {"label": label}})
            try:
                out.append({"unit_id": int(item["unit_id"]), "role": str(item["role"])})
            except (KeyError, TypeError, ValueError):
                raise ValidationError({f.name: FIELD_INVALID % {"label": label}}) from None
        return out
    return raw


def fields_clean(step: Transition, data: dict[str, Any]) -> dict[str, Any]:
    """Validate a step's inputs against its declared fields; unknown keys are ignored."""
    cleaned: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for f in step.fields:
        raw = data.get(f.name)
        empty = (
            raw is None or (isinstance(raw, str) and not raw.strip()) or (isinstance(raw, list) and not raw)
        )
        if empty:
            if f.required:
                errors.setdefault(f.name, []).append(FIELD_REQUIRED % {"label": str(f.label)})
            continue
        try:
            cleaned[f.name] = _clean_value(f, raw)
        except ValidationError as exc:
            for k, v in exc.message_dict.items():
                errors.setdefault(k, []).extend(v)
    note = str(data.get("note") or "").strip()
    if step.note_required and not note:
        errors.setdefault("note", []).append("请填写理由或说明。")
    cleaned["note"] = note[:4000]
    if errors:
        raise ValidationError(errors)
    return cleaned


# ---------------------------------------------------------------- the engine


@dataclass
class StepContext:
    case: Case
    step: Transition
    workflow: Workflow
    actor: Any
    caps: set[Actor]
    data: dict[str, Any]
    now: datetime.datetime
    updates: dict[str, Any] = field(default_factory=dict)
    event_data: dict[str, Any] = field(default_factory=dict)
    notify: list[tuple[Any, str]] = field(default_factory=list)
    uploads: list[tuple[Upload, str]] = field(default_factory=list)  # (file, kind read from its bytes)
    attach_to: dict[str, Any] = field(default_factory=dict)  # the reply or contact the files belong to

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)

    @property
    def setting(self) -> dict[str, Any]:
        return selectors.kind_setting(body_id=self.case.body_id, workflow=self.workflow)


Handler = Callable[[StepContext], Outcome | None]
HANDLERS: dict[str, Handler] = {}


def handles(*names: str) -> Callable[[Handler], Handler]:
    def decorator(func: Handler) -> Handler:
        for name in names:
            HANDLERS[name] = func
        return func

    return decorator


def _workflow(kind: str) -> Workflow:
    wf = workflow_for(kind)
    if wf is None:
        raise NotFound(UNKNOWN_KIND % {"kind": kind})
    return wf


def uploads_check(step: Transition, uploads: Sequence[Upload]) -> list[tuple[Upload, str]]:
    """Every file's kind from its bytes, or a ValidationError naming each refused file (nothing is kept)."""
    if not uploads:
        return []
    if not step.attachments:
        raise ValidationError({"files": files.FILES_NOT_ACCEPTED % {"action": step.label}})
    if len(uploads) > files.MAX_FILES:
        raise ValidationError({"files": files.TOO_MANY_FILES % {"n": files.MAX_FILES}})
    checked, errors = [], []
    for upload in uploads:
        kind, error = files.upload_check(upload)
        if error:
            errors.append(error)
        else:
            checked.append((upload, str(kind)))
    if errors:
        raise ValidationError({"files": errors})
    return checked


def _attachments_save(ctx: StepContext, event: CaseEvent) -> list[Attachment]:
    saved: list[Attachment] = []
    try:
        for upload, kind in ctx.uploads:
            row = Attachment(
                case=ctx.case,
                event=event,
                name=files.clean_name(upload.name, kind),
                kind=kind,
                size=len(upload.data),
                sha256=hashlib.sha256(upload.data).hexdigest(),
                uploaded_by=ctx.actor if getattr(ctx.actor, "pk", None) else None,
                uploaded_by_name=_actor_name(ctx.actor),
                **ctx.attach_to,
            )
            row.file.save(f"upload.{kind}", ContentFile(upload.data), save=False)
            saved.append(row)
            row.save()
    except Exception:
        # The transaction rolls the rows back; the files already written must go too.
        for row in saved:
            row.file.delete(save=False)
        raise
    return saved


@transaction.atomic
def case_transition(
    *,
    case: Case,
    name: str,
    actor: Any,
    data: dict[str, Any] | None = None,
    uploads: Sequence[Upload] = (),
) -> CaseEvent:
    """Move a case along its kind's workflow: check, validate, claim, apply, record.

    Refusals happen before any write (409 wrong state, 403 wrong actor, 422 bad input,
    a file whose content is not an allowed type or is over 10 MB); a failure inside the
    effect rolls the whole step back. Two actors racing from the same version: the
    second gets ``ConcurrentTransition``.
    """
    wf = _workflow(case.kind)
    step = wf.transition(name)
    if step is None:
        raise NotFound(UNKNOWN_ACTION % {"kind": wf.label, "action": name})
    if case.state not in step.source:
        raise TransitionNotAllowed(
            NOT_ALLOWED % {"title": case.title, "state": wf.state_label(case.state), "action": step.label},
            extra={"state": case.state, "state_label": wf.state_label(case.state)},
        )
    caps = selectors.actor_capacities(actor=actor, case=case)
    if not caps & step.roles:
        raise PermissionDenied(FORBIDDEN % {"action": step.label})
    cleaned = fields_clean(step, data or {})
    checked = uploads_check(step, uploads)

    now = timezone.now()
    claimed = Case.objects.filter(pk=case.pk, version=case.version, state=case.state).update(
        version=F("version") + 1, updated_at=now
    )
    if claimed != 1:
        raise ConcurrentTransition(CONCURRENT)
    from_state = case.state
    ctx = StepContext(
        case=case, step=step, workflow=wf, actor=actor, caps=caps, data=cleaned, now=now, uploads=checked
    )
    handler = HANDLERS.get(step.name)
    outcome = (handler(ctx) if handler else None) or Outcome.TARGET
    to_state = {Outcome.TARGET: step.target, Outcome.ALT: step.alt_target}.get(outcome) or from_state
    if to_state != from_state or ctx.updates:
        Case.objects.filter(pk=case.pk).update(state=to_state, **ctx.updates)
    # The in-memory case follows only once the step has succeeded (a refusal rolls back both).
    case.version += 1
    for k, v in ctx.updates.items():
        setattr(case, k, v)
    case.state = to_state
    event = CaseEvent.objects.create(
        case=case,
        action=f"case.{step.name}",
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=_actor_name(actor),
        from_state=from_state,
        to_state=to_state,
        note=cleaned.get("note", ""),
        data={**{k: _plain(v) for k, v in cleaned.items() if k != "note"}, **ctx.event_data},
        at=now,
    )
    audit.record(
        action=f"case.{step.name}",
        instance=case,
        actor=actor,
        note=cleaned.get("note", ""),
        changes={"state": [from_state, to_state]} if to_state != from_state else {},
    )
    if ctx.uploads:
        saved = _attachments_save(ctx, event)
        event.data = {**event.data, "attachments": [{"id": a.pk, "name": a.name} for a in saved]}
        event.save(update_fields=["data"])
    _notify(ctx, event)
    return event


def _actor_name(actor: Any) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return "系统"
    unit = getattr(actor, "handling_unit", None) if getattr(actor, "role", "") == "unit" else None
    name = getattr(actor, "display_name", "") or getattr(actor, "username", "")
    return f"{unit.name}（{name}）" if unit else name


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _notify(ctx: StepContext, event: CaseEvent) -> None:
    """Tell the people the step concerns; written with the step, shown on their pages."""
    case, actor = ctx.case, ctx.actor
    message = f"“{case.title[:40]}”：{ctx.step.label}"
    recipients: set[int] = set()
    if case.submitter_id and case.submitter_id != getattr(actor, "pk", None):
        recipients.add(case.submitter_id)
    for user, _text in ctx.notify:
        if user is not None and user.pk != getattr(actor, "pk", None):
            recipients.add(user.pk)
    if ctx.step.name in {"assign", "rehandle", "reopen", "chase", "reroute_approve", "reroute_refuse"}:
        from lvzhi.accounts.models import User

        unit_ids = list(
            Assignment.objects.filter(LIVE_ASSIGNMENT, case=case).values_list("unit_id", flat=True)
        )
        recipients.update(
            User.objects.filter(role="unit", handling_unit_id__in=unit_ids).values_list("pk", flat=True)
        )
    if ctx.step.name in {"submit", "reroute", "reply", "rate"}:
        from lvzhi.accounts.models import User

        recipients.update(
            User.objects.filter(role="staff", body_id=case.body_id).values_list("pk", flat=True)[:20]
        )
    recipients.discard(getattr(actor, "pk", None) or 0)
    if recipients:
        from lvzhi.accounts.models import User

        # Inactive accounts never sign in to read them (the public portal's stand-in follows by code).
        recipients.intersection_update(
            User.objects.filter(pk__in=recipients, is_active=True).values_list("pk", flat=True)
        )
    rows = Notification.objects.bulk_create(
        [Notification(user_id=uid, case=case, event=event, message=message[:300]) for uid in recipients]
    )
    notices.notifications_created(rows)


# ---------------------------------------------------------------- creation and drafts


def _require_registered_kind(kind: str, body: Body) -> Workflow:
    wf = workflow_for(kind)
    if wf is None:
        raise ValidationError({"kind": UNKNOWN_KIND % {"kind": kind}})
    if wf.body_kinds and body.kind not in wf.body_kinds:
        raise ValidationError({"kind": KIND_NOT_FOR_BODY % {"body": body.name, "kind": wf.label}})
    return wf


def _active_membership(member_id: int | None, body: Body) -> Membership | None:
    if not member_id:
        return None
    return (
        Membership.objects.filter(member_id=member_id, body=body, is_active=True, term__is_current=True)
        .select_related("member")
        .first()
    )


def _validate_text(title: str, content: str, background: str = "") -> None:
    """The one check of a case's text, for the web form and the API alike (limits in models)."""
    errors = {}
    if len(title.strip()) < 5:
        errors["title"] = TITLE_TOO_SHORT
    if len(title) > TITLE_MAX_LENGTH:
        errors["title"] = FIELD_TOO_LONG % {"label": "标题", "max": TITLE_MAX_LENGTH}
    if len(content.strip()) < 20:
        errors["content"] = CONTENT_TOO_SHORT
    if len(content) > TEXT_MAX_LENGTH:
        errors["content"] = FIELD_TOO_LONG % {"label": "内容", "max": TEXT_MAX_LENGTH}
    if len(background) > TEXT_MAX_LENGTH:
        errors["background"] = FIELD_TOO_LONG % {"label": "案由", "max": TEXT_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)


def _cosponsors_validate(
    *, body: Body, member_ids: Iterable[int], submitter_member_id: int | None
) -> list[int]:
    ids = list(dict.fromkeys(int(i) for i in member_ids))
    if submitter_member_id and submitter_member_id in ids:
        raise ValidationError({"cosponsor_ids": COSPONSOR_SELF})
    if ids:
        found = set(
            Membership.objects.filter(
                member_id__in=ids, body=body, is_active=True, term__is_current=True
            ).values_list("member_id", flat=True)
        )
        if found != set(ids):
            raise ValidationError({"cosponsor_ids": COSPONSOR_NOT_MEMBER})
    return ids


def _units_in_body(body: Body, unit_ids: Iterable[int]) -> list[HandlingUnit]:
    ids = list(dict.fromkeys(int(i) for i in unit_ids))
    units = list(HandlingUnit.objects.filter(pk__in=ids, body=body, is_active=True))
    if len(units) != len(ids):
        raise ValidationError({"units": UNIT_NOT_IN_BODY})
    return units


@transaction.atomic
def case_create(
    *,
    actor: Any,
    kind: str,
    body: Body,
    title: str,
    content: str,
    background: str = "",
    category: str = "",
    cosponsor_ids: Iterable[int] = (),
    proposed_unit_ids: Iterable[int] = (),
    submitter_kind: str = SubmitterKind.INDIVIDUAL,
    submitter_name: str = "",
    is_public: bool = True,
    public_note: str = "",
    extra: dict[str, Any] | None = None,
) -> Case:
    """A member (or staff on behalf of a group) drafts a case; it stays private until submitted."""
    wf = _require_registered_kind(kind, body)
    membership = _active_membership(getattr(actor, "member_id", None), body)
    is_staff = is_admin(actor) or (actor.role == "staff" and actor.body_id == body.pk)
    if membership is None and not is_staff:
        raise PermissionDenied(CREATE_FORBIDDEN)
    _validate_text(title, content, background)
    if category and category not in CaseCategory.values:
        raise ValidationError({"category": FIELD_INVALID % {"label": "类别"}})
    if submitter_kind not in SubmitterKind.values:
        raise ValidationError({"submitter_kind": FIELD_INVALID % {"label": "提出方式"}})
    if not is_public and not public_note.strip():
        raise ValidationError({"public_note": PUBLIC_NOTE_REQUIRED})
    member = membership.member if membership else None
    ids = _cosponsors_validate(
        body=body, member_ids=cosponsor_ids, submitter_member_id=member.pk if member else None
    )
    units = _units_in_body(body, proposed_unit_ids)
    if ids and submitter_kind == SubmitterKind.INDIVIDUAL:
        submitter_kind = SubmitterKind.JOINT
    case = Case(
        body=body,
        kind=kind,
        state=wf.initial,
        year=timezone.localdate().year,
        title=title.strip(),
        content=content.strip(),
        background=background.strip(),
        category=category or CaseCategory.OTHER,
        submitter=actor,
        submitter_member=member,
        submitter_kind=submitter_kind,
        submitter_name=(submitter_name.strip() or (member.name if member else "")),
        is_public=is_public,
        public_note=public_note.strip(),
    )
    case.full_clean(exclude=["submitter", "proposed_units"])
    case.save()
    Cosponsor.objects.bulk_create([Cosponsor(case=case, member_id=i) for i in ids])
    if units:
        case.proposed_units.set(units)
    if wf.on_created:
        wf.on_created(case, extra or {})
    now = timezone.now()
    CaseEvent.objects.create(
        case=case,
        action="case.create",
        actor=actor,
        actor_name=_actor_name(actor),
        to_state=case.state,
        at=now,
        data={"cosponsor_ids": ids},
    )
    return case


@transaction.atomic
def case_update(*, actor: Any, case: Case, data: dict[str, Any]) -> Case:
    """The submitter edits a draft or a returned case (title, content, category, co-sponsors, units)."""
    wf = _workflow(case.kind)
    if Actor.SUBMITTER not in selectors.actor_capacities(actor=actor, case=case):
        raise PermissionDenied(FORBIDDEN % {"action": "修改"})
    if case.state not in wf.member_editable:
        raise TransitionNotAllowed(NOT_EDITABLE)
    title = str(data.get("title", case.title))
    content = str(data.get("content", case.content))
    _validate_text(title, content, str(data.get("background", case.background)))
    case.title, case.content = title.strip(), content.strip()
    case.background = str(data.get("background", case.background)).strip()
    category = str(data.get("category") or case.category)
    if category not in CaseCategory.values:
        raise ValidationError({"category": FIELD_INVALID % {"label": "类别"}})
    case.category = category
    if "is_public" in data:
        case.is_public = bool(data["is_public"])
        case.public_note = str(data.get("public_note") or "").strip()
        if not case.is_public and not case.public_note:
            raise ValidationError({"public_note": PUBLIC_NOTE_REQUIRED})
    moved = Case.objects.filter(pk=case.pk, version=case.version, state=case.state).update(
        version=F("version") + 1
    )
    if moved != 1:
        raise ConcurrentTransition(CONCURRENT)
    case.version += 1
    case.save(
        update_fields=["title", "content", "background", "category", "is_public", "public_note", "updated_at"]
    )
    if "cosponsor_ids" in data:
        ids = _cosponsors_validate(
            body=case.body,
            member_ids=data["cosponsor_ids"] or [],
            submitter_member_id=case.submitter_member_id,
        )
        case.cosponsors.filter(source=Cosponsor.Source.COSIGN).exclude(member_id__in=ids).delete()
        have = set(case.cosponsors.values_list("member_id", flat=True))
        Cosponsor.objects.bulk_create([Cosponsor(case=case, member_id=i) for i in ids if i not in have])
    if "proposed_unit_ids" in data:
        case.proposed_units.set(_units_in_body(case.body, data["proposed_unit_ids"] or []))
    CaseEvent.objects.create(
        case=case,
        action="case.edit",
        actor=actor,
        actor_name=_actor_name(actor),
        from_state=case.state,
        to_state=case.state,
        at=timezone.now(),
    )
    return case


def case_transition_bulk(
    *, actor: Any, cases: Iterable[Case], name: str, data: dict[str, Any] | None = None
) -> tuple[int, list[str]]:
    """批量立案 / 批量交办: each case in its own transaction; failures are reported, not fatal."""
    done, errors = 0, []
    for case in cases:
        try:
            case_transition(case=case, name=name, actor=actor, data=data)
        except (DomainError, ValidationError, PermissionDenied) as exc:
            errors.append(f"{case.title[:30]}：{error_text(exc)}")
        else:
            done += 1
    return done, errors


def error_text(exc: Exception) -> str:
    if isinstance(exc, DomainError):
        return exc.message
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc) or "您无权执行此操作。"


# ---------------------------------------------------------------- step effects


def _session_for(body_id: int, today: datetime.date) -> Session | None:
    return Session.objects.filter(
        term__body_id=body_id,
        term__is_current=True,
        submission_opens_on__lte=today,
        submission_closes_on__gte=today,
    ).first()


@handles("submit")
def _submit(ctx: StepContext) -> Outcome | None:
    case, wf = ctx.case, ctx.workflow
    rows = list(case.cosponsors.filter(source=Cosponsor.Source.COSIGN).select_related("member"))
    pending = [r.member.name for r in rows if r.status == Cosponsor.Status.INVITED]
    if pending:
        raise ValidationError({"cosponsor_ids": COSPONSORS_PENDING % {"names": "、".join(pending)}})
    confirmed = sum(1 for r in rows if r.status == Cosponsor.Status.CONFIRMED)
    if (
        wf.min_cosponsors
        and case.submitter_kind != SubmitterKind.DELEGATION
        and confirmed < wf.min_cosponsors
    ):
        raise ValidationError(
            {"cosponsor_ids": TOO_FEW_COSPONSORS % {"n": wf.min_cosponsors + 1, "have": confirmed + 1}}
        )
    session = _session_for(case.body_id, ctx.today)
    ctx.updates.update(
        submitted_at=ctx.now, session=session, year=session.year if session else ctx.today.year
    )
    ctx.event_data["during_session"] = session is not None
    return None


@handles("cosign")
def _cosign(ctx: StepContext) -> Outcome | None:
    row = ctx.case.cosponsors.filter(member_id=ctx.actor.member_id, source=Cosponsor.Source.COSIGN).first()
    if row is None:
        raise PermissionDenied(NOT_COSPONSOR)
    if row.status != Cosponsor.Status.INVITED:
        raise TransitionNotAllowed(ALREADY_RESPONDED)
    accept = ctx.data.get("accept", True)
    row.status = Cosponsor.Status.CONFIRMED if accept else Cosponsor.Status.DECLINED
    row.responded_at = ctx.now
    row.save(update_fields=["status", "responded_at", "updated_at"])
    ctx.event_data["accepted"] = bool(accept)
    return Outcome.STAY


@handles("register")
def _register(ctx: StepContext) -> Outcome | None:
    case = ctx.case
    last = Case.objects.filter(body_id=case.body_id, kind=case.kind, year=case.year).aggregate(
        m=Max("serial")
    )["m"]
    serial = (last or 0) + 1
    ctx.updates.update(
        serial=serial,
        number=ctx.workflow.number_format.format(year=case.year, serial=serial),
        registered_at=ctx.now,
    )
    if ctx.data.get("category"):
        ctx.updates["category"] = ctx.data["category"]
    if ctx.data.get("is_key"):
        ctx.updates["is_key"] = True
    ctx.event_data["number"] = ctx.updates["number"]
    return None


@handles("decline")
def _decline(ctx: StepContext) -> Outcome | None:
    codes = dict(selectors.decline_reasons(body_id=ctx.case.body_id))
    code = ctx.data["reason_code"]
    if code not in codes:
        raise ValidationError({"reason_code": REASON_UNKNOWN})
    ctx.updates["decline_reason"] = code
    ctx.event_data["reason_label"] = codes[code]
    return None


@handles("merge")
def _merge(ctx: StepContext) -> Outcome | None:
    case = ctx.case
    target = (
        Case.objects.filter(
            pk=ctx.data["into_id"],
            body_id=case.body_id,
            kind=case.kind,
            state__in=["submitted", "registered"],
        )
        .exclude(pk=case.pk)
        .first()
    )
    if target is None:
        raise ValidationError({"into_id": MERGE_TARGET_INVALID})
    # 并案 keeps the absorbed case readable but frozen; its submitters are credited on the survivor.
    credited = [m for m in [case.submitter_member_id] if m]
    credited += list(
        case.cosponsors.filter(status=Cosponsor.Status.CONFIRMED).values_list("member_id", flat=True)
    )
    have = set(target.cosponsors.values_list("member_id", flat=True)) | {target.submitter_member_id}
    Cosponsor.objects.bulk_create(
        [
            Cosponsor(
                case=target,
                member_id=m,
                status=Cosponsor.Status.CONFIRMED,
                source=Cosponsor.Source.MERGED,
                responded_at=ctx.now,
            )
            for m in dict.fromkeys(credited)
            if m not in have
        ]
    )
    ctx.updates["merged_into"] = target
    ctx.event_data.update(into_id=target.pk, into_title=target.title)
    CaseEvent.objects.create(
        case=target,
        action="case.absorb",
        actor=ctx.actor,
        actor_name=_actor_name(ctx.actor),
        from_state=target.state,
        to_state=target.state,
        at=ctx.now,
        note=f"并入“{case.title}”",
        data={"absorbed_id": case.pk},
    )
    return None


@handles("convert")
def _convert(ctx: StepContext) -> Outcome | None:
    case = ctx.case
    to_kind = ctx.data["to_kind"]
    target_wf = workflow_for(to_kind)
    if (
        to_kind not in ctx.workflow.convert_to
        or target_wf is None
        or (target_wf.body_kinds and case.body.kind not in target_wf.body_kinds)
    ):
        raise ValidationError({"to_kind": CONVERT_TARGET_INVALID % {"kind": to_kind}})
    submit = target_wf.transition("submit")
    new = Case.objects.create(
        body_id=case.body_id,
        kind=to_kind,
        state=submit.target if submit and submit.target else target_wf.initial,
        year=case.year,
        session_id=case.session_id,
        title=case.title,
        background=case.background,
        content=case.content,
        category=case.category,
        submitter_id=case.submitter_id,
        submitter_member_id=case.submitter_member_id,
        submitter_kind=case.submitter_kind,
        submitter_name=case.submitter_name,
        is_public=case.is_public,
        public_note=case.public_note,
        derived_from=case,
        submitted_at=ctx.now,
    )
    Cosponsor.objects.bulk_create(
        [
            Cosponsor(
                case=new, member_id=c.member_id, status=c.status, source=c.source, responded_at=c.responded_at
            )
            for c in case.cosponsors.all()
        ]
    )
    if target_wf.on_created:
        target_wf.on_created(new, {})
    CaseEvent.objects.create(
        case=new,
        action="case.create",
        actor=ctx.actor,
        actor_name=_actor_name(ctx.actor),
        to_state=new.state,
        at=ctx.now,
        note=f"由{ctx.workflow.label}“{case.title}”转来",
        data={"derived_from": case.pk},
    )
    ctx.event_data.update(new_case_id=new.pk, to_kind=to_kind)
    return None


def _assignments_create(
    ctx: StepContext, rows: list[dict[str, Any]], *, due_on: datetime.date
) -> list[Assignment]:
    case = ctx.case
    live = list(Assignment.objects.filter(LIVE_ASSIGNMENT, case=case).values_list("unit_id", "role"))
    lead = [r for r in rows if r["role"] == AssignmentRole.LEAD] + [
        x for x in live if x[1] == AssignmentRole.LEAD
    ]
    if not rows or (
        not any(r["role"] in REPLYING_ROLES for r in rows)
        and not any(role in REPLYING_ROLES for _, role in live)
    ):
        raise ValidationError({"units": UNITS_REQUIRED})
    if len(lead) > 1:
        raise ValidationError({"units": UNITS_ONE_LEAD})
    if len({r["unit_id"] for r in rows}) != len(rows) or {r["unit_id"] for r in rows} & {u for u, _ in live}:
        raise ValidationError({"units": UNITS_DUPLICATE})
    units = {u.pk: u for u in _units_in_body(case.body, [r["unit_id"] for r in rows])}
    window = ctx.setting["reroute_window_workdays"]
    reroute_until = workdays.add_workdays(ctx.today, window)
    try:
        with transaction.atomic():
            created = Assignment.objects.bulk_create(
                [
                    Assignment(
                        case=case,
                        unit=units[r["unit_id"]],
                        role=r["role"],
                        round=case.round,
                        assigned_on=ctx.today,
                        due_on=due_on,
                        reroute_until=reroute_until,
                    )
                    for r in rows
                ]
            )
    except IntegrityError:
        raise ValidationError({"units": UNITS_DUPLICATE}) from None
    return created


def _due(ctx: StepContext, days: int) -> datetime.date:
    due = ctx.data.get("due_on")
    if due is not None:
        if due < ctx.today:
            raise ValidationError({"due_on": DUE_IN_PAST})
        return due
    return workdays.due_after(ctx.today, days)


@handles("assign")
def _assign(ctx: StepContext) -> Outcome | None:
    rows = list(ctx.data.get("units") or [])
    if ctx.data.get("lead_unit_id"):
        rows.insert(0, {"unit_id": ctx.data["lead_unit_id"], "role": AssignmentRole.LEAD})
    rows += [
        {"unit_id": u, "role": AssignmentRole.ASSISTING} for u in ctx.data.get("assisting_unit_ids") or []
    ]
    due = _due(ctx, ctx.setting["reply_days"])
    created = _assignments_create(ctx, rows, due_on=due)
    ctx.updates.update(assigned_at=ctx.now, due_on=due)
    ctx.event_data["units"] = [{"unit": a.unit.name, "role": a.get_role_display()} for a in created]
    return None


def _my_assignments(ctx: StepContext, *, statuses: Iterable[str]) -> list[Assignment]:
    qs = Assignment.objects.filter(
        case=ctx.case, unit_id=ctx.actor.handling_unit_id, status__in=list(statuses)
    )
    if ctx.data.get("assignment_id"):
        qs = qs.filter(pk=ctx.data["assignment_id"])
    rows = list(qs.select_related("unit").order_by("role", "id"))
    if not rows:
        raise TransitionNotAllowed(NO_OPEN_ASSIGNMENT)
    return rows


@handles("accept")
def _accept(ctx: StepContext) -> Outcome | None:
    rows = _my_assignments(ctx, statuses=[AssignmentStatus.ASSIGNED])
    Assignment.objects.filter(pk__in=[a.pk for a in rows]).update(
        status=AssignmentStatus.ACCEPTED, accepted_at=ctx.now, updated_at=ctx.now
    )
    return Outcome.TARGET if ctx.case.state == "assigned" else Outcome.STAY


@handles("reroute")
def _reroute(ctx: StepContext) -> Outcome | None:
    rows = _my_assignments(ctx, statuses=[AssignmentStatus.ASSIGNED, AssignmentStatus.ACCEPTED])
    a = rows[0]
    if a.reroute_until and ctx.today > a.reroute_until:
        raise TransitionNotAllowed(REROUTE_WINDOW_PASSED % {"until": a.reroute_until.isoformat()})
    a.status, a.reroute_reason = AssignmentStatus.REROUTE, ctx.data["note"][:500]
    a.save(update_fields=["status", "reroute_reason", "updated_at"])
    ctx.event_data.update(assignment_id=a.pk, unit=a.unit.name)
    return Outcome.STAY


def _reroute_target(ctx: StepContext) -> Assignment:
    a = (
        Assignment.objects.filter(
            pk=ctx.data["assignment_id"], case=ctx.case, status=AssignmentStatus.REROUTE
        )
        .select_related("unit")
        .first()
    )
    if a is None:
        raise ValidationError({"assignment_id": REROUTE_NOT_REQUESTED})
    return a


@handles("reroute_approve")
def _reroute_approve(ctx: StepContext) -> Outcome | None:
    a = _reroute_target(ctx)
    rows = list(ctx.data.get("units") or [])
    if a.role == AssignmentRole.LEAD and not any(r["role"] == AssignmentRole.LEAD for r in rows):
        raise ValidationError({"units": REROUTE_NEEDS_LEAD})
    a.status = AssignmentStatus.WITHDRAWN
    a.save(update_fields=["status", "updated_at"])
    if rows:
        due = _due(ctx, ctx.setting["reply_days"])
        created = _assignments_create(ctx, rows, due_on=due)
        ctx.event_data["units"] = [{"unit": x.unit.name, "role": x.get_role_display()} for x in created]
        ctx.updates["due_on"] = due
    ctx.event_data.update(withdrawn=a.unit.name)
    return Outcome.STAY


@handles("reroute_refuse")
def _reroute_refuse(ctx: StepContext) -> Outcome | None:
    a = _reroute_target(ctx)
    a.status = AssignmentStatus.ACCEPTED if a.accepted_at else AssignmentStatus.ASSIGNED
    # Refused: the unit owns it now, whatever the window said.
    a.reroute_until = ctx.today - datetime.timedelta(days=1)
    a.save(update_fields=["status", "reroute_until", "updated_at"])
    ctx.event_data.update(unit=a.unit.name)
    return Outcome.STAY


@handles("contact")
def _contact(ctx: StepContext) -> Outcome | None:
    a = _my_assignments(
        ctx, statuses=[s for s in AssignmentStatus.values if s != AssignmentStatus.WITHDRAWN]
    )[0]
    if ctx.data.get("on") and ctx.data["on"] > ctx.today:
        raise ValidationError({"on": CONTACT_IN_FUTURE})
    ctx.attach_to["contact"] = Contact.objects.create(
        case=ctx.case,
        assignment=a,
        stage=ctx.data["stage"],
        mode=ctx.data["mode"],
        on=ctx.data.get("on") or ctx.today,
        note=ctx.data["note"] or "",
        by=ctx.actor,
    )
    return Outcome.STAY


@handles("reply")
def _reply(ctx: StepContext) -> Outcome | None:
    case = ctx.case
    a = _my_assignments(ctx, statuses=[AssignmentStatus.ASSIGNED, AssignmentStatus.ACCEPTED])[0]
    category = ctx.data.get("category", "")
    if a.role in REPLYING_ROLES:
        if not category:
            raise ValidationError({"category": REPLY_CATEGORY_REQUIRED})
        if category == ReplyCategory.B and not ctx.data.get("promised_on"):
            raise ValidationError({"promised_on": REPLY_PROMISE_REQUIRED})
        if category == ReplyCategory.B and ctx.data["promised_on"] < ctx.today:
            raise ValidationError({"promised_on": PROMISE_IN_PAST})
    else:
        category = ""  # 协办意见（会签）: the lead unit's reply carries the category
    ctx.attach_to["reply"] = Reply.objects.create(
        case=case,
        assignment=a,
        round=case.round,
        category=category,
        content=ctx.data["content"],
        signed_by=ctx.data["signed_by"],
        promised_on=ctx.data.get("promised_on") if category == ReplyCategory.B else None,
        submitted_by=ctx.actor,
    )
    Assignment.objects.filter(pk=a.pk).update(
        status=AssignmentStatus.REPLIED,
        replied_at=ctx.now,
        accepted_at=a.accepted_at or ctx.now,
        updated_at=ctx.now,
    )
    ctx.event_data.update(unit=a.unit.name, role=a.get_role_display(), category=category)
    waiting = Assignment.objects.filter(LIVE_ASSIGNMENT, case=case, role__in=REPLYING_ROLES).exclude(
        status=AssignmentStatus.REPLIED
    )
    if waiting.exists():
        return Outcome.STAY
    answers = list(
        Reply.objects.filter(case=case, round=case.round).exclude(category="").select_related("assignment")
    )
    answers.sort(key=lambda r: (r.assignment.role != AssignmentRole.LEAD, r.pk))
    lead = answers[0] if answers else None
    ctx.updates.update(
        replied_at=ctx.now,
        reply_category=lead.category if lead else "",
        followup_on=lead.promised_on if lead and lead.category == ReplyCategory.B else None,
    )
    return Outcome.TARGET


@handles("review")
def _review(ctx: StepContext) -> Outcome | None:
    qs = Reply.objects.filter(case=ctx.case, round=ctx.case.round)
    if ctx.data.get("reply_id"):
        qs = qs.filter(pk=ctx.data["reply_id"])
    rows = list(qs.select_related("assignment"))
    if not rows:
        raise ValidationError({"reply_id": REPLY_NOT_FOUND})
    new_category = ctx.data.get("category", "")
    for r in rows:
        r.reviewed_at, r.reviewed_by = ctx.now, ctx.actor
        if (
            new_category
            and r.category
            and r.category != new_category
            and (ctx.data.get("reply_id") or r.assignment.role == AssignmentRole.LEAD)
        ):
            r.original_category = r.original_category or r.category
            r.category = new_category
            ctx.updates["reply_category"] = new_category
            ctx.event_data["category_changed"] = [r.original_category, new_category]
        r.save(update_fields=["reviewed_at", "reviewed_by", "category", "original_category", "updated_at"])
    if ctx.updates.get("reply_category") and ctx.updates["reply_category"] != ReplyCategory.B:
        ctx.updates["followup_on"] = None
    return Outcome.STAY


@handles("rate")
def _rate(ctx: StepContext) -> Outcome | None:
    case = ctx.case
    rating = ctx.data["rating"]
    if rating == Rating.UNSATISFIED and not (ctx.data.get("comment") or ctx.data.get("note")):
        raise ValidationError({"comment": UNSATISFIED_NEEDS_COMMENT})
    is_submitter = Actor.SUBMITTER in ctx.caps
    if (
        not is_submitter
        and not Cosponsor.objects.filter(
            case=case,
            member_id=getattr(ctx.actor, "member_id", None) or 0,
            status=Cosponsor.Status.CONFIRMED,
        ).exists()
    ):
        raise PermissionDenied(COSPONSOR_NOT_CONFIRMED)
    if Feedback.objects.filter(case=case, round=case.round, rater=ctx.actor).exists():
        raise ValidationError({"rating": ALREADY_RATED})
    Feedback.objects.create(
        case=case,
        round=case.round,
        rater=ctx.actor,
        is_submitter=is_submitter,
        rating=rating,
        comment=ctx.data.get("comment") or ctx.data.get("note", ""),
        consulted=ctx.data.get("consulted", ""),
        attitude=ctx.data.get("attitude", ""),
        addresses_points=ctx.data.get("addresses_points"),
        result=ctx.data.get("result", ""),
    )
    ctx.event_data["rating_label"] = str(Rating(rating).label)
    if not is_submitter:
        return Outcome.STAY  # co-sponsors' ratings are kept; the submitter's decides
    ctx.updates.update(rating=rating, rated_at=ctx.now)
    if rating == Rating.UNSATISFIED:
        return Outcome.ALT
    ctx.updates["closed_at"] = ctx.now
    return Outcome.TARGET


@handles("cosponsor_rate")
def _cosponsor_rate(ctx: StepContext) -> Outcome | None:
    """联名人评价: kept beside the submitter's, also after the case closed; it never moves the case."""
    if Actor.SUBMITTER in ctx.caps:
        raise PermissionDenied(FORBIDDEN % {"action": ctx.step.label})
    _rate(ctx)
    return Outcome.STAY


@handles("rehandle", "reopen")
def _rehandle(ctx: StepContext) -> Outcome | None:
    case = ctx.case
    due = _due(ctx, ctx.setting["rehandle_days"])
    new_round = case.round + 1
    Assignment.objects.filter(LIVE_ASSIGNMENT, case=case).update(
        status=AssignmentStatus.ACCEPTED, round=new_round, due_on=due, replied_at=None, updated_at=ctx.now
    )
    ctx.updates.update(round=new_round, due_on=due, rating="", closed_at=None, rated_at=None)
    ctx.event_data["due_on"] = due.isoformat()
    return None


@handles("chase")
def _chase(ctx: StepContext) -> Outcome | None:
    a = None
    if ctx.data.get("assignment_id"):
        a = Assignment.objects.filter(LIVE_ASSIGNMENT, case=ctx.case, pk=ctx.data["assignment_id"]).first()
        if a is None:
            raise ValidationError({"assignment_id": FIELD_INVALID % {"label": "交办"}})
    Chase.objects.create(
        case=ctx.case, assignment=a, level=ctx.data["level"], note=ctx.data["note"], by=ctx.actor
    )
    return Outcome.STAY


@handles("supervise")
def _supervise(ctx: StepContext) -> Outcome | None:
    if not ctx.case.is_key:
        raise TransitionNotAllowed(NOT_KEY_CASE)
    return Outcome.STAY


@handles("mark_key")
def _mark_key(ctx: StepContext) -> Outcome | None:
    from lvzhi.accounts.models import User

    is_key = bool(ctx.data.get("is_key", True))
    leader = None
    if ctx.data.get("lead_leader_id"):
        leader = User.objects.filter(
            pk=ctx.data["lead_leader_id"], role="leader", body_id=ctx.case.body_id
        ).first()
        if leader is None:
            raise ValidationError({"lead_leader_id": LEADER_INVALID})
        ctx.notify.append((leader, "领衔督办"))
    ctx.updates.update(is_key=is_key, lead_leader=leader if is_key else None)
    ctx.event_data["leader"] = str(leader) if leader else ""
    return Outcome.STAY


@handles("close")
def _close(ctx: StepContext) -> Outcome | None:
    ctx.updates["closed_at"] = ctx.now
    return None


@handles("followup")
def _followup(ctx: StepContext) -> Outcome | None:
    if ctx.data.get("done"):
        ctx.updates["followup_on"] = None
    elif ctx.data.get("promised_on"):
        ctx.updates["followup_on"] = ctx.data["promised_on"]
    return Outcome.STAY


@handles("review_back")
def _review_back(ctx: StepContext) -> Outcome | None:
    """回头看: staff check a B-category promise of a past year; unfinished ones may be carried over."""
    case = ctx.case
    if case.reply_category != ReplyCategory.B:
        raise TransitionNotAllowed(REVIEW_BACK_ONLY_B)
    result = ctx.data["result"]
    if result == ReviewResult.DONE:
        ctx.updates.update(followup_on=None, carried_over=False)
    else:
        if not case.followup_on and not ctx.data.get("promised_on"):
            raise ValidationError({"promised_on": REVIEW_BACK_NEEDS_DATE})
        if ctx.data.get("promised_on"):
            if ctx.data["promised_on"] < ctx.today:
                raise ValidationError({"promised_on": DUE_IN_PAST})
            ctx.updates["followup_on"] = ctx.data["promised_on"]
        ctx.updates["carried_over"] = bool(ctx.data.get("carry_over"))
    ctx.event_data.update(
        result_label=str(ReviewResult(result).label),
        reviewed_year=ctx.today.year,
        carried_over=ctx.updates["carried_over"],
    )
    from lvzhi.accounts.models import User

    unit_ids = Assignment.objects.filter(LIVE_ASSIGNMENT, case=case, role__in=REPLYING_ROLES).values(
        "unit_id"
    )
    ctx.notify += [(u, "回头看") for u in User.objects.filter(role="unit", handling_unit_id__in=unit_ids)]
    return Outcome.STAY


@handles("attach")
def _attach(ctx: StepContext) -> Outcome | None:
    if not ctx.uploads:
        raise ValidationError({"files": files.FILES_REQUIRED})
    return Outcome.STAY


@handles("excellent")
def _excellent(ctx: StepContext) -> Outcome | None:
    ctx.updates["is_excellent"] = bool(ctx.data.get("is_excellent", True))
    return Outcome.STAY


# ---------------------------------------------------------------- notifications


@transaction.atomic
def notification_mark_read(*, actor: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the actor's own notifications read (all unread ones when ``ids`` is None); returns how many."""
    qs = Notification.objects.filter(user_id=actor.pk, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=[int(i) for i in ids])
    return qs.update(read_at=timezone.now())


# ---------------------------------------------------------------- calendar

HOLIDAY_FORBIDDEN = "只有机关工作人员可以调整节假日。"


def _require_calendar_editor(actor: Any) -> None:
    if not (is_admin(actor) or getattr(actor, "role", "") == "staff"):
        raise PermissionDenied(HOLIDAY_FORBIDDEN)


@transaction.atomic
def holiday_save(*, actor: Any, date: datetime.date, is_workday: bool, note: str = "") -> HolidayOverride:
    """Add or change one day of the override table (it wins over the chinese-calendar package)."""
    _require_calendar_editor(actor)
    row, _created = HolidayOverride.objects.get_or_create(date=date, defaults={"is_workday": is_workday})
    row.is_workday, row.note = is_workday, note.strip()[:100]
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def holiday_delete(*, actor: Any, pk: int) -> None:
    _require_calendar_editor(actor)
    row = HolidayOverride.objects.filter(pk=pk).first()
    if row is not None:
        row.delete()


# ---------------------------------------------------------------- deadlines

LADDER = (("notice", -20), ("chase", -1), ("warn", 3), ("remind", 10))


@transaction.atomic
def deadlines_sweep(*, today: datetime.date | None = None, body_id: int | None = None) -> dict[str, int]:
    """提醒 → 预警 → 督办 → 通报 for open assignments, each step logged once; B-category follow-ups due.

    Working days left: ≤10 提醒, ≤3 预警, overdue 督办, more than 20 working days overdue 通报.
    """
    today = today or timezone.localdate()
    counts = {level: 0 for level, _ in LADDER} | {"followup": 0}
    qs = Assignment.objects.filter(
        case__state__in=selectors.HANDLING_STATES,
        status__in=[AssignmentStatus.ASSIGNED, AssignmentStatus.ACCEPTED],
        role__in=REPLYING_ROLES,
    ).select_related("case", "unit")
    if body_id:
        qs = qs.filter(case__body_id=body_id)
    done = set(
        Chase.objects.filter(is_automatic=True, assignment__in=qs).values_list("assignment_id", "level")
    )
    now = timezone.now()
    from lvzhi.accounts.models import User

    unit_users: dict[int, list[int]] = {}
    for uid, unit_id in User.objects.filter(
        role="unit", is_active=True, handling_unit_id__in=qs.values("unit_id")
    ).values_list("pk", "handling_unit_id"):
        unit_users.setdefault(unit_id, []).append(uid)
    reminders: list[Notification] = []
    for a in qs.iterator(chunk_size=500):
        left = workdays.workdays_between(today, a.due_on)
        level = next((lvl for lvl, limit in LADDER if left <= limit), None)
        if level is None or (a.pk, level) in done:
            continue
        label = ChaseLevel(level).label
        note = f"系统{label}：{a.unit.name}办理期限 {a.due_on:%Y-%m-%d}，" + (
            f"剩余 {left} 个工作日。" if left >= 0 else f"已逾期 {-left} 个工作日。"
        )
        Chase.objects.create(case=a.case, assignment=a, level=level, note=note, is_automatic=True)
        event = CaseEvent.objects.create(
            case=a.case,
            action="case.chase",
            actor_name="系统",
            from_state=a.case.state,
            to_state=a.case.state,
            note=note,
            data={"level": level, "automatic": True},
            at=now,
        )
        # The unit's own people see the reminder on their notifications page and in the top bar.
        reminders += [
            Notification(
                user_id=uid, case=a.case, event=event, message=f"“{a.case.title[:40]}”：{note}"[:300]
            )
            for uid in unit_users.get(a.unit_id, ())
        ]
        counts[level] += 1
    notices.notifications_created(Notification.objects.bulk_create(reminders))
    due_b = Case.objects.filter(reply_category=ReplyCategory.B, followup_on__lte=today)
    if body_id:
        due_b = due_b.filter(body_id=body_id)
    for case in due_b.exclude(events__action="case.followup_due", events__data__on=today.isoformat()):
        CaseEvent.objects.create(
            case=case,
            action="case.followup_due",
            actor_name="系统",
            from_state=case.state,
            to_state=case.state,
            note="B类答复承诺完成日期已到，请承办单位报告落实进展。",
            data={"on": today.isoformat()},
            at=now,
        )
        counts["followup"] += 1
    return counts
