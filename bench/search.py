"""Full-text search through the product at national scale (10,000 cases and their replies):
index build time, p50/p95 ms and queries per search, on whichever database DATABASE_URL names
(SQLite FTS5 by default; PostgreSQL full text under scripts/with-postgres.sh).
Prints one JSON line last."""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lvzhi.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")
if not os.environ.get("DATABASE_URL"):
    tmp = Path(tempfile.mkdtemp(prefix="lvzhi-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

QUERIES = [
    "义务教育",
    "养老服务",
    "交通安全",
    "生态环境保护",
    "数字政府 数据共享",
    "乡村振兴",
    "医疗保障",
    "营商环境",
    "河道治理",
    "老旧小区改造",
    "职业教育 产教融合",
    "食品安全",
]
RUNS = int(os.environ.get("BENCH_RUNS", 5))


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--scale", "national", verbosity=0)
    from lvzhi.accounts.models import User
    from lvzhi.casework.models import Case
    from lvzhi.textsim import selectors, services

    staff = User.objects.get(username="bench-staff")
    started = time.monotonic()
    counts = services.search_reindex(body_id=staff.body_id)
    index_s = time.monotonic() - started
    rng = random.Random(7)
    times, query_counts, hits = [], [], []
    for _ in range(RUNS):
        for q in rng.sample(QUERIES, len(QUERIES)):
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                page = selectors.search_for_actor(actor=staff, q=q)
                times.append((time.perf_counter() - t) * 1000)
            query_counts.append(len(ctx.captured_queries))
            hits.append(page.count)
    times.sort()
    out = {
        "bench": "search",
        "db": connection.vendor,
        "backend": page.backend,
        "cases": Case.objects.filter(body=staff.body).count(),
        "indexed": sum(v for v in counts.values() if isinstance(v, int)),
        "index_build_s": round(index_s, 1),
        "search_p50_ms": round(statistics.median(times), 1),
        "search_p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "max_queries": max(query_counts),
        "mean_hits": round(statistics.mean(hits), 1),
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
