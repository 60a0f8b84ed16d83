"""信访件: the whole lifecycle, declared as data for the one casework engine.

收到（来信 / 来访 / 网上 / 电话）→ 登记（编号）→ 分类 / 关联重复件 → 15 日内受理并告知或不予受理
→ 转办（单位直接答复信访人）/ 交办（须报结果）/ 直接答复 → 答复 → 信访人评价
→ 不满意可申请复查 → 复查意见 → 办结.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lvzhi.casework.models import ChaseLevel, Rating, ReplyCategory
from lvzhi.casework.workflow import Actor, CaseKind, Field, Transition, Workflow
from lvzhi.casework.workflow import FieldType as T

M, ST, U, L = Actor.SUBMITTER, Actor.STAFF, Actor.UNIT, Actor.LEADER


def _c(choices: type[models.TextChoices]) -> tuple[tuple[str, object], ...]:
    return tuple(choices.choices)


class PetitionForm(models.TextChoices):
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    ONLINE = "online", _("网上信访")
    PHONE = "phone", _("来电")


class PetitionCategory(models.TextChoices):
    URBAN = "urban", _("城乡建设")
    LABOUR = "labour", _("劳动社保")
    LAND = "land", _("国土资源")
    RURAL = "rural", _("农村农业")
    LAW = "law", _("涉法涉诉")
    EDUCATION = "education", _("教育文体")
    HEALTH = "health", _("卫生健康")
    ENVIRONMENT = "environment", _("生态环境")
    COMMERCE = "commerce", _("经济管理")
    CONDUCT = "conduct", _("组织人事与纪检监察")
    OTHER = "other", _("其他")


class PetitionState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待登记")
    REGISTERED = "registered", _("已登记")
    ADMITTED = "admitted", _("已受理")
    REJECTED = "rejected", _("不予受理")
    TRANSFERRED = "transferred", _("已转办")
    ASSIGNED = "assigned", _("已交办")
    HANDLING = "handling", _("办理中")
    REPLIED = "replied", _("已答复")
    DISSATISFIED = "dissatisfied", _("不满意")
    REVIEWING = "reviewing", _("复查中")
    CLOSED = "closed", _("已办结")


P = PetitionState
ASSIGNMENT = Field("assignment_id", _("交办"), T.INT)
DUE_ON = Field("due_on", _("办理期限"), T.DATE)
ROUTE_FIELDS = (
    Field("units", _("承办单位"), T.UNITS),
    Field("lead_unit_id", _("承办单位"), T.INT),
    DUE_ON,
)

PETITION_TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", _("提交"), frozenset({P.DRAFT}), P.SUBMITTED, frozenset({M, ST})),
    Transition(
        "register",
        _("登记"),
        frozenset({P.SUBMITTED}),
        P.REGISTERED,
        frozenset({ST}),
        assigns_number=True,
        bulk=True,
        hint=_("登记后编号；须在受理告知期限内决定是否受理。"),
    ),
    Transition(
        "classify",
        _("分类"),
        frozenset({P.REGISTERED, P.ADMITTED}),
        None,
        frozenset({ST}),
        fields=(
            Field("petition_category", _("信访分类"), T.CHOICE, required=True, choices=_c(PetitionCategory)),
        ),
    ),
    Transition(
        "link",
        _("关联重复件"),
        frozenset({P.SUBMITTED, P.REGISTERED, P.ADMITTED}),
        None,
        frozenset({ST}),
        fields=(Field("earlier_id", _("此前的信访件"), T.INT),),
        hint=_("留空则解除关联。"),
    ),
    Transition(
        "admit",
        _("受理并告知"),
        frozenset({P.REGISTERED}),
        P.ADMITTED,
        frozenset({ST}),
        deadline_days=60,
        hint=_("告知信访人已受理；办理期限自受理之日起算。"),
    ),
    Transition(
        "reject",
        _("不予受理并告知"),
        frozenset({P.REGISTERED}),
        P.REJECTED,
        frozenset({ST}),
        note_required=True,
    ),
    Transition(
        "transfer",
        _("转办"),
        frozenset({P.ADMITTED}),
        P.TRANSFERRED,
        frozenset({ST}),
        fields=ROUTE_FIELDS,
        hint=_("转有权处理的单位办理，由其直接答复信访人。"),
    ),
    Transition(
        "assign",
        _("交办"),
        frozenset({P.ADMITTED}),
        P.ASSIGNED,
        frozenset({ST}),
        fields=ROUTE_FIELDS,
        deadline_days=60,
        hint=_("交有关单位办理，并要求报送办理结果。"),
    ),
    Transition(
        "answer",
        _("直接答复"),
        frozenset({P.ADMITTED}),
        P.REPLIED,
        frozenset({ST}),
        fields=(Field("content", _("答复内容"), T.TEXT, required=True, max_length=20000),),
    ),
    Transition(
        "accept",
        _("签收"),
        frozenset({P.TRANSFERRED, P.ASSIGNED, P.HANDLING}),
        P.HANDLING,
        frozenset({U}),
        fields=(ASSIGNMENT,),
    ),
    Transition(
        "reply",
        _("答复"),
        frozenset({P.TRANSFERRED, P.ASSIGNED, P.HANDLING}),
        P.REPLIED,
        frozenset({U}),
        fields=(
            Field("category", _("办理结果"), T.CHOICE, choices=_c(ReplyCategory)),
            Field("content", _("答复内容"), T.TEXT, required=True, max_length=20000),
            Field("signed_by", _("签发人"), T.TEXT, required=True, max_length=50),
            Field("promised_on", _("承诺完成日期"), T.DATE),
            ASSIGNMENT,
        ),
    ),
    Transition(
        "chase",
        _("督办"),
        frozenset({P.TRANSFERRED, P.ASSIGNED, P.HANDLING}),
        None,
        frozenset({ST, L}),
        fields=(Field("level", _("督办级别"), T.CHOICE, required=True, choices=_c(ChaseLevel)), ASSIGNMENT),
        note_required=True,
    ),
    Transition(
        "rate",
        _("评价"),
        frozenset({P.REPLIED}),
        P.CLOSED,
        frozenset({M}),
        alt_target=P.DISSATISFIED,
        fields=(
            Field("rating", _("评价"), T.CHOICE, required=True, choices=_c(Rating)),
            Field("comment", _("意见"), T.TEXT, max_length=1000),
        ),
    ),
    Transition(
        "request_review",
        _("申请复查"),
        frozenset({P.DISSATISFIED, P.REJECTED}),
        P.REVIEWING,
        frozenset({M, ST}),
        note_required=True,
        hint=_("信访人对处理意见不服的，可在收到之日起 30 日内请求复查。"),
    ),
    Transition(
        "conclude_review",
        _("出具复查意见"),
        frozenset({P.REVIEWING}),
        P.CLOSED,
        frozenset({ST}),
        fields=(Field("content", _("复查意见"), T.TEXT, required=True, max_length=20000),),
    ),
    Transition(
        "close",
        _("办结"),
        frozenset({P.TRANSFERRED, P.REPLIED, P.DISSATISFIED}),
        P.CLOSED,
        frozenset({ST}),
    ),
)


def _on_created(case: object, extra: dict[str, object]) -> None:
    from . import services

    services.detail_save(case=case, data=extra)


def _describe(case: object) -> dict[str, object]:
    from . import selectors

    return selectors.detail_json(case=case)


PETITION_WORKFLOW = Workflow(
    kind=CaseKind.PETITION,
    label=_("信访件"),
    states=PetitionState,
    initial=P.DRAFT,
    transitions=PETITION_TRANSITIONS,
    terminal=frozenset({P.CLOSED}),
    member_editable=frozenset({P.DRAFT}),
    handling=frozenset({P.TRANSFERRED, P.ASSIGNED, P.HANDLING}),
    number_format="信访〔{year}〕第{serial:04d}号",
    reply_days=60,
    on_created=_on_created,
    describe=_describe,
)
