"""Peer reports (upload → review → save), the comparison and our figures in detail.

Thin views: they parse input, load through the selectors, call the services, render.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from lvzhi.core.documents import DOCX_CONTENT_TYPE, docx_filename
from lvzhi.core.exceptions import DomainError, NotFound
from lvzhi.core.exports import xlsx_response
from lvzhi.core.permissions import can
from lvzhi.core.views import paginate, query_without_page
from lvzhi.orgs import selectors as org_selectors

from . import charts, chronicle, intake, selectors, services, yearreport
from . import figures as registry
from .forms import CompareForm, FigureForm, FigureFormSet, PeerReportForm, UploadForm, key_choices
from .models import PeerReport, YearReportDraft, format_value

DRAFTS_KEY = "reports-peer-drafts"
MAX_DRAFTS = 3
DRAFT_GONE = "待确认的报告已过期，请重新上传。"
SAVED = "已保存“%(name)s”的 %(year)s 年度报告，共 %(count)s 项数据。"
FIGURE_SAVED = "已更正“%(label)s”。"
FIGURE_ADDED = "已添加“%(label)s”。"
FIGURE_DELETED = "已删除“%(label)s”。"
REPORT_DELETED = "已删除“%(name)s”。"
FIX_ERRORS = "请修正下面标出的错误。"


def _get(func: Any, **kwargs: Any) -> Any:
    try:
        return func(**kwargs)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _int(raw: Any) -> int | None:
    raw = str(raw or "").strip()
    return int(raw) if raw.isdigit() else None


def _our_body(request: HttpRequest) -> Any:
    body_id = _int(request.GET.get("body") or request.POST.get("body"))
    body = _get(org_selectors.body_for_actor, actor=request.user, body_id=body_id)
    if body is None:
        raise Http404(selectors.NOT_FOUND)
    return body


def _require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not can(request.user, perm, obj):
        raise PermissionDenied


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


# ------------------------------------------------------------------ upload/review


def _drafts(request: HttpRequest) -> dict[str, Any]:
    return dict(request.session.get(DRAFTS_KEY, {}))


def _store_draft(request: HttpRequest, extraction: intake.Extraction) -> str:
    drafts = _drafts(request)
    while len(drafts) >= MAX_DRAFTS:
        drafts.pop(next(iter(drafts)))
    token = secrets.token_urlsafe(8)
    drafts[token] = {
        "doc": extraction.doc,
        "text": extraction.text,
        "kind": extraction.kind,
        "region": extraction.region,
        "year": extraction.year,
        "figures": extraction.figures,
        "peer_name": extraction.peer_name,
        "level": extraction.level,
    }
    request.session[DRAFTS_KEY] = drafts
    return token


@login_required
@require_http_methods(["GET", "POST"])
def peer_upload(request: HttpRequest) -> HttpResponse:
    body = _our_body(request)
    _require(request, "reports.add_peerreport", body)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload is not None:
                extraction = intake.read_upload(name=upload.name or "", data=upload.read())
            else:
                extraction = intake.read_text(form.cleaned_data["text"], doc="粘贴文本")
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            token = _store_draft(request, extraction)
            url = reverse("reports:peer-review", args=[token])
            user: Any = request.user
            return redirect(url if user.body_id else f"{url}?body={body.pk}")
    return render(request, "reports/peer_upload.html", {"form": form, "body": body})


def _figure_initial(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "key": f["key"],
            "value": f["value"],
            "unit": f.get("unit", ""),
            "approx": f.get("approx", False),
            "quote": f.get("quote", ""),
            "origin": i,
        }
        for i, f in enumerate(items)
    ]


def _reviewed_figures(formset: Any, extracted: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows staff kept; a row differing from what the extractor read counts as manual."""
    out = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        origin = data.get("origin")
        source = extracted[origin] if origin is not None and 0 <= origin < len(extracted) else None
        same = source is not None and (
            source["key"] == data["key"]
            and float(source["value"]) == float(data["value"])
            and bool(source.get("approx")) == bool(data.get("approx"))
        )
        unit = data.get("unit") or ""
        if source is not None and source["key"] != data["key"] and unit == source.get("unit"):
            unit = ""  # a new key brings its own unit (filled in by the service)
        out.append(
            {
                "key": data["key"],
                "value": data["value"],
                "unit": unit,
                "approx": bool(data.get("approx")),
                "quote": data.get("quote") or "",
                "is_manual": not same,
            }
        )
    return out


@login_required
@require_http_methods(["GET", "POST"])
def peer_review(request: HttpRequest, token: str) -> HttpResponse:
    body = _our_body(request)
    _require(request, "reports.add_peerreport", body)
    draft = _drafts(request).get(token)
    if draft is None:
        messages.error(request, DRAFT_GONE)
        return redirect("reports:peer-upload")
    initial = {
        "peer_name": draft["peer_name"],
        "kind": draft["kind"] or "",
        "level": draft["level"],
        "region": draft["region"] or "",
        "year": draft["year"],
    }
    data = request.POST if request.method == "POST" else None
    form = PeerReportForm(data, initial=initial)
    formset = FigureFormSet(data, initial=_figure_initial(draft["figures"]), prefix="fig")
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            rows = _reviewed_figures(formset, draft["figures"])
            try:
                report = services.peer_report_create(
                    actor=request.user,
                    body=body,
                    text=draft["text"],
                    source_name=draft["doc"],
                    figures=rows,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                for field, errs in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                drafts = _drafts(request)
                drafts.pop(token, None)
                request.session[DRAFTS_KEY] = drafts
                messages.success(
                    request,
                    SAVED % {"name": report.peer_name, "year": report.year, "count": len(rows)},
                )
                return redirect("reports:peer-detail", pk=report.pk)
        else:
            messages.error(request, FIX_ERRORS)
    quotes = [f.get("quote", "") for f in draft["figures"]]
    return render(
        request,
        "reports/peer_review.html",
        {
            "body": body,
            "form": form,
            "formset": formset,
            "draft": draft,
            "segments": intake.highlight_segments(draft["text"], quotes),
            "figure_count": len(draft["figures"]),
            "token": token,
        },
    )


# ------------------------------------------------------------------- saved reports


@login_required
def peer_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    _require(request, "reports.view_peerreport")
    q = (request.GET.get("q") or "").strip()[:50]
    year = _int(request.GET.get("year"))
    kind = request.GET.get("kind") or ""
    kind = kind if kind in {"cppcc", "congress"} else ""
    qs = selectors.peer_report_list_for_actor(actor=user, q=q, year=year, kind=kind)
    context = {
        "page": paginate(request, qs),
        "q": q,
        "year": year,
        "kind": kind,
        "years": selectors.peer_report_years(actor=user),
        "query": query_without_page(request),
        "can_add": can(user, "reports.add_peerreport"),
    }
    template = "reports/_peer_rows.html" if getattr(request, "htmx", False) else "reports/peer_list.html"
    return render(request, template, context)


def _figure_rows(report: PeerReport) -> list[dict[str, Any]]:
    figs = list(report.figures.all())
    spans = intake.quote_spans(report.text, [f.quote for f in figs])
    return [
        {"figure": f, "index": i, "found": spans[i] is not None, "form": _figure_form(f)}
        for i, f in enumerate(figs)
    ]


def _figure_form(f: Any) -> FigureForm:
    form = FigureForm(
        initial={"key": f.key, "value": format_value(f.value), "unit": f.unit, "approx": f.approx},
        prefix=f"f{f.pk}",
    )
    # The inputs sit in table cells; the row's small form lives in the last cell.
    for field in form.fields.values():
        field.widget.attrs["form"] = f"fig-form-{f.pk}"
    return form


@login_required
def peer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _get(selectors.peer_report_get_for_actor, actor=request.user, pk=pk)
    rows = _figure_rows(report)
    meta_form = PeerReportForm(
        initial={
            "peer_name": report.peer_name,
            "kind": report.kind,
            "level": report.level,
            "region": report.region,
            "year": report.year,
            "member_count": report.member_count,
            "peer_body": report.peer_body_id,
        }
    )
    return render(
        request,
        "reports/peer_detail.html",
        {
            "report": report,
            "rows": rows,
            "segments": intake.highlight_segments(report.text, [r["figure"].quote for r in rows]),
            "meta_form": meta_form,
            "add_form": FigureForm(prefix="new"),
            "key_choices": key_choices(),
            "can_edit": can(request.user, "reports.change_peerreport", report),
        },
    )


def _editable(request: HttpRequest, pk: int) -> PeerReport:
    report = _get(selectors.peer_report_get_for_actor, actor=request.user, pk=pk)
    _require(request, "reports.change_peerreport", report)
    return report  # type: ignore[no-any-return]  # the selector returns a PeerReport


def _flash_errors(request: HttpRequest, errors: Mapping[str, Any] | list[str]) -> None:
    if isinstance(errors, list):
        for e in errors:
            messages.error(request, e)
        return
    for field, errs in errors.items():
        for e in errs:
            messages.error(request, e if field == "__all__" else f"{field}：{e}")


def _form_errors(form: Any) -> list[str]:
    out = []
    for name, errs in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        out.append(f"{label}：{'；'.join(errs)}" if label else "；".join(errs))
    return out


@login_required
@require_POST
def peer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _editable(request, pk)
    form = PeerReportForm(request.POST)
    if not form.is_valid():
        _flash_errors(request, _form_errors(form))
        return redirect("reports:peer-detail", pk=pk)
    try:
        services.peer_report_update(actor=request.user, report=report, data=form.cleaned_data)
    except ValidationError as exc:
        _flash_errors(request, _errors(exc))
    else:
        messages.success(request, f"已保存“{report.peer_name}”的基本信息。")
    return redirect("reports:peer-detail", pk=pk)


@login_required
@require_POST
def peer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    report = _editable(request, pk)
    name = report.peer_name
    services.peer_report_delete(actor=request.user, report=report)
    messages.success(request, REPORT_DELETED % {"name": name})
    return redirect("reports:peer-list")


@login_required
@require_POST
def figure_add(request: HttpRequest, pk: int) -> HttpResponse:
    report = _editable(request, pk)
    form = FigureForm(request.POST, prefix="new")
    if not form.is_valid():
        _flash_errors(request, _form_errors(form))
        return redirect("reports:peer-detail", pk=pk)
    data = form.cleaned_data
    try:
        figure = services.peer_figure_add(
            actor=request.user,
            report=report,
            key=data["key"],
            value=data["value"],
            unit=data.get("unit") or "",
            approx=bool(data.get("approx")),
            quote=data.get("quote") or "",
        )
    except ValidationError as exc:
        _flash_errors(request, _errors(exc))
    else:
        messages.success(request, FIGURE_ADDED % {"label": figure.label})
    return redirect("reports:peer-detail", pk=pk)


@login_required
@require_POST
def figure_update(request: HttpRequest, pk: int, figure_id: int) -> HttpResponse:
    report = _editable(request, pk)
    figure = _get(selectors.peer_figure_get_for_actor, actor=request.user, pk=figure_id, report=report)
    form = FigureForm(request.POST, prefix=f"f{figure.pk}")
    if not form.is_valid():
        _flash_errors(request, _form_errors(form))
        return redirect("reports:peer-detail", pk=pk)
    data = {k: form.cleaned_data[k] for k in ("key", "value", "unit", "approx")}
    if data["unit"] == figure.unit or not data["unit"]:
        data.pop("unit")
    try:
        services.peer_figure_update(actor=request.user, figure=figure, data=data)
    except ValidationError as exc:
        _flash_errors(request, _errors(exc))
    else:
        messages.success(request, FIGURE_SAVED % {"label": figure.label})
    return redirect(reverse("reports:peer-detail", args=[pk]) + f"#fig-{figure.pk}")


@login_required
@require_POST
def figure_delete(request: HttpRequest, pk: int, figure_id: int) -> HttpResponse:
    report = _editable(request, pk)
    figure = _get(selectors.peer_figure_get_for_actor, actor=request.user, pk=figure_id, report=report)
    label = figure.label
    services.peer_figure_delete(actor=request.user, figure=figure)
    messages.success(request, FIGURE_DELETED % {"label": label})
    return redirect("reports:peer-detail", pk=pk)


# ----------------------------------------------------------------------- compare


def _default_year(years: list[int]) -> int:
    return years[0] if years else timezone.localdate().year - 1


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    body = _our_body(request)
    _require(request, "reports.view_peerreport", body)
    years = selectors.peer_report_years(actor=user)
    all_reports = list(
        selectors.peer_report_list_for_actor(actor=user, body_id=body.pk).order_by("-year", "peer_name")
    )
    bodies = list(selectors.comparable_bodies_for_actor(actor=user, body=body))
    form = CompareForm(request.GET, reports=all_reports, bodies=bodies)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    year = data.get("year") or _default_year(sorted({r.year for r in all_reports}, reverse=True) or years)
    report_ids = data.get("report") or []
    body_ids = data.get("peer_body") or []
    if not report_ids and not body_ids and "year" not in request.GET:
        # First visit: the saved reports of the latest year, so the page shows something.
        report_ids = [r.pk for r in all_reports if r.year == year]
    comparison = _get(
        selectors.comparison_for_actor,
        actor=user,
        body=body,
        year=year,
        report_ids=report_ids,
        body_ids=body_ids,
    )
    if request.GET.get("export") == "xlsx":
        return _compare_xlsx(comparison)
    return render(
        request,
        "reports/compare.html",
        {
            "body": body,
            "year": year,
            "years": sorted({*years, year, timezone.localdate().year}, reverse=True),
            "reports": all_reports,
            "bodies": bodies,
            "report_ids": set(report_ids),
            "body_ids": set(body_ids),
            "comparison": comparison,
            "chart": selectors.comparison_chart_data(comparison),
            "query": query_without_page(request),
            "per_members": selectors.PER_MEMBERS,
            "form_errors": form.errors,
        },
    )


def _compare_xlsx(comparison: selectors.Comparison) -> HttpResponse:
    headers = ["数据项", "单位"]
    for c in comparison.columns:
        headers.append(c.name)
    for c in comparison.columns:
        headers.append(f"{c.name}（每{selectors.PER_MEMBERS}人）")
    rows = []
    for r in comparison.rows:
        # an approximate figure stays approximate ("273余"), not a number that looks exact
        shown = [r.display(i) if r.approx[i] else v for i, v in enumerate(r.values)]
        rows.append([r.label, r.unit, *shown, *r.per_members])
    rows.append(["委员/代表人数", "人", *(c.member_count for c in comparison.columns)])
    return xlsx_response(
        filename=f"同行比较{comparison.year}.xlsx",
        title=f"同行比较{comparison.year}",
        headers=headers,
        rows=rows,
    )


# ------------------------------------------------------------------ our figures


@login_required
def figure_list(request: HttpRequest) -> HttpResponse:
    body = _our_body(request)
    _require(request, "reports.view_figures", body)
    year = _int(request.GET.get("year")) or timezone.localdate().year
    if not 1949 <= year <= 2100:
        year = timezone.localdate().year
    return render(
        request,
        "reports/figure_list.html",
        {
            "body": body,
            "year": year,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
            "rows": selectors.figure_table(body=body, year=year),
            "charts": charts.rendered(
                place="figures", query=charts.Query(actor=request.user, body=body, year=year)
            ),
        },
    )


@login_required
def figure_records(request: HttpRequest, key: str) -> HttpResponse:
    body = _our_body(request)
    _require(request, "reports.view_figures", body)
    year = _int(request.GET.get("year")) or timezone.localdate().year
    try:
        spec = registry.spec(key)
    except KeyError as exc:
        raise Http404(registry.UNKNOWN_KEY % {"key": key}) from exc
    records = selectors.figure_records_for_actor(actor=request.user, body=body, key=key, year=year)
    value = registry.figures_for(body=body, year=year).get(key)
    context = {
        "body": body,
        "year": year,
        "spec": spec,
        "value": format_value(value) if value is not None else "—",
        "records": [_record_row(r) for r in records] if records is not None else None,
    }
    template = (
        "reports/_figure_records.html" if getattr(request, "htmx", False) else "reports/figure_records.html"
    )
    return render(request, template, context)


def _record_row(obj: Any) -> dict[str, Any]:
    url = ""
    if hasattr(obj, "get_absolute_url"):
        try:
            url = obj.get_absolute_url()
        except Exception:  # a record without a page is still listed
            url = ""
    state = obj.get_state_display() if hasattr(obj, "get_state_display") else ""
    return {
        "text": str(obj),
        "url": url,
        "state": state,
        "at": getattr(obj, "created_at", None),
    }


# ------------------------------------------------------------------ year report


@login_required
@require_http_methods(["GET", "POST"])
def year_report(request: HttpRequest) -> HttpResponse:
    """The year-review as the draft will write it (each figure linked to its records), the 大事记,
    the drafts generated so far and which of their figures changed since; POST writes a new draft."""
    body = _our_body(request)
    _require(request, "reports.view_figures", body)
    year = _int(request.GET.get("year") or request.POST.get("year")) or timezone.localdate().year - 1
    if not 1949 <= year <= 2100:
        year = timezone.localdate().year - 1
    if request.method == "POST":
        try:
            draft, data = services.year_report_draft_create(
                actor=request.user, body=body, year=year, site=request.build_absolute_uri("/").rstrip("/")
            )
        except PermissionDenied:
            raise
        response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
        name = docx_filename(yearreport.report_title(body), f"{year}年度", f"草稿{draft.pk}")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return response
    values = registry.figures_for(body=body, year=year)
    drafts = list(YearReportDraft.objects.filter(body=body, year=year).select_related("created_by")[:5])
    return render(
        request,
        "reports/year_report.html",
        {
            "body": body,
            "year": year,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
            "review": yearreport.year_review(body=body, year=year, values=values),
            "entries": chronicle.entries(body=body, year=year),
            "drafts": [
                {"draft": d, "changes": yearreport.staleness(snapshot=d.figures, current=values)}
                for d in drafts
            ],
            "can_generate": can(request.user, "reports.add_peerreport", body),
            "title": yearreport.report_title(body),
        },
    )
