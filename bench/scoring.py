"""量化考评 at scale: change one rule of a 3,000-member body and recompute every score.

    python bench/scoring.py                           # SQLite (a fresh file under /tmp)
    DATABASE_URL=postgres://... python bench/scoring.py
The body gets a year of records in the demo's proportions (two proposals led and three co-signed per
member, opinion credits, hand-recorded items). Prints one JSON line last. Target: under 10 s.
"""

from __future__ import annotations

import datetime
import json
import os
import random
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

MEMBERS = int(os.environ.get("BENCH_MEMBERS", 3000))
YEAR = 2025


def build() -> tuple[object, object]:
    from lvzhi.accounts.models import User
    from lvzhi.casework.models import Case, Cosponsor
    from lvzhi.members.models import ManualRecord, PerformanceEvent
    from lvzhi.orgs.models import Body, Member, Membership, Sector, Term

    rng = random.Random(7)
    body = Body.objects.create(name="基准省政协", kind="cppcc", level="province", region="基准省")
    term = Term.objects.create(
        body=body, number=13, name="第十三届", start_year=2023, end_year=2027, is_current=True
    )
    sectors = [Sector.objects.create(body=body, name=f"界别{i}", order=i) for i in range(34)]
    members = Member.objects.bulk_create(
        [Member(name=f"委员{i:04d}", gender="m" if i % 2 else "f") for i in range(MEMBERS)]
    )
    Membership.objects.bulk_create(
        [
            Membership(member=m, body=body, term=term, role="member", sector=sectors[i % 34])
            for i, m in enumerate(members)
        ]
    )
    at = datetime.datetime(YEAR, 3, 1, 2, tzinfo=datetime.UTC)
    cases = Case.objects.bulk_create(
        [
            Case(
                body=body,
                kind="proposal",
                state="closed",
                year=YEAR,
                title=f"关于第{i}项工作的提案",
                content="建议。",
                submitter_member=members[i % MEMBERS],
                submitter_name=members[i % MEMBERS].name,
                submitted_at=at,
                registered_at=at + datetime.timedelta(days=10) if i % 5 else None,
                is_key=i % 40 == 0,
                rated_at=at + datetime.timedelta(days=100) if i % 3 == 0 else None,
            )
            for i in range(MEMBERS * 2)
        ],
        batch_size=2000,
    )
    Cosponsor.objects.bulk_create(
        [
            Cosponsor(case=cases[rng.randrange(len(cases))], member=members[i % MEMBERS], status="confirmed")
            for i in range(MEMBERS * 3)
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    levels = ["national_cppcc", "provincial_cppcc", "city_party", "other"]
    PerformanceEvent.objects.bulk_create(
        [
            PerformanceEvent(
                body=body,
                member=members[rng.randrange(MEMBERS)],
                case=cases[i],
                source="opinion",
                kind=kind,
                level=rng.choice(levels) if kind == "adopted" else "",
                on=datetime.date(YEAR, 1 + i % 12, 1 + i % 28),
            )
            for i in range(MEMBERS)
            for kind in ("submitted", "adopted")
        ],
        batch_size=2000,
    )
    ManualRecord.objects.bulk_create(
        [
            ManualRecord(
                body=body,
                member=members[i % MEMBERS],
                item=rng.choice(["manual.training", "manual.wenshi", "manual.absence"]),
                title="履职事项",
                on=datetime.date(YEAR, 1 + i % 12, 1 + i % 28),
                status="confirmed",
            )
            for i in range(MEMBERS)
        ],
        batch_size=2000,
    )
    staff = User.objects.create_user(username="bench-scoring", password=None, role="staff", body=body)
    return body, staff


def main() -> None:
    call_command("migrate", verbosity=0)
    from lvzhi.members import scoring, services

    body, staff = build()
    t = time.perf_counter()
    first = services.ruleset_revise(actor=staff, body=body, year=YEAR, rules=scoring.default_rules())
    first_s = time.perf_counter() - t
    rules = [
        {
            "item": r.item,
            "level": r.level,
            "points": 7 if (r.item, r.level) == ("case.lead", "proposal") else r.points,
            "cap": r.cap,
        }
        for r in first.rules.all()
    ]
    t = time.perf_counter()
    second = services.ruleset_revise(actor=staff, body=body, year=YEAR, rules=rules, note="领衔提案改为7分")
    change_s = time.perf_counter() - t
    scored = second.scores.count()
    top = second.scores.order_by("rank").first()
    print(
        json.dumps(
            {
                "bench": "scoring",
                "members": MEMBERS,
                "scored": scored,
                "first_compute_s": round(first_s, 2),
                "rule_change_recompute_s": round(change_s, 2),
                "target_s": 10,
                "ok": change_s < 10 and scored == MEMBERS,
                "top_score": float(top.total) if top else 0,
                "database": django.db.connection.vendor,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
