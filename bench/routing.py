"""5-fold stratified CV of Router on 附件2 (class = 一级分类, text = 留言主题 + 留言详情).

Last line: JSON with accuracy, macro_f1, folds, n.
"""

from __future__ import annotations

import argparse
import json
import time

from _common import message_text, read_sheet
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

from lvzhi.textsim.engine import Router


def taxonomy_examples(classes: set[str]) -> tuple[list[str], list[str]]:
    """附件1 (二级 + 三级 class names) as extra short training texts for each 一级 class.

    The taxonomy is the board's own label definition, not part of the evaluated messages.
    """
    texts: list[str] = []
    labels: list[str] = []
    for row in read_sheet("附件1"):
        if row["一级分类"] in classes:
            texts.append(f"{row['二级分类']} {row['三级分类']}")
            labels.append(row["一级分类"])
    return texts, labels


def cross_validate(folds: int = 5, seed: int = 42, use_taxonomy: bool = True) -> dict[str, float]:
    rows = read_sheet("附件2")
    texts = [message_text(r) for r in rows]
    labels = [r["一级分类"] for r in rows]
    extra_t, extra_y = taxonomy_examples(set(labels)) if use_taxonomy else ([], [])
    y_true: list[str] = []
    y_pred: list[str] = []
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in skf.split(texts, labels):
        router = Router().fit([texts[i] for i in train] + extra_t, [labels[i] for i in train] + extra_y)
        for i in test:
            y_true.append(labels[i])
            y_pred.append(router.predict(texts[i], k=1)[0][0])
    return {
        "accuracy": round(accuracy_score(y_true, y_pred), 4),
        "macro_f1": round(f1_score(y_true, y_pred, average="macro"), 4),
        "folds": folds,
        "n": len(rows),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-taxonomy", action="store_true", help="train on 附件2 messages only")
    args = ap.parse_args()
    t0 = time.perf_counter()
    result = cross_validate(args.folds, use_taxonomy=not args.no_taxonomy)
    print(f"{args.folds}-fold CV on 附件2 took {time.perf_counter() - t0:.1f}s")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
