import datetime
import io
import zoneinfo

from openpyxl import load_workbook

from lvzhi.core.exports import xlsx_bytes


def _sheet(rows, headers=("案号", "标题", "提交时间")):
    return load_workbook(io.BytesIO(xlsx_bytes(title="清单", headers=list(headers), rows=rows))).active


def test_a_list_prints_landscape_on_a4_one_page_wide_with_the_header_on_every_page():
    ws = _sheet([["2026-0001", "关于加强养老服务的提案", "2026-01-05 09:30"]] * 80)
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert int(ws.page_setup.fitToWidth) == 1
    assert int(ws.page_setup.fitToHeight) == 0
    assert ws.print_title_rows == "$1:$1"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:C81"


def test_dates_are_dates_in_beijing_time_and_codes_stay_text():
    utc = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    ws = _sheet([["110101199001011234", "2026-03-02", utc]], headers=("身份证号", "日期", "时间"))
    assert ws["A2"].value == "110101199001011234"
    assert ws["B2"].value == datetime.datetime(2026, 3, 2)  # noqa: DTZ001 — Excel keeps no zone
    assert ws["B2"].number_format == "yyyy-mm-dd"
    assert ws["C2"].value == datetime.datetime(2026, 3, 2, 7, 30)  # noqa: DTZ001 — 23:30 UTC is 07:30 next day in Beijing
    assert ws["C2"].number_format == "yyyy-mm-dd hh:mm"


def test_a_text_that_only_looks_like_a_date_stays_as_written():
    ws = _sheet([["2026-13-45", "", ""]])
    assert ws["A2"].value == "2026-13-45"
