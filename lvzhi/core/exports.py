"""Excel export of any list view, exactly as filtered, set up to print as an office expects.

Every sheet prints landscape on A4, fitted to the page width, with the header row repeated on
each page, frozen and filtered; dates are real dates in Beijing time (a date typed as text
cannot be sorted or filtered by Excel).
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_EXPORT_ROWS = 100_000
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$")


def _cell_value(value: Any) -> tuple[Any, str | None]:
    """The value to store and its number format: dates become dates, in local time, without zone."""
    if value is None:
        return "", None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        return value, DATETIME_FORMAT
    if isinstance(value, datetime.date):
        return value, DATE_FORMAT
    if isinstance(value, str) and len(value) <= 19 and (m := _ISO_DATE.match(value)):
        try:
            y, mo, d, h, mi, sec = (int(p) if p else None for p in m.groups())
            if h is None or mi is None:
                return datetime.date(y or 0, mo or 0, d or 0), DATE_FORMAT
            # local wall time, as the page shows it: Excel keeps no zone
            wall = datetime.datetime(y or 0, mo or 0, d or 0, h, mi, sec or 0)  # noqa: DTZ001
            return wall, DATETIME_FORMAT
        except ValueError:
            return value, None
    return value, None


def _print_setup(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.freeze_panes = "A2"
    if ws.max_row >= 1 and ws.max_column >= 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"


def xlsx_bytes(*, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    wb = Workbook(write_only=False)
    ws = wb.active
    if ws is None:  # a new workbook always has one sheet
        ws = wb.create_sheet()
    ws.title = title[:31]
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="9B1C1C")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = [max(8, len(str(h)) * 2 + 2) for h in headers]
    for n, row in enumerate(rows):
        if n >= MAX_EXPORT_ROWS:
            break
        cells = [_cell_value(v) for v in row]
        ws.append([v for v, _fmt in cells])
        for i, (v, fmt) in enumerate(cells):
            if fmt:
                ws.cell(row=n + 2, column=i + 1).number_format = fmt
            if i < len(widths):
                width = 18 if fmt else (len(str(v)) * 2 if isinstance(v, str) else 10)
                widths[i] = min(60, max(widths[i], width))
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    _print_setup(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_response(
    *, filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(title=title, headers=headers, rows=rows), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
