"""Read a report file (.txt, .docx, .pdf) into text; bad files raise DocumentError."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from lvzhi.core.archives import ArchiveRejected, check_zip

from .extract import DocumentError, extract_text

EMPTY_FILE = "文件为空"
BAD_PDF = "无法识别的PDF文件"
BAD_DOCX = "无法识别的Word文件"
UNREADABLE = "无法读取文件"
NO_TEXT = "文件中没有可提取的文字"
# A work report runs to tens of thousands of characters; these bounds leave ample room.
MAX_PDF_PAGES = 500
MAX_TEXT_CHARS = 500_000
PDF_TOO_MANY_PAGES = "PDF 超过 %(max)s 页，不予读取"
TEXT_TOO_LONG = "文字超过 %(max)s 字，不是一份工作报告"


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        # UTF-16 or a binary file: neither is a plain-text report.
        for enc in ("utf-16",):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                pass
        raise DocumentError(UNREADABLE)
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise DocumentError(UNREADABLE)


def _read_docx(data: bytes) -> str:
    import docx  # python-docx; imported here so .txt users need not load it

    try:
        check_zip(data)
    except ArchiveRejected as exc:
        raise DocumentError(str(exc)) from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(BAD_DOCX) from exc
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("，".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PdfStreamError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise DocumentError(BAD_PDF)
    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(PDF_TOO_MANY_PAGES % {"max": MAX_PDF_PAGES})
        pages = []
        size = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if size > MAX_TEXT_CHARS:
                raise DocumentError(TEXT_TOO_LONG % {"max": MAX_TEXT_CHARS})
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError(BAD_PDF) from exc
    return "\n".join(pages)


def read_document(path: str | Path) -> str:
    """The text of a report file, chosen by its suffix (anything else is read as text)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise DocumentError(UNREADABLE) from exc
    if not data.strip():
        raise DocumentError(EMPTY_FILE)
    suffix = p.suffix.lower()
    if suffix == ".pdf":
        text = _read_pdf(data)
    elif suffix == ".docx":
        text = _read_docx(data)
    else:
        text = _decode(data)
    if not text.strip():
        raise DocumentError(NO_TEXT if suffix in (".pdf", ".docx") else EMPTY_FILE)
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(TEXT_TOO_LONG % {"max": MAX_TEXT_CHARS})
    return text


def extract_file(path: str | Path) -> dict[str, Any]:
    """Read a report file and return its figures, with the file name as `doc`."""
    return extract_text(read_document(path), doc=Path(path).name)
