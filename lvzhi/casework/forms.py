from __future__ import annotations

from typing import Any, cast

from django import forms

from lvzhi.orgs.models import HandlingUnit, Membership

from .models import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, CaseCategory


class CaseForm(forms.Form):
    """起草 / 修改: title, 案由, 建议, category, co-sponsors, proposed units, publication consent."""

    title = forms.CharField(
        label="标题",
        max_length=TITLE_MAX_LENGTH,
        min_length=5,
        widget=forms.TextInput(attrs={"placeholder": "关于……的提案"}),
    )
    background = forms.CharField(
        label="案由", required=False, max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )
    content = forms.CharField(
        label="建议/办法",
        min_length=20,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    category = forms.ChoiceField(label="类别", choices=CaseCategory.choices)
    cosponsor_ids = forms.MultipleChoiceField(
        label="联名人", required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    proposed_unit_ids = forms.MultipleChoiceField(
        label="建议承办单位", required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    is_public = forms.BooleanField(label="同意公开", required=False, initial=True)
    public_note = forms.CharField(label="不公开理由", required=False, max_length=200)

    def __init__(self, *args: Any, body: Any, exclude_member_id: int | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        members = (
            Membership.objects.filter(body=body, is_active=True, term__is_current=True)
            .exclude(member_id=exclude_member_id or 0)
            .select_related("member")
            .order_by("member__name")
        )
        cast(forms.ChoiceField, self.fields["cosponsor_ids"]).choices = [
            (str(m.member_id), m.member.name) for m in members
        ]
        units = HandlingUnit.objects.filter(body=body, is_active=True).order_by("name")
        cast(forms.ChoiceField, self.fields["proposed_unit_ids"]).choices = [
            (str(u.pk), u.name) for u in units
        ]
        for name, field in self.fields.items():
            css = (
                "form-check-input"
                if isinstance(field.widget, forms.CheckboxInput)
                else (
                    "form-select"
                    if isinstance(field.widget, forms.Select | forms.SelectMultiple)
                    else "form-control"
                )
            )
            field.widget.attrs.setdefault("class", css)
            field.widget.attrs.setdefault("id", f"id_{name}")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("is_public") and not (data.get("public_note") or "").strip():
            self.add_error("public_note", "选择不公开时，请说明理由。")
        return data


class HolidayForm(forms.Form):
    date = forms.DateField(
        label="日期", widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    is_workday = forms.TypedChoiceField(
        label="类型",
        choices=[("0", "放假"), ("1", "上班（调休）")],
        coerce=lambda v: v == "1",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    note = forms.CharField(
        label="说明",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "例如：春节"}),
    )
