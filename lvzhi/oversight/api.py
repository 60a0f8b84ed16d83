"""/api/v1/oversight/…: every record type of 人大监督, with the pages' permission rules.

``GET /oversight/<type>`` lists (``year``, ``q``, the type's filters, ``page``, ``page_size``),
``GET /oversight/<type>/{id}`` reads one with its child lists, ``POST /oversight/<type>``
creates one (office staff of the body). Votes, polls, imports and the roll have their own
action endpoints; the public page of a draft has ``/public/drafts/{id}``.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest
from ninja import Body, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from lvzhi.api.pagination import paginate
from lvzhi.core import ratelimit
from lvzhi.core.exceptions import DomainError, NotFound
from lvzhi.core.middleware import client_ip
from lvzhi.orgs.models import Body as OrgBody
from lvzhi.orgs.models import Membership

from . import forms as oforms
from . import models as m
from . import selectors, services
from .registers import BY_KEY, REGISTERS, Register
from .views import PUBLIC_LIMIT, list_for_actor

router = Router(tags=["人大监督"])
NO_ACCESS = "人大监督仅供人大常委会的工作人员、领导和代表使用。"
PICK_BODY = "请以 body 指定一个人大常委会。"
HIDDEN_WHILE_OPEN = ("satisfied", "basic", "unsatisfied")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, Model):
        return value.pk
    return value


def record_json(obj: Any, reg: Register | None = None) -> dict[str, Any]:
    """A record as JSON: every field, ``*_label`` for choices, ``*_name`` for related records.
    A poll's totals stay hidden (null) until it is closed and published."""
    out: dict[str, Any] = {"id": obj.pk}
    for f in type(obj)._meta.concrete_fields:
        if f.name in {"id", "created_at", "updated_at"}:
            continue
        if f.is_relation:
            out[f.attname] = getattr(obj, f.attname)
            rel = getattr(obj, f.name, None) if getattr(obj, f.attname) is not None else None
            out[f"{f.name}_name"] = str(rel) if rel is not None else None
            continue
        out[f.name] = _plain(getattr(obj, f.name))
        if f.choices:
            out[f"{f.name}_label"] = getattr(obj, f"get_{f.name}_display")()
    if isinstance(obj, m.Poll) and obj.state != m.PollState.CLOSED:
        for name in HIDDEN_WHILE_OPEN:
            out[name] = None
    if reg is not None:
        for name in reg.m2m:
            out[name] = [x.pk for x in getattr(obj, name).all()]
        for child in reg.children:
            out[child.name] = [record_json(c) for c in getattr(obj, child.name).all()]
    return out


def _require_view(request: HttpRequest) -> Any:
    user: Any = request.user
    if not selectors.can_view(user):
        raise PermissionDenied(NO_ACCESS)
    return user


def _get(request: HttpRequest, reg: Register, pk: int) -> Any:
    _require_view(request)
    return selectors.get_for_actor(
        actor=request.user, qs=reg.model._default_manager.all(), pk=pk, body_path=reg.body_path
    )


def _body_for(user: Any, raw: Any) -> OrgBody:
    if user.body_id:
        return user.body  # type: ignore[no-any-return]  # a User
    body = OrgBody.objects.filter(pk=int(raw) if str(raw).isdigit() else 0, kind="congress").first()
    if body is None:
        raise ValidationError({"body": PICK_BODY})
    return body


def _form_errors(form: Any) -> ValidationError:
    return ValidationError(
        {k: [str(e) for e in v] for k, v in form.errors.items()} or {"__all__": ["请求数据有误。"]}
    )


def _make_endpoints(reg: Register) -> None:
    path = f"/oversight/{reg.key}"

    def list_records(request: HttpRequest, page: int = 1, page_size: int = 20) -> dict[str, Any]:
        user = _require_view(request)
        qs = list_for_actor(actor=user, reg=reg, params=request.GET)
        return paginate(qs, page=page, page_size=page_size, to_out=record_json)

    def get_record(request: HttpRequest, record_id: int) -> dict[str, Any]:
        return record_json(_get(request, reg, record_id), reg)

    router.get(
        path,
        response=dict[str, Any],
        operation_id=f"oversight_{reg.key.replace('-', '_')}_list",
        summary=f"{reg.label}：列表",
    )(list_records)
    router.get(
        path + "/{record_id}",
        response=dict[str, Any],
        operation_id=f"oversight_{reg.key.replace('-', '_')}_get",
        summary=f"{reg.label}：详情",
    )(get_record)
    if not reg.fields:
        return

    def create_record(request: HttpRequest, payload: Body[dict[str, Any]]) -> Status[Any]:
        user = _require_view(request)
        body = _body_for(user, payload.get("body"))
        instance = reg.model(body=body)
        form: Any = oforms.narrow(
            oforms.form_class(reg.model, reg.fields)(data=payload, instance=instance), body
        )
        if not form.is_valid():
            raise _form_errors(form)
        obj = form.save(commit=False)
        services.record_save(
            actor=user, instance=obj, m2m={n: form.cleaned_data[n] for n in reg.m2m if n in form.cleaned_data}
        )
        return Status(201, record_json(obj, reg))

    router.post(
        path,
        response={201: dict[str, Any]},
        operation_id=f"oversight_{reg.key.replace('-', '_')}_create",
        summary=f"{reg.label}：新增（本机构工作人员）",
    )(create_record)

    for child in reg.children:
        if child.fields:
            _make_child_endpoint(reg, child)


def _make_child_endpoint(reg: Register, child: Any) -> None:
    def add_child(request: HttpRequest, record_id: int, payload: Body[dict[str, Any]]) -> Status[Any]:
        user = _require_view(request)
        parent = _get(request, reg, record_id)
        instance = child.model(**{child.parent_field: parent})
        form: Any = oforms.narrow(
            oforms.form_class(child.model, child.fields)(data=payload, instance=instance), parent.body
        )
        if not form.is_valid():
            raise _form_errors(form)
        obj = services.record_save(actor=user, instance=form.save(commit=False))
        return Status(201, record_json(obj))

    router.post(
        f"/oversight/{reg.key}/{{record_id}}/{child.name}",
        response={201: dict[str, Any]},
        operation_id=f"oversight_{reg.key.replace('-', '_')}_{child.name}_add",
        summary=f"{reg.label}：添加{child.label}",
    )(add_child)


for _reg in REGISTERS:
    _make_endpoints(_reg)


# ---------------------------------------------------------------- actions


class PollOpenIn(Schema):
    present: list[int] = Field(default_factory=list, max_length=2000)


class ChoiceIn(Schema):
    choice: str = Field(max_length=16)


class TallyIn(Schema):
    voted_on: datetime.date
    present: int = Field(ge=0, le=100000)
    votes_for: int = Field(ge=0, le=100000)
    votes_against: int = Field(0, ge=0, le=100000)
    votes_abstain: int = Field(0, ge=0, le=100000)


class ExamIn(Schema):
    exam_on: datetime.date
    exam_score: decimal.Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=1)


class OathIn(Schema):
    oath_on: datetime.date


class PublishIn(Schema):
    text: str = Field("", max_length=50000)
    published_on: datetime.date


class DeputyChangeIn(Schema):
    membership_id: int
    kind: str = Field(max_length=16)
    effective_on: datetime.date
    note: str = Field("", max_length=300)


def _tally(p: TallyIn) -> services.Tally:
    return services.Tally(p.present, p.votes_for, p.votes_against, p.votes_abstain)


@router.post(
    "/oversight/polls/{poll_id}/open",
    response=dict[str, Any],
    summary="开始满意度测评（工作人员，附出席名单）",
)
def poll_open(request: HttpRequest, poll_id: int, payload: PollOpenIn) -> dict[str, Any]:
    poll = _get(request, BY_KEY["polls"], poll_id)
    return record_json(services.poll_open(actor=request.user, poll=poll, present_member_ids=payload.present))


@router.post(
    "/oversight/polls/{poll_id}/vote",
    response=dict[str, Any],
    summary="测评投票（出席的组成人员，每人一次，无记名）",
)
def poll_vote(request: HttpRequest, poll_id: int, payload: ChoiceIn) -> dict[str, Any]:
    poll = _get(request, BY_KEY["polls"], poll_id)
    services.poll_vote(actor=request.user, poll=poll, choice=payload.choice)
    return {"voted": True}


@router.post("/oversight/polls/{poll_id}/close", response=dict[str, Any], summary="结束测评并公布结果")
def poll_close(request: HttpRequest, poll_id: int) -> dict[str, Any]:
    poll = _get(request, BY_KEY["polls"], poll_id)
    return record_json(services.poll_close(actor=request.user, poll=poll))


@router.post(
    "/oversight/resolutions/{record_id}/vote", response=dict[str, Any], summary="表决决议决定（核对法定人数）"
)
def resolution_vote(request: HttpRequest, record_id: int, payload: TallyIn) -> dict[str, Any]:
    obj = _get(request, BY_KEY["resolutions"], record_id)
    return record_json(
        services.resolution_vote(
            actor=request.user, resolution=obj, voted_on=payload.voted_on, tally=_tally(payload)
        )
    )


@router.post("/oversight/resolutions/{record_id}/publish", response=dict[str, Any], summary="公布决议决定")
def resolution_publish(request: HttpRequest, record_id: int, payload: PublishIn) -> dict[str, Any]:
    obj = _get(request, BY_KEY["resolutions"], record_id)
    return record_json(
        services.resolution_publish(
            actor=request.user, resolution=obj, text=payload.text, published_on=payload.published_on
        )
    )


@router.post(
    "/oversight/appointments/{record_id}/exam", response=dict[str, Any], summary="记录任前法律知识考试成绩"
)
def appointment_exam(request: HttpRequest, record_id: int, payload: ExamIn) -> dict[str, Any]:
    obj = _get(request, BY_KEY["appointments"], record_id)
    return record_json(
        services.appointment_exam(
            actor=request.user, appointment=obj, exam_on=payload.exam_on, score=payload.exam_score
        )
    )


@router.post(
    "/oversight/appointments/{record_id}/vote",
    response=dict[str, Any],
    summary="表决任免（任命须先记录考试成绩）",
)
def appointment_vote(request: HttpRequest, record_id: int, payload: TallyIn) -> dict[str, Any]:
    obj = _get(request, BY_KEY["appointments"], record_id)
    return record_json(
        services.appointment_vote(
            actor=request.user, appointment=obj, voted_on=payload.voted_on, tally=_tally(payload)
        )
    )


@router.post("/oversight/appointments/{record_id}/oath", response=dict[str, Any], summary="记录宪法宣誓日期")
def appointment_oath(request: HttpRequest, record_id: int, payload: OathIn) -> dict[str, Any]:
    obj = _get(request, BY_KEY["appointments"], record_id)
    return record_json(
        services.appointment_oath(actor=request.user, appointment=obj, oath_on=payload.oath_on)
    )


@router.post(
    "/oversight/deputy-changes", response={201: dict[str, Any]}, summary="记录代表变动（同步在任名单）"
)
def deputy_change(request: HttpRequest, payload: DeputyChangeIn) -> Status[Any]:
    user = _require_view(request)
    ms = (
        selectors.scope_for_actor(actor=user, qs=Membership.objects.all())
        .filter(pk=payload.membership_id)
        .first()
    )
    if ms is None:
        raise NotFound(selectors.NOT_FOUND)
    change = services.deputy_change_record(
        actor=user, membership=ms, kind=payload.kind, effective_on=payload.effective_on, note=payload.note
    )
    return Status(201, record_json(change))


@router.post(
    "/oversight/budget/lines",
    response=dict[str, Any],
    summary="导入年度预算项目（.xlsx；有错行则全部不保存）",
)
def budget_lines(
    request: HttpRequest, year: Form[int], file: File[UploadedFile], body: Form[int] = 0
) -> dict[str, Any]:  # ninja's file marker
    user = _require_view(request)
    r = services.budget_import_lines(actor=user, body=_body_for(user, body), year=year, upload=file)
    return {"created": r.created, "updated": r.updated}


@router.post("/oversight/budget/execution", response=dict[str, Any], summary="导入月度执行数并按预警规则检查")
def budget_execution(
    request: HttpRequest,
    year: Form[int],
    month: Form[int],
    file: File[UploadedFile],
    body: Form[int] = 0,
) -> dict[str, Any]:  # ninja's file marker
    user = _require_view(request)
    target = _body_for(user, body)
    r = services.budget_import_execution(actor=user, body=target, year=year, month=month, upload=file)
    flags = services.budget_check(actor=user, body=target, year=year, month=month)
    return {"created": r.created, "updated": r.updated, "flags": [record_json(f) for f in flags]}


@router.get("/oversight/budget/chart", response=list[dict[str, Any]], summary="分部门预算执行情况")
def budget_chart(request: HttpRequest, year: int, body: int = 0) -> list[dict[str, Any]]:
    user = _require_view(request)
    return selectors.budget_by_department(body=_body_for(user, body), year=year)


@router.get("/oversight/figures", response=dict[str, Any], summary="人大监督数据（本机构、本年度）")
def oversight_figures(request: HttpRequest, year: int, body: int = 0) -> dict[str, Any]:
    user = _require_view(request)
    target = _body_for(user, body)
    from .figures import OWN_FIGURES

    return {spec.key: fn(target, year) for spec, fn in OWN_FIGURES}


class PublicOpinionIn(Schema):
    author: str = Field("", max_length=50)
    article: str = Field("", max_length=50)
    text: str = Field(max_length=4000)
    contact_point_id: int | None = None


def _public_draft(draft_id: int) -> m.Draft:
    draft = (
        m.Draft.objects.filter(pk=draft_id, is_open=True, body__kind="congress")
        .select_related("body")
        .first()
    )
    if draft is None:
        raise NotFound("该草案不存在或未公开征求意见。")
    return draft


@router.get("/public/drafts/{draft_id}", auth=None, response=dict[str, Any], summary="公开征求意见的草案")
def public_draft(request: HttpRequest, draft_id: int) -> dict[str, Any]:
    d = _public_draft(draft_id)
    return {
        "id": d.pk,
        "title": d.title,
        "body": d.body.name,
        "source": d.source,
        "summary": d.summary,
        "due_on": d.due_on.isoformat(),
        "opinion_count": d.opinions.count(),
        "contact_points": [{"id": p.pk, "name": p.name} for p in m.ContactPoint.objects.filter(body=d.body)],
    }


@router.post(
    "/public/drafts/{draft_id}/opinions",
    auth=None,
    response={201: dict[str, Any]},
    summary="对草案提出意见（无需登录；按 IP 限频）",
)
def public_draft_opinion(request: HttpRequest, draft_id: int, payload: PublicOpinionIn) -> Status[Any]:
    d = _public_draft(draft_id)
    wait = ratelimit.hit(f"draft-opinion:{client_ip(request) or 'unknown'}", PUBLIC_LIMIT, 3600)
    if wait:
        raise DomainError(f"提交过于频繁，请 {wait} 分钟后再试。")
    op = services.draft_opinion_public(
        draft=d,
        author=payload.author,
        text=payload.text,
        article=payload.article,
        contact_point_id=payload.contact_point_id,
    )
    return Status(201, {"id": op.pk, "received_on": op.received_on.isoformat()})
