from __future__ import annotations

from typing import Any

from django import forms

from lvzhi.orgs.forms import BootstrapMixin
from lvzhi.orgs.models import Body, BodyKind, BodyLevel

from . import figures as registry
from .extraction.readers import MAX_TEXT_CHARS
from .intake import MAX_UPLOAD_BYTES
from .selectors import linkable_bodies

FILE_OR_TEXT = "请上传报告文件或粘贴报告全文（二选一）。"
BOTH_GIVEN = "请只选择一种方式：上传文件或粘贴全文。"


def key_choices() -> list[tuple[str, str]]:
    return [(s.key, s.label) for s in registry.all_keys()]


class UploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label="报告文件",
        required=False,
        help_text="支持 .txt、.docx、.pdf，不超过 10 MB",
        error_messages={"empty": "文件为空，请选择有内容的报告文件。", "invalid": "无法读取上传的文件。"},
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,.pdf"}),
    )
    text = forms.CharField(
        label="或粘贴报告全文",
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 12, "placeholder": "将工作报告全文粘贴在这里"}),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError(BOTH_GIVEN)
        if not upload and not text and not self.has_error("file"):
            raise forms.ValidationError(FILE_OR_TEXT)
        if upload is not None and upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"文件“{upload.name}”超过 10 MB，无法读取。")
        return data


class PeerReportForm(BootstrapMixin, forms.Form):
    peer_name = forms.CharField(label="报告机构", max_length=100)
    kind = forms.ChoiceField(label="类型", choices=BodyKind.choices)
    level = forms.ChoiceField(label="层级", choices=[("", "未知"), *BodyLevel.choices], required=False)
    region = forms.CharField(label="行政区域", max_length=100, required=False)
    year = forms.IntegerField(label="年度", min_value=1949, max_value=2100)
    member_count = forms.IntegerField(
        label="委员/代表人数", min_value=1, required=False, help_text="填写后可按每百人折算比较"
    )
    peer_body = forms.ModelChoiceField(
        label="对应本系统机构",
        queryset=Body.objects.none(),
        required=False,
        empty_label="（不在本系统）",
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["peer_body"].queryset = linkable_bodies()
        self._style()


class FigureForm(BootstrapMixin, forms.Form):
    key = forms.ChoiceField(label="数据项", choices=())
    value = forms.FloatField(label="数值", min_value=0)
    unit = forms.CharField(label="单位", max_length=16, required=False)
    approx = forms.BooleanField(label="约数", required=False)
    quote = forms.CharField(label="原文", required=False, widget=forms.HiddenInput)
    origin = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["key"].choices = key_choices()
        self._style()
        fields["value"].widget.attrs.update({"step": "any", "style": "max-width:7rem"})
        fields["unit"].widget.attrs.update({"style": "max-width:5rem"})


FigureFormSet = forms.formset_factory(FigureForm, extra=0, can_delete=True, max_num=500)


class CompareForm(forms.Form):
    year = forms.IntegerField(min_value=1949, max_value=2100, required=False)
    report = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())
    peer_body = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())

    def __init__(self, *args: Any, reports: list[Any], bodies: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["report"].choices = [(r.pk, str(r)) for r in reports]
        fields["peer_body"].choices = [(b.pk, b.name) for b in bodies]
