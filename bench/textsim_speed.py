"""Scale test for the similarity index on synthetic-but-realistic cases.

Builds N cases (default 100,000) by recombining clauses of real 附件2/3/4 messages with
place names drawn from their titles, indexes them (jieba analysis in 2 worker
processes), then measures duplicate-check and search latency (p95), batch 并案 grouping
of 10,000 indexed cases, peak RSS, and a naive rapidfuzz all-pairs duplicate check on a
5,000-case slice. Last line: JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import time
from multiprocessing import get_context

import numpy as np
from _common import read_sheet
from rapidfuzz import fuzz, process

from lvzhi.textsim import engine

_CLAUSE = re.compile(r"[^，。！？；\n]{6,60}[，。！？；]?")
_PLACE = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:小区|花园|家园|新城|公寓|大厦|广场|学校|小学|中学|路|苑|城)")


def corpus() -> tuple[list[str], list[str], list[str]]:
    rows = read_sheet("附件2") + read_sheet("附件3") + read_sheet("附件4")
    clauses: list[str] = []
    titles: list[str] = []
    places: set[str] = set()
    for r in rows:
        clauses.extend(_CLAUSE.findall(r["留言详情"]))
        titles.append(r["留言主题"])
        places.update(m for m in _PLACE.findall(r["留言主题"]) if len(m) >= 4)
    return clauses, titles, sorted(places)


def synth_cases(n: int, seed: int = 7) -> list[str]:
    """Title with a swapped-in place + 3-6 real clauses; ~5% are rewordings of earlier cases."""
    clauses, titles, places = corpus()
    rng = random.Random(seed)
    districts = [f"A{i}区" for i in range(1, 10)] + [f"A{i}县" for i in range(7, 10)]
    out: list[str] = []
    for i in range(n):
        if out and rng.random() < 0.05:  # a near-duplicate: same title, shuffled body
            src = out[rng.randrange(len(out))]
            title, _, body = src.partition("\n")
            parts = body.split("，")
            rng.shuffle(parts)
            out.append(f"{title}\n{'，'.join(parts)}")
            continue
        place = rng.choice(places)
        title = _PLACE.sub(place, rng.choice(titles), count=1)
        body = "".join(rng.choice(clauses) for _ in range(rng.randint(3, 6)))
        out.append(f"{rng.choice(districts)}{title}\n{place}{body}")
        if i and i % 50000 == 0:
            rng.seed(seed + i)
    return out


def _analyze_chunk(texts: list[str]) -> list[engine.Analysis]:
    return [engine.analyze(t) for t in texts]


def analyze_parallel(texts: list[str], workers: int) -> list[engine.Analysis]:
    chunk = 2000
    parts = [texts[i : i + chunk] for i in range(0, len(texts), chunk)]
    if workers <= 1:
        return [a for p in parts for a in _analyze_chunk(p)]
    with get_context("fork").Pool(workers) as pool:
        return [a for p in pool.map(_analyze_chunk, parts) for a in p]


def p95_ms(samples: list[float]) -> float:
    return round(float(np.percentile(samples, 95)) * 1000, 2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--group", type=int, default=10_000)
    ap.add_argument("--naive", type=int, default=5_000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()

    t0 = time.perf_counter()
    texts = synth_cases(args.n + args.queries)
    cases, probes = texts[: args.n], texts[args.n :]
    print(f"synthesised {len(texts)} cases in {time.perf_counter() - t0:.1f}s")

    t0 = time.perf_counter()
    analyses = analyze_parallel(cases, args.workers)
    index = engine.SimilarityIndex()
    for i, a in enumerate(analyses):
        index.add_analyzed(i, a)
    index.build()
    build_s = time.perf_counter() - t0
    del analyses
    print(f"indexed {args.n} cases in {build_s:.1f}s (jieba in {args.workers} processes)")

    engine.analyze("预热")  # jieba is lazy: keep its one-off load out of the latency samples
    dup: list[float] = []
    for text in probes:
        t = time.perf_counter()
        index.duplicates(text, k=5)
        dup.append(time.perf_counter() - t)
    rng = random.Random(3)
    search: list[float] = []
    for text in probes:
        words = engine.tokenize(text.partition("\n")[0])
        query = " ".join(rng.sample(words, min(3, len(words)))) or text[:6]
        t = time.perf_counter()
        index.search(query, k=20)
        search.append(time.perf_counter() - t)

    t = time.perf_counter()
    groups = index.group(list(range(min(args.group, args.n))))
    group_s = time.perf_counter() - t
    print(f"grouped {min(args.group, args.n)} indexed cases into {len(groups)} groups in {group_s:.1f}s")

    slice_ = cases[: args.naive]
    naive: list[float] = []
    for text in probes[:50]:
        t = time.perf_counter()
        process.extract(text, slice_, scorer=fuzz.ratio, limit=5)
        naive.append(time.perf_counter() - t)

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "n_cases": args.n,
                "dup_check_p95_ms": p95_ms(dup),
                "search_p95_ms": p95_ms(search),
                "batch_group_10k_s": round(group_s, 2),
                "naive_dup_check_p95_ms": p95_ms(naive),
                "naive_slice": len(slice_),
                "peak_rss_mb": round(rss_mb, 1),
                "index_build_s": round(build_s, 1),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
