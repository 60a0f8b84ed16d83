"""社情民意信息 and 微建议: their whole lifecycle, declared as data for the one casework engine.

社情民意信息: 报送 → 编辑 → 择优编发（拟编发）或存档 → 编入《社情民意》第N期 → 记录采用 / 领导批示
→ 批示落实交办 → 承办单位反馈 → 办结.
微建议: 提交 → 受理交办（默认 15 天）或不予受理 → 签收 → 答复 → 评价（不满意则重新办理）→ 办结.
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


class AdoptionLevel(models.TextChoices):
    NATIONAL_CPPCC = "national_cppcc", _("全国政协")
    PROVINCIAL_CPPCC = "provincial_cppcc", _("省政协")
    PROVINCIAL_PARTY = "provincial_party", _("省委")
    PROVINCIAL_GOV = "provincial_gov", _("省政府")
    CITY_PARTY = "city_party", _("市委")
    CITY_GOV = "city_gov", _("市政府")
    OTHER = "other", _("其他")


class AdoptionForm(models.TextChoices):
    SPECIAL = "special", _("专报")
    DIGEST = "digest", _("摘报")
    COMBINED = "combined", _("综合采用")
    FORWARDED = "forwarded", _("转送有关部门")


class InstructionLevel(models.TextChoices):
    NATIONAL = "national", _("中央和国家领导")
    PROVINCIAL = "provincial", _("省级领导")
    CITY = "city", _("市级领导")
    COUNTY = "county", _("县级领导")


class OpinionState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已报送")
    EDITED = "edited", _("已编辑")
    SELECTED = "selected", _("拟编发")
    ARCHIVED = "archived", _("存档")
    PUBLISHED = "published", _("已编发")
    ADOPTED = "adopted", _("已采用")
    INSTRUCTED = "instructed", _("已获批示")
    ASSIGNED = "assigned", _("批示已交办")
    HANDLING = "handling", _("落实中")
    REPLIED = "replied", _("已反馈落实情况")
    CLOSED = "closed", _("已办结")


class MicroState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待受理")
    DECLINED = "declined", _("不予受理")
    ASSIGNED = "assigned", _("已转办")
    HANDLING = "handling", _("办理中")
    REPLIED = "replied", _("已答复")
    DISSATISFIED = "dissatisfied", _("不满意待重办")
    REHANDLING = "rehandling", _("重新办理")
    CLOSED = "closed", _("已办结")


UNITS = Field("units", _("承办单位"), T.UNITS)
LEAD_UNIT = Field("lead_unit_id", _("承办单位"), T.INT)
DUE_ON = Field("due_on", _("办理期限"), T.DATE)
ASSIGNMENT = Field("assignment_id", _("交办"), T.INT)
REPLY_FIELDS = (
    Field("category", _("答复类别"), T.CHOICE, choices=_c(ReplyCategory)),
    Field("content", _("答复内容"), T.TEXT, required=True, max_length=20000),
    Field("signed_by", _("签发人"), T.TEXT, required=True, max_length=50),
    Field("promised_on", _("承诺完成日期"), T.DATE),
    ASSIGNMENT,
)
CHASE = Field("level", _("督办级别"), T.CHOICE, required=True, choices=_c(ChaseLevel))


def _on_created(case: object, extra: dict[str, object]) -> None:
    from . import services

    services.detail_save(case=case, data=extra)


def _describe(case: object) -> dict[str, object]:
    from . import selectors

    return selectors.detail_json(case=case)


OS = OpinionState
AFTER_PUBLISH = frozenset({OS.PUBLISHED, OS.ADOPTED, OS.INSTRUCTED, OS.ASSIGNED, OS.HANDLING, OS.REPLIED})

OPINION_TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", _("报送"), frozenset({OS.DRAFT}), OS.SUBMITTED, frozenset({M})),
    Transition(
        "edit",
        _("编辑"),
        frozenset({OS.SUBMITTED, OS.EDITED, OS.SELECTED}),
        OS.EDITED,
        frozenset({ST}),
        fields=(
            Field("title", _("标题"), T.TEXT, required=True, max_length=200),
            Field("content", _("正文"), T.TEXT, required=True, max_length=20000),
        ),
        hint=_("编辑后的标题和正文即为报送人看到的版本；原稿保留。"),
    ),
    Transition(
        "select", _("择优编发"), frozenset({OS.SUBMITTED, OS.EDITED}), OS.SELECTED, frozenset({ST}), bulk=True
    ),
    Transition(
        "archive",
        _("存档"),
        frozenset({OS.SUBMITTED, OS.EDITED, OS.SELECTED}),
        OS.ARCHIVED,
        frozenset({ST}),
        note_required=True,
    ),
    Transition(
        "publish",
        _("编入简报"),
        frozenset({OS.SELECTED}),
        OS.PUBLISHED,
        frozenset({ST}),
        fields=(Field("bulletin_id", _("期号"), T.INT, required=True),),
        hint=_("由“编发简报”在发布一期时逐篇执行。"),
    ),
    Transition(
        "adopt",
        _("记录采用"),
        AFTER_PUBLISH,
        OS.ADOPTED,
        frozenset({ST}),
        fields=(
            Field("adopter", _("采用单位"), T.TEXT, required=True, max_length=100),
            Field("level", _("采用层级"), T.CHOICE, required=True, choices=_c(AdoptionLevel)),
            Field("form", _("采用形式"), T.CHOICE, required=True, choices=_c(AdoptionForm)),
            Field("on", _("采用日期"), T.DATE),
        ),
    ),
    Transition(
        "instruct",
        _("记录批示"),
        AFTER_PUBLISH,
        OS.INSTRUCTED,
        frozenset({ST, L}),
        fields=(
            Field("leader_name", _("批示领导"), T.TEXT, required=True, max_length=50),
            Field("leader_post", _("领导职务"), T.TEXT, required=True, max_length=100),
            Field("level", _("批示层级"), T.CHOICE, required=True, choices=_c(InstructionLevel)),
            Field("text", _("批示内容"), T.TEXT, required=True, max_length=4000),
            Field("on", _("批示日期"), T.DATE),
        ),
    ),
    Transition(
        "assign",
        _("批示落实交办"),
        frozenset({OS.INSTRUCTED}),
        OS.ASSIGNED,
        frozenset({ST}),
        fields=(UNITS, LEAD_UNIT, Field("assisting_unit_ids", _("协办单位"), T.INT_LIST), DUE_ON),
        deadline_days=30,
    ),
    Transition(
        "accept",
        _("签收"),
        frozenset({OS.ASSIGNED, OS.HANDLING}),
        OS.HANDLING,
        frozenset({U}),
        fields=(ASSIGNMENT,),
    ),
    Transition(
        "reply",
        _("反馈落实情况"),
        frozenset({OS.ASSIGNED, OS.HANDLING}),
        OS.REPLIED,
        frozenset({U}),
        fields=REPLY_FIELDS,
    ),
    Transition(
        "chase",
        _("督办"),
        frozenset({OS.ASSIGNED, OS.HANDLING}),
        None,
        frozenset({ST, L}),
        fields=(CHASE, ASSIGNMENT),
        note_required=True,
    ),
    Transition("close", _("办结"), AFTER_PUBLISH, OS.CLOSED, frozenset({ST})),
)

OPINION_WORKFLOW = Workflow(
    kind=CaseKind.OPINION,
    label=_("社情民意信息"),
    states=OpinionState,
    initial=OS.DRAFT,
    transitions=OPINION_TRANSITIONS,
    terminal=frozenset({OS.ARCHIVED, OS.CLOSED}),
    member_editable=frozenset({OS.DRAFT}),
    handling=frozenset({OS.ASSIGNED, OS.HANDLING}),
    number_format="社情民意〔{year}〕第{serial:03d}号",
    reply_days=30,
    body_kinds=frozenset({"cppcc"}),
    on_created=_on_created,
    describe=_describe,
)

S = MicroState
MICRO_TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", _("提交"), frozenset({S.DRAFT}), S.SUBMITTED, frozenset({M})),
    Transition(
        "decline",
        _("不予受理"),
        frozenset({S.SUBMITTED}),
        S.DECLINED,
        frozenset({ST}),
        fields=(Field("reason_code", _("不予受理理由"), T.CHOICE, required=True),),
        note_required=True,
    ),
    Transition(
        "assign",
        _("受理转办"),
        frozenset({S.SUBMITTED}),
        S.ASSIGNED,
        frozenset({ST}),
        fields=(UNITS, LEAD_UNIT, DUE_ON),
        bulk=True,
        deadline_days=15,
    ),
    Transition(
        "accept",
        _("签收"),
        frozenset({S.ASSIGNED, S.HANDLING, S.REHANDLING}),
        S.HANDLING,
        frozenset({U}),
        fields=(ASSIGNMENT,),
    ),
    Transition(
        "reply",
        _("答复"),
        frozenset({S.ASSIGNED, S.HANDLING, S.REHANDLING}),
        S.REPLIED,
        frozenset({U}),
        fields=REPLY_FIELDS,
    ),
    Transition(
        "rate",
        _("评价"),
        frozenset({S.REPLIED}),
        S.CLOSED,
        frozenset({M}),
        alt_target=S.DISSATISFIED,
        fields=(
            Field("rating", _("评价"), T.CHOICE, required=True, choices=_c(Rating)),
            Field("comment", _("意见"), T.TEXT, max_length=1000),
        ),
    ),
    Transition(
        "rehandle",
        _("重新办理"),
        frozenset({S.DISSATISFIED}),
        S.REHANDLING,
        frozenset({ST}),
        fields=(DUE_ON,),
        deadline_days=15,
    ),
    Transition(
        "chase",
        _("督办"),
        frozenset({S.ASSIGNED, S.HANDLING, S.REHANDLING}),
        None,
        frozenset({ST}),
        fields=(CHASE, ASSIGNMENT),
        note_required=True,
    ),
    Transition("close", _("办结"), frozenset({S.REPLIED, S.DISSATISFIED}), S.CLOSED, frozenset({ST})),
)

MICRO_WORKFLOW = Workflow(
    kind=CaseKind.MICRO_SUGGESTION,
    label=_("微建议"),
    states=MicroState,
    initial=S.DRAFT,
    transitions=MICRO_TRANSITIONS,
    terminal=frozenset({S.DECLINED, S.CLOSED}),
    member_editable=frozenset({S.DRAFT}),
    handling=frozenset({S.ASSIGNED, S.HANDLING, S.REHANDLING}),
    number_format="微建议〔{year}〕第{serial:04d}号",
    reply_days=15,
    rehandle_days=15,
    on_created=_on_created,
    describe=_describe,
)
