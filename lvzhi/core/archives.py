"""Limits on the archives people upload (.docx and .xlsx are zip files): checked before any
library unpacks them, so a small file cannot expand into gigabytes or a million parts.

Pure Python (no Django): the figure extractor's readers use it too.
"""

from __future__ import annotations

import io
import zipfile

MAX_ENTRIES = 2_000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # a part may unpack to at most 200× its packed size

TOO_MANY_ENTRIES = "文件包含的部件过多（超过 %(max)s 个），不予读取"
TOO_LARGE_UNPACKED = "文件解压后过大（超过 %(max)s MB），不予读取"
SUSPICIOUS_RATIO = "文件的压缩比异常，不予读取"
NOT_AN_ARCHIVE = "文件已损坏或不是有效的 Office 文件"


class ArchiveRejected(ValueError):
    """The archive breaks a limit; the message is Chinese and names the limit."""


def check_zip(
    data: bytes,
    *,
    max_entries: int = MAX_ENTRIES,
    max_unpacked: int = MAX_UNPACKED_BYTES,
    max_ratio: int = MAX_RATIO,
) -> None:
    """Raise ArchiveRejected if the zip in ``data`` has too many parts or unpacks too large.

    Reads the central directory only (declared sizes). A part lying about its size is caught
    later by zipfile itself, which stops at the declared size with a CRC error.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ArchiveRejected(NOT_AN_ARCHIVE) from exc
    if len(infos) > max_entries:
        raise ArchiveRejected(TOO_MANY_ENTRIES % {"max": max_entries})
    total = sum(i.file_size for i in infos)
    if total > max_unpacked:
        raise ArchiveRejected(TOO_LARGE_UNPACKED % {"max": max_unpacked // (1024 * 1024)})
    for i in infos:
        if i.file_size > 1024 * 1024 and i.file_size > max_ratio * max(i.compress_size, 1):
            raise ArchiveRejected(SUSPICIOUS_RATIO)
