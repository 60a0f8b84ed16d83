"""Forms built from a register's fields, their choices narrowed to the record's body."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model
from django.forms import modelform_factory

from lvzhi.orgs.models import HandlingUnit, Member

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def form_class(model: type[Model], fields: tuple[str, ...]) -> type[forms.ModelForm]:  # type: ignore[type-arg]  # any model
    widgets: dict[str, Any] = {
        f.name: DATE_INPUT
        for f in model._meta.concrete_fields
        if f.name in fields and f.get_internal_type() == "DateField"
    }
    return modelform_factory(model, fields=fields, widgets=widgets)


def narrow(form: forms.BaseForm, body: Any) -> forms.BaseForm:
    """Every choice of a related record comes from the same body (units, members, reports…)."""
    for field in form.fields.values():
        qs = getattr(field, "queryset", None)
        if qs is None:
            continue
        model = qs.model
        if model is HandlingUnit:
            field.queryset = qs.filter(body=body, is_active=True)  # type: ignore[attr-defined]  # a ModelChoiceField
        elif model is Member:
            field.queryset = qs.filter(memberships__body=body).distinct()  # type: ignore[attr-defined]  # a ModelChoiceField
        elif any(f.name == "body" for f in model._meta.get_fields()):
            field.queryset = qs.filter(body=body)  # type: ignore[attr-defined]  # a ModelChoiceField
        field.widget.attrs.setdefault("class", "form-select form-select-sm")
    for field in form.fields.values():
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs.update({"rows": 3, "class": "form-control form-control-sm"})
        elif isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs.setdefault("class", "form-check-input")
        else:
            field.widget.attrs.setdefault("class", "form-control form-control-sm")
    return form
