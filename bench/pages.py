"""Page speed at national scale: p50/p95 ms and query counts of the member list, member
detail, unit list and dashboard, rendered in-process through Django's test client.

    python bench/pages.py                         # SQLite (a fresh file under var/bench)
    DATABASE_URL=postgres://... python bench/pages.py
Prints one JSON line last.
"""

from __future__ import annotations

import json
import os
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
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", 30))


def main() -> None:
    call_command("migrate", verbosity=0)
    started = time.monotonic()
    call_command("seed_demo", "--scale", "national", verbosity=0)
    seed_s = time.monotonic() - started
    from lvzhi.accounts.models import User
    from lvzhi.orgs.models import HandlingUnit, Membership

    staff = User.objects.get(username="bench-staff")
    body = staff.body
    c = Client()
    c.force_login(staff)
    member_id = Membership.objects.filter(body=body).values_list("member_id", flat=True)[1500]
    pages = {
        "member_list": "/orgs/members/",
        "member_list_filtered": f"/orgs/members/?q=王&sector={body.sectors.first().pk}",
        "member_list_page_50": "/orgs/members/?page=50",
        "member_detail": f"/orgs/members/{member_id}/",
        "unit_list": "/orgs/units/",
        "dashboard": "/dashboard/",
    }
    results = {}
    for name, url in pages.items():
        times = []
        queries = 0
        for i in range(RUNS + 3):
            reset_queries()
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                r = c.get(url)
                dt = (time.perf_counter() - t) * 1000
            assert r.status_code == 200, (url, r.status_code)
            if i >= 3:  # warm-up
                times.append(dt)
                queries = len(ctx.captured_queries)
        times.sort()
        results[name] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
            "queries": queries,
        }
        print(
            f"{name:<24} p50 {results[name]['p50_ms']:>7} ms  p95 {results[name]['p95_ms']:>7} ms  {queries} queries"
        )
    out = {
        "bench": "pages",
        "db": connection.vendor,
        "members": Membership.objects.filter(body=body).count(),
        "units": HandlingUnit.objects.filter(body=body).count(),
        "seed_s": round(seed_s, 1),
        "max_queries": max(r["queries"] for r in results.values()),
        "max_p95_ms": max(r["p95_ms"] for r in results.values()),
        **{f"{k}_{m}": v[m] for k, v in results.items() for m in ("p50_ms", "p95_ms", "queries")},
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
