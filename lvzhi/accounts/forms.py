from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm

from .models import User


class _Styled:
    def _style(self) -> None:
        for f in self.fields.values():  # type: ignore[attr-defined]  # mixed into forms
            f.widget.attrs.setdefault("class", "form-control")


class SignInForm(_Styled, AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码错误。连续失败多次后账号将被暂时锁定。",
        "inactive": "该账号已停用，请联系管理员。",
    }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self._style()


class StyledPasswordChangeForm(_Styled, PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._style()


class StyledSetPasswordForm(_Styled, SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._style()


class TokenForm(forms.Form):
    name = forms.CharField(
        label="令牌名称",
        max_length=50,
        initial="移动端",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class NoticeSettingsForm(forms.ModelForm):
    """The address and the way notices reach someone by e-mail (each, a daily digest, or none)."""

    class Meta:
        model = User
        fields = ["email", "notice_email"]
        labels = {"email": "电子邮箱", "notice_email": "邮件提醒"}
        widgets = {
            "email": forms.EmailInput(attrs={"class": "form-control form-control-sm"}),
            "notice_email": forms.Select(attrs={"class": "form-select form-select-sm"}),
        }
