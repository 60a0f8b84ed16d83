"""Reading a peer's report before anything is saved: checks, extraction, prefill, highlights.

No database access: the web review step, the API's extract endpoint and the import
command all go through ``read_upload`` / ``read_text``, so a bad file is refused the
same way everywhere, with the same Chinese message.
"""

from __future__ import annotations

import itertools
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lvzhi.core.exceptions import ImportRejected

from . import figures
from .extraction import DocumentError, extract_text, read_document
from .extraction.readers import MAX_TEXT_CHARS
from .schema import CONGRESS, CPPCC

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED_SUFFIXES = (".txt", ".docx", ".pdf")

NO_INPUT = "请上传报告文件或粘贴报告全文。"
FILE_TOO_LARGE = "文件“%(name)s”超过 10 MB，无法读取。"
BAD_SUFFIX = "文件“%(name)s”的格式不受支持，请上传 .txt、.docx 或 .pdf 文件。"
DOCUMENT_REJECTED = "文件“%(name)s”无法作为工作报告读取：%(reason)s。"
TEXT_TOO_LONG = "粘贴的内容超过 %(max)s 字，请只粘贴工作报告正文。"
TEXT_REJECTED = "粘贴的内容无法作为工作报告读取：%(reason)s。"

KIND_SUFFIX = {CPPCC: "政协", CONGRESS: "人大常委会"}


@dataclass
class Extraction:
    """A report read and its figures extracted, nothing saved yet."""

    doc: str
    text: str
    kind: str | None
    region: str | None
    year: int | None
    figures: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """Exactly the extractor's JSON form (figure-schema.md)."""
        return {
            "doc": self.doc,
            "body": self.kind,
            "region": self.region,
            "year": self.year,
            "figures": self.figures,
        }

    @property
    def peer_name(self) -> str:
        if self.region and self.kind:
            return f"{self.region}{KIND_SUFFIX[self.kind]}"
        return Path(self.doc).stem if self.doc else (self.region or "")

    @property
    def level(self) -> str:
        return guess_level(self.region)


def guess_level(region: str | None) -> str:
    """A first guess of the body's level from its place name; staff correct it on review."""
    if not region:
        return ""
    if region in {"北京市", "天津市", "上海市", "重庆市"} or re.search(r"(?:省|自治区|特别行政区)$", region):
        return "provincial"
    if re.search(r"(?:区|县|旗|自治县)$", region):
        return "county"
    if re.search(r"(?:市|州|盟|地区)$", region):
        return "city"
    return ""


def _from_result(result: dict[str, Any], text: str) -> Extraction:
    return Extraction(
        doc=result["doc"],
        text=text,
        kind=result["body"],
        region=result["region"],
        year=result["year"],
        figures=list(result["figures"]),
    )


def read_text(text: str, *, doc: str = "") -> Extraction:
    """Extract the figures of pasted text; ImportRejected with a Chinese reason if it is no report."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportRejected(NO_INPUT)
    if len(text) > MAX_TEXT_CHARS:
        raise ImportRejected(TEXT_TOO_LONG % {"max": MAX_TEXT_CHARS})
    try:
        result = extract_text(text, doc=doc)
    except DocumentError as exc:
        raise ImportRejected(TEXT_REJECTED % {"reason": exc}) from exc
    return _from_result(result, text)


def read_upload(*, name: str, data: bytes) -> Extraction:
    """Read an uploaded .txt/.docx/.pdf file and extract its figures."""
    name = Path(name or "report.txt").name
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ImportRejected(BAD_SUFFIX % {"name": name})
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRejected(FILE_TOO_LARGE % {"name": name})
    # The readers work on paths (so the command and the web share them): a private temp file.
    with tempfile.TemporaryDirectory(prefix="lvzhi-peer-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        return read_path(path, doc=name)


def read_path(path: str | Path, *, doc: str = "") -> Extraction:
    p = Path(path)
    doc = doc or p.name
    if p.suffix.lower() not in ALLOWED_SUFFIXES:
        raise ImportRejected(BAD_SUFFIX % {"name": doc})
    try:
        if p.stat().st_size > MAX_UPLOAD_BYTES:
            raise ImportRejected(FILE_TOO_LARGE % {"name": doc})
        text = read_document(p).replace("\r\n", "\n").replace("\r", "\n")
        result = extract_text(text, doc=doc)
    except DocumentError as exc:
        raise ImportRejected(DOCUMENT_REJECTED % {"name": doc, "reason": exc}) from exc
    except OSError as exc:
        raise ImportRejected(DOCUMENT_REJECTED % {"name": doc, "reason": "无法读取文件"}) from exc
    return _from_result(result, text)


# --------------------------------------------------------------------- highlights


@dataclass
class Segment:
    text: str
    figure_indexes: list[int]
    ends: list[int] = field(default_factory=list)  # figures whose quote ends here

    @property
    def marked(self) -> bool:
        return bool(self.figure_indexes)

    @property
    def title(self) -> str:
        return "、".join(f"#{i + 1}" for i in self.figure_indexes)


def quote_spans(text: str, quotes: list[str]) -> list[tuple[int, int] | None]:
    """Where each quote sits in the text (None when it is not there, e.g. a figure added by hand).

    Two figures may share one quote ("满意率100%,…99.60%"): both point at the same span.
    """
    spans: list[tuple[int, int] | None] = []
    for quote in quotes:
        start = text.find(quote) if quote else -1
        spans.append((start, start + len(quote)) if start >= 0 else None)
    return spans


def highlight_segments(text: str, quotes: list[str]) -> list[Segment]:
    """The text cut into plain and marked segments; each mark lists the figures it supports."""
    spans = quote_spans(text, quotes)
    bounds = {0, len(text)}
    for span in spans:
        if span:
            bounds.update(span)
    points = sorted(bounds)
    segments: list[Segment] = []
    for lo, hi in itertools.pairwise(points):
        if lo == hi:
            continue
        idx = [i for i, span in enumerate(spans) if span and span[0] <= lo and hi <= span[1]]
        ends = [i for i in idx if spans[i] and spans[i][1] == hi]  # type: ignore[index]  # filtered above
        if segments and segments[-1].figure_indexes == idx and not segments[-1].ends:
            segments[-1].text += text[lo:hi]
            segments[-1].ends = ends
        else:
            segments.append(Segment(text=text[lo:hi], figure_indexes=idx, ends=ends))
    return segments


def figure_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figures with their Chinese label, for templates."""
    out = []
    for i, f in enumerate(items):
        try:
            label = figures.spec(f["key"]).label
        except KeyError:
            label = f["key"]
        out.append({**f, "index": i, "label": label})
    return out
