"""Demo year of 提案 and 代表建议 (filled in below)."""
