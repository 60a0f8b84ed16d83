"""Train and cross-validate the learned 并案 pair model (lvzhi/textsim/pairs.py).

Reads the hand-labelled pairs of ids in bench/data (every committed set, see its README),
judges each pair with the engine over the whole of 附件3 (texts read from the data set at
run time), and:

1. cross-validates: stratified 10-fold over all pairs, and leave-one-set-out (train on the
   other sets, test on one: each set was labelled apart, so this is the honest figure for
   pairs never seen), beside the old rule (place-aware cosine ≥ 0.20) on the same pairs;
2. picks the regularisation C by the pooled 10-fold F1 (never by one test set);
3. writes lvzhi/textsim/data/dedup_model.json: weights, the feature rows and labels (numbers
   only, so the product can refit with staff decisions) and the ids of the pairs, no text.

Last line: JSON with the cross-validated figures.
"""

from __future__ import annotations

import argparse
import json

import numpy as np
from _common import REPO_ROOT
from _pairs import GOLD_DIR, GOLD_SETS, Sheet3, prf, read_gold

from lvzhi.textsim import engine, pairs

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)


def folds(n: int, k: int, labels: np.ndarray, seed: int = 0) -> list[np.ndarray]:
    """Stratified k folds of range(n) (seeded)."""
    rng = np.random.default_rng(seed)
    out: list[list[int]] = [[] for _ in range(k)]
    for cls in (0, 1):
        idx = np.flatnonzero(labels == cls)
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            out[j % k].append(int(i))
    return [np.asarray(sorted(f)) for f in out]


def oof(x: np.ndarray, y: np.ndarray, c: float, k: int = 10) -> np.ndarray:
    pred = np.zeros(len(y))
    for test in folds(len(y), k, y):
        train = np.setdiff1d(np.arange(len(y)), test)
        pred[test] = pairs.PairModel.fit(x[train], y[train], c=c).probabilities(x[test])
    return pred


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", action="store_true", help="write lvzhi/textsim/data/dedup_model.json")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()

    sheet = Sheet3(model=False)
    sets: dict[str, list[tuple[str, str, int]]] = {}
    seen: set[frozenset[str]] = set()
    for name in GOLD_SETS:
        rows = []
        for a, b, y in read_gold(GOLD_DIR / name):
            key = frozenset((a, b))
            if key not in seen:
                seen.add(key)
                rows.append((a, b, y))
        sets[name] = rows
    all_pairs = [p for rows in sets.values() for p in rows]
    judged = [sheet.judge(a, b) for a, b, _ in all_pairs]
    x = np.asarray([j.features for j in judged])
    y = np.asarray([lab for *_, lab in all_pairs])
    set_of = np.asarray([name for name, rows in sets.items() for _ in rows])
    rule = np.asarray([j.score >= engine.DUPLICATE_THRESHOLD for j in judged])
    cos = np.asarray([j.cosine for j in judged])
    print(f"{len(all_pairs)} labelled pairs ({int(y.sum())} duplicates) from {len(sets)} sets")
    print(
        f"lowest cosine of a duplicate: {cos[y == 1].min():.3f}; duplicates below 0.05: {int((cos[y == 1] < 0.05).sum())}"
    )

    out: dict[str, object] = {"pairs": len(y), "duplicates": int(y.sum())}
    best_c, best_f = C_GRID[0], -1.0
    for c in C_GRID:
        p, r, f = prf(oof(x, y, c) >= 0.5, y)
        print(f"C={c}: 10-fold P {p:.3f} R {r:.3f} F1 {f:.3f}")
        if f > best_f:
            best_c, best_f = c, f
    pred = oof(x, y, best_c)
    p, r, f = prf(pred >= 0.5, y)
    rp, rr, rf = prf(rule, y)
    print(
        f"chosen C={best_c}: 10-fold P {p:.3f} R {r:.3f} F1 {f:.3f}  (old rule: P {rp:.3f} R {rr:.3f} F1 {rf:.3f})"
    )
    out.update(
        {"C": best_c, "cv10_precision": round(p, 4), "cv10_recall": round(r, 4), "cv10_f1": round(f, 4)}
    )
    out["rule_f1"] = round(rf, 4)

    loso = np.zeros(len(y))
    for name in sets:
        test = set_of == name
        model = pairs.PairModel.fit(x[~test], y[~test], c=best_c)
        loso[test] = model.probabilities(x[test])
        pr = loso[test] >= 0.5
        p, r, f = prf(pr, y[test])
        rp, rr, rf = prf(rule[test], y[test])
        key = name.removeprefix("dedup_gold").removesuffix(".csv") or "_1"
        print(
            f"leave-out {name}: P {p:.3f} R {r:.3f} F1 {f:.3f} ({int(test.sum())} pairs)"
            f"   old rule F1 {rf:.3f}"
        )
        out[f"loso_f1{key}"] = round(f, 4)
        out[f"rule_f1{key}"] = round(rf, 4)
        if args.show_errors:
            for (a, b, lab), ok, prob in zip(
                [q for q, t in zip(all_pairs, test, strict=True) if t],
                pr,
                model.probabilities(x[test]),
                strict=True,
            ):
                if ok != bool(lab):
                    ra, rb = sheet.rows[a], sheet.rows[b]
                    print(
                        f"   {'FN' if lab else 'FP'} {prob:.2f} {a} {ra['留言主题'][:28]} | {b} {rb['留言主题'][:28]}"
                    )

    p, r, f = prf(loso >= 0.5, y)
    print(f"leave-one-set-out pooled over all sets: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    out["loso_f1_pooled"] = round(f, 4)

    try:
        from sklearn.ensemble import HistGradientBoostingClassifier

        gb = np.zeros(len(y))
        for test in folds(len(y), 10, y):
            train = np.setdiff1d(np.arange(len(y)), test)
            clf = HistGradientBoostingClassifier(max_depth=3, max_iter=200, learning_rate=0.05)
            gb[test] = clf.fit(x[train], y[train]).predict_proba(x[test])[:, 1]
        gp, gr, gf = prf(gb >= 0.5, y)
        print(f"(compared) gradient boosting 10-fold: P {gp:.3f} R {gr:.3f} F1 {gf:.3f}")
        out["gbdt_cv10_f1"] = round(gf, 4)
    except ImportError:  # pragma: no cover
        pass

    model = pairs.PairModel.fit(x, y, c=best_c)
    print("weights (standardised):")
    for name, w in sorted(zip(pairs.FEATURES, model.coef, strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:26s} {w:+.3f}")
    if args.write:
        data = model.to_json(
            pairs=[f"{a}-{b}" for a, b, _ in all_pairs],
            trained_on=list(GOLD_SETS),
            cross_validation=out,
        )
        path = REPO_ROOT / "lvzhi" / "textsim" / "data" / "dedup_model.json"
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(REPO_ROOT)}")
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
