"""Word files people exchange: the single case, the reply letter, the 提案汇编 of a session."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from .models import Case, CaseCategory, Cosponsor, Reply
from .workflow import kind_label

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _doc() -> Any:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    return doc


def _title(doc: Any, text: str, size: int = 18) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(size)


def _bytes(doc: Any) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _sponsors(case: Case) -> str:
    names = [case.submitter_name] if case.submitter_name else []
    names += [c.member.name for c in case.cosponsors.all() if c.status == Cosponsor.Status.CONFIRMED]
    return "、".join(dict.fromkeys(names))


def case_docx(*, case: Case) -> bytes:
    doc = _doc()
    _title(doc, f"{case.body.name}{kind_label(case.kind)}")
    if case.number:
        p = doc.add_paragraph(case.number)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in (
        ("标题", case.title),
        ("提出者", _sponsors(case)),
        ("提出方式", case.get_submitter_kind_display()),
        (
            "类别",
            CaseCategory(case.category).label if case.category in CaseCategory.values else case.category,
        ),
        ("状态", case.state_label),
        ("会议", case.session.name if case.session else "闭会期间"),
        ("办理期限", case.due_on.isoformat() if case.due_on else ""),
    ):
        row = table.add_row().cells
        row[0].text, row[1].text = label, str(value)
    if case.background:
        doc.add_heading("案由", level=2)
        doc.add_paragraph(case.background)
    doc.add_heading("建议/办法", level=2)
    for para in case.content.splitlines() or [""]:
        doc.add_paragraph(para)
    assignments = list(case.assignments.exclude(status="withdrawn").select_related("unit"))
    if assignments:
        doc.add_heading("交办", level=2)
        for a in assignments:
            doc.add_paragraph(
                f"{a.get_role_display()}：{a.unit.name}（期限 {a.due_on:%Y-%m-%d}，{a.get_status_display()}）"
            )
    replies = list(Reply.objects.filter(case=case).select_related("assignment__unit").order_by("round", "id"))
    if replies:
        doc.add_heading("答复", level=2)
        for r in replies:
            doc.add_paragraph(
                f"第{r.round}轮 · {r.assignment.unit.name} · {r.get_category_display() or '协办意见'}"
                f" · 签发人：{r.signed_by}"
            )
            doc.add_paragraph(r.content)
    feedbacks = list(case.feedbacks.all())
    if feedbacks:
        doc.add_heading("评价", level=2)
        for f in feedbacks:
            doc.add_paragraph(f"第{f.round}轮：{f.get_rating_display()} {f.comment}")
    return _bytes(doc)


def reply_letter_docx(*, reply: Reply) -> bytes:
    """答复函: what the handling unit sends the submitter, signed off by its leader."""
    case = reply.case
    doc = _doc()
    _title(doc, f"{reply.assignment.unit.name}")
    _title(
        doc, f"关于{case.body.short_name or case.body.name}{case.number}号{kind_label(case.kind)}的答复", 14
    )
    if reply.category:
        p = doc.add_paragraph(f"（{reply.get_category_display()}）")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(f"{case.submitter_name}：")
    doc.add_paragraph(f"您提出的《{case.title}》收悉。现答复如下：")
    for para in reply.content.splitlines() or [""]:
        doc.add_paragraph(para)
    if reply.promised_on:
        doc.add_paragraph(f"以上事项拟于{reply.promised_on:%Y年%m月%d日}前完成，届时将报告落实情况。")
    doc.add_paragraph("感谢您对我们工作的关心和支持。")
    p = doc.add_paragraph(f"签发人：{reply.signed_by}")
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p = doc.add_paragraph(f"{reply.assignment.unit.name}\n{reply.created_at:%Y年%m月%d日}")
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return _bytes(doc)


def compilation_docx(*, title: str, cases: Iterable[Case]) -> bytes:
    """提案汇编: every registered case of a session, numbered, with its submitters."""
    doc = _doc()
    _title(doc, title, 20)
    rows = list(cases)
    doc.add_paragraph(f"共 {len(rows)} 件")
    doc.add_heading("目录", level=1)
    for c in rows:
        doc.add_paragraph(f"{c.number}  {c.title}（{c.submitter_name}）")
    for c in rows:
        doc.add_page_break()
        doc.add_heading(f"{c.number}  {c.title}", level=1)
        doc.add_paragraph(f"提出者：{_sponsors(c)}")
        if c.background:
            doc.add_heading("案由", level=2)
            doc.add_paragraph(c.background)
        doc.add_heading("建议", level=2)
        for para in c.content.splitlines() or [""]:
            doc.add_paragraph(para)
    return _bytes(doc)
