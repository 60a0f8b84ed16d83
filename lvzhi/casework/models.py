from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvzhi.core.models import BaseModel

from .workflow import kind_label, workflow_for


class CaseCategory(models.TextChoices):
    ECONOMY = "economy", _("经济建设")
    POLITICS = "politics", _("政治建设")
    CULTURE = "culture", _("文化建设")
    SOCIETY = "society", _("社会建设")
    ECOLOGY = "ecology", _("生态文明建设")
    PARTY = "party", _("党的建设")
    OTHER = "other", _("其他")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("主办")
    ASSISTING = "assisting", _("协办")
    JOINT = "joint", _("会办")
    SPLIT = "split", _("分办")


REPLYING_ROLES = (AssignmentRole.LEAD, AssignmentRole.JOINT, AssignmentRole.SPLIT)


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("待签收")
    ACCEPTED = "accepted", _("已签收")
    REROUTE = "reroute", _("申请调整")
    REPLIED = "replied", _("已答复")
    WITHDRAWN = "withdrawn", _("已撤回")


LIVE_ASSIGNMENT = ~Q(status=AssignmentStatus.WITHDRAWN)


class ReplyCategory(models.TextChoices):
    A = "a", _("A类 已解决或采纳")
    B = "b", _("B类 列入计划拟解决")
    C = "c", _("C类 因条件限制留作参考")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class ReviewResult(models.TextChoices):
    """回头看: how far a B-category promise has been kept."""

    DONE = "done", _("已落实")
    PARTLY = "partly", _("部分落实，正在推进")
    NOT_DONE = "not_done", _("尚未落实")


class ContactMode(models.TextChoices):
    FACE = "face", _("当面沟通")
    PHONE = "phone", _("电话沟通")
    MEETING = "meeting", _("座谈会")
    VISIT = "visit", _("实地走访")
    LETTER = "letter", _("书面沟通")


class ContactStage(models.TextChoices):
    BEFORE = "before", _("办前沟通")
    DURING = "during", _("办中沟通")
    AFTER = "after", _("办后沟通")


class ChaseLevel(models.TextChoices):
    REMIND = "remind", _("提醒")
    WARN = "warn", _("预警")
    CHASE = "chase", _("督办")
    NOTICE = "notice", _("通报")


class SubmitterKind(models.TextChoices):
    INDIVIDUAL = "individual", _("个人")
    JOINT = "joint", _("联名")
    SECTOR = "sector", _("界别")
    PARTY = "party", _("党派团体")
    COMMITTEE = "committee", _("专委会")
    DELEGATION = "delegation", _("代表团")


DEFAULT_DECLINE_REASONS: tuple[tuple[str, str], ...] = (
    ("out_of_scope", "不属于受理范围"),
    ("vague", "内容空泛"),
    ("multiple_topics", "一事多议"),
    ("in_progress", "已在办理或已解决"),
    ("personal", "涉及个人或具体案件"),
    ("other", "其他"),
)


# One limit per field for the web form, the API and the service that checks both.
TITLE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 20_000


class Case(BaseModel):
    """One submitted item of any kind; only ``services.case_transition`` writes ``state``."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="cases"
    )
    kind = models.CharField(_("类型"), max_length=32, db_index=True)
    state = models.CharField(_("状态"), max_length=32, db_index=True)
    version = models.PositiveIntegerField(_("版本"), default=0)
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    session = models.ForeignKey(
        "orgs.Session",
        verbose_name=_("会议"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    serial = models.PositiveIntegerField(_("流水号"), null=True, blank=True)
    number = models.CharField(_("案号"), max_length=40, blank=True, db_index=True)
    title = models.CharField(_("标题"), max_length=200)
    background = models.TextField(_("案由"), blank=True)
    content = models.TextField(_("建议/办法"))
    category = models.CharField(
        _("类别"), max_length=16, choices=CaseCategory.choices, default=CaseCategory.OTHER, db_index=True
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_cases",
    )
    submitter_member = models.ForeignKey(
        "orgs.Member",
        verbose_name=_("领衔人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    submitter_kind = models.CharField(
        _("提出方式"), max_length=16, choices=SubmitterKind.choices, default=SubmitterKind.INDIVIDUAL
    )
    submitter_name = models.CharField(
        _("提出者"), max_length=100, blank=True, help_text=_("个人姓名，或界别、党派团体、专委会、代表团名称")
    )
    proposed_units = models.ManyToManyField(
        "orgs.HandlingUnit", verbose_name=_("建议承办单位"), blank=True, related_name="proposed_cases"
    )
    is_key = models.BooleanField(_("重点件"), default=False, db_index=True)
    lead_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("领衔督办领导"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_cases",
    )
    is_public = models.BooleanField(_("同意公开"), default=True)
    public_note = models.CharField(_("不公开理由"), max_length=200, blank=True)
    is_excellent = models.BooleanField(_("优秀件"), default=False)
    decline_reason = models.CharField(_("不予立案理由"), max_length=32, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("并入"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="absorbed",
    )
    derived_from = models.ForeignKey(
        "self",
        verbose_name=_("转自"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="derived",
    )
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    reply_category = models.CharField(
        _("答复类别"), max_length=1, choices=ReplyCategory.choices, blank=True, db_index=True
    )
    rating = models.CharField(_("评价"), max_length=16, choices=Rating.choices, blank=True, db_index=True)
    due_on = models.DateField(_("办理期限"), null=True, blank=True, db_index=True)
    followup_on = models.DateField(_("承诺完成日期"), null=True, blank=True)
    carried_over = models.BooleanField(_("结转"), default=False)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    registered_at = models.DateTimeField(_("立案时间"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("交办时间"), null=True, blank=True)
    replied_at = models.DateTimeField(_("办复时间"), null=True, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-serial", "-id"]
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        indexes = [
            models.Index(fields=["body", "kind", "year", "state"]),
            models.Index(fields=["body", "kind", "state", "due_on"]),
            # Every case list reads a body's cases newest first, a page at a time: an ordered index
            # scan stops after the page instead of sorting the year; the included columns let the
            # page count (drafts are private) run on the index alone on PostgreSQL.
            models.Index(
                fields=["body", "-year", "-serial", "-id"],
                include=["submitted_at", "submitter_id"],
                name="case_list_order",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind", "year", "serial"],
                condition=Q(serial__isnull=False),
                name="case_unique_serial",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def state_label(self) -> str:
        wf = workflow_for(self.kind)
        return wf.state_label(self.state) if wf else self.state

    def get_state_display(self) -> str:
        return self.state_label


class Cosponsor(BaseModel):
    """联名人: invited by the submitter, confirms before submission; merged cases credit theirs here."""

    class Status(models.TextChoices):
        INVITED = "invited", _("待确认")
        CONFIRMED = "confirmed", _("已确认")
        DECLINED = "declined", _("已谢绝")

    class Source(models.TextChoices):
        COSIGN = "cosign", _("联名")
        MERGED = "merged", _("并案")

    case = models.ForeignKey(
        Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="cosponsors"
    )
    member = models.ForeignKey(
        "orgs.Member", verbose_name=_("委员/代表"), on_delete=models.PROTECT, related_name="cosponsored_cases"
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.INVITED)
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices, default=Source.COSIGN)
    responded_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("联名人")
        verbose_name_plural = _("联名人")
        constraints = [models.UniqueConstraint(fields=["case", "member"], name="cosponsor_once_per_case")]

    def __str__(self) -> str:
        return f"{self.member} · {self.get_status_display()}"


class Assignment(BaseModel):
    """交办: one handling unit's part in one case, with its own deadline."""

    case = models.ForeignKey(
        Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        "orgs.HandlingUnit", verbose_name=_("承办单位"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("办理方式"), max_length=16, choices=AssignmentRole.choices)
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ASSIGNED,
        db_index=True,
    )
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    assigned_on = models.DateField(_("交办日期"))
    due_on = models.DateField(_("答复期限"), db_index=True)
    reroute_until = models.DateField(_("可申请调整至"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    reroute_reason = models.CharField(_("调整理由"), max_length=500, blank=True)

    class Meta:
        ordering = ["case", "role", "id"]
        verbose_name = _("交办")
        verbose_name_plural = _("交办")
        # Boards and the deadline sweep read open assignments by status and role, ranged by due date.
        indexes = [models.Index(fields=["status", "role", "due_on"], name="assignment_open_due_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "unit", "role"],
                condition=~Q(status="withdrawn"),
                name="assignment_one_open_per_case_unit_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_role_display()}"

    @property
    def body_id(self) -> int:
        return int(self.case.body_id)


class Contact(BaseModel):
    """办前 / 办中 / 办后沟通 recorded by the handling unit."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="contacts")
    assignment = models.ForeignKey(
        Assignment, verbose_name=_("交办"), on_delete=models.CASCADE, related_name="contacts"
    )
    stage = models.CharField(_("阶段"), max_length=16, choices=ContactStage.choices)
    mode = models.CharField(_("方式"), max_length=16, choices=ContactMode.choices)
    on = models.DateField(_("日期"))
    note = models.TextField(_("沟通情况"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["case", "on", "id"]
        verbose_name = _("沟通记录")
        verbose_name_plural = _("沟通记录")

    def __str__(self) -> str:
        return f"{self.get_stage_display()} · {self.get_mode_display()} · {self.on}"


class Reply(BaseModel):
    """答复: the lead / joint / split unit's answer (with a category) or an assisting unit's opinion (会签)."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="replies")
    assignment = models.ForeignKey(
        Assignment, verbose_name=_("交办"), on_delete=models.CASCADE, related_name="replies"
    )
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    category = models.CharField(_("答复类别"), max_length=1, choices=ReplyCategory.choices, blank=True)
    original_category = models.CharField(
        _("原答复类别"), max_length=1, choices=ReplyCategory.choices, blank=True
    )
    content = models.TextField(_("答复内容"))
    signed_by = models.CharField(_("签发人"), max_length=50)
    promised_on = models.DateField(_("承诺完成日期"), null=True, blank=True)
    attachment = models.FileField(_("附件"), upload_to="replies/%Y/", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["case", "round", "id"]
        verbose_name = _("答复")
        verbose_name_plural = _("答复")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "round"], name="reply_once_per_assignment_round"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment.unit} · {self.get_category_display() or '协办意见'}"


def _attachment_path(instance: Any, filename: str) -> str:
    # Stored under a random name: the sender's file name is a label, never a path on disk.
    return f"cases/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{instance.kind}"


class Attachment(BaseModel):
    """A document on a case: with a reply, a contact record or a progress report, or on its own.

    Its ``kind`` was read from the file's bytes (``files.sniff``); the name is only a label.
    """

    case = models.ForeignKey(
        Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="attachments"
    )
    event = models.ForeignKey(
        "CaseEvent",
        verbose_name=_("办理记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
    )
    reply = models.ForeignKey(
        Reply,
        verbose_name=_("答复"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("沟通记录"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("文件"), upload_to=_attachment_path, max_length=200)
    name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=8)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("摘要"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_by_name = models.CharField(_("上传人"), max_length=100, blank=True)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["pdf", "docx", "xlsx", "jpg", "png"]), name="attachment_kind_allowed"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Feedback(BaseModel):
    """评价: the submitter (and co-sponsors) rate a round of replies."""

    class Consulted(models.TextChoices):
        FACE = "face", _("当面沟通")
        PHONE = "phone", _("电话或书面沟通")
        NONE = "none", _("未沟通")

    class Attitude(models.TextChoices):
        GOOD = "good", _("认真负责")
        FAIR = "fair", _("一般")
        POOR = "poor", _("敷衍")

    class Result(models.TextChoices):
        SOLVED = "solved", _("问题已解决")
        PLANNED = "planned", _("已列入计划")
        EXPLAINED = "explained", _("已作解释说明")
        NONE = "none", _("未解决")

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="feedbacks")
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评价人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_submitter = models.BooleanField(_("提出人评价"), default=True)
    rating = models.CharField(_("评价"), max_length=16, choices=Rating.choices)
    comment = models.TextField(_("意见"), blank=True)
    consulted = models.CharField(_("沟通方式"), max_length=16, choices=Consulted.choices, blank=True)
    attitude = models.CharField(_("办理态度"), max_length=16, choices=Attitude.choices, blank=True)
    addresses_points = models.BooleanField(_("答复针对所提问题"), null=True, blank=True)
    result = models.CharField(_("办理结果"), max_length=16, choices=Result.choices, blank=True)

    class Meta:
        ordering = ["case", "round", "id"]
        verbose_name = _("评价")
        verbose_name_plural = _("评价")
        constraints = [
            models.UniqueConstraint(fields=["case", "round", "rater"], name="feedback_once_per_round_rater"),
            models.CheckConstraint(
                condition=Q(rating__in=["satisfied", "basic", "unsatisfied"]), name="feedback_rating_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.get_rating_display()}"


class Chase(BaseModel):
    """督办 and the automatic escalation ladder 提醒 → 预警 → 督办 → 通报."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="chases")
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("交办"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="chases",
    )
    level = models.CharField(_("级别"), max_length=16, choices=ChaseLevel.choices)
    note = models.TextField(_("督办意见"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("督办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_automatic = models.BooleanField(_("系统自动"), default=False)

    class Meta:
        ordering = ["case", "-created_at"]
        verbose_name = _("督办")
        verbose_name_plural = _("督办")

    def __str__(self) -> str:
        return f"{self.get_level_display()} · {self.case_id}"


class CaseEvent(models.Model):
    """One step in a case's life: who, when, from, to, note, data. The timeline reads these."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=48, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("操作人"), max_length=100, blank=True)
    from_state = models.CharField(_("原状态"), max_length=32, blank=True)
    to_state = models.CharField(_("新状态"), max_length=32, blank=True)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    at = models.DateTimeField(_("时间"), db_index=True)

    class Meta:
        ordering = ["case", "at", "id"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} {self.from_state}→{self.to_state}"


class Notification(models.Model):
    """站内提醒 for the people a step concerns."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="case_notifications",
    )
    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(
        CaseEvent, verbose_name=_("记录"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.CharField(_("内容"), max_length=300)
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("提醒")
        verbose_name_plural = _("提醒")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.message


class HolidayOverride(BaseModel):
    """法定节假日 / 调休 for years the chinese-calendar package does not know, edited by staff."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是工作日"))
    note = models.CharField(_("说明"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")

    def __str__(self) -> str:
        return f"{self.date} {'上班' if self.is_workday else '放假'} {self.note}"


class DeclineReason(BaseModel):
    """A body's own coded 不予立案 reasons, beyond the defaults."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="decline_reasons"
    )
    code = models.SlugField(_("代码"), max_length=32)
    label = models.CharField(_("理由"), max_length=100)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["body", "order", "code"]
        verbose_name = _("不予立案理由")
        verbose_name_plural = _("不予立案理由")
        constraints = [models.UniqueConstraint(fields=["body", "code"], name="decline_reason_unique_code")]

    def __str__(self) -> str:
        return self.label


class KindSetting(BaseModel):
    """Per body and kind: deadlines that differ from the workflow's defaults."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="case_settings"
    )
    kind = models.CharField(_("类型"), max_length=32)
    reply_days = models.PositiveSmallIntegerField(_("答复期限（天）"), null=True, blank=True)
    rehandle_days = models.PositiveSmallIntegerField(_("重新办理期限（天）"), null=True, blank=True)
    reroute_window_workdays = models.PositiveSmallIntegerField(
        _("调整交办申请期（工作日）"), null=True, blank=True
    )
    publish_replies = models.BooleanField(_("公开答复"), default=False)

    class Meta:
        ordering = ["body", "kind"]
        verbose_name = _("办理设置")
        verbose_name_plural = _("办理设置")
        constraints = [models.UniqueConstraint(fields=["body", "kind"], name="kind_setting_unique")]

    def __str__(self) -> str:
        return f"{self.body} · {kind_label(self.kind)}"


class CaseTracker(BaseModel):
    """A case submitted without an account (the public portal, a letter): whom to answer, and
    the hash of the tracking code they follow it with. The raw code is shown once and never stored.

    Added for 社情民意 / 微建议 / 信访 (issue 5); any kind may use it. Who may read the contact
    data is the kind's decision (信访: petition staff only); the engine never shows it.
    """

    case = models.OneToOneField(
        Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="tracker"
    )
    code_hash = models.CharField(_("查询码摘要"), max_length=64, unique=True)
    channel = models.CharField(_("渠道"), max_length=16, default="web")
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    last_viewed_at = models.DateTimeField(_("最近查询"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("查询码")
        verbose_name_plural = _("查询码")

    def __str__(self) -> str:
        return f"{self.case_id} · {self.channel}"
