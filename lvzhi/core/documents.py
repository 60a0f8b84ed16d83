"""The one document style for every Word file the project writes (GB/T 9704-2012, 党政机关公文格式).

Every .docx goes through :class:`OfficialDocument`; apps write content, never page setup or fonts:

    doc = OfficialDocument(author=body.name, title="关于……的答复")
    doc.title("关于……的答复")
    doc.heading("工作回顾")                  # 一、 黑体
    doc.heading("提案工作", level=2)         # （一） 楷体
    doc.paragraph("全年共收到提案261件……")   # 3号仿宋, first line indented two characters
    doc.signoff(body.name, on=date)          # right-aligned, date as 2026年12月3日
    return doc.to_bytes()

Page: A4, margins top 37 mm / left 28 mm, text block 156 × 225 mm (so right 26 mm, bottom 35 mm),
22 lines of 28 characters. Page numbers "— 1 —" in 4号宋体, odd pages right, even pages left,
each one character in from the edge of the text block. Core properties carry the body's name as
author and the real creation time.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BEIJING = ZoneInfo("Asia/Shanghai")

# 字号 → points (GB/T 9704 names sizes by 号).
SIZE_2 = Pt(22)  # 二号: the title
SIZE_3 = Pt(16)  # 三号: body text and headings
SIZE_4 = Pt(14)  # 四号: page numbers, tables
SIZE_SMALL_4 = Pt(12)  # 小四: dense tables

# Font names as Chinese offices have them installed, each with the fallback a machine without the
# founder fonts shows instead (written to the font table as w:altName, which Word and LibreOffice read).
FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEI = "黑体"
FONT_KAI = "楷体_GB2312"
FONT_SONG = "宋体"
FONT_LATIN = "Times New Roman"
FALLBACKS = {FONT_TITLE: "宋体", FONT_BODY: "仿宋", FONT_KAI: "楷体", FONT_HEI: "SimHei", FONT_SONG: "SimSun"}

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_LEFT = Mm(37), Mm(28)
TEXT_WIDTH, TEXT_HEIGHT = Mm(156), Mm(225)
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines
RED = RGBColor(0xE6, 0x00, 0x12)

CN_DIGITS = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五 (the numbers of 一、 headings and 第N期)."""
    if n <= 0:
        return CN_DIGITS[0]
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return CN_DIGITS[tens] + "十" + (CN_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if not rest:
        return CN_DIGITS[hundreds] + "百"
    if rest < 10:
        return CN_DIGITS[hundreds] + "百零" + CN_DIGITS[rest]
    tens, ones = divmod(rest, 10)
    return CN_DIGITS[hundreds] + "百" + CN_DIGITS[tens] + "十" + (CN_DIGITS[ones] if ones else "")


def heading_number(level: int, n: int) -> str:
    """The numbering of a heading by level: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def beijing_date(value: dt.date | dt.datetime | None = None) -> dt.date:
    """The calendar day in Beijing: an aware datetime is converted, a date is taken as it is."""
    if value is None:
        value = dt.datetime.now(tz=BEIJING)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(BEIJING).date()
    return value


def cn_date(value: dt.date | dt.datetime | None = None) -> str:
    """2026年12月3日: no zero padding, Beijing's calendar day (a UTC timestamp late at night is tomorrow)."""
    day = beijing_date(value)
    return f"{day.year}年{day.month}月{day.day}日"


def _set_fonts(rpr_owner: Any, east_asia: str, *, latin: str = FONT_LATIN) -> None:
    """Set the east-Asian and Latin fonts of a run or style, dropping theme fonts that would win."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _font_run(run: Any, font: str, size: Any, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.size = size
    run.font.bold = bold
    run.font.color.rgb = color or RGBColor(0, 0, 0)
    _set_fonts(run._element, font)


class OfficialDocument:
    """A Word document in the official format; build it with the methods, then call :meth:`to_bytes`."""

    def __init__(
        self, *, author: str, title: str = "", subject: str = "", created: dt.datetime | None = None
    ):
        self.document: Any = Document()
        self._counters = [0, 0, 0, 0]
        self._setup_page()
        self._setup_styles()
        self._setup_page_numbers()
        self._setup_font_table()
        now = created or dt.datetime.now(tz=dt.UTC)
        props = self.document.core_properties
        props.author = author
        props.last_modified_by = author
        props.title = title
        props.subject = subject
        props.comments = ""
        props.created = now.astimezone(dt.UTC).replace(tzinfo=None)
        props.modified = props.created
        props.revision = 1

    # ---- setup ---------------------------------------------------------------------------------
    def _setup_page(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.left_margin = MARGIN_TOP, MARGIN_LEFT
        section.right_margin = PAGE_WIDTH - MARGIN_LEFT - TEXT_WIDTH
        section.bottom_margin = PAGE_HEIGHT - MARGIN_TOP - TEXT_HEIGHT
        section.header_distance = Mm(15)
        section.footer_distance = Mm(28)  # 页码 sits 7 mm below the text block's last line
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(int(LINE_PITCH.pt * 20)))

    def _setup_styles(self) -> None:
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.size = SIZE_3
        normal.font.color.rgb = RGBColor(0, 0, 0)
        _set_fonts(normal.element, FONT_BODY)
        fmt = normal.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE_PITCH
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.widow_control = True
        for level, font in ((1, FONT_HEI), (2, FONT_KAI), (3, FONT_BODY)):
            style = styles[f"Heading {level}"]
            style.font.size = SIZE_3
            style.font.bold = level == 3
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            _set_fonts(style.element, font)
            pf = style.paragraph_format
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = LINE_PITCH
            pf.space_before = Pt(0)
            pf.space_after = Pt(0)
            pf.first_line_indent = Pt(32)  # two characters of 三号
            pf.keep_with_next = True
        for name in ("Table Grid",):
            if name in [s.name for s in styles]:
                _set_fonts(styles[name].element, FONT_BODY)

    def _setup_page_numbers(self) -> None:
        self.document.settings.odd_and_even_pages_header_footer = True
        section = self.document.sections[0]
        self._page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
        self._page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)

    def _page_number(self, paragraph: Any, align: WD_ALIGN_PARAGRAPH) -> None:
        """— PAGE — in 4号宋体, one character (14 pt) in from the text block's edge."""
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = Pt(14)
        else:
            fmt.left_indent = Pt(14)
        _font_run(paragraph.add_run("— "), FONT_SONG, SIZE_4)
        run = paragraph.add_run()
        _font_run(run, FONT_SONG, SIZE_4)
        for kind, text in (
            ("begin", None),
            ("instr", " PAGE "),
            ("separate", None),
            ("text", "1"),
            ("end", None),
        ):
            if kind == "instr":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            elif kind == "text":
                el = OxmlElement("w:t")
                el.text = text
            else:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            run._element.append(el)
        _font_run(paragraph.add_run(" —"), FONT_SONG, SIZE_4)

    def _setup_font_table(self) -> None:
        """Declare the founder fonts with their fallbacks (w:altName) so a machine without them still shows
        宋体/仿宋/楷体 instead of a Latin substitute."""
        part = self.document.part
        font_part = None
        for rel in part.rels.values():
            if rel.reltype.endswith("/fontTable"):
                font_part = rel.target_part
        if font_part is None:  # python-docx's default template has one; nothing to extend otherwise
            return
        from lxml import etree

        root = etree.fromstring(font_part.blob)
        for name, alt in FALLBACKS.items():
            font = etree.SubElement(root, qn("w:font"))
            font.set(qn("w:name"), name)
            alt_el = etree.SubElement(font, qn("w:altName"))
            alt_el.set(qn("w:val"), alt)
            charset = etree.SubElement(font, qn("w:charset"))
            charset.set(qn("w:val"), "86")
            family = etree.SubElement(font, qn("w:family"))
            family.set(qn("w:val"), "modern" if name != FONT_TITLE else "script")
        font_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    # ---- content -------------------------------------------------------------------------------
    def red_header(self, issuer: str, *, doc_number: str = "") -> None:
        """红头: the issuing body in red 方正小标宋, its 文号, and the red rule under them."""
        p = self.document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        p.paragraph_format.space_after = Pt(12)
        _font_run(p.add_run(issuer), FONT_TITLE, Pt(36), color=RED)
        if doc_number:
            n = self.document.add_paragraph()
            n.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font_run(n.add_run(doc_number), FONT_BODY, SIZE_3)
        self._rule(RED, size=12)

    def _rule(self, color: RGBColor, *, size: int = 6) -> None:
        p = self.document.add_paragraph()
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        ppr = p._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        bottom.set(qn("w:val"), "single")
        bottom.set(qn("w:sz"), str(size))
        bottom.set(qn("w:space"), "1")
        bottom.set(qn("w:color"), str(color))
        borders.append(bottom)
        ppr.append(borders)

    def title(self, text: str) -> Any:
        """The document title: 2号方正小标宋, centred, one blank line after it."""
        p = self.document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(35)
        fmt.space_after = LINE_PITCH
        fmt.keep_with_next = True
        _font_run(p.add_run(text), FONT_TITLE, SIZE_2)
        return p

    def subtitle(self, text: str) -> Any:
        """A line under the title (the author, the meeting, the date) in 3号楷体, centred."""
        p = self.document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        _font_run(p.add_run(text), FONT_KAI, SIZE_3)
        return p

    def heading(self, text: str, *, level: int = 1, numbered: bool = True) -> Any:
        """一、 in 黑体, （一） in 楷体, 1. in 仿宋 bold; numbers count per parent, restart under a new one."""
        if numbered:
            self._counters[level - 1] += 1
            for deeper in range(level, len(self._counters)):
                self._counters[deeper] = 0
            text = heading_number(level, self._counters[level - 1]) + text
        p = self.document.add_paragraph(style=f"Heading {min(level, 3)}")
        _font_run(
            p.add_run(text), (FONT_HEI, FONT_KAI, FONT_BODY, FONT_BODY)[level - 1], SIZE_3, bold=level >= 3
        )
        return p

    def paragraph(
        self,
        text: str = "",
        *,
        indent: bool = True,
        align: str = "justify",
        bold_lead: str = "",
        size: Any = None,
    ) -> Any:
        """Body text in 3号仿宋; ``bold_lead`` starts the paragraph with a run in 黑体 (a 一是… lead-in)."""
        p = self.document.add_paragraph()
        p.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        if indent:
            p.paragraph_format.first_line_indent = Pt(32)
        if bold_lead:
            _font_run(p.add_run(bold_lead), FONT_HEI, size or SIZE_3)
        if text:
            _font_run(p.add_run(text), FONT_BODY, size or SIZE_3)
        return p

    def paragraphs(self, text: str) -> None:
        """Each non-empty line of ``text`` as its own body paragraph."""
        for line in text.splitlines():
            if line.strip():
                self.paragraph(line.strip())

    def addressee(self, text: str) -> Any:
        """主送机关 / the person greeted: flush left, ends with a full-width colon."""
        return self.paragraph(text if text.endswith("：") else text + "：", indent=False, align="left")

    def field_table(self, rows: Iterable[tuple[str, str]], *, label_width_mm: int = 30) -> Any:
        """A two-column table of label and value; the label column is narrow, the value takes the rest."""
        pairs = list(rows)
        table = self.document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = (Mm(label_width_mm), TEXT_WIDTH - Mm(label_width_mm))
        for label, value in pairs:
            cells = table.add_row().cells
            for cell, text, width, font in (
                (cells[0], label, widths[0], FONT_HEI),
                (cells[1], value, widths[1], FONT_BODY),
            ):
                cell.width = width
                cell.text = ""
                para = cell.paragraphs[0]
                para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
                _font_run(para.add_run(str(text)), font, SIZE_4)
        return table

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[Sequence[object]],
        *,
        widths_mm: Sequence[int] | None = None,
    ) -> Any:
        """A grid table with a repeated header row in 黑体 and cells in 4号仿宋 (小四 when wide)."""
        body = [list(r) for r in rows]
        size = SIZE_4 if len(header) <= 4 else SIZE_SMALL_4
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        head_row = table.rows[0]
        tr_pr = head_row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        for cell, text in zip(head_row.cells, header, strict=True):
            cell.text = ""
            para = cell.paragraphs[0]
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            _font_run(para.add_run(str(text)), FONT_HEI, size)
        for values in body:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = ""
                para = cell.paragraphs[0]
                para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
                _font_run(para.add_run("" if value is None else str(value)), FONT_BODY, size)
        if widths_mm:
            for row in table.rows:
                for cell, width in zip(row.cells, widths_mm, strict=False):
                    cell.width = Mm(width)
        self.document.add_paragraph()
        return table

    def toc(self, *, levels: str = "1-2") -> Any:
        """A contents list as a Word TOC field; Word fills in the page numbers when it opens the file."""
        p = self.document.add_paragraph()
        run = p.add_run()
        for kind, text in (
            ("begin", None),
            ("instr", f' TOC \\o "{levels}" \\h \\z \\u '),
            ("separate", None),
            ("text", "（打开文件时更新目录以显示页码）"),
            ("end", None),
        ):
            if kind == "instr":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            elif kind == "text":
                el = OxmlElement("w:t")
                el.text = text
            else:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            run._element.append(el)
        settings = self.document.settings.element
        if settings.find(qn("w:updateFields")) is None:
            update = OxmlElement("w:updateFields")
            update.set(qn("w:val"), "true")
            settings.append(update)
        return p

    def signoff(self, *names: str, on: dt.date | dt.datetime | None = None) -> None:
        """落款: the signing body(ies) and the date, right-aligned four characters in from the edge."""
        self.document.add_paragraph()
        for name in names:
            if name:
                p = self.paragraph(name, indent=False, align="right")
                p.paragraph_format.right_indent = Pt(64)
        p = self.paragraph(cn_date(on), indent=False, align="right")
        p.paragraph_format.right_indent = Pt(64)

    def record_note(
        self, *, cc: str = "", issuer: str = "", issued_on: dt.date | dt.datetime | None = None
    ) -> None:
        """版记: 抄送 and the issuing office with the print date, between two rules, at the end."""
        self._rule(RGBColor(0, 0, 0))
        if cc:
            self.paragraph(f"抄送：{cc}。", indent=False, align="left", size=SIZE_4)
        if issuer:
            self.paragraph(
                f"{issuer}　　　　{cn_date(issued_on)}印发", indent=False, align="left", size=SIZE_4
            )
        self._rule(RGBColor(0, 0, 0))

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def new_section(self) -> None:
        """A new section on a new page with the same page setup and page numbers."""
        self.document.add_section(WD_SECTION.NEW_PAGE)

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.document.save(buf)
        return buf.getvalue()


def docx_filename(*parts: str) -> str:
    """A file name that tells two documents apart and has no characters Windows refuses."""
    cleaned = ["".join(ch for ch in part if ch not in '\\/:*?"<>|').strip() for part in parts if part]
    return "-".join(p for p in cleaned if p) + ".docx"
