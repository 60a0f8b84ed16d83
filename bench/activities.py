"""Attendance and activity figures for a national-size body: 3,000 members, 1,000 events a year,
40,000 attendance rows (the ``seed_demo --scale national`` step of the activities app).

    python bench/activities.py                        # SQLite (a fresh file under /tmp)
    DATABASE_URL=postgres://... python bench/activities.py
Measures every figure of the app at once (the registry's compute functions), the per-member
counts the performance file reads, the event list's first page and the sign-in of one member.
Prints one JSON line last. Target: figures under 1 s.
"""

from __future__ import annotations

import json
import os
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
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402


def _p95(samples: list[float]) -> float:
    return round(sorted(samples)[max(0, int(len(samples) * 0.95) - 1)] * 1000, 1)


def main() -> None:
    call_command("migrate", verbosity=0)
    from lvzhi.activities import demo as activities_demo
    from lvzhi.activities import figures as activity_figures
    from lvzhi.activities import selectors
    from lvzhi.activities.models import Attendance, Event
    from lvzhi.core import audit, demo
    from lvzhi.orgs import demo as orgs_demo
    from lvzhi.reports import figures

    today = timezone.localdate()
    ctx = demo.DemoContext(scale="national", today=today, log=lambda m: None)
    started = time.monotonic()
    with audit.suspended(), transaction.atomic():
        activities_demo.ensure_builtin_event_types()
        body = orgs_demo.build_national(ctx)
        activities_demo.seed_national(body, today)
    build_s = time.monotonic() - started
    events = Event.objects.filter(body=body).count()
    rows = Attendance.objects.filter(body=body).count()
    members = body.memberships.count()

    def all_figures() -> dict[str, int | float]:
        return {k: figures.figures_for(body=body, year=today.year)[k] for k in activity_figures.KEYS[:1]} | {
            k: v
            for k, v in figures.figures_for(body=body, year=today.year).items()
            if k in activity_figures.KEYS
        }

    samples, counts, listing = [], [], []
    with CaptureQueriesContext(connection) as q:
        values = selectors.activity_figures(body=body, year=today.year)
    figure_queries = len(q.captured_queries)
    for _ in range(10):
        t0 = time.perf_counter()
        selectors.activity_figures(body=body, year=today.year)
        samples.append(time.perf_counter() - t0)
    registry = []
    for _ in range(3):
        t0 = time.perf_counter()
        all_figures()
        registry.append(time.perf_counter() - t0)
    for _ in range(5):
        t0 = time.perf_counter()
        selectors.member_activity_counts(body=body, year=today.year)
        counts.append(time.perf_counter() - t0)
    staff = ctx.users["bench-staff"]
    for _ in range(10):
        t0 = time.perf_counter()
        list(selectors.event_list_for_actor(actor=staff)[:50])
        listing.append(time.perf_counter() - t0)
    out = {
        "bench": "activities",
        "db": connection.vendor,
        "members": members,
        "events": events,
        "attendance_rows": rows,
        "build_s": round(build_s, 1),
        "figures_p95_ms": _p95(samples),
        "figures_queries": figure_queries,
        "registry_all_figures_p95_ms": _p95(registry),
        "member_counts_p95_ms": _p95(counts),
        "event_list_p95_ms": _p95(listing),
        "figures_under_1s": _p95(samples) < 1000 and _p95(registry) < 1000,
        "member_activities": values["member.activities"],
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
