"""One check that a .docx is in the official format; every app's document tests call it."""

from __future__ import annotations

import io
import re
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length, Mm

DATE_PATTERN = re.compile(r"\d{4}年[1-9]\d?月[1-9]\d?日")


def open_docx(data: bytes) -> Any:
    return Document(io.BytesIO(data))


def docx_text(doc: Any) -> str:
    """All paragraph and table-cell text of a document, one line each."""
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def assert_official_format(data: bytes, *, author: str) -> Any:
    """A4, GB/T 9704 margins, "— PAGE —" footers odd right / even left, 仿宋 3号 body, the body as author.

    Returns the opened document so the caller can go on to assert its content.
    """
    doc = open_docx(data)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 37
    assert round(section.left_margin.mm) == 28
    assert round(Length(section.page_width - section.left_margin - section.right_margin).mm) == 156
    assert round(Length(section.page_height - section.top_margin - section.bottom_margin).mm) == 225
    assert doc.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        para = footer.paragraphs[0]
        xml = para._p.xml
        assert "PAGE" in xml and "fldChar" in xml, "页码域缺失"
        assert para.text.startswith("— ") and para.text.endswith(" —")
        assert para.alignment is not None and para.alignment.name.lower() == align
        fonts = para.runs[0]._element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == "宋体"
        assert round(para.runs[0].font.size.pt) == 14
    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")).startswith("仿宋")
    for level, font in ((1, "黑体"), (2, "楷体")):
        style = doc.styles[f"Heading {level}"]
        assert style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")).startswith(font)
        assert style.font.color.rgb is None or str(style.font.color.rgb) == "000000"
    assert doc.core_properties.author == author
    assert doc.core_properties.created.year >= 2024
    text = docx_text(doc)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "日期应写作2026年12月3日"
    assert not re.search(r"年0\d月|月0\d日", text), "日期不补零"
    return doc


def has_mm(value: Any, mm: float) -> bool:
    return abs(value - Mm(mm)) < Mm(0.5)
