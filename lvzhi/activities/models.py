"""Meetings, the annual plan, events of every form, sign-in, speeches, outcomes, stations, 文史, online duty.

Two registers carry a body's year: ``Meeting`` (the meetings the body itself holds: 全体会议 /
代表大会, 常委会会议, 主席会议 / 主任会议, 党组会议, 秘书长会议, 专委会会议) and ``Event`` (every
form of 协商, 调研, 视察, 民主监督, 通报, 学习, 读书, 培训 …, typed by ``EventType`` so a body can
add its own brands). Both take sign-in through ``Attendance``; both may carry speeches.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lvzhi.core.models import BaseModel

# ------------------------------------------------------------------------------------------- meetings


class MeetingKind(models.TextChoices):
    PLENARY = "plenary", _("全体会议/代表大会")
    STANDING = "standing", _("常委会会议")
    CHAIR = "chair", _("主席会议")
    DIRECTOR = "director", _("主任会议")
    PARTY_GROUP = "party_group", _("党组会议")
    SECRETARY = "secretary", _("秘书长会议")
    COMMITTEE = "committee", _("专委会会议")


# Which kinds of meeting each kind of body holds (a congress has no 主席会议, a CPPCC no 主任会议).
MEETING_KINDS_BY_BODY = {
    "cppcc": [
        MeetingKind.PLENARY,
        MeetingKind.STANDING,
        MeetingKind.CHAIR,
        MeetingKind.PARTY_GROUP,
        MeetingKind.SECRETARY,
        MeetingKind.COMMITTEE,
    ],
    "congress": [
        MeetingKind.PLENARY,
        MeetingKind.STANDING,
        MeetingKind.DIRECTOR,
        MeetingKind.PARTY_GROUP,
        MeetingKind.SECRETARY,
        MeetingKind.COMMITTEE,
    ],
}


def meeting_kind_label(kind: str, body_kind: str) -> str:
    """全体会议 in a CPPCC, 代表大会会议 in a congress; the others read the same in both."""
    if kind == MeetingKind.PLENARY:
        return "全体会议" if body_kind == "cppcc" else "代表大会会议"
    return str(MeetingKind(kind).label)


class SignInState(models.TextChoices):
    NOT_OPEN = "not_open", _("未开始签到")
    OPEN = "open", _("签到中")
    CLOSED = "closed", _("签到已结束")


class SignInFields(models.Model):
    """Sign-in of a meeting or an event: staff open it (a QR code carries ``signin_token``),
    members confirm on a phone-size page, staff close it (those who did not come become absent)."""

    starts_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    signin_state = models.CharField(
        _("签到状态"), max_length=16, choices=SignInState.choices, default=SignInState.NOT_OPEN
    )
    signin_token = models.CharField(_("签到码"), max_length=64, blank=True, db_index=True)
    signin_opened_at = models.DateTimeField(_("签到开始"), null=True, blank=True)
    signin_closed_at = models.DateTimeField(_("签到结束"), null=True, blank=True)

    class Meta:
        abstract = True


class Meeting(BaseModel, SignInFields):
    """A meeting the body itself holds. Standing-committee and chair/director meetings are numbered
    within the term (第N次); the plenary takes its session's number. Oversight items (work reports
    heard, resolutions) hang off the standing-committee meeting that took them."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(_("会议类别"), max_length=16, choices=MeetingKind.choices, db_index=True)
    term = models.ForeignKey(
        "orgs.Term",
        verbose_name=_("届"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    session = models.ForeignKey(
        "orgs.Session",
        verbose_name=_("次会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text=_("全体会议/代表大会所属的次会议"),
    )
    committee = models.ForeignKey(
        "orgs.SpecialCommittee",
        verbose_name=_("专委会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    number = models.PositiveSmallIntegerField(_("次"), null=True, blank=True)
    title = models.CharField(_("会议名称"), max_length=200)
    held_on = models.DateField(_("召开日期"), db_index=True)
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    presided_by = models.CharField(_("主持人"), max_length=100, blank=True)
    agenda = models.TextField(_("议程"), blank=True, help_text=_("每行一项"))
    documents = models.TextField(_("通过的文件"), blank=True, help_text=_("每行一件"))
    minutes = models.TextField(_("会议纪要"), blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("会议")
        verbose_name_plural = _("会议")
        indexes = [models.Index(fields=["body", "kind", "held_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind", "term", "number"],
                condition=Q(number__isnull=False, committee__isnull=True),
                name="meeting_unique_number_in_term",
                violation_error_message="本届已有同类同次会议。",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("held_on")),
                name="meeting_dates_ordered",
                violation_error_message="结束日期不能早于召开日期。",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]

    @property
    def audit_body_id(self) -> int:
        return int(self.body_id)


# ------------------------------------------------------------------------------------------- stations


class StationKind(models.TextChoices):
    # CPPCC
    STUDIO = "studio", _("委员工作室")
    MEMBER_HOME = "member_home", _("委员之家")
    SECTOR_STATION = "sector_station", _("界别工作站")
    MEMBER_STATION = "member_station", _("委员工作站")
    # Congress
    LIAISON = "liaison", _("代表联络站")
    DEPUTY_HOME = "deputy_home", _("代表之家")
    DEPUTY_STUDIO = "deputy_studio", _("代表工作室")


STATION_KINDS_BY_BODY = {
    "cppcc": [
        StationKind.STUDIO,
        StationKind.MEMBER_HOME,
        StationKind.SECTOR_STATION,
        StationKind.MEMBER_STATION,
    ],
    "congress": [StationKind.LIAISON, StationKind.DEPUTY_HOME, StationKind.DEPUTY_STUDIO],
}


class Station(BaseModel):
    """委员工作室 / 委员之家 / 界别工作站, and the congress's 代表联络站 / 代表之家: a place where
    members meet residents. What residents raise there enters the engine with the station as channel."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="stations"
    )
    kind = models.CharField(_("类别"), max_length=16, choices=StationKind.choices, db_index=True)
    name = models.CharField(_("名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    sector = models.ForeignKey(
        "orgs.Sector",
        verbose_name=_("界别"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_member = models.ForeignKey(
        "orgs.Member",
        verbose_name=_("牵头委员/代表"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_stations",
    )
    members = models.ManyToManyField(
        "orgs.Member", verbose_name=_("进驻委员/代表"), blank=True, related_name="stations"
    )
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    reception_days = models.CharField(
        _("接待日"), max_length=100, blank=True, help_text=_("例如：每月第二个周四")
    )
    established_on = models.DateField(_("建立日期"), null=True, blank=True)
    closed_on = models.DateField(_("撤销日期"), null=True, blank=True)
    is_active = models.BooleanField(_("运行中"), default=True)

    class Meta:
        ordering = ["body", "kind", "name"]
        verbose_name = _("联络站/工作室")
        verbose_name_plural = _("联络站/工作室")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "name"],
                name="station_unique_name",
                violation_error_message="该机构已有同名站点。",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_body_id(self) -> int:
        return int(self.body_id)


class StationReception(BaseModel):
    """One reception day at a station: who received, how many residents came, what they raised."""

    station = models.ForeignKey(
        Station, verbose_name=_("站点"), on_delete=models.CASCADE, related_name="receptions"
    )
    on = models.DateField(_("接待日期"), db_index=True)
    members = models.ManyToManyField(
        "orgs.Member", verbose_name=_("接待委员/代表"), blank=True, related_name="+"
    )
    residents_count = models.PositiveIntegerField(_("接待群众人数"), default=0)
    topics = models.TextField(_("群众反映的问题"), blank=True)
    cases = models.ManyToManyField(
        "casework.Case", verbose_name=_("转为信息/微建议"), blank=True, related_name="station_receptions"
    )

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("接待群众")
        verbose_name_plural = _("接待群众")

    def __str__(self) -> str:
        return f"{self.station} {self.on}"

    @property
    def audit_body_id(self) -> int:
        return int(self.station.body_id)


# --------------------------------------------------------------------------------------------- events


class EventCategory(models.TextChoices):
    """What an event counts as; the figures count by category, a body's own types pick one."""

    CONSULTATION = "consultation", _("协商")
    RESEARCH = "research", _("调研")
    INSPECTION = "inspection", _("视察")
    SUPERVISION = "supervision", _("民主监督")
    BRIEFING = "briefing", _("情况通报")
    STUDY = "study", _("学习座谈")
    READING = "reading", _("读书活动")
    TRAINING = "training", _("培训")
    OTHER = "other", _("其他")


class EventType(BaseModel):
    """A form of event: built-in ones (``body`` empty) for every body, or a body's own brand
    (请你来协商, 民生议事堂) under one of the categories."""

    body = models.ForeignKey(
        "orgs.Body",
        verbose_name=_("机构"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_types",
        help_text=_("留空为通用类型"),
    )
    code = models.SlugField(_("代码"), max_length=40)
    name = models.CharField(_("名称"), max_length=50)
    category = models.CharField(_("归类"), max_length=16, choices=EventCategory.choices, db_index=True)
    body_kinds = models.CharField(
        _("适用机构"), max_length=30, default="cppcc,congress", help_text=_("cppcc、congress，逗号分隔")
    )
    is_grassroots = models.BooleanField(_("基层协商"), default=False)
    is_online = models.BooleanField(_("线上"), default=False)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("活动类型")
        verbose_name_plural = _("活动类型")
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(body__isnull=True), name="event_type_unique_builtin_code"
            ),
            models.UniqueConstraint(
                fields=["body", "name"],
                condition=Q(body__isnull=False),
                name="event_type_unique_body_name",
                violation_error_message="本机构已有同名活动类型。",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def applies_to(self, body_kind: str) -> bool:
        return body_kind in {k.strip() for k in self.body_kinds.split(",")}


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("拟定中")
    APPROVED = "approved", _("已批准")


class Plan(BaseModel):
    """年度协商计划 / 年度工作要点, approved by the Party committee and the chair (director) meeting."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    title = models.CharField(_("名称"), max_length=200)
    status = models.CharField(_("状态"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    party_approved_on = models.DateField(_("党委批准日期"), null=True, blank=True)
    party_approval_doc = models.CharField(_("批准文件"), max_length=200, blank=True)
    approved_at_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("审议通过的会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_plans",
    )

    class Meta:
        ordering = ["-year", "body"]
        verbose_name = _("年度计划")
        verbose_name_plural = _("年度计划")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "title"],
                name="plan_unique_title",
                violation_error_message="本年度已有同名计划。",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_body_id(self) -> int:
        return int(self.body_id)


class PlanItemState(models.TextChoices):
    PLANNED = "planned", _("已列入计划")
    PREPARING = "preparing", _("筹备中")
    HELD = "held", _("已举行")
    OUTCOME_SENT = "outcome_sent", _("成果已报送")
    ACTED_ON = "acted_on", _("成果已转化")
    CANCELLED = "cancelled", _("已取消")


# The order a plan item moves in; a later step never goes back.
PLAN_ITEM_ORDER = [
    PlanItemState.PLANNED,
    PlanItemState.PREPARING,
    PlanItemState.HELD,
    PlanItemState.OUTCOME_SENT,
    PlanItemState.ACTED_ON,
]


class PlanItem(BaseModel):
    plan = models.ForeignKey(Plan, verbose_name=_("计划"), on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("序号"))
    event_type = models.ForeignKey(
        EventType, verbose_name=_("形式"), on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField(_("议题"), max_length=200)
    lead_committee = models.ForeignKey(
        "orgs.SpecialCommittee",
        verbose_name=_("牵头专委会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_items",
    )
    month = models.PositiveSmallIntegerField(_("计划月份"), db_index=True)
    leaders = models.CharField(_("分管领导"), max_length=200, blank=True)
    partner_units = models.CharField(_("协同单位"), max_length=300, blank=True)
    state = models.CharField(
        _("进度"), max_length=16, choices=PlanItemState.choices, default=PlanItemState.PLANNED, db_index=True
    )
    held_on = models.DateField(_("举行日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("计划事项")
        verbose_name_plural = _("计划事项")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="plan_item_unique_number",
                violation_error_message="计划中已有此序号。",
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12),
                name="plan_item_month_range",
                violation_error_message="计划月份应为1—12。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.topic}"

    @property
    def audit_body_id(self) -> int:
        return int(self.plan.body_id)


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("筹备中")
    HELD = "held", _("已举行")
    CANCELLED = "cancelled", _("已取消")


class StudyGroup(BaseModel):
    """委员读书活动 group: its members and books; its sessions are events of the reading category."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="study_groups"
    )
    name = models.CharField(_("名称"), max_length=100)
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    leader = models.ForeignKey(
        "orgs.Member",
        verbose_name=_("群主/导读"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    members = models.ManyToManyField(
        "orgs.Member", verbose_name=_("成员"), blank=True, related_name="study_groups"
    )
    books = models.TextField(_("书目"), blank=True, help_text=_("每行一本"))

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("读书群")
        verbose_name_plural = _("读书群")
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "name"], name="study_group_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def book_list(self) -> list[str]:
        return [line.strip() for line in self.books.splitlines() if line.strip()]

    @property
    def audit_body_id(self) -> int:
        return int(self.body_id)


class Event(BaseModel, SignInFields):
    """One activity: a consultation, research, inspection, supervision, briefing, study, reading
    session or training; organised by a committee, a sector or a station; signed in to; its outcome."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="events"
    )
    type = models.ForeignKey(
        EventType, verbose_name=_("形式"), on_delete=models.PROTECT, related_name="events"
    )
    title = models.CharField(_("名称"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=16, choices=EventStatus.choices, default=EventStatus.PLANNED, db_index=True
    )
    held_on = models.DateField(_("日期"), db_index=True)
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    committee = models.ForeignKey(
        "orgs.SpecialCommittee",
        verbose_name=_("组织专委会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    sector = models.ForeignKey(
        "orgs.Sector",
        verbose_name=_("组织界别"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    station = models.ForeignKey(
        Station,
        verbose_name=_("组织站点"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    study_group = models.ForeignKey(
        StudyGroup,
        verbose_name=_("读书群"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name=_("计划事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    led_by = models.CharField(_("带队领导"), max_length=100, blank=True)
    officials = models.TextField(_("出席的党政领导和部门负责人"), blank=True, help_text=_("每行：姓名 职务"))
    agenda = models.TextField(_("议程"), blank=True, help_text=_("每行一项"))
    materials = models.TextField(_("会议材料"), blank=True, help_text=_("每行一件"))
    summary = models.TextField(_("活动情况"), blank=True)
    residents_count = models.PositiveIntegerField(_("参与群众人数"), default=0)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("履职活动")
        verbose_name_plural = _("履职活动")
        indexes = [models.Index(fields=["body", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("held_on")),
                name="event_dates_ordered",
                violation_error_message="结束日期不能早于开始日期。",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def official_list(self) -> list[str]:
        return [line.strip() for line in self.officials.splitlines() if line.strip()]

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    @property
    def material_list(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]

    @property
    def audit_body_id(self) -> int:
        return int(self.body_id)


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", _("待签到")
    LEAVE_REQUESTED = "leave_requested", _("请假待批")
    LEAVE = "leave", _("请假")
    PRESENT = "present", _("出席")
    LATE = "late", _("迟到")
    ABSENT = "absent", _("缺席")


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class Attendance(BaseModel):
    """One invited member at one meeting or event. Invitation makes the row; signing in, asking
    leave, staff approving it and closing the sign-in move its status."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("会议"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("活动"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    member = models.ForeignKey(
        "orgs.Member", verbose_name=_("委员/代表"), on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(
        _("出席情况"),
        max_length=16,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.INVITED,
        db_index=True,
    )
    # Denormalised from the meeting or event so that a year's figures read one table.
    body = models.ForeignKey("orgs.Body", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="+")
    on = models.DateField(_("日期"), db_index=True)
    signed_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    leave_reason = models.CharField(_("请假事由"), max_length=300, blank=True)
    leave_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    leave_decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)

    class Meta:
        ordering = ["on", "member__name"]
        verbose_name = _("出席记录")
        verbose_name_plural = _("出席记录")
        indexes = [models.Index(fields=["body", "on", "status"]), models.Index(fields=["member", "on"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(meeting__isnull=False) & Q(event__isnull=True))
                | (Q(meeting__isnull=True) & Q(event__isnull=False)),
                name="attendance_meeting_xor_event",
            ),
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(meeting__isnull=False),
                name="attendance_once_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["event", "member"], condition=Q(event__isnull=False), name="attendance_once_per_event"
            ),
        ]

    def __str__(self) -> str:
        gathering = self.meeting if self.meeting_id else self.event
        return f"{self.member.name} · {gathering} · {self.get_status_display()}"

    @property
    def audit_body_id(self) -> int:
        return int(self.body_id)


class SpeechKind(models.TextChoices):
    PLENARY = "plenary", _("大会发言")
    MEETING = "meeting", _("会议发言")


class SpeechStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已提交")
    SELECTED = "selected", _("已选用")
    DELIVERED = "delivered", _("已口头发言")
    PUBLISHED = "published", _("已书面印发")
    NOT_SELECTED = "not_selected", _("未选用")


class Speech(BaseModel):
    """大会发言 / 会议发言: a member submits, staff select, it is delivered or published in writing."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="speeches"
    )
    kind = models.CharField(_("类别"), max_length=16, choices=SpeechKind.choices, db_index=True)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="speeches",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("活动"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="speeches",
    )
    member = models.ForeignKey(
        "orgs.Member", verbose_name=_("发言人"), on_delete=models.PROTECT, related_name="speeches"
    )
    on_behalf_of = models.CharField(
        _("代表单位"), max_length=100, blank=True, help_text=_("以党派团体、界别名义发言时填写")
    )
    title = models.CharField(_("题目"), max_length=200)
    content = models.TextField(_("发言稿"))
    status = models.CharField(
        _("状态"), max_length=16, choices=SpeechStatus.choices, default=SpeechStatus.SUBMITTED, db_index=True
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("选用时间"), null=True, blank=True)
    delivered_on = models.DateField(_("发言日期"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("发言")
        verbose_name_plural = _("发言")

    def __str__(self) -> str:
        return self.title

    @property
    def audit_body_id(self) -> int:
        return int(self.body_id)


# ------------------------------------------------------------------------------------------- outcomes


class OutcomeKind(models.TextChoices):
    RESEARCH_REPORT = "research_report", _("调研报告")
    CONSULTATION_ADVICE = "consultation_advice", _("协商建议")
    SUPERVISION_OPINION = "supervision_opinion", _("监督意见")
    INSPECTION_REPORT = "inspection_report", _("视察报告")
    MINUTES = "minutes", _("协商纪要")


class OutcomeStatus(models.TextChoices):
    DRAFT = "draft", _("起草中")
    SENT = "sent", _("已报送")
    ANSWERED = "answered", _("已反馈")
    ACTED_ON = "acted_on", _("已转化落实")


class Outcome(BaseModel):
    """成果: the document an event produced, sent to named recipients. A recipient that owes an
    answer by a date is followed through on the casework engine (``case``), not here."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="outcomes"
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("活动"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outcomes",
    )
    kind = models.CharField(_("成果类别"), max_length=24, choices=OutcomeKind.choices, db_index=True)
    title = models.CharField(_("标题"), max_length=200)
    content = models.TextField(_("正文"))
    status = models.CharField(
        _("状态"), max_length=16, choices=OutcomeStatus.choices, default=OutcomeStatus.DRAFT, db_index=True
    )
    sent_on = models.DateField(_("报送日期"), null=True, blank=True, db_index=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报送人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_on = models.DateField(_("反馈日期"), null=True, blank=True)
    acted_on = models.DateField(_("转化日期"), null=True, blank=True)
    effect = models.TextField(_("转化成效"), blank=True)
    case = models.OneToOneField(
        "casework.Case",
        verbose_name=_("办理件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activity_outcome",
    )

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("履职成果")
        verbose_name_plural = _("履职成果")
        indexes = [models.Index(fields=["body", "kind", "sent_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_body_id(self) -> int:
        return int(self.body_id)


class OutcomeRecipient(BaseModel):
    """Where an outcome is sent: 市委, 市政府 or a named handling unit; ``owes_answer`` with
    ``due_on`` makes the unit answer through the engine."""

    outcome = models.ForeignKey(
        Outcome, verbose_name=_("成果"), on_delete=models.CASCADE, related_name="recipients"
    )
    name = models.CharField(_("报送对象"), max_length=100)
    unit = models.ForeignKey(
        "orgs.HandlingUnit",
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owes_answer = models.BooleanField(_("需书面反馈"), default=False)
    due_on = models.DateField(_("反馈期限"), null=True, blank=True)

    class Meta:
        ordering = ["outcome", "id"]
        verbose_name = _("报送对象")
        verbose_name_plural = _("报送对象")
        constraints = [
            models.CheckConstraint(
                condition=Q(owes_answer=False) | (Q(unit__isnull=False) & Q(due_on__isnull=False)),
                name="outcome_recipient_answer_needs_unit_and_date",
                violation_error_message="需要反馈的报送对象须为承办单位并有反馈期限。",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_body_id(self) -> int:
        return int(self.outcome.body_id)


# ------------------------------------------------------------------------------------------------ 文史


class CultureCall(BaseModel):
    """文史资料征集: a call for contributions on a theme."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="culture_calls"
    )
    title = models.CharField(_("征集主题"), max_length=200)
    description = models.TextField(_("征集说明"), blank=True)
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("文史征集")
        verbose_name_plural = _("文史征集")

    def __str__(self) -> str:
        return self.title

    @property
    def audit_body_id(self) -> int:
        return int(self.body_id)


class CultureVolume(BaseModel):
    """A published 文史资料 volume: 书名, 辑, date."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="culture_volumes"
    )
    series = models.CharField(_("书名"), max_length=100)
    number = models.PositiveSmallIntegerField(_("辑"))
    subtitle = models.CharField(_("分册名"), max_length=200, blank=True)
    published_on = models.DateField(_("出版日期"), null=True, blank=True)
    publisher = models.CharField(_("出版社"), max_length=100, blank=True)
    word_count = models.PositiveIntegerField(_("字数（万字）"), default=0)

    class Meta:
        ordering = ["-published_on", "series", "number"]
        verbose_name = _("文史资料")
        verbose_name_plural = _("文史资料")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "series", "number"],
                name="culture_volume_unique",
                violation_error_message="该书已有此辑。",
            )
        ]

    def __str__(self) -> str:
        return f"《{self.series}》第{self.number}辑"

    @property
    def audit_body_id(self) -> int:
        return int(self.body_id)


class ManuscriptStage(models.TextChoices):
    RECEIVED = "received", _("已收稿")
    EDITING = "editing", _("编辑中")
    REVIEWED = "reviewed", _("已审定")
    PUBLISHED = "published", _("已刊用")
    RETURNED = "returned", _("未采用")


class Manuscript(BaseModel):
    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="manuscripts"
    )
    call = models.ForeignKey(
        CultureCall,
        verbose_name=_("征集"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="manuscripts",
    )
    volume = models.ForeignKey(
        CultureVolume,
        verbose_name=_("收入"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="manuscripts",
    )
    title = models.CharField(_("篇名"), max_length=200)
    contributors = models.ManyToManyField(
        "orgs.Member", verbose_name=_("撰稿委员"), blank=True, related_name="manuscripts"
    )
    other_contributors = models.CharField(_("其他撰稿人"), max_length=200, blank=True)
    word_count = models.PositiveIntegerField(_("字数"), default=0)
    stage = models.CharField(
        _("编辑阶段"),
        max_length=16,
        choices=ManuscriptStage.choices,
        default=ManuscriptStage.RECEIVED,
        db_index=True,
    )
    received_on = models.DateField(_("收稿日期"))

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("文史稿件")
        verbose_name_plural = _("文史稿件")

    def __str__(self) -> str:
        return self.title

    @property
    def audit_body_id(self) -> int:
        return int(self.body_id)


# ----------------------------------------------------------------------------------------- online duty


class DutyThreadStatus(models.TextChoices):
    OPEN = "open", _("征集中")
    CLOSED = "closed", _("已截止")
    COMPILED = "compiled", _("已汇编")


class DutyThread(BaseModel):
    """网络议政 / 线上履职: a thread on an event or a topic; members post; staff compile the
    chosen posts into an outcome."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="duty_threads"
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("活动"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duty_threads",
    )
    topic = models.CharField(_("议题"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=DutyThreadStatus.choices,
        default=DutyThreadStatus.OPEN,
        db_index=True,
    )
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    outcome = models.ForeignKey(
        Outcome,
        verbose_name=_("汇编成果"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duty_threads",
    )

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("网络议政")
        verbose_name_plural = _("网络议政")

    def __str__(self) -> str:
        return self.topic

    @property
    def audit_body_id(self) -> int:
        return int(self.body_id)


class DutyPost(BaseModel):
    thread = models.ForeignKey(
        DutyThread, verbose_name=_("议题"), on_delete=models.CASCADE, related_name="posts"
    )
    member = models.ForeignKey(
        "orgs.Member", verbose_name=_("委员/代表"), on_delete=models.PROTECT, related_name="duty_posts"
    )
    text = models.TextField(_("内容"))
    is_compiled = models.BooleanField(_("已采编"), default=False)

    class Meta:
        ordering = ["thread", "created_at", "id"]
        verbose_name = _("议政发言")
        verbose_name_plural = _("议政发言")

    def __str__(self) -> str:
        return self.text[:30]

    @property
    def audit_body_id(self) -> int:
        return int(self.thread.body_id)
