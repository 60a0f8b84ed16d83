"""Pages and htmx partials: search, similar-case hint, routing hint, 并案 suggestions,
routing rules and hot topics. Thin: parse, call a selector or service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lvzhi.casework.workflow import workflows
from lvzhi.core import ratelimit
from lvzhi.core.exceptions import DomainError
from lvzhi.core.middleware import client_ip
from lvzhi.orgs.models import HandlingUnit, Sector
from lvzhi.orgs.selectors import body_for_actor, body_list_for_actor

from . import selectors, services
from .models import MergeDecision, RoutingChoice, RoutingRule, SearchSource


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    if isinstance(exc, DomainError):
        return exc.message
    return str(exc) or services.STAFF_ONLY


def _int(raw: Any) -> int | None:
    raw = str(raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


@login_required
def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    f = selectors.SearchFilters.from_params(request.GET)
    result, error = None, ""
    if q:
        try:
            result = selectors.search_for_actor(
                actor=request.user, q=q, filters=f, page=_int(request.GET.get("page")) or 1
            )
        except ValidationError as exc:
            error = _message(exc)
    body_id = getattr(request.user, "body_id", None) or 0
    return render(
        request,
        "textsim/search.html",
        {
            "q": q,
            "f": f,
            "result": result,
            "error": error,
            "kinds": [(wf.kind, wf.label) for wf in workflows()],
            "sources": SearchSource.choices,
            "units": HandlingUnit.objects.filter(body_id=body_id, is_active=True).only("pk", "name"),
            "sectors": Sector.objects.filter(body_id=body_id).only("pk", "name"),
        },
    )


PUBLIC_SIMILAR_LIMIT = (60, 60)  # per IP: 60 look-ups a minute
SIMILAR_RATE_LIMITED = "查询过于频繁，请 %(minutes)s 分钟后再试。"


def similar_hint(request: HttpRequest) -> HttpResponse:
    """htmx: the draft form asks as the member types (debounced); the public portal too."""
    text = "\n".join(
        request.GET.get(name, "").strip() for name in ("title", "background", "content", "text")
    ).strip()
    ctx: dict[str, Any] = {"items": [], "error": ""}
    if not request.user.is_authenticated:
        # Anonymous typing on the public page: ample for a person, not for a scraper.
        wait = ratelimit.hit(f"similar:{client_ip(request)}", *PUBLIC_SIMILAR_LIMIT)
        if wait is not None:
            ctx["error"] = SIMILAR_RATE_LIMITED % {"minutes": wait}
            return render(request, "textsim/_similar_list.html", ctx, status=200 if request.htmx else 429)  # type: ignore[attr-defined]  # django-htmx
    if len(text) >= 4:
        try:
            ctx["items"] = selectors.similar_for_text(
                actor=request.user,
                text=text[: selectors.MAX_TEXT_CHARS],
                kind=request.GET.get("kind", "")[:32],
                body_id=_int(request.GET.get("body")),
            )
        except (ValidationError, DomainError) as exc:
            ctx["error"] = _message(exc)
    ctx["public"] = not request.user.is_authenticated
    return render(request, "textsim/_similar_list.html", ctx)


@login_required
def routing_hint(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        items = selectors.routing_for_case(actor=request.user, case_id=pk)
    except (PermissionDenied, DomainError):
        items = []
    return render(
        request, "textsim/_routing_list.html", {"items": items, "target": request.GET.get("target", "")}
    )


@login_required
def reply_check_hint(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        items = selectors.reply_checks_for_case(actor=request.user, case_id=pk)
    except (PermissionDenied, DomainError):
        items = []
    return render(request, "textsim/_reply_check_list.html", {"items": items})


@login_required
def merge_suggestions(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    year = _int(request.GET.get("year"))
    kind = request.GET.get("kind", "")[:32]
    try:
        groups = selectors.merge_suggestions(actor=request.user, body=body, year=year, kind=kind)
    except PermissionDenied as exc:
        raise PermissionDenied(_message(exc)) from None
    decisions = MergeDecision.objects.filter(body=body).select_related("actor", "survivor")[:20]
    return render(
        request,
        "textsim/merge_suggestions.html",
        {
            "groups": groups,
            "decisions": decisions,
            "year": year,
            "kind": kind,
            "body": body,
            "bodies": _bodies(request),
        },
    )


def _body(request: HttpRequest) -> Any:
    """The body the page works on: the user's own, or for an administrator the one chosen."""
    try:
        body = body_for_actor(
            actor=request.user, body_id=_int(request.GET.get("body") or request.POST.get("body"))
        )
    except DomainError:
        body = None
    if body is None:
        raise Http404(selectors.BODY_NOT_VISIBLE)
    return body


def _bodies(request: HttpRequest) -> Any:
    """The bodies to choose from, for a user who belongs to none (the administrator)."""
    user: Any = request.user
    return None if user.body_id else body_list_for_actor(actor=user)


def _back_to(name: str, body: Any) -> HttpResponse:
    return redirect(f"{reverse(name)}?body={body.pk}")


def _ids(request: HttpRequest) -> list[int]:
    return [i for i in (_int(x) for x in request.POST.getlist("case_ids")) if i]


@login_required
@require_POST
def merge_accept(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    try:
        services.merge_accept(
            actor=request.user,
            body=body,
            case_ids=_ids(request),
            survivor_id=_int(request.POST.get("survivor_id")) or 0,
        )
        messages.success(request, "已并案。")
    except (ValidationError, DomainError, PermissionDenied) as exc:
        messages.error(request, _message(exc))
    return _back_to("textsim:merge-suggestions", body)


@login_required
@require_POST
def merge_dismiss(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    try:
        services.merge_dismiss(
            actor=request.user, body=body, case_ids=_ids(request), reason=request.POST.get("reason", "")
        )
        messages.success(request, "已忽略该组建议。")
    except (ValidationError, DomainError, PermissionDenied) as exc:
        messages.error(request, _message(exc))
    return _back_to("textsim:merge-suggestions", body)


@login_required
def routing_rules(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    services.staff_required(actor=request.user, body_id=body.pk)
    if request.method == "POST":
        try:
            if request.POST.get("delete"):
                rule = RoutingRule.objects.filter(body=body, pk=_int(request.POST.get("delete")) or 0).first()
                if rule is not None:
                    services.routing_rule_delete(actor=request.user, rule=rule)
                messages.success(request, "已删除规则。")
            else:
                services.routing_rule_save(
                    actor=request.user,
                    body=body,
                    unit_id=_int(request.POST.get("unit")) or 0,
                    keywords=request.POST.get("keywords", ""),
                )
                messages.success(request, "规则已保存，下次建议即生效。")
            return _back_to("textsim:routing-rules", body)
        except (ValidationError, DomainError) as exc:
            messages.error(request, _message(exc))
    choices = RoutingChoice.objects.filter(body=body)
    total = choices.count()
    top3 = choices.filter(rank__isnull=False).count()
    return render(
        request,
        "textsim/routing_rules.html",
        {
            "rules": RoutingRule.objects.filter(body=body).select_related("unit", "updated_by"),
            "units": HandlingUnit.objects.filter(body=body, is_active=True).only("pk", "name"),
            "recent": choices.select_related("case", "unit", "actor")[:15],
            "total": total,
            "top3": top3,
            "body": body,
            "bodies": _bodies(request),
        },
    )


@login_required
def topics(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    data = selectors.hot_topics(actor=request.user, body_id=body.pk)
    return render(request, "textsim/topics.html", {"data": data, "body": body, "bodies": _bodies(request)})
