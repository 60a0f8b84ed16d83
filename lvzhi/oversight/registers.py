"""The record types of the oversight app, declared once: pages, exports and the API read them.

Each ``Register`` names its model, the date that places a record in a year, the list columns,
the filters, the fields staff fill in, and the child lists shown (and added to) on a record's
page. Records with a vote or a poll add their own actions (see ``views.ACTIONS``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model

from . import models as m


@dataclass(frozen=True)
class Child:
    name: str  # related_name on the parent
    label: str
    model: type[Model]
    parent_field: str
    columns: tuple[tuple[str, str], ...]
    fields: tuple[str, ...]  # what staff add on the parent's page; () = not added there


@dataclass(frozen=True)
class Register:
    key: str
    model: type[Model]
    label: str
    date_field: str
    columns: tuple[tuple[str, str], ...]
    fields: tuple[str, ...]
    filters: tuple[str, ...] = ()
    search: tuple[str, ...] = ("title",)
    children: tuple[Child, ...] = ()
    icon: str = "clipboard-check"
    body_path: str = "body"
    m2m: tuple[str, ...] = field(default=())


REGISTERS: tuple[Register, ...] = (
    Register(
        key="work-reports",
        model=m.WorkReport,
        label="听取审议工作报告",
        date_field="reviewed_on",
        columns=(
            ("reviewed_on", "审议日期"),
            ("title", "报告名称"),
            ("get_review_type_display", "审议类别"),
            ("get_organ_kind_display", "报告机关"),
            ("organ", "报告单位"),
            ("meeting", "审议会议"),
            ("report_back_due_on", "研究处理情况报告期限"),
        ),
        fields=(
            "title",
            "review_type",
            "organ_kind",
            "organ",
            "meeting",
            "reviewed_on",
            "research",
            "opinion",
            "opinion_sent_on",
            "report_back_due_on",
        ),
        filters=("review_type", "organ_kind"),
        children=(
            Child(
                "deliberations",
                "审议意见（组成人员发言）",
                m.Deliberation,
                "report",
                (("speaker", "发言人"), ("text", "审议意见")),
                ("member", "speaker", "text"),
            ),
        ),
        icon="journal-check",
    ),
    Register(
        key="polls",
        model=m.Poll,
        label="满意度测评",
        date_field="held_on",
        columns=(
            ("held_on", "测评日期"),
            ("title", "测评事项"),
            ("subject", "测评对象"),
            ("get_kind_display", "类别"),
            ("get_state_display", "状态"),
            ("tally_text", "结果"),
        ),
        fields=("kind", "title", "subject", "work_report", "meeting", "held_on"),
        filters=("kind", "state"),
        icon="hand-thumbs-up",
    ),
    Register(
        key="law-inspections",
        model=m.LawInspection,
        label="执法检查",
        date_field="started_on",
        columns=(
            ("started_on", "开始日期"),
            ("title", "检查名称"),
            ("law", "法律法规"),
            ("reviewed_on", "审议日期"),
        ),
        fields=(
            "title",
            "law",
            "team",
            "team_members",
            "plan",
            "started_on",
            "ended_on",
            "sites",
            "problems",
            "report",
            "reviewed_on",
            "meeting",
            "follow_up",
        ),
        search=("title", "law"),
        children=(
            Child(
                "items",
                "整改清单",
                m.RectificationItem,
                "inspection",
                (
                    ("description", "问题及整改要求"),
                    ("owner", "责任单位"),
                    ("due_on", "整改期限"),
                    ("case_state", "销号"),
                ),
                ("description", "owner", "due_on"),
            ),
        ),
        icon="search",
        m2m=("team_members",),
    ),
    Register(
        key="inquiries",
        model=m.Inquiry,
        label="专题询问",
        date_field="held_on",
        columns=(("held_on", "询问日期"), ("topic", "询问主题"), ("work_report", "结合审议的报告")),
        fields=("topic", "held_on", "meeting", "work_report", "follow_up"),
        search=("topic",),
        children=(
            Child(
                "questions",
                "询问与应询",
                m.InquiryQuestion,
                "inquiry",
                (("asker_name", "询问人"), ("question", "问题"), ("answerer", "应询人"), ("answer", "回答")),
                ("asker", "asker_name", "question", "answerer", "answer"),
            ),
        ),
        icon="question-circle",
    ),
    Register(
        key="resolutions",
        model=m.Resolution,
        label="决议决定",
        date_field="voted_on",
        columns=(
            ("voted_on", "表决日期"),
            ("title", "名称"),
            ("get_kind_display", "类别"),
            ("get_state_display", "状态"),
            ("vote_text", "表决结果"),
            ("published_on", "公布日期"),
        ),
        fields=("kind", "title", "draft", "meeting"),
        filters=("kind", "state"),
        icon="file-earmark-check",
    ),
    Register(
        key="appointments",
        model=m.Appointment,
        label="人事任免",
        date_field="nominated_on",
        columns=(
            ("nominated_on", "提请日期"),
            ("person", "姓名"),
            ("get_action_display", "任免事项"),
            ("post", "职务"),
            ("get_organ_display", "提请机关"),
            ("exam_score", "考试成绩"),
            ("get_state_display", "状态"),
            ("oath_on", "宪法宣誓"),
        ),
        fields=("person", "action", "post", "organ", "nominated_on", "statement", "meeting"),
        filters=("action", "organ", "state"),
        search=("person", "post"),
        icon="person-badge",
    ),
    Register(
        key="deputy-changes",
        model=m.DeputyChange,
        label="代表变动",
        date_field="effective_on",
        columns=(
            ("effective_on", "生效日期"),
            ("membership", "代表/组成人员"),
            ("get_kind_display", "变动类别"),
            ("note", "说明"),
        ),
        fields=(),  # recorded through deputy_change_record, which also updates the roll
        filters=("kind",),
        search=("membership__member__name", "note"),
        icon="person-lines-fill",
    ),
    Register(
        key="filings",
        model=m.FilingDocument,
        label="备案审查",
        date_field="filed_on",
        columns=(
            ("filed_on", "报备日期"),
            ("title", "文件名称"),
            ("doc_number", "文号"),
            ("issuer", "制定机关"),
            ("get_result_display", "审查结果"),
            ("get_outcome_display", "纠正结果"),
        ),
        fields=(
            "title",
            "doc_number",
            "issuer",
            "filed_on",
            "result",
            "reviewed_on",
            "problem",
            "correction",
            "outcome",
            "outcome_on",
        ),
        filters=("result", "outcome"),
        search=("title", "doc_number", "issuer"),
        icon="folder-check",
    ),
    Register(
        key="drafts",
        model=m.Draft,
        label="法规草案征求意见",
        date_field="received_on",
        columns=(
            ("received_on", "收到日期"),
            ("title", "草案名称"),
            ("source", "征求意见机关"),
            ("due_on", "反馈截止"),
            ("opinion_count", "意见条数"),
            ("forwarded_on", "报送日期"),
        ),
        fields=("title", "source", "summary", "received_on", "due_on", "is_open"),
        children=(
            Child(
                "opinions",
                "收集的意见",
                m.DraftOpinion,
                "draft",
                (
                    ("get_source_display", "来源"),
                    ("author", "提出人"),
                    ("article", "条款"),
                    ("text", "意见内容"),
                    ("is_forwarded", "已报送"),
                ),
                ("source", "member", "contact_point", "author", "article", "text", "received_on"),
            ),
        ),
        icon="chat-left-quote",
    ),
    Register(
        key="contact-points",
        model=m.ContactPoint,
        label="基层立法联系点",
        date_field="created_at",
        columns=(("name", "名称"), ("address", "地址"), ("contact", "联系人")),
        fields=("name", "address", "contact"),
        search=("name", "address"),
        icon="geo-alt",
    ),
    Register(
        key="receptions",
        model=m.Reception,
        label="代表接待日",
        date_field="held_on",
        columns=(
            ("held_on", "接待日期"),
            ("get_kind_display", "类别"),
            ("place", "地点"),
            ("opinion_count", "选民意见"),
        ),
        fields=("kind", "held_on", "station", "place", "deputies", "note"),
        filters=("kind",),
        search=("place", "note"),
        children=(
            Child(
                "opinions",
                "选民意见",
                m.VoterOpinion,
                "reception",
                (
                    ("voter", "选民"),
                    ("content", "意见内容"),
                    ("case_state", "办理"),
                    ("told_voter_on", "反馈选民"),
                ),
                ("voter", "phone", "content"),
            ),
        ),
        icon="house-heart",
        m2m=("deputies",),
    ),
    Register(
        key="livelihood",
        model=m.LivelihoodVote,
        label="民生实事项目票决",
        date_field="published_on",
        columns=(
            ("year", "年度"),
            ("title", "名称"),
            ("voted_on", "票决日期"),
            ("seats", "拟确定项目数"),
            ("deputies_present", "参加票决代表"),
        ),
        fields=("year", "title", "published_on", "seats"),
        children=(
            Child(
                "projects",
                "候选项目",
                m.LivelihoodProject,
                "vote",
                (
                    ("name", "项目名称"),
                    ("department", "责任单位"),
                    ("budget", "投资（万元）"),
                    ("votes_for", "赞成票"),
                    ("is_chosen", "票决确定"),
                    ("progress", "进度（%）"),
                ),
                ("name", "department", "budget"),
            ),
        ),
        icon="check2-square",
    ),
    Register(
        key="budget-lines",
        model=m.BudgetLine,
        label="预算联网监督",
        date_field="",
        columns=(
            ("year", "年度"),
            ("code", "项目编码"),
            ("name", "项目名称"),
            ("department", "预算单位"),
            ("amount", "预算数（万元）"),
            ("latest_executed", "累计支出（万元）"),
            ("latest_rate", "执行率（%）"),
        ),
        fields=(),  # imported from the finance bureau's spreadsheet
        search=("code", "name", "department__name"),
        icon="cash-coin",
    ),
)

BY_KEY = {r.key: r for r in REGISTERS}


def register_for(key: str) -> Register | None:
    return BY_KEY.get(key)


def child_for(reg: Register, name: str) -> Child | None:
    return next((c for c in reg.children if c.name == name), None)


def cell(obj: Any, attr: str) -> Any:
    """The value of a column: a field, a ``get_*_display``, a related name or a page property."""
    value: Any = obj
    for part in attr.split("__"):
        value = getattr(value, part, None)
        if callable(value):
            value = value()
        if value is None:
            return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return value
