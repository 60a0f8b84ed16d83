"""The figure keys of a work report (shared/corpus/figure-schema.md), pure Python.

Both the registry (figures computed from our records) and the extractor (figures
read from published reports) use these keys, so a key means one thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

CPPCC = "cppcc"
CONGRESS = "congress"
BOTH = frozenset({CPPCC, CONGRESS})


@dataclass(frozen=True)
class FigureKey:
    key: str
    label: str
    unit: str
    kinds: frozenset[str]
    cue: str = ""
    # When a report states a rate several times (办理过程 and 办理结果满意率), the words that mark
    # the one this key means; the others are shown as such, never summed or silently dropped.
    prefer: tuple[str, ...] = ()


FIGURE_KEYS: tuple[FigureKey, ...] = (
    FigureKey("proposal.submitted", "提交提案", "件", frozenset({CPPCC}), "收到/提交/征集/提出 提案 N 件"),
    FigureKey("proposal.registered", "提案立案", "件", frozenset({CPPCC}), "立案 N 件"),
    FigureKey("proposal.answered", "提案办复", "件", frozenset({CPPCC}), "办复/办结/答复 N 件"),
    FigureKey("proposal.answer_rate", "提案办复率", "%", frozenset({CPPCC}), "办复率/办结率"),
    FigureKey(
        "proposal.satisfaction_rate",
        "提案满意率",
        "%",
        frozenset({CPPCC}),
        "满意率 / 满意和基本满意率",
        prefer=("结果", "满意和基本满意", "满意或基本满意"),
    ),
    FigureKey("proposal.key", "重点提案", "件", frozenset({CPPCC}), "重点提案 N 件"),
    FigureKey(
        "opinion.submitted", "报送社情民意信息", "篇", frozenset({CPPCC}), "社情民意信息 报送/撰写/编发 N 篇"
    ),
    FigureKey("opinion.adopted", "社情民意信息被采用", "篇", frozenset({CPPCC}), "社情民意 被采用/采纳 N"),
    FigureKey("instruction.leader", "获领导批示", "次", BOTH, "领导批示 N 次/件"),
    FigureKey("research.reports", "调研报告", "篇", BOTH, "调研报告 N 篇/份"),
    FigureKey("research.events", "调研活动", "次", BOTH, "调研/专题调研/调研视察 N 次/项"),
    FigureKey(
        "consultation.events",
        "协商活动",
        "次",
        frozenset({CPPCC}),
        "专题协商/协商会/对口协商/界别协商 N 次/场",
    ),
    FigureKey("inspection.events", "视察活动", "次", BOTH, "视察 N 次"),
    FigureKey("supervision.events", "民主监督活动", "次", BOTH, "民主监督 / 专项监督 N 次/项"),
    FigureKey("meeting.plenary", "全体会议", "次", BOTH, "全体会议/全会/代表大会会议 N 次"),
    FigureKey("meeting.standing_committee", "常委会会议", "次", BOTH, "常委会会议 N 次"),
    FigureKey("meeting.chair", "主席会议", "次", frozenset({CPPCC}), "主席会议 N 次"),
    FigureKey("meeting.director", "主任会议", "次", frozenset({CONGRESS}), "主任会议 N 次"),
    FigureKey("meeting.party_group", "党组会议", "次", BOTH, "党组会议 N 次"),
    FigureKey("speech.plenary", "大会发言", "篇", frozenset({CPPCC}), "大会发言 N 篇/人次"),
    FigureKey(
        "oversight.work_reports",
        "听取审议专项工作报告",
        "项",
        frozenset({CONGRESS}),
        "听取审议 专项工作报告 N 项",
    ),
    FigureKey("oversight.law_inspections", "执法检查", "项", frozenset({CONGRESS}), "执法检查 N 项/次"),
    FigureKey("oversight.inquiries", "专题询问", "次", frozenset({CONGRESS}), "专题询问 N 次"),
    FigureKey("decision.resolutions", "作出决议决定", "项", frozenset({CONGRESS}), "作出 决议决定 N 项"),
    FigureKey("appointment.persons", "任免国家机关工作人员", "人次", frozenset({CONGRESS}), "任免 N 人次"),
    FigureKey("deputy.suggestions", "代表建议", "件", frozenset({CONGRESS}), "代表建议 N 件"),
    FigureKey("deputy.bills", "代表议案", "件", frozenset({CONGRESS}), "议案 N 件"),
    FigureKey("petition.cases", "信访件", "件", BOTH, "信访 / 来信来访 N 件"),
    FigureKey(
        "filing_review.documents",
        "备案审查规范性文件",
        "件",
        frozenset({CONGRESS}),
        "备案审查 规范性文件 N 件",
    ),
    FigureKey("legislation.opinions", "对法规草案提出意见", "条", BOTH, "对法律法规草案 提出意见 N 条"),
    FigureKey("member.training", "委员/代表培训", "人次", BOTH, "委员/代表 培训 N 人次"),
    FigureKey("member.stations", "委员工作室/代表联络站", "个", BOTH, "委员工作室/代表联络站 N 个"),
    FigureKey("member.activities", "委员/代表参加履职活动", "人次", BOTH, "参加履职活动 N 人次"),
)

FIGURE_KEYS_BY_NAME: dict[str, FigureKey] = {f.key: f for f in FIGURE_KEYS}
