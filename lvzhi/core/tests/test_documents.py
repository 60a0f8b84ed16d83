import datetime as dt

from docx.oxml.ns import qn

from lvzhi.core.documents import OfficialDocument, cn_date, cn_number, docx_filename, heading_number
from lvzhi.core.tests.docx_checks import assert_official_format, docx_text


def test_dates_are_written_in_beijing_without_zero_padding():
    # 17:30 UTC on 2 December is already 3 December in Beijing
    assert cn_date(dt.datetime(2026, 12, 2, 17, 30, tzinfo=dt.UTC)) == "2026年12月3日"
    assert cn_date(dt.date(2026, 1, 5)) == "2026年1月5日"


def test_heading_numbers_by_level():
    assert [heading_number(1, 3), heading_number(2, 12), heading_number(3, 2)] == ["三、", "（十二）", "2."]
    assert [cn_number(n) for n in (10, 21, 105, 110)] == ["十", "二十一", "一百零五", "一百一十"]


def test_a_document_has_the_official_page_fonts_numbers_and_author():
    # given a document with a title, numbered headings, a table and a sign-off
    doc = OfficialDocument(author="某市政协", title="工作报告")
    doc.title("政协某市委员会常务委员会工作报告")
    doc.heading("工作回顾")
    doc.heading("提案工作", level=2)
    doc.heading("提案办理", level=2)
    doc.heading("今后工作")
    doc.heading("协商", level=2)
    doc.paragraph("全年共收到提案261件。")
    doc.table(["项目", "数量"], [["提案", 261]])
    doc.signoff("政协某市委员会", on=dt.datetime(2026, 12, 2, 16, 5, tzinfo=dt.UTC))
    # when it is written and opened again
    opened = assert_official_format(doc.to_bytes(), author="某市政协")
    text = docx_text(opened)
    # then headings are numbered per level and restart under a new parent, the date is Beijing's
    assert (
        "一、工作回顾" in text
        and "（二）提案办理" in text
        and "二、今后工作" in text
        and "（一）协商" in text
    )
    assert "2026年12月3日" in text
    title_run = opened.paragraphs[0].runs[0]
    assert title_run.font.size.pt == 22
    assert title_run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    assert opened.paragraphs[1].style.name == "Heading 1"


def test_file_names_drop_characters_windows_refuses():
    assert docx_filename("答复函", "第0151号", "市教育局/主办") == "答复函-第0151号-市教育局主办.docx"
