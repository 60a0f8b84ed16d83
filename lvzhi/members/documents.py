"""The member's printed file and the 述职/年度履职报告 draft, in the one official document style."""

from __future__ import annotations

from decimal import Decimal

from lvzhi.core.documents import OfficialDocument, cn_date

from . import sources
from .selectors import MemberFile


def _n(value: Decimal) -> str:
    return f"{value.normalize():f}" if value != value.to_integral() else str(int(value))


def member_file_docx(*, file: MemberFile) -> bytes:
    """履职档案: every item of the year with its date, the record, the points and the rule."""
    name = file.member["member__name"]
    body_name = file.body.name
    doc = OfficialDocument(author=body_name, title=f"{name}{file.year}年度履职档案")
    doc.title(f"{name}{file.year}年度履职档案")
    sector = file.member.get("sector__name") or file.member.get("delegation__name") or ""
    doc.subtitle(f"{body_name}{'　' + sector if sector else ''}")
    summary = f"{file.year}年度共有履职记录{len(file.score.lines)}项，量化考评得分{_n(file.score.total)}分"
    if file.rank:
        summary += f"，在全体{file.of}名委员中排第{file.rank}名"
    doc.paragraph(summary + "。")
    if file.ruleset:
        doc.paragraph(f"计分依据：{file.ruleset}（{cn_date(file.ruleset.created_at)}修订）。")
    for group in file.groups:
        doc.heading(f"{group['label']}（{len(group['lines'])}项，{_n(group['points'])}分）")
        rows = []
        for line in group["lines"]:
            label = sources.item_label(line.item.item)
            level = sources.level_label(line.item.item, line.item.level)
            rows.append(
                [
                    cn_date(line.item.on),
                    f"{label}{'（' + level + '）' if level else ''}",
                    line.item.title,
                    _n(line.points),
                ]
            )
        doc.table(["日期", "事项", "内容", "分值"], rows, widths_mm=[32, 40, 66, 18])
    if file.appeals:
        doc.heading("积分申诉")
        for a in file.appeals:
            doc.paragraph(
                f"{cn_date(a.created_at)}申诉“{a.ref_label or '积分'}”：{a.get_status_display()}。{a.decision_note}"
            )
    doc.signoff(body_name, on=None)
    return doc.to_bytes()


def duty_report_docx(*, file: MemberFile) -> bytes:
    """述职报告 draft: the template's sections, each filled with the year's facts from the file; the
    member writes the reflections and plans where the template leaves room."""
    name = file.member["member__name"]
    body_name = file.body.name
    doc = OfficialDocument(author=body_name, title=f"{name}{file.year}年度履职报告")
    doc.title(f"{file.year}年度履职报告")
    doc.subtitle(name)
    doc.addressee(f"{body_name}")
    doc.paragraph(
        f"{file.year}年，本人认真履行委员职责，积极参加政协组织的各项活动。现将一年来的履职情况报告如下。"
    )
    doc.heading("履职基本情况")
    counts: dict[str, int] = {}
    for line in file.score.lines:
        counts[line.item.item] = counts.get(line.item.item, 0) + 1
    facts = [f"{sources.item_label(k)}{v}项" for k, v in counts.items() if k != "appeal.adjust"]
    doc.paragraph(("全年" + "，".join(facts) + "。") if facts else "本年度履职档案中尚无记录。")
    for group in file.groups:
        if group["label"] == "申诉更正":
            continue
        doc.heading(group["label"], level=2)
        titles = list(dict.fromkeys(line.item.title for line in group["lines"] if line.item.title))
        if titles:
            doc.paragraph(
                "主要包括："
                + "；".join(f"《{t}》" if not t.startswith("《") else t for t in titles[:12])
                + "。"
            )
    doc.heading("履职体会与不足")
    doc.paragraph("（请结合履职实践填写。）")
    doc.heading("下一步打算")
    doc.paragraph("（请填写下一年度的履职计划。）")
    doc.paragraph(f"本年度量化考评得分{_n(file.score.total)}分。", indent=True)
    doc.signoff(name, on=None)
    return doc.to_bytes()
