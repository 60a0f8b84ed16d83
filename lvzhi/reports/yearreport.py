"""The year-end work report draft: every registered figure written as the corpus reports write them,
grouped as they group them, the 大事记, and the comparison with peer reports on file.

The layout is data: per body kind, sections of sentences whose clauses name figure keys. A clause
is written only when each figure it names is non-zero, a sentence only when a clause remains; a
non-zero figure no clause names is still written (in the section of its kind), so the draft holds
exactly the registry's non-zero figures. Each figure's record page is listed in the appendix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from lvzhi.core.documents import OfficialDocument

from . import chronicle
from . import figures as registry
from .models import format_value

DRAFT_ID_PREFIX = "lvzhi-year-report-draft:"
KEY = re.compile(r"\{([a-z_]+\.[a-z_]+)\}")


@dataclass(frozen=True)
class Sentence:
    lead: str  # ends with its own connector ("全年召开", "全年共收到提案{proposal.submitted}件，")
    clauses: tuple[str, ...]
    tail: str = "。"
    join: str = "，"  # 、 between short parallel clauses (会议N次、…), ， otherwise


@dataclass(frozen=True)
class Section:
    heading: str
    opening: str  # the section's first sentence, as the reports open one (过去一年，我们…)
    sentences: tuple[Sentence, ...]


CPPCC_LAYOUT: tuple[Section, ...] = (
    Section(
        "坚持党的领导，政治建设不断加强",
        "过去一年，我们坚持把党的领导贯穿政协工作全过程各方面，确保政协事业始终沿着正确方向前进。",
        (
            Sentence(
                "全年召开", ("党组会议{meeting.party_group}次",), "，及时传达学习中央和上级重要会议精神。"
            ),
        ),
    ),
    Section(
        "聚焦中心大局，协商议政提质增效",
        "过去一年，我们积极发挥专门协商机构作用，紧扣党委政府中心工作建言资政。",
        (
            Sentence(
                "全年召开",
                (
                    "全体会议{meeting.plenary}次",
                    "常委会会议{meeting.standing_committee}次",
                    "主席会议{meeting.chair}次",
                ),
                join="、",
            ),
            Sentence("组织开展", ("专题协商、对口协商、界别协商等协商活动{consultation.events}次",)),
            Sentence("围绕重点课题", ("开展调研{research.events}次", "形成调研报告{research.reports}篇")),
            Sentence("组织委员", ("视察{inspection.events}次",)),
            Sentence("对法规草案", ("提出意见建议{legislation.opinions}条",)),
            Sentence("委员在全体会议上", ("大会发言{speech.plenary}篇",)),
        ),
    ),
    Section(
        "做实民主监督，助推决策部署落地见效",
        "过去一年，我们把民主监督融入协商议政全过程，助推重大决策部署贯彻落实。",
        (Sentence("聚焦群众关切", ("开展民主监督活动{supervision.events}次",)),),
    ),
    Section(
        "提升提案质量，办理实效持续增强",
        "过去一年，我们坚持把提高质量作为提案工作的生命线，推动提案办理协商走深走实。",
        (
            Sentence(
                "全年共收到提案{proposal.submitted}件，",
                ("经审查立案{proposal.registered}件", "其中重点提案{proposal.key}件"),
            ),
            Sentence(
                "承办单位",
                (
                    "已办复{proposal.answered}件",
                    "办复率{proposal.answer_rate}%",
                    "委员对办理结果满意和基本满意率{proposal.satisfaction_rate}%",
                ),
            ),
        ),
    ),
    Section(
        "畅通社情民意渠道，服务科学决策",
        "过去一年，我们拓宽社情民意信息收集渠道，及时反映群众意见和建议。",
        (
            Sentence(
                "全年报送社情民意信息{opinion.submitted}篇，", ("被各级党委政府采用{opinion.adopted}篇",)
            ),
            Sentence("履职成果", ("获各级领导批示{instruction.leader}次",)),
            Sentence("全年", ("受理群众来信来访{petition.cases}件",)),
        ),
    ),
    Section(
        "加强委员队伍建设，履职能力持续提升",
        "过去一年，我们注重加强委员队伍建设，激发委员履职担当的责任感。",
        (
            Sentence("全年", ("培训委员{member.training}人次",)),
            Sentence("建设", ("委员工作室（工作站）{member.stations}个",)),
            Sentence("委员", ("参加各类履职活动{member.activities}人次",)),
        ),
    ),
)

CONGRESS_LAYOUT: tuple[Section, ...] = (
    Section(
        "坚持党的领导，确保人大工作正确政治方向",
        "一年来，常委会坚持党的全面领导，自觉把人大工作置于党委的领导之下。",
        (
            Sentence(
                "全年召开",
                (
                    "人民代表大会会议{meeting.plenary}次",
                    "常委会会议{meeting.standing_committee}次",
                    "主任会议{meeting.director}次",
                    "党组会议{meeting.party_group}次",
                ),
                join="、",
            ),
        ),
    ),
    Section(
        "加强立法和备案审查，维护法制统一",
        "一年来，常委会认真做好法规草案征求意见和规范性文件备案审查工作。",
        (
            Sentence("对法律法规草案", ("提出意见建议{legislation.opinions}条",)),
            Sentence("依法", ("审查规范性文件{filing_review.documents}件",)),
        ),
    ),
    Section(
        "依法履行监督职责，推动高质量发展",
        "一年来，常委会寓支持于监督之中，综合运用多种监督方式，增强监督实效。",
        (
            Sentence("全年", ("听取审议“一府一委两院”专项工作报告{oversight.work_reports}项",)),
            Sentence(
                "开展",
                ("执法检查{oversight.law_inspections}项", "专题询问{oversight.inquiries}次"),
                join="、",
            ),
            Sentence(
                "组织",
                (
                    "专题调研{research.events}次",
                    "视察{inspection.events}次",
                    "形成调研报告{research.reports}篇",
                ),
                join="、",
            ),
            Sentence("开展", ("专项监督{supervision.events}次",)),
        ),
    ),
    Section(
        "依法行使决定权和任免权",
        "一年来，常委会坚持党管干部与依法任免相统一，依法讨论决定重大事项。",
        (
            Sentence("全年", ("作出决议决定{decision.resolutions}项",)),
            Sentence("依法", ("任免国家机关工作人员{appointment.persons}人次",)),
        ),
    ),
    Section(
        "密切联系代表和群众，代表工作不断加强",
        "一年来，常委会尊重代表主体地位，支持和保障代表依法履职。",
        (
            Sentence("督办", ("代表议案{deputy.bills}件", "代表建议{deputy.suggestions}件"), join="、"),
            Sentence("全年", ("培训代表{member.training}人次",)),
            Sentence("建设", ("代表联络站（之家）{member.stations}个",)),
            Sentence("代表", ("参加各类履职活动{member.activities}人次",)),
            Sentence("办理", ("群众来信来访{petition.cases}件",)),
            Sentence("工作成果", ("获各级领导批示{instruction.leader}次",)),
        ),
    ),
)

LAYOUTS = {"cppcc": CPPCC_LAYOUT, "congress": CONGRESS_LAYOUT}


def _fmt(value: float | int) -> str:
    return format_value(value)


def _fill(template: str, values: dict[str, float | int]) -> str | None:
    keys = KEY.findall(template)
    if any(not values.get(k) for k in keys):
        return None
    return KEY.sub(lambda m: _fmt(values[m.group(1)]), template)


@dataclass
class ReviewSentence:
    text: str
    keys: list[str]


@dataclass
class ReviewSection:
    heading: str
    opening: str
    sentences: list[ReviewSentence] = field(default_factory=list)


def year_review(*, body: Any, year: int, values: dict[str, float | int] | None = None) -> list[ReviewSection]:
    """The year-review part: sections of sentences with the body's non-zero figures."""
    values = values if values is not None else registry.figures_for(body=body, year=year)
    layout = LAYOUTS.get(body.kind, CPPCC_LAYOUT)
    used: set[str] = set()
    sections = []
    for sec in layout:
        out = ReviewSection(sec.heading, sec.opening)
        for s in sec.sentences:
            lead = _fill(s.lead, values)
            if lead is None:  # the lead names the figure the sentence is about
                continue
            clauses = [(c, _fill(c, values)) for c in s.clauses]
            kept = [(c, t) for c, t in clauses if t]
            if not kept and not KEY.search(s.lead):
                continue
            keys = KEY.findall(s.lead) + [k for c, _t in kept for k in KEY.findall(c)]
            body_text = s.join.join(t for _c, t in kept if t)
            text = (lead + body_text) if kept else lead.rstrip("，")
            out.sentences.append(ReviewSentence(text + s.tail, keys))
            used.update(keys)
        sections.append(out)
    # A figure the layout does not phrase is still written, never dropped.
    extra = [k for k, v in values.items() if v and k not in used]
    if extra:
        target = sections[-1]
        for k in extra:
            spec = registry.spec(k)
            target.sentences.append(ReviewSentence(f"{spec.label}{_fmt(values[k])}{spec.unit}。", [k]))
    return [s for s in sections if s.sentences]


def report_title(body: Any) -> str:
    name = body.name
    if name.startswith("中国人民政治协商会议"):
        name = "政协" + name.removeprefix("中国人民政治协商会议")
        return f"{name}常务委员会工作报告"
    if name.endswith("常务委员会"):
        return f"{name}工作报告"
    return f"{name}工作报告"


def figure_url(*, body: Any, key: str, year: int) -> str:
    return reverse("reports:figure-records", args=[key]) + f"?year={year}&body={body.pk}"


def year_report_docx(
    *,
    body: Any,
    year: int,
    values: dict[str, float | int] | None = None,
    comparison: Any = None,
    site: str = "",
    draft_id: int | None = None,
) -> bytes:
    """The 工作报告 draft as an official Word document; its properties name the draft record that
    keeps the figures it states, so a later check can tell which went stale."""
    values = values if values is not None else registry.figures_for(body=body, year=year)
    review = year_review(body=body, year=year, values=values)
    snapshot = {k: v for k, v in values.items() if v}
    title = report_title(body)
    doc = OfficialDocument(author=body.name, title=title, subject=f"{year}年度工作报告（草稿）")
    if draft_id is not None:  # the staleness check finds the figures this file states by this id
        doc.document.core_properties.identifier = f"{DRAFT_ID_PREFIX}{draft_id}"
    doc.document.core_properties.keywords = "工作报告;草稿"
    doc.title(title)
    doc.subtitle(f"（{year}年度·征求意见稿）")
    congress = body.kind == "congress"
    doc.addressee("各位代表" if congress else "各位委员")
    doc.paragraph(
        f"现在，我代表{body.short_name or body.name}，向大会报告工作，请予审议。"
        if congress
        else f"现在，我代表{title.removesuffix('工作报告')}，向大会报告工作，请予审议。"
    )
    doc.heading(f"{year}年工作回顾")
    doc.paragraph(
        f"{year}年，{'常委会' if congress else (body.short_name or body.name) + '常委会'}在党委的坚强领导下，"
        "紧紧围绕中心、服务大局，认真履行职责，各项工作取得新的成效。"
    )
    for sec in review:
        doc.heading(sec.heading, level=2)
        doc.paragraph(sec.opening)
        for s in sec.sentences:
            doc.paragraph(s.text)
    entries = chronicle.entries(body=body, year=year)
    doc.heading(f"{year}年大事记")
    if entries:
        for e in entries:
            doc.paragraph(e.text, bold_lead=f"{e.on.month}月{e.on.day}日　")
    else:
        doc.paragraph("本年度暂无记录在册的会议和活动。")
    doc.signoff(body.name, on=None)
    if comparison is not None and len(comparison.columns) > 1:
        doc.page_break()
        doc.paragraph("附件1", indent=False, align="left", bold_lead="")
        doc.title("与同行工作报告的数据比较")
        header = ["数据项"] + [f"{c.name}（{c.year}）" for c in comparison.columns]
        rows = []
        for r in comparison.rows:
            if not any(v for v in r.values):
                continue
            rows.append([f"{r.label}（{r.unit}）"] + [r.display(i) for i in range(len(comparison.columns))])
        doc.table(header, rows)
    doc.page_break()
    doc.paragraph("附件2", indent=False, align="left")
    doc.title("数据来源")
    doc.paragraph("工作回顾中的每一项数据均由本系统记录实时计算，可在下列页面查看其依据的记录。")
    doc.table(
        ["数据项", "数值", "查看记录"],
        [
            [
                registry.spec(k).label,
                f"{_fmt(v)}{registry.spec(k).unit}",
                site + figure_url(body=body, key=k, year=year),
            ]
            for k, v in snapshot.items()
        ],
        widths_mm=[50, 26, 80],
    )
    return doc.to_bytes()


@dataclass
class Change:
    key: str
    label: str
    unit: str
    then: float | int | None
    now: float | int | None


def staleness(*, snapshot: dict[str, float | int], current: dict[str, float | int]) -> list[Change]:
    """Figures whose value moved since the draft (or appeared, or fell to zero)."""
    changes = []
    for key in sorted(set(snapshot) | {k for k, v in current.items() if v}):
        then, now = snapshot.get(key), current.get(key) or None
        if (then or None) != now:
            spec = registry.spec(key)
            changes.append(Change(key, spec.label, spec.unit, then, now))
    return changes


def draft_id_of_docx(data: bytes) -> int | None:
    """The draft a file was generated as (None for a file we did not write)."""
    import io

    from docx import Document

    try:
        ident = Document(io.BytesIO(data)).core_properties.identifier or ""
    except Exception:  # any unreadable file is simply not one of our drafts
        return None
    tail = ident.removeprefix(DRAFT_ID_PREFIX)
    return int(tail) if ident.startswith(DRAFT_ID_PREFIX) and tail.isdigit() else None
