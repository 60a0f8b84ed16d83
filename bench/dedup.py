"""Duplicate (并案) decisions on the hand-labelled gold pairs from 附件3.

Indexes all 4,326 附件3 messages (so IDF reflects the whole sheet), scores each gold
pair with SimilarityIndex.similarity, and reports precision / recall / F1 at the engine's
default threshold, plus the threshold that would maximise F1 (reported only; the default
is not tuned on these pairs).

Two gold sets (see bench/data/README.md): ``dedup_gold.csv`` (559 pairs, present while
the engine was developed) and ``dedup_gold_2.csv`` (281 pairs, labelled later without
looking at engine scores, no pair shared with the first) as a check that the engine is
not fitted to the first, and ``dedup_gold_3.csv`` (191 pairs, a third independent set,
labelled the same way before any engine scores). Last line: JSON; ``precision``/``recall``/
``f1``/``gold_pairs`` are for ``--gold``, the same keys with ``_2`` for ``--gold2`` and
``_3`` for ``--gold3``, and ``_all`` for all pairs of the sets together.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

from _common import REPO_ROOT, message_text, read_sheet

from lvzhi.textsim import engine


def prf(scores: list[float], labels: list[int], thr: float) -> tuple[float, float, float]:
    tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= thr and y == 1)
    fp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= thr and y == 0)
    fn = sum(1 for s, y in zip(scores, labels, strict=True) if s < thr and y == 1)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", default=str(REPO_ROOT / "bench" / "data" / "dedup_gold.csv"))
    ap.add_argument(
        "--gold2",
        default=str(REPO_ROOT / "bench" / "data" / "dedup_gold_2.csv"),
        help="second, independently labelled gold set ('' to skip)",
    )
    ap.add_argument(
        "--gold3",
        default=str(REPO_ROOT / "bench" / "data" / "dedup_gold_3.csv"),
        help="third, independently labelled gold set ('' to skip)",
    )
    ap.add_argument("--show-errors", action="store_true", help="print misjudged pairs (ids and titles)")
    args = ap.parse_args()

    rows = read_sheet("附件3")
    by_id = {r["留言编号"]: r for r in rows}
    t0 = time.perf_counter()
    index = engine.SimilarityIndex()
    analyses = {}
    for r in rows:
        a = engine.analyze(message_text(r))
        analyses[r["留言编号"]] = a
        index.add_analyzed(r["留言编号"], a)
    index.build()
    build_s = time.perf_counter() - t0

    thr = engine.DUPLICATE_THRESHOLD
    print(f"indexed {len(rows)} messages in {build_s:.1f}s")
    out: dict[str, object] = {}
    all_scores: list[float] = []
    all_labels: list[int] = []
    for path, key in ((args.gold, ""), (args.gold2, "_2"), (args.gold3, "_3")):
        if not path:
            continue
        with Path(path).open(encoding="utf-8", newline="") as fh:
            gold = [(r["id_a"], r["id_b"], int(r["label"])) for r in csv.DictReader(fh)]
        scores = [index.similarity(analyses[a], analyses[b]) for a, b, _ in gold]
        labels = [y for _, _, y in gold]
        all_scores += scores
        all_labels += labels
        p, r, f = prf(scores, labels, thr)
        best = max((prf(scores, labels, t / 100)[2], t / 100) for t in range(5, 96))
        print(
            f"{Path(path).name}: gold pairs {len(gold)} "
            f"(positives {sum(labels)}, negatives {len(labels) - sum(labels)})"
        )
        print(f"  threshold {thr:.2f}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
        print(
            f"  best threshold on this gold set would be {best[1]:.2f} (F1 {best[0]:.3f})"
            " - reported, not applied"
        )
        if args.show_errors:
            for (a, b, y), s in zip(gold, scores, strict=True):
                if (s >= thr) != (y == 1):
                    kind = "FN" if y else "FP"
                    print(
                        f"  {kind} {s:.3f} {a} {by_id[a]['留言主题'][:30]} | {b} {by_id[b]['留言主题'][:30]}"
                    )
        out.update(
            {
                f"precision{key}": round(p, 4),
                f"recall{key}": round(r, 4),
                f"f1{key}": round(f, 4),
                f"gold_pairs{key}": len(gold),
                f"best_threshold{key}": best[1],
                f"best_f1{key}": round(best[0], 4),
            }
        )
    if all_labels:
        p, r, f = prf(all_scores, all_labels, thr)
        print(f"all sets: gold pairs {len(all_labels)}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
        out.update({"precision_all": round(p, 4), "recall_all": round(r, 4), "f1_all": round(f, 4)})
    out["threshold"] = thr
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
