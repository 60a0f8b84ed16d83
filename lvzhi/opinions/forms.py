"""The members' draft form of 社情民意信息 / 微建议."""

from __future__ import annotations

from typing import Any

from django import forms

from .selectors import Capacity


class DraftForm(forms.Form):
    """报送人填写: 标题、正文, and in whose name (委员本人、界别、专委会、信息员 …)."""

    title = forms.CharField(
        label="标题",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "例如：关于城区老旧小区二次供水设施亟待改造的建议"}),
    )
    content = forms.CharField(
        label="正文",
        max_length=5000,
        widget=forms.Textarea(
            attrs={"rows": 10, "placeholder": "反映的情况、原因分析和建议（20 至 5000 字）"}
        ),
    )
    capacity = forms.ChoiceField(label="报送身份", widget=forms.RadioSelect)
    group_name = forms.CharField(
        label="界别、党派团体或专委会名称",
        max_length=100,
        required=False,
        help_text="工作人员代为录入时填写。",
    )

    def __init__(self, *args: Any, capacities: list[Capacity], **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not capacities:  # editing a draft: its name and source stay as filed
            del self.fields["capacity"]
        else:
            field = self.fields["capacity"]
            assert isinstance(field, forms.ChoiceField)  # noqa: S101  # declared above
            field.choices = [(c.value, c.label) for c in capacities]
        if capacities and not self.initial.get("capacity"):
            self.initial["capacity"] = capacities[0].value
        if not any(c.needs_group_name for c in capacities):
            del self.fields["group_name"]
        for name, field in self.fields.items():
            if not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs.setdefault("class", "form-control")
            field.widget.attrs.setdefault("id", f"id_{name}")
