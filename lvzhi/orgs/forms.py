from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .models import (
    CONGRESS_ROLES,
    CPPCC_ROLES,
    Body,
    BodyKind,
    Delegation,
    HandlingUnit,
    Member,
    MembershipRole,
    Sector,
    Session,
    SpecialCommittee,
    Term,
)


class BootstrapMixin:
    def _style(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]  # mixed into forms
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select | forms.SelectMultiple) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            widget.attrs.setdefault("class", css)
        for name in ("phone", "contact_phone"):  # a phone's keypad on phones
            if name in self.fields:  # type: ignore[attr-defined]
                self.fields[name].widget.input_type = "tel"  # type: ignore[attr-defined]


class MemberForm(BootstrapMixin, forms.ModelForm):
    role = forms.ChoiceField(label="身份", choices=())
    sector = forms.ModelChoiceField(label="界别", queryset=Sector.objects.none(), required=False)
    delegation = forms.ModelChoiceField(label="代表团", queryset=Delegation.objects.none(), required=False)
    committees = forms.ModelMultipleChoiceField(
        label="专委会", queryset=SpecialCommittee.objects.none(), required=False
    )

    class Meta:
        model = Member
        fields = ["name", "gender", "ethnicity", "birth_year", "party", "workplace", "post", "phone", "email"]

    def __init__(self, *args: Any, body: Body, **kwargs: Any):
        super().__init__(*args, **kwargs)
        roles = CPPCC_ROLES if body.kind == BodyKind.CPPCC else CONGRESS_ROLES
        fields: dict[str, Any] = self.fields  # the concrete field classes are declared above
        fields["role"].choices = [(v, label) for v, label in MembershipRole.choices if v in roles]
        fields["committees"].queryset = body.committees.all()
        if body.kind == BodyKind.CPPCC:
            fields["sector"].queryset = body.sectors.all()
            del fields["delegation"]
        else:
            fields["delegation"].queryset = body.delegations.all()
            del fields["sector"]
        self._style()

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data.get("phone") or "").strip()
        if phone and not (phone.isdigit() and len(phone) == 11 and phone.startswith("1")):
            raise ValidationError("手机号应为 11 位数字。")
        return phone


class UnitForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = HandlingUnit
        fields = [
            "name",
            "short_name",
            "category",
            "superior",
            "contact_name",
            "contact_phone",
            "address",
            "is_active",
        ]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._style()


class BodyForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Body
        fields = ["name", "short_name", "kind", "level", "parent", "region", "is_active"]

    def __init__(self, *args: Any, full: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not full:
            for name in ("kind", "level", "parent"):
                del self.fields[name]
        self._style()


def _structure_form(model_: type, fields_: list[str]) -> type[forms.ModelForm]:
    class Form(BootstrapMixin, forms.ModelForm):
        class Meta:
            model = model_
            fields = fields_
            widgets = {f: forms.DateInput(attrs={"type": "date"}) for f in fields_ if f.endswith("_on")}

        def __init__(self, *args: Any, **kwargs: Any):
            super().__init__(*args, **kwargs)
            self._style()

    return Form


STRUCTURES: dict[str, tuple[Any, type[forms.ModelForm], str]] = {
    "term": (Term, _structure_form(Term, ["number", "name", "start_year", "end_year", "is_current"]), "届次"),
    "sector": (Sector, _structure_form(Sector, ["name", "order"]), "界别"),
    "delegation": (Delegation, _structure_form(Delegation, ["name", "order"]), "代表团"),
    "committee": (SpecialCommittee, _structure_form(SpecialCommittee, ["name", "kind", "order"]), "专委会"),
    "session": (
        Session,
        _structure_form(
            Session,
            [
                "number",
                "name",
                "year",
                "opens_on",
                "closes_on",
                "submission_opens_on",
                "submission_closes_on",
            ],
        ),
        "会议",
    ),
}


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Excel 文件（.xlsx）",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx"}),
    )
