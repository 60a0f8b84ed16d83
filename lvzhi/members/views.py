"""Pages of the performance file and scoring; thin: parse, call selectors/services, render."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lvzhi.core.documents import DOCX_CONTENT_TYPE, docx_filename
from lvzhi.core.exceptions import NotFound
from lvzhi.orgs import selectors as org_selectors

from . import documents, scoring, selectors, services, sources

NO_MEMBER = "您的账号未关联委员/代表，没有履职档案。"
SAVED_RULES = "已保存第%(version)s版考评规则，并重新计算了%(count)s名委员的积分。"


def _int(raw: Any) -> int | None:
    raw = str(raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


def _year(request: HttpRequest) -> int:
    year = _int(request.GET.get("year") or request.POST.get("year"))
    today = timezone.localdate().year
    return year if year and 2000 <= year <= today + 1 else today


def _body(request: HttpRequest) -> Any:
    try:
        body = org_selectors.body_for_actor(
            actor=request.user, body_id=_int(request.GET.get("body") or request.POST.get("body"))
        )
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    if body is None:
        raise Http404("请选择机构。")
    return body


def _require_staff(request: HttpRequest, body: Any) -> None:
    if not selectors.is_scoring_staff(request.user, body):
        raise PermissionDenied


def _file(request: HttpRequest, member_id: int, year: int) -> selectors.MemberFile:
    try:
        return selectors.member_file_for_actor(
            actor=request.user, body=_body(request), member_id=member_id, year=year
        )
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _years() -> list[int]:
    today = timezone.localdate().year
    return [today, today - 1, today - 2]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """A member goes to their own file; staff and leaders to the ranking."""
    user: Any = request.user
    if user.role == "member":
        if not user.member_id:
            messages.error(request, NO_MEMBER)
            return redirect("web:dashboard")
        return redirect("members:file", member_id=user.member_id)
    return redirect("members:ranking")


@login_required
def member_file(request: HttpRequest, member_id: int) -> HttpResponse:
    year = _year(request)
    file = _file(request, member_id, year)
    return render(
        request,
        "members/file.html",
        {
            "file": file,
            "year": year,
            "years": _years(),
            "rules": selectors.ruleset_rules(ruleset=file.ruleset),
            "own": getattr(request.user, "member_id", None) == member_id,
            "staff": selectors.is_scoring_staff(request.user, file.body),
            "manual_items": [
                (i.key, i.label) for s in sources.all_sources() if s.key == "manual" for i in s.items
            ],
        },
    )


@login_required
def point_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    """One point's explanation: the record that earned it, the rule applied, and the appeal form."""
    year = _year(request)
    file = _file(request, member_id, year)
    line = selectors.line_for_ref(
        file=file, ref=request.GET.get("ref", "")[:60], item=request.GET.get("item", "")[:40]
    )
    if line is None:
        raise Http404("该记录不在本年度的履职档案中。")
    return render(
        request,
        "members/point.html",
        {
            "file": file,
            "line": line,
            "year": year,
            "item_label": sources.item_label(line.item.item),
            "level_label": sources.level_label(line.item.item, line.item.level),
            "own": getattr(request.user, "member_id", None) == member_id,
        },
    )


@login_required
def file_docx(request: HttpRequest, member_id: int) -> HttpResponse:
    year = _year(request)
    file = _file(request, member_id, year)
    data = documents.member_file_docx(file=file)
    response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
    name = docx_filename(f"{file.member['member__name']}", f"{year}年度履职档案")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


@login_required
def duty_report_docx(request: HttpRequest, member_id: int) -> HttpResponse:
    year = _year(request)
    file = _file(request, member_id, year)
    data = documents.duty_report_docx(file=file)
    response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
    name = docx_filename(f"{file.member['member__name']}", f"{year}年度履职报告")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
@require_POST
def appeal_submit(request: HttpRequest, member_id: int) -> HttpResponse:
    year = _year(request)
    body = _body(request)
    try:
        member = org_selectors.member_get_for_actor(actor=request.user, pk=member_id)
        services.appeal_submit(
            actor=request.user,
            member=member,
            body=body,
            year=year,
            reason=request.POST.get("reason", ""),
            ref=request.POST.get("ref", ""),
            ref_label=request.POST.get("ref_label", ""),
            points_claimed=request.POST.get("points") or 0,
        )
    except (NotFound, PermissionDenied) as exc:
        raise Http404(str(exc)) from exc
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "申诉已提交，请等待工作人员处理。")
    return redirect(reverse("members:file", args=[member_id]) + f"?year={year}")


@login_required
@require_POST
def record_submit(request: HttpRequest, member_id: int) -> HttpResponse:
    year = _year(request)
    body = _body(request)
    try:
        on = datetime.date.fromisoformat(request.POST.get("on", ""))
    except ValueError:
        messages.error(request, "请填写正确的日期。")
        return redirect(reverse("members:file", args=[member_id]) + f"?year={year}")
    title = request.POST.get("title", "").strip()
    if not title:
        messages.error(request, "请填写履职内容。")
        return redirect(reverse("members:file", args=[member_id]) + f"?year={year}")
    try:
        member = org_selectors.member_get_for_actor(actor=request.user, pk=member_id)
        services.manual_record_create(
            actor=request.user,
            body=body,
            member=member,
            item=request.POST.get("item", ""),
            title=title,
            on=on,
            evidence=request.FILES.get("evidence"),
            evidence_note=request.POST.get("evidence_note", ""),
        )
    except (NotFound, PermissionDenied) as exc:
        raise Http404(str(exc)) from exc
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "履职记录已登记。")
    return redirect(reverse("members:file", args=[member_id]) + f"?year={on.year}")


@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    _require_staff(request, body)
    year = _year(request)
    by = request.GET.get("by", "body")
    by = by if by in {"body", "sector", "delegation"} else "body"
    ruleset = scoring.ruleset_current(body=body, year=year)
    return render(
        request,
        "members/ranking.html",
        {
            "body": body,
            "year": year,
            "years": _years(),
            "by": by,
            "ruleset": ruleset,
            "rows": selectors.ranking(body=body, year=year, by=by),
            "pending_appeals": selectors.appeal_list_for_actor(actor=request.user, body=body, year=year)
            .filter(status="pending")
            .count(),
            "pending_records": selectors.pending_records(body=body).count(),
        },
    )


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    _require_staff(request, body)
    year = _year(request)
    ruleset = scoring.ruleset_current(body=body, year=year)
    if request.method == "POST":
        rows = []
        for key in request.POST.getlist("rule"):
            item_key, _sep, level = key.partition("|")
            if request.POST.get(f"points-{key}", "").strip() == "":
                continue
            rows.append(
                {
                    "item": item_key,
                    "level": level,
                    "points": request.POST.get(f"points-{key}"),
                    "cap": request.POST.get(f"cap-{key}"),
                }
            )
        try:
            new = services.ruleset_revise(
                actor=request.user,
                body=body,
                year=year,
                rules=rows,
                warning_below=request.POST.get("warning_below"),
                board_enabled=request.POST.get("board_enabled") == "on",
                note=request.POST.get("note", ""),
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        except PermissionDenied:
            raise
        else:
            count = new.scores.count()
            messages.success(request, SAVED_RULES % {"version": new.version, "count": count})
            return redirect(reverse("members:rules") + f"?year={year}")
    current = {(r["item"], r["level"]): r for r in selectors.ruleset_rules(ruleset=ruleset)}
    table = []
    for source in sources.all_sources():
        for item in source.items:
            if item.key == "appeal.adjust":
                continue
            levels = ["", *item.levels] if item.points or not item.levels else list(item.levels)
            for level in levels:
                r = current.get((item.key, level))
                table.append(
                    {
                        "key": f"{item.key}|{level}",
                        "group": source.label,
                        "item_label": item.label,
                        "level_label": item.level_labels.get(level, level) if level else "",
                        "points": r["points"] if r else "",
                        "cap": r["cap"] if r and r["cap"] is not None else "",
                    }
                )
    return render(
        request,
        "members/rules.html",
        {"body": body, "year": year, "years": _years(), "ruleset": ruleset, "table": table},
    )


@login_required
def appeal_list(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    year = _year(request)
    return render(
        request,
        "members/appeal_list.html",
        {
            "body": body,
            "year": year,
            "years": _years(),
            "appeals": selectors.appeal_list_for_actor(actor=request.user, body=body, year=year),
            "staff": selectors.is_scoring_staff(request.user, body),
            "records": selectors.pending_records(body=body)
            if selectors.is_scoring_staff(request.user, body)
            else [],
        },
    )


@login_required
def appeal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        appeal = selectors.appeal_get_for_actor(actor=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    staff = selectors.is_scoring_staff(request.user, appeal.body)
    if request.method == "POST":
        if not staff:
            raise PermissionDenied
        try:
            services.appeal_decide(
                actor=request.user,
                appeal=appeal,
                accept=request.POST.get("decision") == "accept",
                note=request.POST.get("note", ""),
                points=request.POST.get("points"),
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "申诉已处理，积分已重新计算。")
        return redirect("members:appeal-detail", pk=pk)
    return render(request, "members/appeal_detail.html", {"appeal": appeal, "staff": staff})


@login_required
@require_POST
def record_decide(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request)
    _require_staff(request, body)
    record = selectors.pending_records(body=body).filter(pk=pk).first()
    if record is None:
        raise Http404("记录不存在或已处理。")
    services.manual_record_decide(
        actor=request.user,
        record=record,
        confirm=request.POST.get("decision") == "confirm",
        note=request.POST.get("note", ""),
    )
    messages.success(request, "已处理。")
    return redirect("members:appeal-list")


@login_required
def board(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    year, month = selectors.today_month()
    year = _int(request.GET.get("year")) or year
    month = _int(request.GET.get("month")) or month
    if not 1 <= month <= 12:
        month = timezone.localdate().month
    try:
        rows = selectors.board(body=body, year=year, month=month)
    except PermissionDenied as exc:
        return render(
            request, "members/board.html", {"body": body, "off": str(exc), "year": year, "month": month}
        )
    return render(
        request,
        "members/board.html",
        {"body": body, "rows": rows, "year": year, "month": month, "months": range(1, 13)},
    )
