"""Forms of the activities pages; choices are limited to the acting user's body."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from lvzhi.orgs.models import HandlingUnit, Member, Sector, SpecialCommittee

from .models import (
    MEETING_KINDS_BY_BODY,
    STATION_KINDS_BY_BODY,
    EventCategory,
    EventType,
    Meeting,
    OutcomeKind,
    PlanItem,
    SpeechKind,
    Station,
    StudyGroup,
    meeting_kind_label,
)

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
AREA = forms.Textarea(attrs={"rows": 3})


class BodyForm(forms.Form):
    """A form bound to one body: every choice of record is limited to it."""

    def __init__(self, *args: Any, body: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.body = body
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            widget.attrs.setdefault("class", f"{css} form-control-sm" if css == "form-control" else css)


class MeetingForm(BodyForm):
    kind = forms.ChoiceField(label="会议类别")
    held_on = forms.DateField(label="召开日期", widget=DATE)
    number = forms.IntegerField(label="次（留空自动编号）", required=False, min_value=1, max_value=999)
    title = forms.CharField(label="会议名称（留空自动生成）", required=False, max_length=200)
    committee = forms.ModelChoiceField(
        label="专委会（专委会会议）", queryset=SpecialCommittee.objects.none(), required=False
    )
    place = forms.CharField(label="地点", required=False, max_length=200)
    presided_by = forms.CharField(label="主持人", required=False, max_length=100)
    starts_at = forms.DateTimeField(label="开始时间（迟到以此为准）", required=False, widget=DATETIME)
    agenda = forms.CharField(label="议程（每行一项）", required=False, widget=AREA)
    documents = forms.CharField(label="通过的文件（每行一件）", required=False, widget=AREA)

    def __init__(self, *args: Any, body: Any, **kwargs: Any) -> None:
        super().__init__(*args, body=body, **kwargs)
        self.fields["kind"].choices = [  # type: ignore[attr-defined]  # a ChoiceField
            (k.value, meeting_kind_label(k, body.kind)) for k in MEETING_KINDS_BY_BODY[body.kind]
        ]
        self.fields["committee"].queryset = SpecialCommittee.objects.filter(body=body)  # type: ignore[attr-defined]  # a ModelChoiceField


class EventForm(BodyForm):
    type = forms.ModelChoiceField(label="形式", queryset=EventType.objects.none())
    title = forms.CharField(label="名称", max_length=200)
    held_on = forms.DateField(label="日期", widget=DATE)
    starts_at = forms.DateTimeField(label="开始时间（迟到以此为准）", required=False, widget=DATETIME)
    place = forms.CharField(label="地点", required=False, max_length=200)
    committee = forms.ModelChoiceField(
        label="组织专委会", queryset=SpecialCommittee.objects.none(), required=False
    )
    sector = forms.ModelChoiceField(label="组织界别", queryset=Sector.objects.none(), required=False)
    station = forms.ModelChoiceField(label="组织站点", queryset=Station.objects.none(), required=False)
    study_group = forms.ModelChoiceField(label="读书群", queryset=StudyGroup.objects.none(), required=False)
    plan_item = forms.ModelChoiceField(label="计划事项", queryset=PlanItem.objects.none(), required=False)
    led_by = forms.CharField(label="带队领导", required=False, max_length=100)
    officials = forms.CharField(
        label="出席的党政领导和部门负责人（每行：姓名 职务）", required=False, widget=AREA
    )
    agenda = forms.CharField(label="议程（每行一项）", required=False, widget=AREA)
    materials = forms.CharField(label="会议材料（每行一件）", required=False, widget=AREA)

    def __init__(self, *args: Any, body: Any, **kwargs: Any) -> None:
        super().__init__(*args, body=body, **kwargs)
        f: Any = self.fields
        f["type"].queryset = EventType.objects.filter(Q(body=None) | Q(body=body)).filter(
            body_kinds__contains=body.kind
        )
        f["committee"].queryset = SpecialCommittee.objects.filter(body=body)
        f["sector"].queryset = Sector.objects.filter(body=body)
        f["station"].queryset = Station.objects.filter(body=body, is_active=True)
        f["study_group"].queryset = StudyGroup.objects.filter(body=body)
        f["plan_item"].queryset = (
            PlanItem.objects.filter(plan__body=body).select_related("plan").order_by("-plan__year", "number")
        )


class InviteForm(BodyForm):
    members = forms.ModelMultipleChoiceField(label="邀请委员/代表", queryset=Member.objects.none())

    def __init__(self, *args: Any, body: Any, **kwargs: Any) -> None:
        super().__init__(*args, body=body, **kwargs)
        self.fields["members"].queryset = Member.objects.filter(  # type: ignore[attr-defined]  # a ModelChoiceField
            memberships__body=body, memberships__is_active=True
        ).distinct()
        self.fields["members"].widget.attrs.update({"size": 10, "class": "form-select"})


class EventTypeForm(BodyForm):
    name = forms.CharField(label="名称（如：请你来协商）", max_length=50)
    category = forms.ChoiceField(label="归类", choices=EventCategory.choices)
    is_grassroots = forms.BooleanField(label="基层协商", required=False)


class OutcomeForm(BodyForm):
    kind = forms.ChoiceField(label="成果类别", choices=OutcomeKind.choices)
    title = forms.CharField(label="标题", max_length=200)
    content = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 10}))


class RecipientForm(BodyForm):
    name = forms.CharField(label="报送对象（如：市委、市政府）", max_length=100, required=False)
    unit = forms.ModelChoiceField(
        label="承办单位（需反馈时必选）", queryset=HandlingUnit.objects.none(), required=False
    )
    owes_answer = forms.BooleanField(label="需书面反馈", required=False)
    due_on = forms.DateField(label="反馈期限", required=False, widget=DATE)

    def __init__(self, *args: Any, body: Any, **kwargs: Any) -> None:
        super().__init__(*args, body=body, **kwargs)
        self.fields["unit"].queryset = HandlingUnit.objects.filter(body=body, is_active=True)  # type: ignore[attr-defined]  # a ModelChoiceField


class PlanForm(BodyForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="名称（如：2026年度协商计划）", max_length=200)


class PlanItemForm(BodyForm):
    event_type = forms.ModelChoiceField(label="形式", queryset=EventType.objects.none())
    topic = forms.CharField(label="议题", max_length=200)
    month = forms.IntegerField(label="计划月份", min_value=1, max_value=12)
    lead_committee = forms.ModelChoiceField(
        label="牵头专委会", queryset=SpecialCommittee.objects.none(), required=False
    )
    leaders = forms.CharField(label="分管领导", required=False, max_length=200)
    partner_units = forms.CharField(label="协同单位", required=False, max_length=300)

    def __init__(self, *args: Any, body: Any, **kwargs: Any) -> None:
        super().__init__(*args, body=body, **kwargs)
        f: Any = self.fields
        f["event_type"].queryset = EventType.objects.filter(Q(body=None) | Q(body=body)).filter(
            body_kinds__contains=body.kind
        )
        f["lead_committee"].queryset = SpecialCommittee.objects.filter(body=body)


class PlanApproveForm(BodyForm):
    party_approved_on = forms.DateField(label="党委批准日期", widget=DATE)
    meeting = forms.ModelChoiceField(
        label="审议通过的主席会议/主任会议", queryset=Meeting.objects.none(), required=False
    )

    def __init__(self, *args: Any, body: Any, **kwargs: Any) -> None:
        super().__init__(*args, body=body, **kwargs)
        meeting: Any = self.fields["meeting"]
        meeting.queryset = Meeting.objects.filter(body=body, kind__in=["chair", "director", "standing"])


class SpeechForm(BodyForm):
    kind = forms.ChoiceField(label="类别", choices=SpeechKind.choices)
    meeting = forms.ModelChoiceField(label="会议", queryset=Meeting.objects.none(), required=False)
    title = forms.CharField(label="题目", max_length=200)
    on_behalf_of = forms.CharField(
        label="代表单位（以党派团体、界别名义发言时填写）", required=False, max_length=100
    )
    content = forms.CharField(label="发言稿", widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args: Any, body: Any, **kwargs: Any) -> None:
        super().__init__(*args, body=body, **kwargs)
        meeting: Any = self.fields["meeting"]
        meeting.queryset = Meeting.objects.filter(body=body, kind__in=["plenary", "standing"])


class StationForm(BodyForm):
    kind = forms.ChoiceField(label="类别")
    name = forms.CharField(label="名称", max_length=100)
    address = forms.CharField(label="地址", required=False, max_length=200)
    lead_member = forms.ModelChoiceField(
        label="牵头委员/代表", queryset=Member.objects.none(), required=False
    )
    members = forms.ModelMultipleChoiceField(
        label="进驻委员/代表", queryset=Member.objects.none(), required=False
    )
    contact_phone = forms.CharField(label="联系电话", required=False, max_length=30)
    reception_days = forms.CharField(label="接待日", required=False, max_length=100)
    established_on = forms.DateField(label="建立日期", required=False, widget=DATE)

    def __init__(self, *args: Any, body: Any, **kwargs: Any) -> None:
        super().__init__(*args, body=body, **kwargs)
        f: Any = self.fields
        labels = dict(STATION_KINDS_BY_BODY[body.kind][0].__class__.choices)
        f["kind"].choices = [(k.value, labels[k.value]) for k in STATION_KINDS_BY_BODY[body.kind]]
        people = Member.objects.filter(memberships__body=body, memberships__is_active=True).distinct()
        f["lead_member"].queryset = people
        f["members"].queryset = people
        f["members"].widget.attrs.update({"size": 8, "class": "form-select"})


class ReceptionForm(BodyForm):
    on = forms.DateField(label="接待日期", widget=DATE)
    residents_count = forms.IntegerField(label="接待群众人数", min_value=0, max_value=100000)
    topics = forms.CharField(label="群众反映的问题", required=False, widget=AREA)


class ThreadForm(BodyForm):
    topic = forms.CharField(label="议题", max_length=200)
    description = forms.CharField(label="说明", required=False, widget=AREA)
    opens_on = forms.DateField(label="开始日期", widget=DATE)
    closes_on = forms.DateField(label="截止日期", widget=DATE)


class ManuscriptForm(BodyForm):
    title = forms.CharField(label="篇名", max_length=200)
    contributors = forms.ModelMultipleChoiceField(
        label="撰稿委员", queryset=Member.objects.none(), required=False
    )
    other_contributors = forms.CharField(label="其他撰稿人", required=False, max_length=200)
    word_count = forms.IntegerField(label="字数", min_value=0, max_value=10_000_000, required=False)
    received_on = forms.DateField(label="收稿日期", widget=DATE)

    def __init__(self, *args: Any, body: Any, **kwargs: Any) -> None:
        super().__init__(*args, body=body, **kwargs)
        f: Any = self.fields
        f["contributors"].queryset = Member.objects.filter(memberships__body=body).distinct()
        f["contributors"].widget.attrs.update({"size": 8, "class": "form-select"})
