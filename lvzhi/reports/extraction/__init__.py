"""Figure extraction from published annual work reports (pure Python, no Django)."""

from .extract import DocumentError, extract_text
from .numerals import parse_chinese_number
from .readers import extract_file, read_document

__all__ = ["DocumentError", "extract_file", "extract_text", "parse_chinese_number", "read_document"]
