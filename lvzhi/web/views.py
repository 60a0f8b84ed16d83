from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lvzhi.core import audit
from lvzhi.core import selectors as core_selectors
from lvzhi.core.exports import xlsx_response
from lvzhi.core.views import paginate, query_without_page
from lvzhi.orgs import selectors as org_selectors
from lvzhi.reports import charts, figures

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
    # The role's charts (each app registers its own); they read through the shared scoping rule.
    context["charts"] = charts.rendered(
        place="workbench", query=charts.Query(actor=user, body=body, year=today.year), role=role
    )
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


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    qs = core_selectors.audit_list_for_actor(
        actor=user, filters=core_selectors.AuditFilters.from_params(request.GET)
    )
    g = request.GET
    if g.get("export") == "xlsx":
        rows = (
            [
                timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
                e.actor_name,
                audit.action_label(e.action),
                e.model,
                e.object_id,
                e.object_repr,
                _changes_text(audit.changes_for_actor(e, user)),
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
    page = paginate(request, qs, per_page=30)
    for e in page:
        e.shown_changes = audit.changes_for_actor(e, user)  # type: ignore[attr-defined]  # for the template
    return render(
        request,
        "web/audit_list.html",
        {
            "page": page,
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
