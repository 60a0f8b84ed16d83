"""提案 · 代表建议 · 议案: the whole lifecycle of each kind, declared as data for the engine.

Read a table top to bottom: 起草 → 提交 → 审查（立案 / 不予立案 / 并案 / 转办 / 退回）→ 交办
→ 签收或申请调整 → 沟通 → 答复（会签）→ 审核 → 评价（不满意则重新办理）→ 办结 → 重新打开.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from lvzhi.casework.models import (
    CaseCategory,
    ChaseLevel,
    ContactMode,
    ContactStage,
    Feedback,
    Rating,
    ReplyCategory,
    ReviewResult,
)
from lvzhi.casework.workflow import Actor, CaseKind, Field, Transition, Workflow
from lvzhi.casework.workflow import FieldType as T


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审查")
    RETURNED = "returned", _("退回修改")
    REGISTERED = "registered", _("已立案")
    DECLINED = "declined", _("不予立案")
    MERGED = "merged", _("已并案")
    CONVERTED = "converted", _("已转办")
    ASSIGNED = "assigned", _("已交办")
    HANDLING = "handling", _("办理中")
    REPLIED = "replied", _("已答复")
    DISSATISFIED = "dissatisfied", _("不满意待重办")
    REHANDLING = "rehandling", _("重新办理")
    CLOSED = "closed", _("已办结")


class SuggestionState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审查")
    RETURNED = "returned", _("退回修改")
    REGISTERED = "registered", _("已受理")
    DECLINED = "declined", _("不予受理")
    MERGED = "merged", _("已合并")
    ASSIGNED = "assigned", _("已交办")
    HANDLING = "handling", _("办理中")
    REPLIED = "replied", _("已答复")
    DISSATISFIED = "dissatisfied", _("不满意待重办")
    REHANDLING = "rehandling", _("重新办理")
    CLOSED = "closed", _("已办结")


class BillState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审议")
    RETURNED = "returned", _("退回修改")
    REGISTERED = "registered", _("已列为议案")
    DECLINED = "declined", _("不列为议案")
    MERGED = "merged", _("已合并")
    CONVERTED = "converted", _("已作为建议办理")
    ASSIGNED = "assigned", _("已交付审议")
    HANDLING = "handling", _("审议中")
    REPLIED = "replied", _("已报告审议结果")
    DISSATISFIED = "dissatisfied", _("不满意待重办")
    REHANDLING = "rehandling", _("重新办理")
    CLOSED = "closed", _("已办结")


def _c(choices: type[models.TextChoices]) -> tuple[tuple[str, object], ...]:
    return tuple(choices.choices)


NOTE = Field("note", _("说明"))
UNITS = Field("units", _("承办单位"), T.UNITS)
HANDLING = {"assigned", "handling", "rehandling"}
AFTER_REGISTER = {"registered", "assigned", "handling", "replied", "dissatisfied", "rehandling", "closed"}


FEEDBACK_FIELDS = (
    Field("rating", _("评价"), T.CHOICE, required=True, choices=_c(Rating)),
    Field("comment", _("意见"), T.TEXT),
    Field("consulted", _("沟通方式"), T.CHOICE, choices=_c(Feedback.Consulted)),
    Field("attitude", _("办理态度"), T.CHOICE, choices=_c(Feedback.Attitude)),
    Field("addresses_points", _("答复针对所提问题"), T.BOOL),
    Field("result", _("办理结果"), T.CHOICE, choices=_c(Feedback.Result)),
)


def lifecycle(
    *, register: Any, decline: Any, merge: Any, reply: Any, convert: bool
) -> tuple[Transition, ...]:
    """The shared shape of the three kinds; the labels of review steps differ by kind."""
    S = ProposalState  # noqa: N806  # same values in every kind's table
    M, CO, ST, U, L = Actor.SUBMITTER, Actor.COSPONSOR, Actor.STAFF, Actor.UNIT, Actor.LEADER  # noqa: N806
    steps = [
        Transition("submit", _("提交"), frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, frozenset({M})),
        Transition(
            "cosign",
            _("确认联名"),
            frozenset({S.DRAFT, S.RETURNED}),
            None,
            frozenset({CO}),
            fields=(Field("accept", _("同意联名"), T.BOOL),),
        ),
        Transition(
            "register",
            register,
            frozenset({S.SUBMITTED}),
            S.REGISTERED,
            frozenset({ST}),
            fields=(
                Field("category", _("类别"), T.CHOICE, choices=_c(CaseCategory)),
                Field("is_key", _("列为重点件"), T.BOOL),
            ),
            assigns_number=True,
            bulk=True,
        ),
        Transition(
            "decline",
            decline,
            frozenset({S.SUBMITTED}),
            S.DECLINED,
            frozenset({ST}),
            fields=(Field("reason_code", _("不予立案理由"), T.CHOICE, required=True),),
            note_required=True,
        ),
        Transition(
            "merge",
            merge,
            frozenset({S.SUBMITTED, S.REGISTERED}),
            S.MERGED,
            frozenset({ST}),
            fields=(Field("into_id", _("并入的件"), T.INT, required=True),),
        ),
        Transition(
            "return", _("退回修改"), frozenset({S.SUBMITTED}), S.RETURNED, frozenset({ST}), note_required=True
        ),
        Transition(
            "assign",
            _("交办"),
            frozenset({S.REGISTERED}),
            S.ASSIGNED,
            frozenset({ST}),
            fields=(
                UNITS,
                Field("lead_unit_id", _("主办单位"), T.INT),
                Field("assisting_unit_ids", _("协办单位"), T.INT_LIST),
                Field("due_on", _("办理期限"), T.DATE),
            ),
            bulk=True,
            deadline_days=90,
        ),
        Transition(
            "accept",
            _("签收"),
            frozenset(HANDLING),
            S.HANDLING,
            frozenset({U}),
            fields=(Field("assignment_id", _("交办"), T.INT),),
        ),
        Transition(
            "reroute",
            _("申请调整交办"),
            frozenset({S.ASSIGNED, S.HANDLING}),
            None,
            frozenset({U}),
            fields=(Field("assignment_id", _("交办"), T.INT),),
            note_required=True,
        ),
        Transition(
            "reroute_approve",
            _("同意调整交办"),
            frozenset({S.ASSIGNED, S.HANDLING}),
            None,
            frozenset({ST}),
            fields=(
                Field("assignment_id", _("交办"), T.INT, required=True),
                UNITS,
                Field("due_on", _("办理期限"), T.DATE),
            ),
        ),
        Transition(
            "reroute_refuse",
            _("不同意调整交办"),
            frozenset({S.ASSIGNED, S.HANDLING}),
            None,
            frozenset({ST}),
            fields=(Field("assignment_id", _("交办"), T.INT, required=True),),
            note_required=True,
        ),
        Transition(
            "contact",
            _("沟通联系"),
            frozenset(HANDLING),
            None,
            frozenset({U}),
            fields=(
                Field("stage", _("阶段"), T.CHOICE, required=True, choices=_c(ContactStage)),
                Field("mode", _("方式"), T.CHOICE, required=True, choices=_c(ContactMode)),
                Field("on", _("日期"), T.DATE),
                Field("assignment_id", _("交办"), T.INT),
            ),
            note_required=True,
            attachments=True,
        ),
        Transition(
            "reply",
            reply,
            frozenset(HANDLING),
            S.REPLIED,
            frozenset({U}),
            fields=(
                Field("category", _("答复类别"), T.CHOICE, choices=_c(ReplyCategory)),
                Field("content", _("答复内容"), T.TEXT, required=True, max_length=20000),
                Field("signed_by", _("签发人"), T.TEXT, required=True, max_length=50),
                Field("promised_on", _("承诺完成日期"), T.DATE),
                Field("assignment_id", _("交办"), T.INT),
            ),
            attachments=True,
        ),
        Transition(
            "review",
            _("审核答复"),
            frozenset({S.REPLIED}),
            None,
            frozenset({ST}),
            fields=(
                Field("reply_id", _("答复"), T.INT),
                Field("category", _("调整答复类别"), T.CHOICE, choices=_c(ReplyCategory)),
            ),
        ),
        Transition(
            "rate",
            _("评价"),
            frozenset({S.REPLIED}),
            S.CLOSED,
            frozenset({M, CO}),
            alt_target=S.DISSATISFIED,
            fields=FEEDBACK_FIELDS,
        ),
        Transition(
            "cosponsor_rate",
            _("联名人评价"),
            frozenset({S.REPLIED, S.DISSATISFIED, S.CLOSED}),
            None,
            frozenset({CO}),
            fields=FEEDBACK_FIELDS,
            hint=_("联名人的评价与提出人的评价一并记录，不改变办理状态。"),
        ),
        Transition(
            "rehandle",
            _("重新办理"),
            frozenset({S.DISSATISFIED, S.REPLIED}),
            S.REHANDLING,
            frozenset({ST}),
            fields=(Field("due_on", _("办理期限"), T.DATE),),
            deadline_days=30,
        ),
        Transition(
            "chase",
            _("督办"),
            frozenset(HANDLING | {S.DISSATISFIED}),
            None,
            frozenset({ST, L}),
            fields=(
                Field("level", _("督办级别"), T.CHOICE, required=True, choices=_c(ChaseLevel)),
                Field("assignment_id", _("交办"), T.INT),
            ),
            note_required=True,
        ),
        Transition(
            "supervise",
            _("领衔督办活动"),
            frozenset(AFTER_REGISTER),
            None,
            frozenset({ST, L}),
            fields=(
                Field("on", _("日期"), T.DATE),
                Field(
                    "mode",
                    _("形式"),
                    T.CHOICE,
                    required=True,
                    choices=(
                        ("visit", _("走访调研")),
                        ("meeting", _("督办座谈会")),
                        ("consultation", _("办理协商")),
                        ("inspection", _("现场视察")),
                    ),
                ),
            ),
            note_required=True,
        ),
        Transition(
            "mark_key",
            _("设为重点件"),
            frozenset(AFTER_REGISTER),
            None,
            frozenset({ST}),
            fields=(Field("is_key", _("重点件"), T.BOOL), Field("lead_leader_id", _("领衔督办领导"), T.INT)),
        ),
        Transition("close", _("办结"), frozenset({S.REPLIED, S.DISSATISFIED}), S.CLOSED, frozenset({ST})),
        Transition(
            "reopen",
            _("重新打开"),
            frozenset({S.CLOSED}),
            S.REHANDLING,
            frozenset({ST}),
            fields=(Field("due_on", _("办理期限"), T.DATE),),
            note_required=True,
        ),
        Transition(
            "followup",
            _("报告落实进展"),
            frozenset({S.REPLIED, S.CLOSED}),
            None,
            frozenset({U, ST}),
            fields=(Field("done", _("已落实"), T.BOOL), Field("promised_on", _("新的承诺日期"), T.DATE)),
            note_required=True,
            attachments=True,
        ),
        Transition(
            "review_back",
            _("回头看"),
            frozenset({S.REPLIED, S.CLOSED}),
            None,
            frozenset({ST, L}),
            fields=(
                Field("result", _("落实情况"), T.CHOICE, required=True, choices=_c(ReviewResult)),
                Field("promised_on", _("新的承诺完成日期"), T.DATE),
                Field("carry_over", _("未落实的结转下年度继续跟踪"), T.BOOL),
            ),
            note_required=True,
            attachments=True,
        ),
        Transition(
            "attach",
            _("上传材料"),
            frozenset(AFTER_REGISTER),
            None,
            frozenset({ST, U, M}),
            attachments=True,
            hint=_("PDF、Word、Excel、JPG、PNG，单个文件不超过 10 MB。"),
        ),
        Transition(
            "excellent",
            _("评为优秀件"),
            frozenset({S.REPLIED, S.CLOSED}),
            None,
            frozenset({ST}),
            fields=(Field("is_excellent", _("优秀件"), T.BOOL),),
        ),
    ]
    if convert:
        steps.insert(
            5,
            Transition(
                "convert",
                _("转办"),
                frozenset({S.SUBMITTED, S.DECLINED}),
                S.CONVERTED,
                frozenset({ST}),
                fields=(Field("to_kind", _("转为"), T.CHOICE, required=True),),
                note_required=True,
            ),
        )
    return tuple(steps)


def _on_created(case: Any, extra: dict[str, object]) -> None:
    from . import services

    services.detail_save(case=case, data=extra)


def _describe(case: object) -> dict[str, object]:
    from . import selectors

    return selectors.detail_json(case=case)


PROPOSAL_WORKFLOW = Workflow(
    kind=CaseKind.PROPOSAL,
    label=_("提案"),
    states=ProposalState,
    initial=ProposalState.DRAFT,
    transitions=lifecycle(
        register=_("立案"), decline=_("不予立案"), merge=_("并案"), reply=_("答复"), convert=True
    ),
    terminal=frozenset({ProposalState.MERGED, ProposalState.CONVERTED}),
    member_editable=frozenset({ProposalState.DRAFT, ProposalState.RETURNED}),
    handling=frozenset(HANDLING),
    number_format="〔{year}〕第{serial:04d}号",
    convert_to=(CaseKind.OPINION,),
    body_kinds=frozenset({"cppcc"}),
    publishable=True,
    on_created=_on_created,
    describe=_describe,
)

SUGGESTION_WORKFLOW = Workflow(
    kind=CaseKind.SUGGESTION,
    label=_("代表建议"),
    states=SuggestionState,
    initial=SuggestionState.DRAFT,
    transitions=lifecycle(
        register=_("受理"), decline=_("不予受理"), merge=_("合并"), reply=_("答复"), convert=False
    ),
    terminal=frozenset({SuggestionState.MERGED, SuggestionState.DECLINED}),
    member_editable=frozenset({SuggestionState.DRAFT, SuggestionState.RETURNED}),
    handling=frozenset(HANDLING),
    number_format="建议〔{year}〕第{serial:04d}号",
    body_kinds=frozenset({"congress"}),
    publishable=True,
    on_created=_on_created,
    describe=_describe,
)

BILL_WORKFLOW = Workflow(
    kind=CaseKind.BILL,
    label=_("议案"),
    states=BillState,
    initial=BillState.DRAFT,
    transitions=lifecycle(
        register=_("列为议案"),
        decline=_("不列为议案"),
        merge=_("合并"),
        reply=_("报告审议结果"),
        convert=True,
    ),
    terminal=frozenset({BillState.MERGED, BillState.CONVERTED}),
    member_editable=frozenset({BillState.DRAFT, BillState.RETURNED}),
    handling=frozenset(HANDLING),
    number_format="议案〔{year}〕第{serial:03d}号",
    reply_days=180,
    min_cosponsors=9,
    convert_to=(CaseKind.SUGGESTION,),
    body_kinds=frozenset({"congress"}),
    publishable=True,
    on_created=_on_created,
    describe=_describe,
)

WORKFLOWS = (PROPOSAL_WORKFLOW, SUGGESTION_WORKFLOW, BILL_WORKFLOW)
