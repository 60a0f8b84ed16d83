from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from lvzhi.core.views import paginate, query_without_page

from . import services
from .forms import NoticeSettingsForm, SignInForm, StyledPasswordChangeForm, StyledSetPasswordForm, TokenForm
from .models import SYSTEM_USERNAMES, ApiToken, Role, User


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth import logout

    logout(request)
    messages.info(request, "您已安全退出。")
    return redirect("accounts:login")


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "tokens": ApiToken.objects.filter(user=user).order_by("-created_at")[:20],
            "token_form": TokenForm(),
            "notice_form": NoticeSettingsForm(instance=user),
            "new_token": request.session.pop("new-token", None),
        },
    )


@login_required
@require_POST
def notice_settings(request: HttpRequest) -> HttpResponse:
    form = NoticeSettingsForm(request.POST, instance=User(pk=request.user.pk))
    if form.is_valid():
        services.user_notice_settings_update(
            actor=request.user,
            email=form.cleaned_data["email"],
            notice_email=form.cleaned_data["notice_email"],
        )
        messages.success(request, "邮件提醒设置已保存。")
    else:
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("accounts:profile")


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = StyledPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        from lvzhi.core import audit

        audit.record(action="password", instance=user, note="本人修改密码")
        messages.success(request, "密码已修改。")
        return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        raw = services.token_create(actor=request.user, user=request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]  # authenticated
        request.session["new-token"] = raw
        messages.success(request, "已创建令牌。请立即复制保存，它只显示这一次。")
    else:
        messages.error(request, "令牌名称无效。")
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=pk, user_id=request.user.pk or 0).first()
    if token is None:
        raise Http404
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, "令牌已吊销。")
    return redirect("accounts:profile")


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not user.is_admin:
        raise PermissionDenied
    q = request.GET.get("q", "").strip()[:50]
    qs = (
        User.objects.exclude(username__in=SYSTEM_USERNAMES)
        .select_related("body", "member", "handling_unit")
        .order_by("role", "username")
    )
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(display_name__icontains=q))
    role = request.GET.get("role", "")
    if role:
        qs = qs.filter(role=role)
    return render(
        request,
        "accounts/user_list.html",
        {
            "page": paginate(request, qs),
            "q": q,
            "role": role,
            "roles": Role.choices,
            "query": query_without_page(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_password_reset(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Any = request.user
    if not actor.is_admin:
        raise PermissionDenied
    target = User.objects.filter(pk=pk).first()
    if target is None:
        raise Http404
    form = StyledSetPasswordForm(target, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_by_admin(
            actor=actor, user=target, new_password=form.cleaned_data["new_password1"]
        )
        from axes.utils import reset

        reset(username=target.username)
        messages.success(request, f"已重置“{target}”的密码并解除锁定。")
        return redirect("accounts:user-list")
    return render(request, "accounts/password_reset.html", {"form": form, "target": target})


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The lock-out answer (axes): JSON {"code", "message"} for the API, the page for the web."""
    if request.path.startswith("/api/"):
        body = json.dumps({"code": "rate_limited", "message": services.LOCKED_OUT}, ensure_ascii=False)
        return HttpResponse(body, status=429, content_type="application/json; charset=utf-8")
    return render(request, "accounts/locked_out.html", status=429)
