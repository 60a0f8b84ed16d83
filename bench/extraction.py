"""Score the figure extractor against a labelled corpus (labels.jsonl in figure-schema form).

Precision, recall and F1 count (doc, key, value) as a multiset; body, year and region are
scored as accuracies. Run from the repository root:

    .venv/bin/python bench/extraction.py [--corpus DIR] [--docs a.txt,b.txt] [--verbose]

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lvzhi.reports.extraction import DocumentError, extract_text  # noqa: E402

Triple = tuple[str, str, float]


def _triples(doc: str, figures: list[dict[str, Any]]) -> Counter[Triple]:
    return Counter((doc, f["key"], float(f["value"])) for f in figures)


def _extract(text: str, doc: str) -> dict[str, Any]:
    """The extractor's answer; a text it refuses scores as one with no figures."""
    try:
        return extract_text(text, doc=doc)
    except DocumentError as exc:
        print(f"!! {doc}: {exc}", file=sys.stderr)
        return {"doc": doc, "body": None, "region": None, "year": None, "figures": []}


def score(corpus: Path, only: set[str] | None = None, *, verbose: bool = False) -> dict[str, Any]:
    labels = [
        json.loads(line) for line in (corpus / "labels.jsonl").read_text("utf-8").splitlines() if line.strip()
    ]
    if only:
        labels = [lab for lab in labels if lab["doc"] in only]
    texts = {lab["doc"]: (corpus / lab["doc"]).read_text("utf-8") for lab in labels}

    started = time.perf_counter()
    results = {doc: _extract(text, doc) for doc, text in texts.items()}
    elapsed = time.perf_counter() - started

    gold: Counter[Triple] = Counter()
    got: Counter[Triple] = Counter()
    per_key: dict[str, Counter[str]] = defaultdict(Counter)
    meta = Counter[str]()
    bad_quotes = 0
    for lab in labels:
        doc = lab["doc"]
        res = results[doc]
        g, p = _triples(doc, lab["figures"]), _triples(doc, res["figures"])
        gold += g
        got += p
        for t in (g & p).elements():
            per_key[t[1]]["tp"] += 1
        for t in (p - g).elements():
            per_key[t[1]]["fp"] += 1
        for t in (g - p).elements():
            per_key[t[1]]["fn"] += 1
        for field in ("body", "year", "region"):
            meta[field] += res[field] == lab[field]
        for f in res["figures"]:
            if (f["value"] and f["quote"] not in texts[doc]) or not 10 <= len(f["quote"]) <= 60:
                bad_quotes += 1
        if verbose:
            print(f"== {doc}  body={res['body']} year={res['year']} region={res['region']}")
            for t in sorted((p - g).elements()):
                quote = next(
                    (f["quote"] for f in res["figures"] if f["key"] == t[1] and f["value"] == t[2]), ""
                )
                print(f"   FP {t[1]:28} {t[2]:>8g}  {quote}")
            for t in sorted((g - p).elements()):
                quote = next(
                    (f["quote"] for f in lab["figures"] if f["key"] == t[1] and f["value"] == t[2]), ""
                )
                print(f"   FN {t[1]:28} {t[2]:>8g}  {quote}")

    tp = sum((gold & got).values())
    precision = tp / max(1, sum(got.values()))
    recall = tp / max(1, sum(gold.values()))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    n = len(labels)
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "docs": n,
        "docs_per_s": round(n / max(elapsed, 1e-9), 1),
        "body_acc": round(meta["body"] / max(1, n), 4),
        "year_acc": round(meta["year"] / max(1, n), 4),
        "region_acc": round(meta["region"] / max(1, n), 4),
        "bad_quotes": bad_quotes,
        "per_key": {k: dict(v) for k, v in sorted(per_key.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--docs", default="", help="comma-separated file names to score (default: all)")
    parser.add_argument("--verbose", action="store_true", help="list false positives and negatives")
    args = parser.parse_args()
    only = {d.strip() for d in args.docs.split(",") if d.strip()} or None
    result = score(args.corpus, only, verbose=args.verbose)
    print(f"corpus: {args.corpus}  docs: {result['docs']}  ({result['docs_per_s']} docs/s)")
    print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}")
    print(
        f"body {result['body_acc']:.2f}  year {result['year_acc']:.2f}  region {result['region_acc']:.2f}"
        f"  bad quotes {result['bad_quotes']}"
    )
    for key, c in result.pop("per_key").items():
        print(f"  {key:28} tp={c.get('tp', 0):3} fp={c.get('fp', 0):3} fn={c.get('fn', 0):3}")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
