"""Casework at national scale: transitions per second through the service layer and the API,
and p50/p95 ms with query counts of the staff inbox, overdue board, unit progress and statistics.

    python bench/casework.py                          # SQLite (a fresh file under /tmp)
    DATABASE_URL=postgres://... python bench/casework.py
Prints one JSON line last. Target: statistics for a 10,000-case year under 300 ms; no N+1.
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
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", 20))
CASES = int(os.environ.get("BENCH_CASES", 100))
LONG = (
    "建议加快推进相关工作，明确责任分工，加大资金投入，完善配套政策，形成工作合力，切实解决群众急难愁盼问题。"
)


def _lifecycle_service(staff, unit_user, unit_id, n):  # type: ignore[no-untyped-def]
    from lvzhi.casework import services

    cases = [
        services.case_create(
            actor=staff, kind="proposal", body=staff.body, title=f"关于基准测试第{i}件的提案", content=LONG
        )
        for i in range(n)
    ]
    steps = 0
    t = time.perf_counter()
    for case in cases:
        for name, actor, data in (
            ("submit", staff, {}),
            ("register", staff, {}),
            ("assign", staff, {"lead_unit_id": unit_id}),
            ("accept", unit_user, {}),
            ("reply", unit_user, {"category": "a", "content": "已解决。", "signed_by": "局长"}),
        ):
            services.case_transition(case=case, name=name, actor=actor, data=data)
            steps += 1
    return steps / (time.perf_counter() - t)


def _lifecycle_api(staff, unit_user, unit_id, n):  # type: ignore[no-untyped-def]
    from lvzhi.casework import services

    s, u = Client(), Client()
    s.force_login(staff)
    u.force_login(unit_user)
    ids = [
        services.case_create(
            actor=staff, kind="proposal", body=staff.body, title=f"关于接口基准第{i}件的提案", content=LONG
        ).pk
        for i in range(n)
    ]
    steps = 0
    t = time.perf_counter()
    for pk in ids:
        for client, name, data in (
            (s, "submit", {}),
            (s, "register", {}),
            (s, "assign", {"lead_unit_id": unit_id}),
            (u, "accept", {}),
            (
                u,
                "reply",
                {"category": "b", "content": "列入计划。", "signed_by": "局长", "promised_on": "2099-01-01"},
            ),
        ):
            r = client.post(
                f"/api/v1/cases/{pk}/actions/{name}", json.dumps(data), content_type="application/json"
            )
            if r.status_code != 200:
                raise SystemExit(f"{name} → {r.status_code} {r.content[:200]!r}")
            steps += 1
    return steps / (time.perf_counter() - t)


def main() -> None:
    call_command("migrate", verbosity=0)
    started = time.monotonic()
    call_command("seed_demo", "--scale", "national", verbosity=0)
    seed_s = time.monotonic() - started
    from lvzhi.accounts.models import Role, User
    from lvzhi.casework.models import Case
    from lvzhi.orgs.models import HandlingUnit

    staff = User.objects.select_related("body").get(username="bench-staff")
    body = staff.body
    unit = HandlingUnit.objects.filter(body=body).order_by("id").first()
    unit_user, _ = User.objects.get_or_create(
        username="bench-unit",
        defaults={"role": Role.UNIT, "body": body, "handling_unit": unit, "display_name": "基准承办单位"},
    )
    cases = Case.objects.filter(body=body).count()
    service_tps = _lifecycle_service(staff, unit_user, unit.pk, CASES)
    api_tps = _lifecycle_api(staff, unit_user, unit.pk, CASES)

    c = Client()
    c.force_login(staff)
    pages = {
        "inbox": "/cases/inbox/?kind=proposal&state=all",
        "inbox_submitted": "/cases/inbox/?kind=proposal&state=submitted",
        "overdue": "/cases/overdue/?kind=proposal",
        "unit_progress": "/cases/units/?kind=proposal",
        "statistics": "/proposals/statistics/?kind=proposal",
        "api_list": "/api/v1/cases?kind=proposal&page_size=100",
    }
    results = {}
    for name, url in pages.items():
        times, queries = [], 0
        for i in range(RUNS + 2):
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                r = c.get(url)
                dt = (time.perf_counter() - t) * 1000
            if r.status_code != 200:
                raise SystemExit(f"{url} → {r.status_code}")
            if i >= 2:
                times.append(dt)
                queries = len(ctx.captured_queries)
        times.sort()
        results[name] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
            "queries": queries,
        }
        print(
            f"{name:<18} p50 {results[name]['p50_ms']:>7} ms  p95 {results[name]['p95_ms']:>7} ms  {queries} queries"
        )
    out = {
        "bench": "casework",
        "db": connection.vendor,
        "cases": cases,
        "seed_s": round(seed_s, 1),
        "service_transitions_per_s": round(service_tps, 1),
        "api_transitions_per_s": round(api_tps, 1),
        "statistics_under_300ms": results["statistics"]["p95_ms"] < 300,
        **{f"{k}_{m}": v[m] for k, v in results.items() for m in ("p50_ms", "p95_ms", "queries")},
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
