"""《社情民意》第N期 as a Word document: masthead, the reports in order, the recipients."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .models import Bulletin, BulletinItem

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CN_NUMERALS = "一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return CN_NUMERALS[n - 1]
    if n < 20:
        return "十" + (CN_NUMERALS[n - 11] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return CN_NUMERALS[tens - 1] + "十" + (CN_NUMERALS[ones - 1] if ones else "")


def _font(run: object, size: int, *, bold: bool = False, red: bool = False) -> None:
    run.font.size = Pt(size)  # type: ignore[attr-defined]  # python-docx Run
    run.font.bold = bold  # type: ignore[attr-defined]  # python-docx Run
    run.font.name = "宋体"  # type: ignore[attr-defined]  # python-docx Run
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")  # type: ignore[attr-defined]  # python-docx Run
    if red:
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)  # type: ignore[attr-defined]  # python-docx Run


def bulletin_docx(*, bulletin: Bulletin, items: list[BulletinItem]) -> bytes:
    doc = Document()
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(head.add_run(bulletin.series), 36, bold=True, red=True)
    issue = doc.add_paragraph()
    issue.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(issue.add_run(f"{bulletin.year}年第{bulletin.number}期（总第{bulletin.number}期）"), 14)
    meta = doc.add_paragraph()
    _font(
        meta.add_run(
            f"{bulletin.body.short_name or bulletin.body.name}办公室编　　　　{bulletin.issued_on:%Y年%m月%d日}"
        ),
        12,
    )
    doc.add_paragraph("—" * 28)
    contents = doc.add_paragraph()
    _font(contents.add_run("本期目录"), 14, bold=True)
    for n, item in enumerate(items, start=1):
        doc.add_paragraph(f"{_cn(n)}、{item.case.title}")
    for n, item in enumerate(items, start=1):
        h = doc.add_paragraph()
        h.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(h.add_run(f"{_cn(n)}、{item.case.title}"), 16, bold=True)
        for para in item.case.content.splitlines() or [""]:
            if para.strip():
                p = doc.add_paragraph(para.strip())
                p.paragraph_format.first_line_indent = Pt(24)
        by = doc.add_paragraph()
        by.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(by.add_run(f"（反映人：{item.case.submitter_name or '信息员'}）"), 12)
    doc.add_paragraph("—" * 28)
    sent = doc.add_paragraph()
    _font(sent.add_run("报：" + "，".join(bulletin.recipient_list) + "。"), 12)
    if bulletin.editor:
        doc.add_paragraph(f"责任编辑：{bulletin.editor}")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
