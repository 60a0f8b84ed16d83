"""Shared by bench/dedup.py and bench/dedup_train.py: the 附件3 index and gold pair rows.

The labelled pairs are ids only (bench/data/dedup_gold*.csv); the texts are read from the
data set at run time (see _common.datasets_dir), never copied into the repository.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import numpy as np
from _common import REPO_ROOT, message_text, read_sheet

from lvzhi.textsim import engine

GOLD_DIR = REPO_ROOT / "bench" / "data"
# Every committed labelled set, in the order they were made (set 4: hard near misses, #22).
GOLD_SETS = ("dedup_gold.csv", "dedup_gold_2.csv", "dedup_gold_3.csv", "dedup_gold_4.csv")

_DATE = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})")


def day_of(value: str) -> int | None:
    m = _DATE.search(value or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).toordinal()
    except ValueError:
        return None


def read_gold(path: str | Path) -> list[tuple[str, str, int]]:
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return [(r["id_a"], r["id_b"], int(r["label"])) for r in csv.DictReader(fh)]


class Sheet3:
    """All 4,326 附件3 messages indexed with the shipped engine (IDF over the whole sheet);
    each message's analysis and metadata (submitter, day) kept for pair judgements."""

    def __init__(self, *, model: object = None) -> None:
        rows = read_sheet("附件3")
        self.rows = {r["留言编号"]: r for r in rows}
        self.index = engine.SimilarityIndex(model=model)  # type: ignore[arg-type]
        self.analyses: dict[str, engine.Analysis] = {}
        self.meta: dict[str, dict[str, object]] = {}
        for r in rows:
            a = engine.analyze(message_text(r))
            self.analyses[r["留言编号"]] = a
            self.meta[r["留言编号"]] = {"author": r["留言用户"], "day": day_of(r["留言时间"])}
            self.index.add_analyzed(r["留言编号"], a, self.meta[r["留言编号"]])
        self.index.build()

    def judge(self, a: str, b: str) -> engine.PairJudgement:
        return self.index.judge(self.analyses[a], self.analyses[b], self.meta[a], self.meta[b])

    def rows_of(self, pairs: list[tuple[str, str, int]]) -> tuple[np.ndarray, np.ndarray]:
        feats = [self.judge(a, b).features for a, b, _ in pairs]
        return np.asarray(feats, dtype=np.float64), np.asarray([y for *_, y in pairs], dtype=np.int64)


def prf(pred: list[bool] | np.ndarray, labels: list[int] | np.ndarray) -> tuple[float, float, float]:
    tp = sum(1 for p, y in zip(pred, labels, strict=True) if p and y == 1)
    fp = sum(1 for p, y in zip(pred, labels, strict=True) if p and y == 0)
    fn = sum(1 for p, y in zip(pred, labels, strict=True) if not p and y == 1)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
