"""Attachments: what a file really is, read from its bytes; the name it came with is only a label.

Pure Python (no ORM): the engine calls ``upload_check`` on every file before it writes anything.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from lvzhi.core import archives

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10

FILE_TOO_LARGE = "文件“%(name)s”超过 %(mb)s MB，请压缩或拆分后再上传。"
FILE_EMPTY = "文件“%(name)s”是空文件。"
FILE_TYPE = (
    "文件“%(name)s”的内容不是允许的类型，只能上传 PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG 文件。"
)
TOO_MANY_FILES = "一次最多上传 %(n)s 个文件。"
FILES_NOT_ACCEPTED = "“%(action)s”不接受附件。"
FILES_REQUIRED = "请选择要上传的文件。"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
KIND_LABELS = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "jpg": "JPG", "png": "PNG"}


@dataclass(frozen=True)
class Upload:
    """A file as received: its name as the sender called it, and at most MAX_BYTES + 1 of its bytes."""

    name: str
    data: bytes

    @classmethod
    def from_django(cls, f: Any) -> Upload:
        """Read a Django ``UploadedFile`` without pulling more than one byte past the limit."""
        if f.size is not None and f.size > MAX_BYTES:
            return cls(name=str(f.name or "附件"), data=b"\0" * (MAX_BYTES + 1))
        return cls(name=str(f.name or "附件"), data=f.read(MAX_BYTES + 1))


def sniff(data: bytes) -> str | None:
    """The file's kind from its first bytes (for Office files, from the parts inside the zip)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def clean_name(name: str, kind: str) -> str:
    """The sender's name without folders, with the extension the content deserves."""
    base = PurePath(name.replace("\\", "/")).name.strip() or "附件"
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem[:150] or '附件'}.{kind}"


def upload_check(upload: Upload) -> tuple[str | None, str | None]:
    """(kind, None) when the file may be kept, (None, message) when it must be refused."""
    shown = PurePath(upload.name.replace("\\", "/")).name[:80] or "附件"
    if len(upload.data) > MAX_BYTES:
        return None, FILE_TOO_LARGE % {"name": shown, "mb": MAX_BYTES // (1024 * 1024)}
    if not upload.data:
        return None, FILE_EMPTY % {"name": shown}
    if upload.data.startswith(b"PK"):
        try:
            archives.check_zip(upload.data)
        except archives.ArchiveRejected as exc:
            return None, f"“{shown}”：{exc}。"
    kind = sniff(upload.data)
    if kind is None:
        return None, FILE_TYPE % {"name": shown}
    return kind, None
