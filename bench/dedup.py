"""Duplicate (并案) decisions on the hand-labelled gold pairs from 附件3.

Indexes all 4,326 附件3 messages (so IDF reflects the whole sheet) and judges each gold pair
with the learned pair model (lvzhi/textsim/pairs.py). The model is trained here on every
committed labelled pair (bench/data, see its README) **except the pairs of the file being
scored**, so no file is scored by a model that saw its labels: for a file of new pairs that
is exactly the shipped model (data/dedup_model.json, made by bench/dedup_train.py); for the
committed sets it is leave-one-set-out. The old rule (place-aware cosine ≥ 0.20) is reported
beside it on the same pairs.

Last line: JSON; ``precision``/``recall``/``f1``/``gold_pairs`` are for ``--gold``, the same
keys with ``_2``/``_3``/``_4`` for the other committed sets, ``_all`` for all of them
together, and ``rule_f1*`` for the old rule.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from _pairs import GOLD_DIR, GOLD_SETS, Sheet3, prf, read_gold

from lvzhi.textsim import engine, pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", default=str(GOLD_DIR / GOLD_SETS[0]))
    for n in (2, 3, 4):
        ap.add_argument(
            f"--gold{n}", default=str(GOLD_DIR / GOLD_SETS[n - 1]), help=f"committed set {n} ('' to skip)"
        )
    ap.add_argument("--show-errors", action="store_true", help="print misjudged pairs (ids and titles)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    sheet = Sheet3(model=False)
    print(f"indexed {len(sheet.rows)} messages in {time.perf_counter() - t0:.1f}s")
    train: dict[frozenset[str], tuple[str, str, int]] = {}
    for name in GOLD_SETS:
        for a, b, y in read_gold(GOLD_DIR / name):
            train.setdefault(frozenset((a, b)), (a, b, y))
    train_rows = list(train.values())
    x_train, y_train = sheet.rows_of(train_rows)
    keys = [frozenset((a, b)) for a, b, _ in train_rows]
    c = (pairs.default_model() or pairs.PairModel.fit(x_train, y_train)).c

    out: dict[str, object] = {}
    all_pred: list[bool] = []
    all_rule: list[bool] = []
    all_labels: list[int] = []
    for path, key in ((args.gold, ""), (args.gold2, "_2"), (args.gold3, "_3"), (args.gold4, "_4")):
        if not path:
            continue
        gold = read_gold(path)
        held = {frozenset((a, b)) for a, b, _ in gold}
        keep = np.asarray([k not in held for k in keys])
        model = pairs.PairModel.fit(x_train[keep], y_train[keep], c=c)
        judged = [sheet.judge(a, b) for a, b, _ in gold]
        x = np.asarray([j.features for j in judged])
        prob = model.probabilities(x) * np.asarray([j.cosine >= engine.MODEL_MIN_COSINE for j in judged])
        pred = (prob >= model.threshold).tolist()
        rule = [j.score >= engine.DUPLICATE_THRESHOLD for j in judged]
        labels = [y for *_, y in gold]
        all_pred += pred
        all_rule += rule
        all_labels += labels
        p, r, f = prf(pred, labels)
        rp, rr, rf = prf(rule, labels)
        print(
            f"{Path(path).name}: gold pairs {len(gold)} (positives {sum(labels)}, negatives"
            f" {len(labels) - sum(labels)}); model trained on {int(keep.sum())} other labelled pairs"
        )
        print(f"  pair model: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
        print(
            f"  old rule (score ≥ {engine.DUPLICATE_THRESHOLD:.2f}): precision {rp:.3f} recall {rr:.3f} F1 {rf:.3f}"
        )
        if args.show_errors:
            for (a, b, y), ok, pr in zip(gold, pred, prob, strict=True):
                if ok != bool(y):
                    ta, tb = sheet.rows[a]["留言主题"][:30], sheet.rows[b]["留言主题"][:30]
                    print(f"  {'FN' if y else 'FP'} {pr:.2f} {a} {ta} | {b} {tb}")
        out.update(
            {
                f"precision{key}": round(p, 4),
                f"recall{key}": round(r, 4),
                f"f1{key}": round(f, 4),
                f"gold_pairs{key}": len(gold),
                f"rule_f1{key}": round(rf, 4),
            }
        )
    if all_labels:
        p, r, f = prf(all_pred, all_labels)
        rf = prf(all_rule, all_labels)[2]
        print(
            f"all sets: gold pairs {len(all_labels)}: precision {p:.3f} recall {r:.3f} F1 {f:.3f} (old rule {rf:.3f})"
        )
        out.update(
            {
                "precision_all": round(p, 4),
                "recall_all": round(r, 4),
                "f1_all": round(f, 4),
                "rule_f1_all": round(rf, 4),
            }
        )
    out["model_threshold"] = 0.5
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
