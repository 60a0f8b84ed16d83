"""Writes of 信访件 and of the public portal (submissions of any public kind, tracking, rating).

State changes go through ``casework.services.case_transition``; this app registers the
effects of its own step names (classify, link, admit, reject, transfer, answer,
request_review, conclude_review) and reuses the engine's assign / reply / rate.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from lvzhi.accounts.models import PUBLIC_PORTAL_USERNAME, Role, User
from lvzhi.casework import services as engine
from lvzhi.casework import workdays
from lvzhi.casework.models import Case, CaseCategory, CaseEvent, CaseTracker, SubmitterKind
from lvzhi.casework.workflow import Actor, Outcome, workflow_for
from lvzhi.core.exceptions import DomainError, ErrorCode, NotFound
from lvzhi.orgs.models import Body

from . import portal, selectors
from .models import PetitionDetail, PublicAttachment
from .workflow import PETITION_TRANSITIONS, PetitionCategory, PetitionForm

PUBLIC_USERNAME = PUBLIC_PORTAL_USERNAME
PUBLIC_KINDS = ("micro_suggestion", "opinion", "petition")

# Messages (importable, so tests assert the exact text).
KIND_INVALID = "请选择要提交的事项类型。"
KIND_NOT_HERE = "%(body)s不受理“%(kind)s”。"
BODY_CLOSED = "该机构暂未开放网上提交。"
TITLE_LENGTH = "标题应为 5 至 100 个字。"
CONTENT_LENGTH = "内容应为 20 至 5000 个字。"
NAME_REQUIRED = "信访须实名，请填写姓名。"
NAME_TOO_LONG = "姓名最多 50 个字。"
PHONE_REQUIRED = "请填写联系电话，以便答复。"
PHONE_INVALID = "联系电话格式不正确（7 至 20 位数字）。"
EMAIL_INVALID = "电子邮箱格式不正确。"
ID_INVALID = "身份证号格式不正确（18 位）。"
PERSONS_INVALID = "人数应为 1 至 999 之间的整数。"
HONEYPOT = "提交未通过校验，请刷新页面后重试。"
CODE_UNKNOWN = "未找到与该查询码对应的事项，请核对后重试。"
EARLIER_INVALID = "关联的前次信访件须是本机构、早于本件的另一件信访件。"
REVIEW_TOO_LATE = "已超过申请复查期限（收到处理意见之日起 30 日）。"
PETITION_STAFF_ONLY = (
    "只有信访工作人员（具有“信访工作人员”权限）和系统管理员可以办理信访件；如需办理，请联系管理员授权。"
)

PHONE_RE = re.compile(r"^[0-9+\-() ]{7,20}$")
ID_RE = re.compile(r"^\d{17}[\dXx]$")
REVIEW_WINDOW_DAYS = 30


class PortalRefused(DomainError):
    """A public request refused before anything was stored (rate limit or check failed)."""

    code = ErrorCode.INVALID
    status = 400


class PortalThrottled(PortalRefused):
    code = ErrorCode.RATE_LIMITED
    status = 429


# ---------------------------------------------------------------- the public actor


def public_actor() -> User:
    """The account standing for “the public” in the trail: never signs in (inactive, no password).

    The holder of a verified tracking code acts through it as the submitter of that one
    case; the code check happens here, before the engine sees the step.
    """
    user = User.objects.filter(username=PUBLIC_USERNAME).first()
    if user is None:
        user = User(
            username=PUBLIC_USERNAME,
            display_name="社会公众（查询码）",
            role=Role.MEMBER,
            is_active=False,
        )
        user.set_unusable_password()
        user.save()
    return user


# ---------------------------------------------------------------- kind details


def detail_save(*, case: Any, data: dict[str, Any]) -> PetitionDetail:
    """Record the petitioner (the engine's on_created hook); the case keeps the masked name only."""
    name = str(data.get("petitioner_name") or case.submitter_name or "（未留姓名）").strip()[:50]
    received = data.get("received_on") or timezone.localdate()
    if not isinstance(received, datetime.date):
        received = timezone.localdate()
    form = str(data.get("form") or PetitionForm.ONLINE)
    category = str(data.get("petition_category") or "")
    detail = PetitionDetail(
        case=case,
        form=form if form in PetitionForm.values else PetitionForm.ONLINE,
        category=category if category in PetitionCategory.values else "",
        petitioner_name=name,
        id_number=str(data.get("id_number") or "").strip().upper()[:18],
        phone=str(data.get("phone") or "").strip()[:30],
        address=str(data.get("address") or "").strip()[:200],
        persons=max(1, min(999, int(data.get("persons") or 1))),
        received_on=received,
        notify_due_on=workdays.due_after(received, selectors.notify_days(body_id=case.body_id)),
    )
    detail.earlier = _earlier_match(case=case, phone=detail.phone, id_number=detail.id_number)
    detail.full_clean(exclude=["case", "earlier"])
    detail.save()
    Case.objects.filter(pk=case.pk).update(submitter_name=portal.mask_name(name))
    case.submitter_name = portal.mask_name(name)
    return detail


def _earlier_match(*, case: Any, phone: str, id_number: str) -> Case | None:
    """重复信访: the petitioner's most recent earlier petition to the same body, by ID number or phone."""
    if not phone and not id_number:
        return None
    qs = PetitionDetail.objects.filter(case__body_id=case.body_id).exclude(case_id=case.pk)
    match = qs.filter(id_number=id_number) if id_number else qs.filter(phone=phone)
    row = match.order_by("-case__created_at", "-case_id").select_related("case").first()
    return row.case if row else None


# ---------------------------------------------------------------- who may act


def petition_staff_require(*, actor: Any, body_id: int) -> None:
    """Staff steps on 信访件 (登记、受理、转办、答复、办结 …) are for petition staff and admins only."""
    if not selectors.is_petition_staff(actor, body_id):
        raise PermissionDenied(PETITION_STAFF_ONLY)


def _guard(ctx: engine.StepContext) -> None:
    """A step that the actor may take on a petition only as 工作人员 needs ``handle_petition``.

    Submitters (the code holder), handling units and leaders (督办) keep their own steps.
    """
    if ctx.case.kind == "petition" and ctx.caps & ctx.step.roles <= {Actor.STAFF}:
        petition_staff_require(actor=ctx.actor, body_id=ctx.case.body_id)


def _guarded(name: str) -> None:
    """Put the guard in front of the engine's own effect of a step petitions share (register, assign …).

    It runs before anything is written or the in-memory case changes, on every path: the
    pages, the cases API and bulk actions all go through ``case_transition``.
    """
    inner = engine.HANDLERS.get(name)
    if getattr(inner, "petition_guarded", False):
        return

    def handler(ctx: engine.StepContext) -> Outcome | None:
        _guard(ctx)
        return inner(ctx) if inner else None

    handler.petition_guarded = True  # type: ignore[attr-defined]  # marks the wrapper, so it is applied once
    handler.__module__ = getattr(inner, "__module__", __name__)
    engine.HANDLERS[name] = handler


# ---------------------------------------------------------------- step effects


def _detail(ctx: engine.StepContext) -> PetitionDetail:
    detail = PetitionDetail.objects.filter(case=ctx.case).first()
    if detail is None:
        detail = detail_save(case=ctx.case, data={})
    return detail


@engine.handles("classify")
def _classify(ctx: engine.StepContext) -> Outcome | None:
    _guard(ctx)
    detail = _detail(ctx)
    detail.category = ctx.data["petition_category"]
    detail.save(update_fields=["category", "updated_at"])
    ctx.event_data["category_label"] = str(PetitionCategory(detail.category).label)
    return Outcome.STAY


@engine.handles("link")
def _link(ctx: engine.StepContext) -> Outcome | None:
    _guard(ctx)
    detail = _detail(ctx)
    earlier_id = ctx.data.get("earlier_id")
    earlier = None
    if earlier_id:
        earlier = (
            Case.objects.filter(
                pk=earlier_id, body_id=ctx.case.body_id, kind="petition", created_at__lt=ctx.case.created_at
            )
            .exclude(pk=ctx.case.pk)
            .first()
        )
        if earlier is None:
            raise ValidationError({"earlier_id": EARLIER_INVALID})
    detail.earlier = earlier
    detail.save(update_fields=["earlier", "updated_at"])
    ctx.event_data["earlier_number"] = (earlier.number or earlier.title) if earlier else ""
    return Outcome.STAY


@engine.handles("admit")
def _admit(ctx: engine.StepContext) -> Outcome | None:
    _guard(ctx)
    detail = _detail(ctx)
    detail.notified_on = ctx.today
    detail.save(update_fields=["notified_on", "updated_at"])
    due = workdays.due_after(ctx.today, ctx.setting["reply_days"])
    ctx.updates["due_on"] = due
    ctx.event_data.update(due_on=due.isoformat(), notify_due_on=detail.notify_due_on.isoformat())
    return None


@engine.handles("reject")
def _reject(ctx: engine.StepContext) -> Outcome | None:
    _guard(ctx)
    detail = _detail(ctx)
    detail.notified_on = ctx.today
    detail.save(update_fields=["notified_on", "updated_at"])
    ctx.updates.update(replied_at=ctx.now, due_on=None)
    return None


@engine.handles("transfer")
def _transfer(ctx: engine.StepContext) -> Outcome | None:
    _guard(ctx)
    # 转办 creates the same assignment as 交办; the difference is the unit answers the petitioner itself.
    engine.HANDLERS["assign"](ctx)
    ctx.event_data["routing"] = "transfer"
    return None


@engine.handles("answer")
def _answer(ctx: engine.StepContext) -> Outcome | None:
    _guard(ctx)
    detail = _detail(ctx)
    detail.answer = ctx.data["content"]
    detail.save(update_fields=["answer", "updated_at"])
    ctx.updates.update(replied_at=ctx.now, due_on=None)
    return None


@engine.handles("request_review")
def _request_review(ctx: engine.StepContext) -> Outcome | None:
    _guard(ctx)
    replied = ctx.case.replied_at or ctx.case.rated_at
    if replied and (ctx.now - replied).days > REVIEW_WINDOW_DAYS:
        raise ValidationError({"note": REVIEW_TOO_LATE})
    ctx.updates["due_on"] = workdays.due_after(ctx.today, REVIEW_WINDOW_DAYS)
    return None


@engine.handles("conclude_review")
def _conclude_review(ctx: engine.StepContext) -> Outcome | None:
    _guard(ctx)
    detail = _detail(ctx)
    detail.review_opinion = ctx.data["content"]
    detail.save(update_fields=["review_opinion", "updated_at"])
    ctx.updates.update(closed_at=ctx.now, due_on=None)
    return None


for _name in {t.name for t in PETITION_TRANSITIONS} - {
    "classify",
    "link",
    "admit",
    "reject",
    "transfer",
    "answer",
    "request_review",
    "conclude_review",
}:
    _guarded(_name)


# ---------------------------------------------------------------- intake


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def upload_read(f: Any) -> Upload:
    """A received file as an ``Upload`` for ``public_submit``, the page's and the API's alike.

    Reads at most one byte past the limit, so an oversized file is refused by
    ``portal.file_check`` without being read whole.
    """
    return Upload(name=str(getattr(f, "name", "") or "附件"), data=f.read(portal.MAX_FILE_BYTES + 1))


@dataclass(frozen=True)
class Submission:
    kind: str
    title: str
    content: str
    name: str = ""
    phone: str = ""
    email: str = ""
    id_number: str = ""
    address: str = ""
    persons: int = 1
    form: str = PetitionForm.ONLINE
    received_on: datetime.date | None = None


def submission_clean(*, body: Body, s: Submission) -> Submission:
    """Every check a submission must pass, before anything is written; ValidationError per field."""
    errors: dict[str, str] = {}
    wf = workflow_for(s.kind)
    if s.kind not in PUBLIC_KINDS or wf is None:
        raise ValidationError({"kind": KIND_INVALID})
    if wf.body_kinds and body.kind not in wf.body_kinds:
        raise ValidationError({"kind": KIND_NOT_HERE % {"body": body.name, "kind": wf.label}})
    title, content = s.title.strip(), s.content.strip()
    name, phone, email = s.name.strip(), s.phone.strip(), s.email.strip()
    id_number = s.id_number.strip().upper()
    if not 5 <= len(title) <= 100:
        errors["title"] = TITLE_LENGTH
    if not 20 <= len(content) <= 5000:
        errors["content"] = CONTENT_LENGTH
    if len(name) > 50:
        errors["name"] = NAME_TOO_LONG
    if s.kind == "petition" and not name:
        errors["name"] = NAME_REQUIRED
    if s.kind == "petition" and not phone:
        errors["phone"] = PHONE_REQUIRED
    elif phone and not PHONE_RE.match(phone):
        errors["phone"] = PHONE_INVALID
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = EMAIL_INVALID
    if id_number and not ID_RE.match(id_number):
        errors["id_number"] = ID_INVALID
    if not 1 <= s.persons <= 999:
        errors["persons"] = PERSONS_INVALID
    if errors:
        raise ValidationError(errors)
    return Submission(
        kind=s.kind,
        title=title,
        content=content,
        name=name,
        phone=phone,
        email=email,
        id_number=id_number,
        address=s.address.strip()[:200],
        persons=s.persons,
        form=s.form if s.form in PetitionForm.values else PetitionForm.ONLINE,
        received_on=s.received_on,
    )


def _intake(
    *,
    body: Body,
    s: Submission,
    channel: str,
    creator: Any,
    submitter_by: Any,
    upload: Upload | None = None,
    kind_of_file: str = "",
) -> tuple[Case, str]:
    """Create the case with its tracker, then submit it through the engine. Returns (case, raw code)."""
    public = public_actor()
    wf = workflow_for(s.kind)
    assert wf is not None  # noqa: S101  # checked by submission_clean
    case = Case(
        body=body,
        kind=s.kind,
        state=wf.initial,
        year=timezone.localdate().year,
        title=s.title,
        content=s.content,
        category=CaseCategory.OTHER,
        submitter=public,
        submitter_kind=SubmitterKind.INDIVIDUAL,
        submitter_name=portal.mask_name(s.name) or "社会公众",
        is_public=False,
        public_note="公众来件，不公开",
    )
    case.full_clean(exclude=["submitter"])
    case.save()
    extra: dict[str, Any] = {
        "source": "public",
        "petitioner_name": s.name,
        "phone": s.phone,
        "id_number": s.id_number,
        "address": s.address,
        "persons": s.persons,
        "form": s.form,
        "received_on": s.received_on,
    }
    if wf.on_created:
        wf.on_created(case, extra)
    code = portal.code_new()
    CaseTracker.objects.create(
        case=case,
        code_hash=portal.code_hash(code),
        channel=channel,
        contact_name=s.name[:50],
        contact_phone=s.phone[:30],
        contact_email=s.email,
    )
    if upload is not None:
        PublicAttachment.objects.create(
            case=case,
            file=ContentFile(upload.data, name=f"{portal.code_new()}.{kind_of_file}"),
            original_name=upload.name[:200],
            kind=kind_of_file,
            size=len(upload.data),
        )
    CaseEvent.objects.create(
        case=case,
        action="case.create",
        actor=creator if getattr(creator, "pk", None) else None,
        actor_name=getattr(creator, "display_name", "") or "社会公众",
        to_state=case.state,
        at=timezone.now(),
        data={"channel": channel},
    )
    engine.case_transition(case=case, name="submit", actor=submitter_by)
    return case, code


@transaction.atomic
def public_submit(
    *,
    body: Body,
    s: Submission,
    ip: str,
    captcha_token: str,
    captcha_answer: str,
    honeypot: str = "",
    upload: Upload | None = None,
    channel: str = "web",
) -> tuple[Case, str]:
    """A submission from the public page or API: throttle, check, validate, then store; else nothing."""
    wait = portal.submit_throttle(ip)
    if wait:
        raise PortalThrottled(wait)
    if not body.is_active:
        raise PortalRefused(BODY_CLOSED)
    if honeypot.strip():
        raise PortalRefused(HONEYPOT)
    problem = portal.challenge_check(token=captcha_token, answer=captcha_answer)
    if problem:
        raise ValidationError({"captcha": problem})
    s = submission_clean(body=body, s=s)
    kind_of_file = ""
    if upload is not None:
        kind, message = portal.file_check(data=upload.data)
        if message:
            raise ValidationError({"attachment": message})
        kind_of_file = kind or ""
    public = public_actor()
    return _intake(
        body=body,
        s=s,
        channel=channel,
        creator=public,
        submitter_by=public,
        upload=upload,
        kind_of_file=kind_of_file,
    )


@transaction.atomic
def petition_register_intake(*, actor: Any, body: Body, s: Submission) -> tuple[Case, str]:
    """Staff record a letter, visit or call; the petitioner gets the code with the 受理告知."""
    petition_staff_require(actor=actor, body_id=body.pk)
    s = submission_clean(body=body, s=Submission(**{**s.__dict__, "kind": "petition"}))
    return _intake(body=body, s=s, channel=s.form, creator=actor, submitter_by=actor)


# ---------------------------------------------------------------- tracking


def tracker_for_code(*, code: str, ip: str) -> CaseTracker:
    """The tracker of a code; wrong and unknown codes get the same answer and count against the IP."""
    wait = portal.track_throttle(ip)
    if wait:
        raise PortalThrottled(wait)
    code = (code or "").strip()
    tracker = None
    if 8 <= len(code) <= 64:
        tracker = (
            CaseTracker.objects.select_related("case", "case__body")
            .filter(code_hash__in={portal.code_hash(code), portal.code_hash_legacy(code)})
            .first()
        )
    if tracker is None:
        portal.track_miss(ip)
        raise NotFound(CODE_UNKNOWN)
    CaseTracker.objects.filter(pk=tracker.pk).update(last_viewed_at=timezone.now())
    return tracker


def public_rate(*, code: str, ip: str, rating: str, comment: str = "") -> CaseEvent:
    """The code holder rates the reply (满意 / 基本满意 / 不满意) through the engine's rate step."""
    tracker = tracker_for_code(code=code, ip=ip)
    return engine.case_transition(
        case=tracker.case, name="rate", actor=public_actor(), data={"rating": rating, "comment": comment}
    )


def public_request_review(*, code: str, ip: str, note: str) -> CaseEvent:
    """The code holder asks for 复查 of a petition they were not satisfied with."""
    tracker = tracker_for_code(code=code, ip=ip)
    return engine.case_transition(
        case=tracker.case, name="request_review", actor=public_actor(), data={"note": note}
    )
