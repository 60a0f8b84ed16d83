"""Shared helpers for the bench scripts: dataset location and CSV loading (no Django)."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

TIPDM = "tipdm2020c-smart-gov"


def datasets_dir() -> Path:
    """$LVZHI_DATASETS, else <repo root>/../shared/datasets (never inside the repo)."""
    env = os.environ.get("LVZHI_DATASETS")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "datasets"


def read_sheet(name: str) -> list[dict[str, str]]:
    """Rows of one 附件 CSV; 留言详情 stripped of its leading whitespace."""
    folder = datasets_dir() / TIPDM
    matches = sorted(folder.glob(f"{name}*.csv"))
    if not matches:
        raise FileNotFoundError(f"{name}*.csv not found in {folder}")
    with matches[0].open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if "留言详情" in row:
            row["留言详情"] = (row["留言详情"] or "").strip()
        if "留言主题" in row:
            row["留言主题"] = (row["留言主题"] or "").strip()
    return rows


def message_text(row: dict[str, str]) -> str:
    """Title on the first line, body after it (the engine weights the title line)."""
    return f"{row['留言主题']}\n{row['留言详情']}"
