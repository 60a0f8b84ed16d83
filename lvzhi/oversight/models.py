"""人大监督 and the standing committee's other statutory records.

Every record belongs to a congress body (``Body.kind == "congress"``). What an organ owes
back (审议意见的研究处理情况, 执法检查整改清单的销号, 预算执行的询问) runs on the casework
engine: the records here keep a link to the case, never a copy of its state.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lvzhi.core.models import BaseModel

BODY = "orgs.Body"
UNIT = "orgs.HandlingUnit"
MEMBER = "orgs.Member"
CASE = "casework.Case"
MEETING = "activities.Meeting"


def _meeting_fk(label: str = "会议") -> models.ForeignKey[Any, Any]:
    """The meeting (activities' register) that heard, voted or reviewed the item."""
    return models.ForeignKey(
        MEETING, verbose_name=_(label), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )


class Record(BaseModel):
    """A top-level record with its own page (the figure page links the records behind a figure)."""

    URL_KEY = ""

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse("oversight:detail", kwargs={"key": self.URL_KEY, "pk": self.pk})


def _body_fk(related: str) -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(BODY, verbose_name=_("机构"), on_delete=models.PROTECT, related_name=related)


class OrganKind(models.TextChoices):
    GOVERNMENT = "government", _("人民政府")
    DEPARTMENT = "department", _("政府部门")
    SUPERVISION = "supervision", _("监察委员会")
    COURT = "court", _("人民法院")
    PROCURATORATE = "procuratorate", _("人民检察院")
    CONGRESS = "congress", _("人大专门委员会/工作机构")


# ---------------------------------------------------------------- 听取审议工作报告


class ReviewType(models.TextChoices):
    SPECIAL = "special", _("专项工作报告")
    PLAN = "plan", _("计划执行")
    BUDGET = "budget", _("预算执行")
    FINAL_ACCOUNTS = "final_accounts", _("决算")
    AUDIT = "audit", _("审计工作")
    AUDIT_RECTIFICATION = "audit_rectification", _("审计查出问题整改")
    STATE_ASSETS = "state_assets", _("国有资产管理")
    GOVERNMENT_DEBT = "government_debt", _("政府债务")


class WorkReport(Record):
    """听取审议专项工作报告: one report heard at a standing-committee meeting."""

    URL_KEY = "work-reports"
    body = _body_fk("work_reports")
    title = models.CharField(_("报告名称"), max_length=200)
    review_type = models.CharField(
        _("审议类别"), max_length=24, choices=ReviewType.choices, default=ReviewType.SPECIAL, db_index=True
    )
    organ_kind = models.CharField(
        _("报告机关"), max_length=16, choices=OrganKind.choices, default=OrganKind.GOVERNMENT
    )
    organ = models.ForeignKey(
        UNIT,
        verbose_name=_("报告单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("审议意见交其研究处理并报告"),
    )
    meeting = _meeting_fk("审议会议")
    reviewed_on = models.DateField(_("审议日期"), db_index=True)
    research = models.TextField(_("会前调研"), blank=True)
    opinion = models.TextField(_("审议意见"), blank=True)
    opinion_sent_on = models.DateField(_("审议意见交办日期"), null=True, blank=True)
    report_back_due_on = models.DateField(_("研究处理情况报告期限"), null=True, blank=True)
    report_back_case = models.ForeignKey(
        CASE,
        verbose_name=_("研究处理情况（办理件）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        verbose_name = _("工作报告审议")
        verbose_name_plural = _("工作报告审议")

    def __str__(self) -> str:
        return self.title


class Deliberation(BaseModel):
    """A member's deliberation opinion (审议发言) on a report."""

    report = models.ForeignKey(
        WorkReport, verbose_name=_("报告"), on_delete=models.CASCADE, related_name="deliberations"
    )
    member = models.ForeignKey(
        MEMBER, verbose_name=_("组成人员"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    speaker = models.CharField(_("发言人"), max_length=50)
    text = models.TextField(_("审议意见"))

    class Meta:
        ordering = ["report", "id"]
        verbose_name = _("审议发言")
        verbose_name_plural = _("审议发言")

    def __str__(self) -> str:
        return f"{self.speaker}：{self.text[:20]}"

    @property
    def audit_body_id(self) -> int:
        return int(self.report.body_id)


# ---------------------------------------------------------------- 满意度测评 / 工作评议


class PollKind(models.TextChoices):
    SATISFACTION = "satisfaction", _("满意度测评")
    APPRAISAL = "appraisal", _("工作评议")


class PollState(models.TextChoices):
    DRAFT = "draft", _("未开始")
    OPEN = "open", _("投票中")
    CLOSED = "closed", _("已结束")


class Choice(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class Poll(Record):
    """A secret vote: only the three totals are stored, never a ballot.

    ``PollSeat`` says who is present and whether they have voted; the choice goes straight
    into a total with an UPDATE that fires no signal and writes no audit row.
    """

    URL_KEY = "polls"
    body = _body_fk("polls")
    kind = models.CharField(_("类别"), max_length=16, choices=PollKind.choices, default=PollKind.SATISFACTION)
    title = models.CharField(_("测评事项"), max_length=200)
    subject = models.CharField(_("测评对象"), max_length=100)
    work_report = models.ForeignKey(
        WorkReport,
        verbose_name=_("所审议报告"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="polls",
    )
    meeting = _meeting_fk("测评会议")
    held_on = models.DateField(_("测评日期"), db_index=True)
    state = models.CharField(_("状态"), max_length=8, choices=PollState.choices, default=PollState.DRAFT)
    opened_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    satisfied = models.PositiveIntegerField(_("满意"), default=0)
    basic = models.PositiveIntegerField(_("基本满意"), default=0)
    unsatisfied = models.PositiveIntegerField(_("不满意"), default=0)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("满意度测评")
        verbose_name_plural = _("满意度测评")

    def __str__(self) -> str:
        return self.title

    @property
    def cast(self) -> int:
        return self.satisfied + self.basic + self.unsatisfied

    @property
    def tally_text(self) -> str:
        """The published tally; nothing while the poll is open (no running count to watch)."""
        if self.state != PollState.CLOSED:
            return ""
        return f"满意 {self.satisfied} · 基本满意 {self.basic} · 不满意 {self.unsatisfied}"

    @property
    def approval_rate(self) -> float | None:
        """满意和基本满意率, in percent, once anyone voted."""
        return round((self.satisfied + self.basic) * 100 / self.cast, 1) if self.cast else None


class PollSeat(BaseModel):
    """A member on a poll's roll: present or not, voted or not — never what they chose."""

    poll = models.ForeignKey(Poll, verbose_name=_("测评"), on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(MEMBER, verbose_name=_("组成人员"), on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("出席"), default=True)
    has_voted = models.BooleanField(_("已投票"), default=False)

    class Meta:
        ordering = ["poll", "member__name"]
        verbose_name = _("测评名单")
        verbose_name_plural = _("测评名单")
        constraints = [models.UniqueConstraint(fields=["poll", "member"], name="poll_seat_once")]

    def __str__(self) -> str:
        return f"{self.poll} · {self.member}"


# ---------------------------------------------------------------- 执法检查


class LawInspection(Record):
    URL_KEY = "law-inspections"
    body = _body_fk("law_inspections")
    title = models.CharField(_("检查名称"), max_length=200)
    law = models.CharField(_("法律法规"), max_length=200)
    team = models.TextField(_("检查组"), blank=True)
    team_members: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        MEMBER, verbose_name=_("参加检查的组成人员和代表"), blank=True, related_name="+"
    )
    plan = models.TextField(_("检查方案"), blank=True)
    started_on = models.DateField(_("开始日期"), db_index=True)
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    sites = models.TextField(_("实地检查点位"), blank=True)
    problems = models.TextField(_("发现的问题"), blank=True)
    report = models.TextField(_("执法检查报告"), blank=True)
    reviewed_on = models.DateField(_("常委会审议日期"), null=True, blank=True)
    meeting = _meeting_fk("审议会议")
    follow_up = models.TextField(_("跟踪监督"), blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("执法检查")
        verbose_name_plural = _("执法检查")

    def __str__(self) -> str:
        return self.title


class RectificationItem(BaseModel):
    """整改清单的一项: owner, deadline; 销号 when its case on the engine closes."""

    inspection = models.ForeignKey(
        LawInspection, verbose_name=_("执法检查"), on_delete=models.CASCADE, related_name="items"
    )
    description = models.CharField(_("问题及整改要求"), max_length=500)
    owner = models.ForeignKey(UNIT, verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("整改期限"))
    case = models.ForeignKey(
        CASE, verbose_name=_("整改件"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["inspection", "due_on", "id"]
        verbose_name = _("整改事项")
        verbose_name_plural = _("整改事项")

    def __str__(self) -> str:
        return self.description[:40]

    @property
    def case_state(self) -> str:
        return str(self.case.state_label) if self.case_id and self.case else "—"

    @property
    def audit_body_id(self) -> int:
        return int(self.inspection.body_id)


# ---------------------------------------------------------------- 专题询问


class Inquiry(Record):
    URL_KEY = "inquiries"
    body = _body_fk("inquiries")
    topic = models.CharField(_("询问主题"), max_length=200)
    held_on = models.DateField(_("询问日期"), db_index=True)
    meeting = _meeting_fk("询问会议")
    work_report = models.ForeignKey(
        WorkReport,
        verbose_name=_("结合审议的报告"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    follow_up = models.TextField(_("跟踪落实"), blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("专题询问")
        verbose_name_plural = _("专题询问")

    def __str__(self) -> str:
        return self.topic


class InquiryQuestion(BaseModel):
    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("专题询问"), on_delete=models.CASCADE, related_name="questions"
    )
    asker = models.ForeignKey(
        MEMBER, verbose_name=_("询问人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    asker_name = models.CharField(_("询问人"), max_length=50)
    question = models.TextField(_("问题"))
    answerer = models.CharField(_("应询人（姓名、职务）"), max_length=100)
    answer = models.TextField(_("回答"), blank=True)

    class Meta:
        ordering = ["inquiry", "id"]
        verbose_name = _("询问问题")
        verbose_name_plural = _("询问问题")

    def __str__(self) -> str:
        return self.question[:40]

    @property
    def audit_body_id(self) -> int:
        return int(self.inquiry.body_id)


# ---------------------------------------------------------------- 预算联网监督


class BudgetLine(Record):
    URL_KEY = "budget-lines"
    body = _body_fk("budget_lines")
    year = models.PositiveSmallIntegerField(_("预算年度"), db_index=True)
    code = models.CharField(_("项目编码"), max_length=40)
    name = models.CharField(_("项目名称"), max_length=200)
    department = models.ForeignKey(
        UNIT, verbose_name=_("预算单位"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("预算数（万元）"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["body", "-year", "code"]
        verbose_name = _("预算项目")
        verbose_name_plural = _("预算项目")
        constraints = [models.UniqueConstraint(fields=["body", "year", "code"], name="budget_line_code_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class BudgetExecution(BaseModel):
    """Cumulative execution to the end of ``month`` (the finance bureau's monthly export)."""

    line = models.ForeignKey(
        BudgetLine, verbose_name=_("预算项目"), on_delete=models.CASCADE, related_name="executions"
    )
    month = models.PositiveSmallIntegerField(_("月份"))
    executed = models.DecimalField(_("累计支出（万元）"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["line", "month"]
        verbose_name = _("预算执行")
        verbose_name_plural = _("预算执行")
        constraints = [
            models.UniqueConstraint(fields=["line", "month"], name="budget_execution_month_once"),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="budget_execution_month_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.month}月"

    @property
    def audit_body_id(self) -> int:
        return int(self.line.body_id)


class BudgetRuleKind(models.TextChoices):
    LAG = "lag", _("执行滞后")
    OVERRUN = "overrun", _("超预算支出")


class BudgetRule(BaseModel):
    """A rule the office sets: lag = rate below the time schedule by more than ``tolerance``
    percentage points (from ``from_month`` on); overrun = spent more than the budget by more
    than ``tolerance`` percent."""

    body = _body_fk("budget_rules")
    name = models.CharField(_("规则名称"), max_length=100)
    kind = models.CharField(_("类别"), max_length=8, choices=BudgetRuleKind.choices)
    tolerance = models.DecimalField(_("容差（百分点/百分比）"), max_digits=5, decimal_places=1, default=0)
    from_month = models.PositiveSmallIntegerField(_("起始月份"), default=1)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["body", "kind", "id"]
        verbose_name = _("预警规则")
        verbose_name_plural = _("预警规则")

    def __str__(self) -> str:
        return self.name


class BudgetFlag(BaseModel):
    line = models.ForeignKey(
        BudgetLine, verbose_name=_("预算项目"), on_delete=models.CASCADE, related_name="flags"
    )
    rule = models.ForeignKey(
        BudgetRule, verbose_name=_("预警规则"), on_delete=models.PROTECT, related_name="flags"
    )
    month = models.PositiveSmallIntegerField(_("月份"))
    rate = models.DecimalField(_("执行率（%）"), max_digits=7, decimal_places=1)
    case = models.ForeignKey(
        CASE, verbose_name=_("询问件"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-month", "line"]
        verbose_name = _("预警")
        verbose_name_plural = _("预警")
        constraints = [models.UniqueConstraint(fields=["line", "rule", "month"], name="budget_flag_once")]

    def __str__(self) -> str:
        return f"{self.line} {self.month}月 {self.rule}"

    @property
    def audit_body_id(self) -> int:
        return int(self.line.body_id)


# ---------------------------------------------------------------- 决议决定 · 任免 · 代表变动


class VoteState(models.TextChoices):
    PENDING = "pending", _("待表决")
    ADOPTED = "adopted", _("通过")
    REJECTED = "rejected", _("未通过")


class ResolutionKind(models.TextChoices):
    RESOLUTION = "resolution", _("决议")
    DECISION = "decision", _("决定")


class Resolution(Record):
    URL_KEY = "resolutions"
    body = _body_fk("resolutions")
    kind = models.CharField(
        _("类别"), max_length=16, choices=ResolutionKind.choices, default=ResolutionKind.DECISION
    )
    title = models.CharField(_("名称"), max_length=200)
    draft = models.TextField(_("草案"), blank=True)
    meeting = _meeting_fk("表决会议")
    state = models.CharField(_("状态"), max_length=8, choices=VoteState.choices, default=VoteState.PENDING)
    voted_on = models.DateField(_("表决日期"), null=True, blank=True, db_index=True)
    in_office = models.PositiveSmallIntegerField(_("在任组成人员"), default=0)
    present = models.PositiveSmallIntegerField(_("出席"), default=0)
    votes_for = models.PositiveSmallIntegerField(_("赞成"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("反对"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("弃权"), default=0)
    text = models.TextField(_("公布文本"), blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)

    @property
    def vote_text(self) -> str:
        if self.state == VoteState.PENDING:
            return ""
        return f"在任 {self.in_office}，出席 {self.present}：赞成 {self.votes_for}，反对 {self.votes_against}，弃权 {self.votes_abstain}"

    class Meta:
        ordering = ["-voted_on", "-id"]
        verbose_name = _("决议决定")
        verbose_name_plural = _("决议决定")

    def __str__(self) -> str:
        return self.title


class AppointmentAction(models.TextChoices):
    APPOINT = "appoint", _("任命")
    REMOVE = "remove", _("免职")
    ELECT = "elect", _("选举/补选")
    ACCEPT_RESIGNATION = "resign", _("接受辞职")


class Appointment(Record):
    URL_KEY = "appointments"
    body = _body_fk("appointments")
    person = models.CharField(_("姓名"), max_length=50)
    action = models.CharField(
        _("任免事项"), max_length=8, choices=AppointmentAction.choices, default=AppointmentAction.APPOINT
    )
    post = models.CharField(_("职务"), max_length=150)
    organ = models.CharField(
        _("提请机关"), max_length=16, choices=OrganKind.choices, default=OrganKind.GOVERNMENT
    )
    nominated_on = models.DateField(_("提请日期"))
    exam_on = models.DateField(_("任前法律知识考试日期"), null=True, blank=True)
    exam_score = models.DecimalField(_("考试成绩"), max_digits=5, decimal_places=1, null=True, blank=True)
    statement = models.TextField(_("供职发言"), blank=True)
    meeting = _meeting_fk("表决会议")
    state = models.CharField(_("状态"), max_length=8, choices=VoteState.choices, default=VoteState.PENDING)
    voted_on = models.DateField(_("表决日期"), null=True, blank=True, db_index=True)
    votes_for = models.PositiveSmallIntegerField(_("赞成"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("反对"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("弃权"), default=0)
    oath_on = models.DateField(_("宪法宣誓日期"), null=True, blank=True)

    class Meta:
        ordering = ["-nominated_on", "-id"]
        verbose_name = _("任免")
        verbose_name_plural = _("任免")

    def __str__(self) -> str:
        return (
            f"{self.get_action_display()}{self.person}为{self.post}"
            if self.action == AppointmentAction.APPOINT
            else f"{self.get_action_display()} {self.person} {self.post}"
        )

    @property
    def needs_exam(self) -> bool:
        """任前法律知识考试: for anyone the committee appoints or elects to a post."""
        return self.action in {AppointmentAction.APPOINT, AppointmentAction.ELECT}


class DeputyChangeKind(models.TextChoices):
    BY_ELECTION = "by_election", _("补选")
    RESIGNATION = "resignation", _("辞职")
    TERMINATION = "termination", _("资格终止")
    RECALL = "recall", _("罢免")


class DeputyChange(Record):
    """代表变动: the change is applied to the roll (membership dates) when recorded."""

    URL_KEY = "deputy-changes"
    body = _body_fk("deputy_changes")
    membership = models.ForeignKey(
        "orgs.Membership", verbose_name=_("代表/组成人员"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("变动类别"), max_length=16, choices=DeputyChangeKind.choices)
    effective_on = models.DateField(_("生效日期"), db_index=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name = _("代表变动")
        verbose_name_plural = _("代表变动")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.membership.member}"


# ---------------------------------------------------------------- 备案审查


class FilingResult(models.TextChoices):
    PENDING = "pending", _("审查中")
    NO_PROBLEM = "ok", _("未发现问题")
    PROBLEM = "problem", _("发现问题")


class FilingOutcome(models.TextChoices):
    NONE = "", _("—")
    REQUESTED = "requested", _("已要求纠正")
    CORRECTED = "corrected", _("已纠正")
    REVOKED = "revoked", _("已撤销/废止")


class FilingDocument(Record):
    URL_KEY = "filings"
    body = _body_fk("filing_documents")
    title = models.CharField(_("文件名称"), max_length=200)
    doc_number = models.CharField(_("文号"), max_length=60, blank=True)
    issuer = models.CharField(_("制定机关"), max_length=100)
    filed_on = models.DateField(_("报备日期"), db_index=True)
    result = models.CharField(
        _("审查结果"), max_length=8, choices=FilingResult.choices, default=FilingResult.PENDING
    )
    reviewed_on = models.DateField(_("审查日期"), null=True, blank=True)
    problem = models.TextField(_("发现的问题"), blank=True)
    correction = models.TextField(_("纠正要求"), blank=True)
    outcome = models.CharField(
        _("纠正结果"), max_length=10, choices=FilingOutcome.choices, default="", blank=True
    )
    outcome_on = models.DateField(_("纠正日期"), null=True, blank=True)

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("备案审查")
        verbose_name_plural = _("备案审查")

    def __str__(self) -> str:
        return self.title


# ---------------------------------------------------------------- 基层立法联系点 · 征求意见


class ContactPoint(Record):
    URL_KEY = "contact-points"
    body = _body_fk("contact_points")
    name = models.CharField(_("名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    contact = models.CharField(_("联系人"), max_length=50, blank=True)

    class Meta:
        ordering = ["body", "name"]
        verbose_name = _("基层立法联系点")
        verbose_name_plural = _("基层立法联系点")

    def __str__(self) -> str:
        return self.name


class Draft(Record):
    """A draft law or regulation sent for opinions; ``is_open`` puts its public page up."""

    URL_KEY = "drafts"
    body = _body_fk("drafts")
    title = models.CharField(_("草案名称"), max_length=200)
    source = models.CharField(_("征求意见机关"), max_length=100)
    summary = models.TextField(_("草案说明"), blank=True)
    received_on = models.DateField(_("收到日期"), db_index=True)
    due_on = models.DateField(_("反馈截止"))
    is_open = models.BooleanField(_("公开征求意见"), default=True)
    forwarded_on = models.DateField(_("汇总报送日期"), null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("法规草案征求意见")
        verbose_name_plural = _("法规草案征求意见")

    def __str__(self) -> str:
        return self.title


class OpinionSource(models.TextChoices):
    DEPUTY = "deputy", _("人大代表")
    CONTACT_POINT = "contact_point", _("基层立法联系点")
    PUBLIC = "public", _("社会公众")


class DraftOpinion(BaseModel):
    draft = models.ForeignKey(
        Draft, verbose_name=_("草案"), on_delete=models.CASCADE, related_name="opinions"
    )
    source = models.CharField(_("来源"), max_length=16, choices=OpinionSource.choices)
    member = models.ForeignKey(
        MEMBER, verbose_name=_("代表"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contact_point = models.ForeignKey(
        ContactPoint,
        verbose_name=_("联系点"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    author = models.CharField(_("提出人"), max_length=50)
    article = models.CharField(_("条款"), max_length=50, blank=True)
    text = models.TextField(_("意见内容"))
    received_on = models.DateField(_("收到日期"), db_index=True)
    is_forwarded = models.BooleanField(_("已报送"), default=False)

    class Meta:
        ordering = ["draft", "received_on", "id"]
        verbose_name = _("草案意见")
        verbose_name_plural = _("草案意见")

    def __str__(self) -> str:
        return f"{self.author}：{self.text[:20]}"

    @property
    def audit_body_id(self) -> int:
        return int(self.draft.body_id)


# ---------------------------------------------------------------- 代表联络站接待 · 民生实事票决


class ReceptionKind(models.TextChoices):
    VOTER_DAY = "voter_day", _("代表接待选民日")
    DIRECTOR_DAY = "director_day", _("主任接待日")


class Reception(Record):
    URL_KEY = "receptions"
    body = _body_fk("receptions")
    kind = models.CharField(
        _("类别"), max_length=16, choices=ReceptionKind.choices, default=ReceptionKind.VOTER_DAY
    )
    held_on = models.DateField(_("接待日期"), db_index=True)
    station = models.ForeignKey(
        "activities.Station",
        verbose_name=_("代表联络站/代表之家"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("地点"), max_length=100)
    deputies: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        MEMBER, verbose_name=_("接待代表"), blank=True, related_name="+"
    )
    note = models.TextField(_("接待情况"), blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("接待日")
        verbose_name_plural = _("接待日")

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.place}{self.get_kind_display()}"


class VoterOpinion(BaseModel):
    """A voter's opinion at a reception day, routed as a 代表建议 and answered back."""

    reception = models.ForeignKey(
        Reception, verbose_name=_("接待日"), on_delete=models.CASCADE, related_name="opinions"
    )
    voter = models.CharField(_("选民"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    content = models.TextField(_("意见内容"))
    case = models.ForeignKey(
        CASE, verbose_name=_("转办件"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    told_voter_on = models.DateField(_("反馈选民日期"), null=True, blank=True)

    class Meta:
        ordering = ["reception", "id"]
        verbose_name = _("选民意见")
        verbose_name_plural = _("选民意见")

    def __str__(self) -> str:
        return f"{self.voter}：{self.content[:20]}"

    @property
    def case_state(self) -> str:
        return str(self.case.state_label) if self.case_id and self.case else "—"

    @property
    def audit_body_id(self) -> int:
        return int(self.reception.body_id)


class LivelihoodVote(Record):
    """民生实事项目代表票决 at the plenary session."""

    URL_KEY = "livelihood"
    body = _body_fk("livelihood_votes")
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    title = models.CharField(_("名称"), max_length=200)
    published_on = models.DateField(_("候选项目公布日期"))
    voted_on = models.DateField(_("票决日期"), null=True, blank=True)
    seats = models.PositiveSmallIntegerField(_("拟确定项目数"), default=10)
    deputies_present = models.PositiveSmallIntegerField(_("参加票决代表"), default=0)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("民生实事票决")
        verbose_name_plural = _("民生实事票决")

    def __str__(self) -> str:
        return self.title


class LivelihoodProject(BaseModel):
    vote = models.ForeignKey(
        LivelihoodVote, verbose_name=_("票决"), on_delete=models.CASCADE, related_name="projects"
    )
    name = models.CharField(_("项目名称"), max_length=200)
    department = models.ForeignKey(
        UNIT, verbose_name=_("责任单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    budget = models.DecimalField(_("投资（万元）"), max_digits=12, decimal_places=2, default=0)
    votes_for = models.PositiveSmallIntegerField(_("赞成票"), default=0)
    is_chosen = models.BooleanField(_("票决确定"), default=False)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)

    class Meta:
        ordering = ["vote", "-votes_for", "id"]
        verbose_name = _("民生实事项目")
        verbose_name_plural = _("民生实事项目")

    def __str__(self) -> str:
        return self.name

    @property
    def audit_body_id(self) -> int:
        return int(self.vote.body_id)


class ProjectProgress(BaseModel):
    project = models.ForeignKey(
        LivelihoodProject, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="reports"
    )
    reported_on = models.DateField(_("报告日期"))
    percent = models.PositiveSmallIntegerField(_("完成进度（%）"))
    text = models.TextField(_("进展情况"))
    reviewed_on = models.DateField(_("常委会审议日期"), null=True, blank=True)

    class Meta:
        ordering = ["project", "reported_on"]
        verbose_name = _("项目进展报告")
        verbose_name_plural = _("项目进展报告")

    def __str__(self) -> str:
        return f"{self.project} {self.reported_on}"

    @property
    def audit_body_id(self) -> int:
        return int(self.project.vote.body_id)
