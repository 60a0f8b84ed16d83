"""Speed under load: the project as production serves it, beside the framework's hello-world.

    python bench/load.py                  # starts a throwaway PostgreSQL itself (scripts/with-postgres.sh)
    python bench/load.py --instances 2    # two gunicorn instances on the one PostgreSQL and a shared Redis

Seeds the national-scale demo (3,000 members, 300 units, 10,000 cases) on PostgreSQL, serves the
project with gunicorn (2 sync workers, lvzhi.settings.production) and Django's hello-world
(bench/hello_wsgi.py) with the same command line, and drives each with the same asyncio client:
LOAD_USERS concurrent users (default 50) for LOAD_SECONDS (default 20) after a warm-up, capped at
LOAD_MAX_REQUESTS requests. The API mix is what the mobile app and a staff member's day do: case
lists (filters, pages), case details, timelines and full-text search, as staff, handling units and
members with bearer tokens. Prints one JSON line last: requests/s, p50/p95/p99 ms and errors for
each, and the ratio. Targets: ratio >= 0.15, API p95 <= 300 ms, zero errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

USERS = int(os.environ.get("LOAD_USERS", 50))
SECONDS = float(os.environ.get("LOAD_SECONDS", 20))
WARMUP = float(os.environ.get("LOAD_WARMUP", 4))
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", 100_000))
TIMEOUT = 15.0
PORTS = (8117, 8119)  # project instances; 8118 is the hello-world, then the shared Redis
HELLO_PORT = 8118
SEARCH_TERMS = [
    "教育",
    "医疗",
    "养老",
    "交通",
    "乡村振兴",
    "生态环境",
    "就业",
    "住房",
    "食品安全",
    "科技创新",
]


def _reexec_with_postgres() -> None:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    script = ROOT / "scripts" / "with-postgres.sh"
    os.execv(str(script), [str(script), sys.executable, *sys.argv])  # noqa: S606 - our own script


# --- the client ------------------------------------------------------------------------------


@dataclass
class Result:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    elapsed_s: float = 0.0

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)
        n = len(lat)

        def pct(p: float) -> float:
            return round(lat[min(n - 1, int(n * p))], 1) if n else 0.0

        return {
            "requests": n,
            "rps": round(n / self.elapsed_s, 1) if self.elapsed_s else 0.0,
            "p50_ms": pct(0.50),
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
            "errors": self.errors,
        }


async def _one(host: str, port: int, path: str, token: str | None) -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        auth = f"Authorization: Bearer {token}\r\n" if token else ""
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{auth}Accept: application/json\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        await writer.drain()
        raw = await reader.read()
    finally:
        writer.close()
    status = int(raw[9:12]) if raw.startswith(b"HTTP/1.") else 0
    return status, raw


async def _drive(
    ports: tuple[int, ...], plan: list[tuple[str, str | None]], seconds: float, measure: bool
) -> Result:
    """USERS concurrent users, each sending its next request as soon as the last one answered."""
    result = Result()
    deadline = time.monotonic() + seconds
    count = 0

    async def user(i: int) -> None:
        nonlocal count
        rnd = random.Random(i)
        while time.monotonic() < deadline and count < MAX_REQUESTS:
            count += 1
            path, token = plan[rnd.randrange(len(plan))]
            port = ports[(i + count) % len(ports)]
            t = time.perf_counter()
            try:
                status, _ = await asyncio.wait_for(_one("127.0.0.1", port, path, token), TIMEOUT)
            except (OSError, TimeoutError, ValueError):
                status = 0
            dt = (time.perf_counter() - t) * 1000
            if not measure:
                continue
            result.statuses[str(status)] = result.statuses.get(str(status), 0) + 1
            if 200 <= status < 300:
                result.latencies_ms.append(dt)
            else:
                result.errors += 1

    started = time.monotonic()
    await asyncio.gather(*(user(i) for i in range(USERS)))
    result.elapsed_s = time.monotonic() - started
    return result


def run_load(ports: tuple[int, ...], plan: list[tuple[str, str | None]]) -> Result:
    asyncio.run(_drive(ports, plan, WARMUP, measure=False))
    return asyncio.run(_drive(ports, plan, SECONDS, measure=True))


# --- the servers -----------------------------------------------------------------------------


def _wait_port(port: int, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn on {port} exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}")


def gunicorn(app: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The production command line (README), with the port and the app as the only variables."""
    cmd = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        app,
        "--workers",
        "2",
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--backlog",
        "2048",
        "--log-level",
        "warning",
        "--preload",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    _wait_port(port, proc)
    return proc


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


# --- the data --------------------------------------------------------------------------------


def prepare() -> tuple[list[tuple[str, str | None]], float]:
    """Seed the national demo (once per database) and build the request mix with its tokens."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lvzhi.settings.local")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from lvzhi.accounts.models import Role, User
    from lvzhi.accounts.services import token_create
    from lvzhi.casework.models import Assignment, Case
    from lvzhi.casework.selectors import case_scope_for_actor

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    call_command("seed_demo", "--scale", "national", verbosity=0)
    from lvzhi.textsim.models import SearchEntry

    if not SearchEntry.objects.filter(body__short_name="示范全国政协").exists():
        call_command("textsim_reindex", verbosity=0)
    seed_s = time.monotonic() - started
    with connections["default"].cursor() as cur:
        cur.execute("VACUUM ANALYZE")  # what autovacuum does to a live database after a bulk load

    staff = User.objects.get(username="bench-staff")
    body = staff.body
    assert body is not None
    actors: list[tuple[User, list[int]]] = []
    case_ids = list(Case.objects.filter(body=body).order_by("pk").values_list("pk", flat=True))
    rnd = random.Random(21)
    actors.append((staff, rnd.sample(case_ids, 200)))
    # Handling units and members see only their own cases: give five of each a user.
    unit_ids = (
        Assignment.objects.filter(case__body=body)
        .values_list("unit_id", flat=True)
        .distinct()
        .order_by("unit_id")
    )[:5]
    for i, unit_id in enumerate(unit_ids):
        user, _ = User.objects.get_or_create(
            username=f"bench-unit-{i}",
            defaults={"role": Role.UNIT, "body": body, "handling_unit_id": unit_id},
        )
        mine = list(
            Assignment.objects.filter(unit_id=unit_id).values_list("case_id", flat=True).distinct()[:50]
        )
        actors.append((user, mine))
    member_ids = (
        Case.objects.filter(body=body, submitter_member__isnull=False)
        .values_list("submitter_member_id", flat=True)
        .distinct()
        .order_by("submitter_member_id")
    )[:5]
    for i, member_id in enumerate(member_ids):
        user, _ = User.objects.get_or_create(
            username=f"bench-member-{i}", defaults={"role": Role.MEMBER, "body": body, "member_id": member_id}
        )
        mine = list(Case.objects.filter(submitter_member_id=member_id).values_list("pk", flat=True)[:50])
        actors.append((user, mine))

    plan: list[tuple[str, str | None]] = []
    for n, (user, cases) in enumerate(actors):
        cases = list(case_scope_for_actor(actor=user).filter(pk__in=cases).values_list("pk", flat=True))
        token = token_create(actor=user, user=user, name="load")
        weight = 6 if user.role == Role.STAFF else 1  # staff do most of the reading
        for _ in range(weight):
            for i in range(10):
                page = 1 + (i * 7 + n) % 5
                plan.append((f"/api/v1/cases?page={page}&page_size=20", token))
            plan.append(("/api/v1/cases?state=assigned&page_size=20", token))
            plan.append((f"/api/v1/cases?q={_quote(SEARCH_TERMS[n % len(SEARCH_TERMS)])}", token))
            for case_id in cases[:8]:
                plan.append((f"/api/v1/cases/{case_id}", token))
            for case_id in cases[8:14]:
                plan.append((f"/api/v1/cases/{case_id}/events", token))
            for term in SEARCH_TERMS[:6]:
                plan.append((f"/api/v1/search?q={_quote(term)}", token))
    connections.close_all()
    return plan, seed_s


def _quote(s: str) -> str:
    from urllib.parse import quote

    return quote(s)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--instances", type=int, choices=[1, 2], default=1)
    args = parser.parse_args()
    _reexec_with_postgres()
    plan, seed_s = prepare()

    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="lvzhi.settings.production",
        DJANGO_SECRET_KEY="load-bench-" + os.urandom(8).hex(),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        LVZHI_VAR_DIR=tempfile.mkdtemp(prefix="lvzhi-load-"),
    )
    redis: subprocess.Popen[bytes] | None = None
    if args.instances == 2:
        redis_bin = shutil.which("redis-server")
        if not redis_bin:
            raise SystemExit("需要 redis-server（apt-get install redis-server）作为两个实例共享的缓存")
        redis = subprocess.Popen(
            [redis_bin, "--port", str(HELLO_PORT), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        env["REDIS_URL"] = f"redis://127.0.0.1:{HELLO_PORT}/0"

    out: dict[str, Any] = {
        "bench": "load",
        "db": "postgresql",
        "workers": 2,
        "instances": args.instances,
        "users": USERS,
        "seconds": SECONDS,
        "seed_s": round(seed_s, 1),
    }
    try:
        if args.instances == 1:
            hello_env = {k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"}
            proc = gunicorn("bench.hello_wsgi:application", HELLO_PORT, hello_env)
            try:
                hello = run_load((HELLO_PORT,), [("/hello/", None)])
            finally:
                stop(proc)
            out["hello"] = hello.summary()
        procs = [gunicorn("lvzhi.wsgi:application", port, env) for port in PORTS[: args.instances]]
        try:
            api = run_load(PORTS[: args.instances], plan)
        finally:
            for proc in procs:
                stop(proc)
        out["api"] = api.summary()
        out["api_statuses"] = api.statuses
        if "hello" in out:
            out["ratio"] = round(out["api"]["rps"] / out["hello"]["rps"], 3) if out["hello"]["rps"] else 0.0
            out["ratio_ok"] = out["ratio"] >= 0.15
        out["p95_ok"] = out["api"]["p95_ms"] <= 300 and api.errors == 0
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
