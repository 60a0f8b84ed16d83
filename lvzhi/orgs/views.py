from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lvzhi.core.collation import by_strokes
from lvzhi.core.exceptions import DomainError, NotFound
from lvzhi.core.exports import XLSX_CONTENT_TYPE, xlsx_response
from lvzhi.core.permissions import can
from lvzhi.core.views import paginate, query_without_page

from . import imports, selectors, services
from .forms import STRUCTURES, BodyForm, ImportForm, MemberForm, UnitForm
from .models import BodyKind, HandlingUnit, Membership, MembershipRole, Party

IMPORT_SESSION_KEY = "orgs-import-%s"


def _actor_body(request: HttpRequest) -> Any:
    """The body the page works on: the user's own, or for administrators the one chosen."""
    raw = request.GET.get("body") or request.POST.get("body") or ""
    try:
        return selectors.body_for_actor(actor=request.user, body_id=int(raw) if raw.isdigit() else None)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _get(func: Any, **kwargs: Any) -> Any:
    try:
        return func(**kwargs)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can(user, "orgs.view_member"):
        raise PermissionDenied
    body = _actor_body(request)
    filters = selectors.MemberFilters.from_params(request.GET)
    if body and not filters.body_id:
        filters = selectors.MemberFilters(**{**filters.__dict__, "body_id": body.pk})
    qs = selectors.membership_list_for_actor(actor=user, filters=filters)
    if request.GET.get("export") == "xlsx":
        show_contact = can(user, "orgs.change_member", body)
        rows = (
            [
                ms.member.name,
                ms.member.get_gender_display(),
                ms.member.ethnicity,
                str(ms.member.party or ""),
                ms.member.workplace,
                ms.member.post,
                ms.get_role_display(),
                (ms.sector.name if ms.sector else "") or (ms.delegation.name if ms.delegation else ""),
                "、".join(c.name for c in ms.committees.all()),
                ms.member.phone if show_contact else "",
                ms.body.name,
            ]
            for ms in by_strokes(qs, lambda ms: ms.member.name)
        )
        return xlsx_response(
            filename="委员代表名录.xlsx",
            title="委员代表名录",
            headers=[
                "姓名",
                "性别",
                "民族",
                "党派",
                "工作单位",
                "职务",
                "身份",
                "界别/代表团",
                "专委会",
                "手机",
                "机构",
            ],
            rows=rows,
        )
    page = paginate(request, qs)
    context = {
        "page": page,
        "filters": filters,
        "body": body,
        "query": query_without_page(request),
        "sectors": selectors.sector_list_for_actor(actor=user, body_id=body.pk) if body else [],
        "delegations": selectors.delegation_list_for_actor(actor=user, body_id=body.pk) if body else [],
        "committees": selectors.committee_list_for_actor(actor=user, body_id=body.pk) if body else [],
        "parties": Party.objects.all(),
        "roles": [(v, lab) for v, lab in MembershipRole.choices],
        "can_edit": can(user, "orgs.change_member", body),
        "is_cppcc": body is not None and body.kind == BodyKind.CPPCC,
    }
    template = "orgs/_member_rows.html" if request.htmx else "orgs/member_list.html"  # type: ignore[attr-defined]  # django-htmx
    return render(request, template, context)


@login_required
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = _get(selectors.member_get_for_actor, actor=request.user, pk=pk)
    from lvzhi.core.permissions import visible_body_ids

    ids = visible_body_ids(request.user)
    memberships = [m for m in member.memberships.all() if ids is None or m.body_id in ids]
    return render(
        request,
        "orgs/member_detail.html",
        {
            "member": member,
            "memberships": memberships,
            "show_contact": can(request.user, "orgs.view_member_contact", member),
            "can_edit": can(request.user, "orgs.change_member", member),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user: Any = request.user
    body = _actor_body(request)
    member = _get(selectors.member_get_for_actor, actor=user, pk=pk) if pk else None
    if not can(user, "orgs.change_member", member or body):
        raise PermissionDenied
    membership = None
    if member is not None:
        membership = member.memberships.filter(body=body).first()
    initial = {}
    if membership is not None:
        initial = {
            "role": membership.role,
            "sector": membership.sector_id,
            "delegation": membership.delegation_id,
            "committees": [c.pk for c in membership.committees.all()],
        }
    form = MemberForm(request.POST or None, instance=member, body=body, initial=initial)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        term = selectors.term_current(body=body)
        if term is None:
            messages.error(request, "该机构没有设置本届，请先在“机构设置”中设置本届。")
        else:
            ms = membership or Membership(body=body, term=term)
            ms.role = form.cleaned_data["role"]
            ms.sector = form.cleaned_data.get("sector")
            ms.delegation = form.cleaned_data.get("delegation")
            try:
                services.member_save(
                    actor=user,
                    member=obj,
                    membership=ms,
                    committee_ids=[c.pk for c in form.cleaned_data["committees"]],
                )
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                messages.success(request, f"已保存“{obj.name}”。")
                return redirect("orgs:member-detail", pk=obj.pk)
    return render(request, "orgs/member_form.html", {"form": form, "member": member, "body": body})


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    filters = selectors.UnitFilters.from_params(request.GET)
    qs = selectors.unit_list_for_actor(actor=user, filters=filters)
    if request.GET.get("export") == "xlsx":
        rows = (
            [
                u.name,
                u.short_name,
                u.get_category_display(),
                u.superior,
                u.contact_name,
                u.contact_phone,
                u.address,
                "启用" if u.is_active else "停用",
                u.body.name,
            ]
            for u in qs.iterator(chunk_size=500)
        )
        return xlsx_response(
            filename="承办单位名录.xlsx",
            title="承办单位",
            headers=["单位名称", "简称", "类别", "隶属", "联系人", "联系电话", "地址", "状态", "机构"],
            rows=rows,
        )
    body = _actor_body(request)
    return render(
        request,
        "orgs/unit_list.html",
        {
            "page": paginate(request, qs),
            "filters": filters,
            "query": query_without_page(request),
            "categories": HandlingUnit.Category.choices,
            "can_edit": can(user, "orgs.change_handlingunit", body),
            "body": body,
        },
    )


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _get(selectors.unit_get_for_actor, actor=request.user, pk=pk)
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "can_edit": can(request.user, "orgs.change_handlingunit", unit),
            "users": unit.users.filter(is_active=True)
            if can(request.user, "orgs.change_handlingunit", unit)
            else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user: Any = request.user
    body = _actor_body(request)
    unit = _get(selectors.unit_get_for_actor, actor=user, pk=pk) if pk else HandlingUnit(body=body)
    if not can(user, "orgs.change_handlingunit", unit):
        raise PermissionDenied
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_save(actor=user, unit=form.save(commit=False))
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, f"已保存“{unit.name}”。")
            return redirect("orgs:unit-detail", pk=unit.pk)
    return render(request, "orgs/unit_form.html", {"form": form, "unit": unit})


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest, kind: str) -> HttpResponse:
    """Upload → preview with row errors → confirm. Nothing is saved until the file is clean."""
    user: Any = request.user
    if kind not in {"member", "unit"}:
        raise Http404
    body = _actor_body(request)
    if not can(user, "orgs.import") or not can(user, "orgs.change_member", body):
        raise PermissionDenied
    key = IMPORT_SESSION_KEY % kind
    label = "委员/代表" if kind == "member" else "承办单位"
    preview = None
    form = ImportForm()
    if request.method == "POST" and request.POST.get("confirm"):
        stored = request.session.get(key)
        if not stored or stored.get("body") != body.pk:
            messages.error(request, "预览已过期，请重新上传文件。")
            return redirect(request.path)
        preview = imports.ImportPreview(kind=kind, rows=stored["rows"])
        try:
            n = imports.import_commit(actor=user, body=body, preview=preview)
        except (DomainError, ValidationError) as exc:
            messages.error(
                request, getattr(exc, "message", None) or "；".join(getattr(exc, "messages", [str(exc)]))
            )
        else:
            request.session.pop(key, None)
            messages.success(request, f"已导入 {n} 条{label}记录。")
            return redirect("orgs:member-list" if kind == "member" else "orgs:unit-list")
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data["file"].read()
            parse = imports.member_import_parse if kind == "member" else imports.unit_import_parse
            try:
                preview = parse(body=body, data=data)
            except DomainError as exc:
                form.add_error("file", exc.message)
                preview = None
            else:
                if preview.is_clean:
                    request.session[key] = {"body": body.pk, "rows": preview.rows}
                else:
                    request.session.pop(key, None)
    return render(
        request,
        "orgs/import.html",
        {"form": form, "preview": preview, "kind": kind, "label": label, "body": body},
    )


@login_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in {"member", "unit"}:
        raise Http404
    name = "委员代表导入模板.xlsx" if kind == "member" else "承办单位导入模板.xlsx"
    from urllib.parse import quote

    response = HttpResponse(imports.template_bytes(kind), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def body_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.body_list_for_actor(actor=request.user, q=request.GET.get("q", "")[:50])
    return render(
        request,
        "orgs/body_list.html",
        {
            "page": paginate(request, qs),
            "query": query_without_page(request),
            "can_add": can(request.user, "orgs.add_body"),
        },
    )


@login_required
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    body = _get(selectors.body_get_for_actor, actor=user, pk=pk)
    terms = list(body.terms.prefetch_related("sessions"))
    return render(
        request,
        "orgs/body_detail.html",
        {
            "body": body,
            "terms": terms,
            "sectors": body.sectors.all(),
            "delegations": body.delegations.all(),
            "committees": body.committees.all(),
            "children": selectors.body_children_for_actor(actor=user, body=body),
            "can_manage": can(user, "orgs.manage_structure", body),
            "is_cppcc": body.kind == BodyKind.CPPCC,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def body_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user: Any = request.user
    body = _get(selectors.body_get_for_actor, actor=user, pk=pk) if pk else None
    if not can(user, "orgs.change_body" if body else "orgs.add_body", body):
        raise PermissionDenied
    form = BodyForm(request.POST or None, instance=body, full=can(user, "orgs.add_body"))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data.items())
        try:
            saved = (
                services.body_update(actor=user, body=body, data=data)
                if body
                else services.body_create(actor=user, data=data)
            )
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, f"已保存“{saved.name}”。")
            return redirect("orgs:body-detail", pk=saved.pk)
    return render(
        request,
        "orgs/simple_form.html",
        {"form": form, "title": "编辑机构" if body else "新增机构", "back": reverse("orgs:body-list")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def structure_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    """Terms, sessions, sectors, delegations and committees share one edit page."""
    user: Any = request.user
    if kind not in STRUCTURES:
        raise Http404
    model, form_class, label = STRUCTURES[kind]
    if pk:
        instance = model.objects.filter(pk=pk).first()
        if instance is None:
            raise Http404
    elif kind == "session":
        raw = request.GET.get("term", "")
        term = _get(selectors.term_get_for_actor, actor=user, pk=int(raw)) if raw.isdigit() else None
        if term is None:
            raise Http404
        instance = model(term=term)
    else:
        instance = model(body=_actor_body(request))
    owner = instance.term.body if kind == "session" else instance.body
    if not can(user, "orgs.manage_structure", owner):
        raise PermissionDenied
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.structure_save(actor=user, instance=form.save(commit=False))
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, f"已保存{label}“{instance}”。")
            return HttpResponseRedirect(reverse("orgs:body-detail", args=[owner.pk]))
    return render(
        request,
        "orgs/simple_form.html",
        {
            "form": form,
            "title": f"{'编辑' if pk else '新增'}{label}",
            "back": reverse("orgs:body-detail", args=[owner.pk]),
        },
    )
