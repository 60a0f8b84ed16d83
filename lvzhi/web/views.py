from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lvzhi.core import audit
from lvzhi.core.exports import xlsx_response
from lvzhi.core.models import AuditEntry
from lvzhi.core.permissions import can, visible_body_ids
from lvzhi.core.views import paginate, query_without_page
from lvzhi.orgs import selectors as org_selectors
from lvzhi.reports import figures

from . import workbench

DASHBOARD_FIGURES_SECONDS = 120


def _cached_figures(body: Any, year: int) -> dict[str, float | int]:
    # Year figures move slowly; the dashboard may show them two minutes late, while the
    # figures page and command always compute them afresh.
    values: dict[str, float | int] = (
        cache.get_or_set(
            f"dashboard-figures:{body.pk}:{year}",
            lambda: figures.figures_for(body=body, year=year),
            DASHBOARD_FIGURES_SECONDS,
        )
        or {}
    )
    return values


ADMIN_OVERVIEW_KEYS = [
    "proposal.submitted",
    "proposal.registered",
    "proposal.answer_rate",
    "deputy.suggestions",
    "opinion.submitted",
    "opinion.adopted",
    "petition.cases",
]


HEADLINE_FIGURES = 8


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """工作台: the user's own work first (panels registered per role), then the body's figures
    for those who steer it (leaders, staff, the administrator)."""
    user: Any = request.user
    body = user.body
    today = timezone.localdate()
    role = workbench.role_of(user)
    context: dict[str, Any] = {
        "body": body,
        "year": today.year,
        "panels": workbench.panels(user, today),
        "role": role,
    }
    if role in {"leader", "staff", "admin"}:
        context.update(_headline_figures(user, body, today.year))
    if role in {"leader", "staff"}:
        context["counts"] = org_selectors.directory_counts(actor=user, body_id=user.body_id)
    return render(request, "web/dashboard.html", context)


def _headline_figures(user: Any, body: Any, year: int) -> dict[str, Any]:
    values = _cached_figures(body, year) if body else {}
    figure_rows = [
        {"key": k, "label": figures.spec(k).label, "unit": figures.spec(k).unit, "value": v}
        for k, v in list(values.items())[:HEADLINE_FIGURES]
    ]
    if body:
        # A higher body sees its children's aggregate figures only, never their records.
        children = list(org_selectors.body_children_for_actor(actor=user, body=body))
        child_keys = list(values)[:HEADLINE_FIGURES]
    else:
        # The administrator belongs to no body: the top-level bodies side by side instead.
        children = list(org_selectors.body_list_for_actor(actor=user).filter(parent__isnull=True))
        child_keys = ADMIN_OVERVIEW_KEYS
    child_figures = []
    for c in children:
        child_values = _cached_figures(c, year)
        child_figures.append({"body": c, "values": [child_values.get(k, "—") for k in child_keys]})
    return {
        "figure_rows": figure_rows,
        "child_figures": child_figures,
        "child_labels": [figures.spec(k).label for k in child_keys],
    }


def _parse_date(raw: str) -> datetime | None:
    try:
        day = datetime.strptime(raw, "%Y-%m-%d").date()  # noqa: DTZ007  # made aware just below
    except ValueError:
        return None
    return timezone.make_aware(datetime.combine(day, time.min))


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can(user, "core.view_auditentry"):
        raise PermissionDenied
    ids = visible_body_ids(user)
    qs = AuditEntry.objects.select_related("actor")
    if ids is not None:
        qs = qs.filter(body_id__in=ids)
    g = request.GET
    if g.get("action"):
        qs = qs.filter(action__in=g["action"].split(",")[:50])
    if g.get("model"):
        qs = qs.filter(model=g["model"])
    if g.get("actor"):
        qs = qs.filter(actor_name__icontains=g["actor"][:50])
    if g.get("q"):
        qs = qs.filter(object_repr__icontains=g["q"][:50])
    start, end = _parse_date(g.get("start", "")), _parse_date(g.get("end", ""))
    if start:
        qs = qs.filter(at__gte=start)
    if end:
        qs = qs.filter(at__lt=end + timedelta(days=1))
    if g.get("export") == "xlsx":
        rows = (
            [
                timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
                e.actor_name,
                audit.action_label(e.action),
                e.model,
                e.object_id,
                e.object_repr,
                _changes_text(e.changes),
                e.note,
                e.ip or "",
            ]
            for e in qs.iterator(chunk_size=1000)
        )
        return xlsx_response(
            filename="审计日志.xlsx",
            title="审计日志",
            headers=["时间", "操作人", "操作", "对象类型", "编号", "对象", "变更", "说明", "IP"],
            rows=rows,
        )
    # One option per label: several steps share a name (each kind's 立案), one filter finds them all.
    by_label: dict[str, list[str]] = {}
    for key, label in sorted(audit.ACTION_LABELS.items()):
        by_label.setdefault(str(label), []).append(key)
    actions = sorted((",".join(keys), label) for label, keys in by_label.items())
    models = sorted(
        {(m._meta.label_lower, str(m._meta.verbose_name)) for m in audit.registered_models()},
        key=lambda x: x[1],
    )
    return render(
        request,
        "web/audit_list.html",
        {
            "page": paginate(request, qs, per_page=30),
            "query": query_without_page(request),
            "actions": actions,
            "models": models,
            "model_labels": dict(models),
            "g": g,
            "action_label": audit.action_label,
        },
    )


def _changes_text(changes: dict[str, Any]) -> str:
    return "；".join(
        f"{k}: {v[0]!s} → {v[1]!s}" for k, v in changes.items() if isinstance(v, list) and len(v) == 2
    )


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request, "web/error.html", {"code": 404, "message": "页面不存在，或您无权查看。"}, status=404
    )


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else "您无权访问该页面。"
    return render(request, "web/error.html", {"code": 403, "message": message}, status=403)


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"code": 400, "message": "请求无效。"}, status=400)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/error.html", {"code": 500, "message": "系统暂时出现问题，请稍后再试。"}, status=500
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {"code": 403, "message": "页面已过期或来源无效，请刷新后重试。"},
        status=403,
    )
