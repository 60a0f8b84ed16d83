"""Pages of 人大监督: one list, record page and form for every register, plus the actions
that a vote, a poll, an import or a public draft page needs. Views parse, call a service
or selector, and render; refusals become messages and change nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from lvzhi.core import ratelimit
from lvzhi.core.exceptions import DomainError, NotFound
from lvzhi.core.exports import xlsx_response
from lvzhi.core.middleware import client_ip
from lvzhi.core.views import paginate, query_without_page
from lvzhi.orgs.models import Body, Membership

from . import forms as oforms
from . import models as m
from . import selectors, services
from .registers import BY_KEY, REGISTERS, Register, cell, child_for

NO_ACCESS = "人大监督仅供人大常委会的工作人员、领导和代表使用。"
PICK_BODY = "请先选择一个人大常委会。"


def error_text(exc: Exception) -> str:
    if isinstance(exc, DomainError):
        return exc.message
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc) or services.FORBIDDEN


def _require_view(user: Any) -> None:
    if not selectors.can_view(user):
        raise PermissionDenied(NO_ACCESS)


def _body(request: HttpRequest) -> Body:
    """The congress body a page works for: the user's own, or (administrators) the one chosen."""
    user: Any = request.user
    if user.body_id:
        return user.body  # type: ignore[no-any-return]  # a User
    raw = request.GET.get("body") or request.POST.get("body") or ""
    qs = Body.objects.filter(kind="congress", is_active=True).order_by("level", "name")
    body = qs.filter(pk=int(raw)).first() if raw.isdigit() else qs.first()
    if body is None:
        raise Http404(PICK_BODY)
    return body


def _reg(key: str) -> Register:
    reg = BY_KEY.get(key)
    if reg is None:
        raise Http404(selectors.NOT_FOUND)
    return reg


def _year(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "")[:4]
    return int(raw) if raw.isdigit() and len(raw) == 4 else None


def _annotated(reg: Register, qs: QuerySet[Any]) -> QuerySet[Any]:
    if reg.model in (m.Draft, m.Reception):
        qs = qs.annotate(opinion_count=Count("opinions")).order_by(*reg.model._meta.ordering)
    if reg.model is m.BudgetLine:
        latest = m.BudgetExecution.objects.filter(line=OuterRef("pk")).order_by("-month")
        qs = qs.annotate(latest_executed=Subquery(latest.values("executed")[:1]))
    related = [f.name for f in reg.model._meta.concrete_fields if f.is_relation and f.name != "body"]
    return qs.select_related(*related) if related else qs


def list_for_actor(*, actor: Any, reg: Register, params: Any) -> QuerySet[Any]:
    """A register's records the actor may see, filtered by year, choice filters and keyword."""
    qs = selectors.scope_for_actor(actor=actor, qs=reg.model._default_manager.all(), body_path=reg.body_path)
    year = params.get("year", "")[:4]
    if year.isdigit():
        if reg.date_field:
            qs = qs.filter(**{f"{reg.date_field}__year": int(year)})
        elif reg.model is m.BudgetLine:
            qs = qs.filter(year=int(year))
    for name in reg.filters:
        value = params.get(name, "")[:32]
        if value:
            qs = qs.filter(**{name: value})
    q = params.get("q", "").strip()[:50]
    if q:
        cond = Q()
        for f in reg.search:
            cond |= Q(**{f"{f}__icontains": q})
        qs = qs.filter(cond)
    return _annotated(reg, qs)


def _rate(obj: Any) -> None:
    if isinstance(obj, m.BudgetLine):
        ex = getattr(obj, "latest_executed", None)
        obj.latest_rate = selectors.budget_rate(obj.amount, ex) if ex is not None else ""  # type: ignore[attr-defined]  # for the page
        if ex is None:
            obj.latest_executed = ""  # type: ignore[attr-defined]  # for the page


# ---------------------------------------------------------------- overview and lists


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    _require_view(user)
    body = _body(request)
    year = _year(request) or timezone.localdate().year
    from . import figures

    rows = [
        {"label": spec.label, "value": fn(body, year), "unit": spec.unit} for spec, fn in figures.OWN_FIGURES
    ]
    return render(
        request,
        "oversight/index.html",
        {
            "body": body,
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
            "rows": rows,
            "registers": REGISTERS,
            "types": selectors.review_type_counts(body, year),
            "review_types": m.ReviewType.choices,
            "open_polls": selectors.polls_open_for_member(actor=user),
        },
    )


@login_required
def record_list(request: HttpRequest, key: str) -> HttpResponse:
    user: Any = request.user
    _require_view(user)
    reg = _reg(key)
    qs = list_for_actor(actor=user, reg=reg, params=request.GET)
    if request.GET.get("export") == "xlsx":
        rows = []
        for obj in (
            qs.iterator(chunk_size=500) if reg.model not in (m.Draft, m.Reception, m.BudgetLine) else qs
        ):
            _rate(obj)
            rows.append([str(cell(obj, a)) for a, _ in reg.columns])
        return xlsx_response(
            filename=f"{reg.label}.xlsx", title=reg.label, headers=[h for _, h in reg.columns], rows=rows
        )
    page = paginate(request, qs)
    for obj in page:
        _rate(obj)
    filters = []
    for name in reg.filters:
        f: Any = reg.model._meta.get_field(name)
        filters.append(
            {"name": name, "label": f.verbose_name, "choices": f.choices, "value": request.GET.get(name, "")}
        )
    return render(
        request,
        "oversight/list.html",
        {
            "reg": reg,
            "page": page,
            "rows": [(obj, [cell(obj, a) for a, _ in reg.columns]) for obj in page],
            "filters": filters,
            "q": request.GET.get("q", "")[:50],
            "year": _year(request),
            "years": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
            "query": query_without_page(request),
            "can_manage": selectors.can_manage(user, user.body) and bool(reg.fields),
        },
    )


# ---------------------------------------------------------------- one record


def _get(request: HttpRequest, reg: Register, pk: int) -> Any:
    try:
        return selectors.get_for_actor(
            actor=request.user, qs=reg.model._default_manager.all(), pk=pk, body_path=reg.body_path
        )
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _fields_of(obj: Any, reg: Register) -> list[tuple[str, Any]]:
    out = []
    for f in reg.model._meta.concrete_fields:
        if f.name in {"id", "body", "created_at", "updated_at", "satisfied", "basic", "unsatisfied"}:
            continue
        if f.name == "case" or f.name.endswith("_case"):
            continue
        value = getattr(obj, f"get_{f.name}_display")() if f.choices else getattr(obj, f.name)
        if isinstance(value, bool):
            value = "是" if value else "否"
        out.append((str(f.verbose_name), value if value not in (None, "") else "—"))
    for name in reg.m2m:
        out.append(
            (
                str(getattr(reg.model._meta.get_field(name), "verbose_name", name)),
                "、".join(str(x) for x in getattr(obj, name).all()) or "—",
            )
        )
    return out


@login_required
def record_detail(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    user: Any = request.user
    _require_view(user)
    reg = _reg(key)
    obj = _get(request, reg, pk)
    manage = selectors.can_manage(user, obj.body)
    children = []
    for child in reg.children:
        items = list(getattr(obj, child.name).all())
        form = (
            oforms.narrow(oforms.form_class(child.model, child.fields)(), obj.body)
            if manage and child.fields
            else None
        )
        children.append(
            {
                "spec": child,
                "rows": [(c, [cell(c, a) for a, _ in child.columns]) for c in items],
                "form": form,
            }
        )
    ctx: dict[str, Any] = {
        "reg": reg,
        "obj": obj,
        "fields": _fields_of(obj, reg),
        "children": children,
        "can_manage": manage,
        "today": timezone.localdate(),
    }
    if isinstance(obj, m.Poll):
        seats = list(obj.seats.select_related("member"))
        ctx["seats"] = seats
        ctx["voted"] = sum(1 for s in seats if s.has_voted)
        ctx["present"] = sum(1 for s in seats if s.present)
        if obj.state == m.PollState.DRAFT:
            ctx["roll"] = list(
                selectors.members_in_office(body=obj.body, on=obj.held_on).select_related("member")
            )
    if isinstance(obj, m.Resolution | m.Appointment):
        ctx["in_office"] = selectors.members_in_office(body=obj.body, on=timezone.localdate()).count()
    return render(request, "oversight/detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def record_form(request: HttpRequest, key: str, pk: int | None = None) -> HttpResponse:
    user: Any = request.user
    _require_view(user)
    reg = _reg(key)
    if not reg.fields:
        raise Http404(selectors.NOT_FOUND)
    obj: Any = _get(request, reg, pk) if pk else reg.model(body=_body(request))
    if not selectors.can_manage(user, obj.body):
        raise PermissionDenied(services.FORBIDDEN)
    if isinstance(obj, m.Poll) and obj.pk and obj.state != m.PollState.DRAFT:
        messages.error(request, services.POLL_NOT_DRAFT)
        return redirect("oversight:detail", key=key, pk=obj.pk)
    form: Any = oforms.narrow(
        oforms.form_class(reg.model, reg.fields)(request.POST or None, instance=obj), obj.body
    )
    if request.method == "POST" and form.is_valid():
        instance = form.save(commit=False)
        m2m = {n: form.cleaned_data[n] for n in reg.m2m if n in form.cleaned_data}
        try:
            services.record_save(actor=user, instance=instance, m2m=m2m)
        except (DomainError, ValidationError, PermissionDenied) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "已保存。")
            return redirect("oversight:detail", key=key, pk=instance.pk)
    return render(request, "oversight/form.html", {"reg": reg, "obj": obj, "form": form})


@login_required
@require_POST
def child_add(request: HttpRequest, key: str, pk: int, child: str) -> HttpResponse:
    user: Any = request.user
    _require_view(user)
    reg = _reg(key)
    obj = _get(request, reg, pk)
    spec = child_for(reg, child)
    if spec is None or not spec.fields:
        raise Http404(selectors.NOT_FOUND)
    instance = spec.model(**{spec.parent_field: obj})
    form: Any = oforms.narrow(
        oforms.form_class(spec.model, spec.fields)(request.POST, instance=instance), obj.body
    )
    if not form.is_valid():
        messages.error(
            request,
            "；".join(
                f"{form.fields[k].label}：{'，'.join(str(e) for e in v)}"
                if k in form.fields
                else "，".join(str(e) for e in v)
                for k, v in form.errors.items()
            ),
        )
        return redirect("oversight:detail", key=key, pk=pk)
    try:
        services.record_save(actor=user, instance=form.save(commit=False))
    except (DomainError, ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"已添加到“{spec.label}”。")
    return redirect("oversight:detail", key=key, pk=pk)


# ---------------------------------------------------------------- actions on a record


def _date(raw: str, label: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(raw.strip())
    except ValueError as exc:
        raise ValidationError({label: f"“{label}”应为日期（YYYY-MM-DD）。"}) from exc


def _int(raw: str, label: str) -> int:
    raw = (raw or "").strip()
    if not raw.isdigit() or len(raw) > 6:
        raise ValidationError({label: f"“{label}”应为非负整数。"})
    return int(raw)


def _tally(post: Any) -> services.Tally:
    return services.Tally(
        present=_int(post.get("present", ""), "出席人数"),
        votes_for=_int(post.get("votes_for", ""), "赞成"),
        votes_against=_int(post.get("votes_against", ""), "反对"),
        votes_abstain=_int(post.get("votes_abstain", ""), "弃权"),
    )


def _action_poll_open(user: Any, obj: Any, post: Any) -> str:
    ids = [int(x) for x in post.getlist("present") if x.isdigit()]
    services.poll_open(actor=user, poll=obj, present_member_ids=ids)
    return "测评已开始，出席的组成人员可以在手机上投票。"


def _action_poll_close(user: Any, obj: Any, post: Any) -> str:
    p = services.poll_close(actor=user, poll=obj)
    return f"测评已结束，结果已公布：{p.tally_text}。"


def _action_resolution_vote(user: Any, obj: Any, post: Any) -> str:
    r = services.resolution_vote(
        actor=user, resolution=obj, voted_on=_date(post.get("voted_on", ""), "表决日期"), tally=_tally(post)
    )
    return f"表决结果：{r.get_state_display()}（{r.vote_text}）。"


def _action_resolution_publish(user: Any, obj: Any, post: Any) -> str:
    services.resolution_publish(
        actor=user,
        resolution=obj,
        text=post.get("text", ""),
        published_on=_date(post.get("published_on", ""), "公布日期"),
    )
    return "已公布。"


def _action_appointment_exam(user: Any, obj: Any, post: Any) -> str:
    try:
        score = Decimal(post.get("exam_score", "").strip())
    except InvalidOperation as exc:
        raise ValidationError({"exam_score": services.EXAM_SCORE_RANGE}) from exc
    services.appointment_exam(
        actor=user, appointment=obj, exam_on=_date(post.get("exam_on", ""), "考试日期"), score=score
    )
    return "已记录考试成绩。"


def _action_appointment_vote(user: Any, obj: Any, post: Any) -> str:
    a = services.appointment_vote(
        actor=user, appointment=obj, voted_on=_date(post.get("voted_on", ""), "表决日期"), tally=_tally(post)
    )
    return f"表决结果：{a.get_state_display()}。"


def _action_appointment_oath(user: Any, obj: Any, post: Any) -> str:
    services.appointment_oath(actor=user, appointment=obj, oath_on=_date(post.get("oath_on", ""), "宣誓日期"))
    return "已记录宪法宣誓。"


def _action_draft_forward(user: Any, obj: Any, post: Any) -> str:
    n = services.draft_forward(actor=user, draft=obj, on=timezone.localdate())
    return f"已汇总报送意见 {n} 条。"


def _action_livelihood_vote(user: Any, obj: Any, post: Any) -> str:
    votes = {p.pk: _int(post.get(f"votes_{p.pk}", "0") or "0", p.name) for p in obj.projects.all()}
    chosen = services.livelihood_vote_record(
        actor=user,
        vote=obj,
        voted_on=_date(post.get("voted_on", ""), "票决日期"),
        present=_int(post.get("present", ""), "参加票决代表"),
        votes=votes,
    )
    return f"票决确定项目 {len(chosen)} 个。"


ACTIONS = {
    ("polls", "open"): _action_poll_open,
    ("polls", "close"): _action_poll_close,
    ("resolutions", "vote"): _action_resolution_vote,
    ("resolutions", "publish"): _action_resolution_publish,
    ("appointments", "exam"): _action_appointment_exam,
    ("appointments", "vote"): _action_appointment_vote,
    ("appointments", "oath"): _action_appointment_oath,
    ("drafts", "forward"): _action_draft_forward,
    ("livelihood", "vote"): _action_livelihood_vote,
}


@login_required
@require_POST
def record_action(request: HttpRequest, key: str, pk: int, action: str) -> HttpResponse:
    user: Any = request.user
    _require_view(user)
    reg = _reg(key)
    handler = ACTIONS.get((key, action))
    if handler is None:
        raise Http404(selectors.NOT_FOUND)
    obj = _get(request, reg, pk)
    try:
        messages.success(request, handler(user, obj, request.POST))
    except (DomainError, ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
    return redirect("oversight:detail", key=key, pk=pk)


# ---------------------------------------------------------------- the phone-size voting page


@login_required
def my_polls(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    _require_view(user)
    polls = list(selectors.polls_open_for_member(actor=user))
    voted = set(
        m.PollSeat.objects.filter(poll__in=polls, member_id=user.member_id, has_voted=True).values_list(
            "poll_id", flat=True
        )
    )
    return render(request, "oversight/vote_list.html", {"polls": polls, "voted": voted})


@login_required
@require_http_methods(["GET", "POST"])
def poll_vote(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    _require_view(user)
    poll = _get(request, BY_KEY["polls"], pk)
    if request.method == "POST":
        try:
            services.poll_vote(actor=user, poll=poll, choice=request.POST.get("choice", "")[:16])
        except (DomainError, ValidationError, PermissionDenied) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "投票成功，感谢参与。您的选择不会被记录在任何人名下。")
        return redirect("oversight:vote", pk=pk)
    poll.refresh_from_db()
    seat = selectors.poll_seat_for(poll=poll, actor=user)
    return render(request, "oversight/vote.html", {"poll": poll, "seat": seat, "choices": m.Choice.choices})


# ---------------------------------------------------------------- deputies' changes


@login_required
@require_http_methods(["GET", "POST"])
def deputy_change_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    _require_view(user)
    body = _body(request)
    if not selectors.can_manage(user, body):
        raise PermissionDenied(services.FORBIDDEN)
    roll = Membership.objects.filter(body=body).select_related("member").order_by("member__name")
    if request.method == "POST":
        raw = request.POST.get("membership", "")
        ms = roll.filter(pk=int(raw)).first() if raw.isdigit() else None
        try:
            if ms is None:
                raise ValidationError({"membership": "请选择代表或组成人员。"})
            services.deputy_change_record(
                actor=user,
                membership=ms,
                kind=request.POST.get("kind", "")[:16],
                effective_on=_date(request.POST.get("effective_on", ""), "生效日期"),
                note=request.POST.get("note", "")[:300],
            )
        except (DomainError, ValidationError, PermissionDenied) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "已记录代表变动，任职名单已同步更新。")
            return redirect("oversight:list", key="deputy-changes")
    return render(
        request,
        "oversight/deputy_change.html",
        {"roll": roll, "kinds": m.DeputyChangeKind.choices, "body": body},
    )


# ---------------------------------------------------------------- 预算联网监督


@login_required
@require_http_methods(["GET", "POST"])
def budget(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    _require_view(user)
    body = _body(request)
    year = _year(request) or int(request.POST.get("year", "0") or 0) or timezone.localdate().year
    manage = selectors.can_manage(user, body)
    errors: list[str] = []
    if request.method == "POST":
        if not manage:
            raise PermissionDenied(services.FORBIDDEN)
        what = request.POST.get("what", "")
        try:
            if what == "lines":
                r = services.budget_import_lines(
                    actor=user, body=body, year=year, upload=request.FILES.get("file") or b""
                )
                messages.success(request, f"预算项目已导入：新增 {r.created} 项，更新 {r.updated} 项。")
            elif what == "execution":
                month = _int(request.POST.get("month", ""), "月份")
                r = services.budget_import_execution(
                    actor=user, body=body, year=year, month=month, upload=request.FILES.get("file") or b""
                )
                flags = services.budget_check(actor=user, body=body, year=year, month=month)
                messages.success(
                    request,
                    f"{month} 月执行数已导入：新增 {r.created} 项，更新 {r.updated} 项；新预警 {len(flags)} 条。",
                )
            elif what == "rule":
                rule = m.BudgetRule(
                    body=body,
                    name=request.POST.get("name", "")[:100],
                    kind=request.POST.get("kind", "")[:8],
                    tolerance=Decimal(request.POST.get("tolerance", "0") or "0"),
                    from_month=_int(request.POST.get("from_month", "1"), "起始月份"),
                )
                services.record_save(actor=user, instance=rule)
                messages.success(request, "已添加预警规则。")
        except (DomainError, ValidationError, PermissionDenied, InvalidOperation) as exc:
            messages.error(request, error_text(exc))
            errors = list(getattr(exc, "extra", {}).get("errors", []))
        if not errors:
            return redirect(f"{reverse('oversight:budget')}?year={year}")
    flag_list = m.BudgetFlag.objects.filter(line__body=body, line__year=year).select_related(
        "line", "line__department", "rule", "case"
    )
    return render(
        request,
        "oversight/budget.html",
        {
            "body": body,
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
            "chart": selectors.budget_by_department(body=body, year=year),
            "month": selectors.budget_latest_month(body=body, year=year),
            "rules": m.BudgetRule.objects.filter(body=body),
            "rule_kinds": m.BudgetRuleKind.choices,
            "flags": flag_list[:200],
            "can_manage": manage,
            "errors": errors,
            "line_headers": services.BUDGET_LINE_HEADERS,
            "execution_headers": services.BUDGET_EXECUTION_HEADERS,
            "months": range(1, 13),
        },
    )


# ---------------------------------------------------------------- public page of a draft


PUBLIC_LIMIT = 5  # opinions per IP per hour


@require_http_methods(["GET", "POST"])
def public_draft(request: HttpRequest, pk: int) -> HttpResponse:
    draft: Any = (
        m.Draft.objects.filter(pk=pk, is_open=True, body__kind="congress").select_related("body").first()
    )
    if draft is None:
        raise Http404("该草案不存在或未公开征求意见。")
    values = {k: request.POST.get(k, "")[:4000] for k in ("author", "article", "text", "contact_point")}
    error = ""
    if request.method == "POST":
        wait = ratelimit.hit(f"draft-opinion:{client_ip(request) or 'unknown'}", PUBLIC_LIMIT, 3600)
        if wait:
            error = f"提交过于频繁，请 {wait} 分钟后再试。"
        else:
            try:
                services.draft_opinion_public(
                    draft=draft,
                    author=values["author"],
                    text=values["text"],
                    article=values["article"],
                    contact_point_id=int(values["contact_point"])
                    if values["contact_point"].isdigit()
                    else None,
                )
            except (DomainError, ValidationError) as exc:
                error = error_text(exc)
            else:
                return render(request, "oversight/public_draft.html", {"draft": draft, "done": True})
    return render(
        request,
        "oversight/public_draft.html",
        {
            "draft": draft,
            "values": values,
            "error": error,
            "points": m.ContactPoint.objects.filter(body=draft.body),
            "count": draft.opinions.count(),
            "closed": draft.due_on < timezone.localdate(),
        },
    )
