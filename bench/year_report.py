"""The year-end work report at national scale: generate the draft (.docx) of the busiest body.

    python bench/year_report.py                       # SQLite (a fresh file under /tmp)
    DATABASE_URL=postgres://... python bench/year_report.py
Seeds the demo at national scale, then times `year_report` for the body with the most cases of the
finished year (figures, 大事记, peer comparison, the Word file) and the staleness check. Prints one
JSON line last. Target: under 10 s.
"""

from __future__ import annotations

import datetime
import io
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
from django.db.models import Count  # noqa: E402


def main() -> None:
    from lvzhi.casework.models import Case
    from lvzhi.orgs.models import Body
    from lvzhi.reports import chronicle

    call_command("migrate", verbosity=0)
    t = time.perf_counter()
    call_command("seed_demo", "--scale", "national", verbosity=0)
    seed_s = time.perf_counter() - t
    year = datetime.date.today().year - 1  # noqa: DTZ011  # the demo's finished year
    busiest = Case.objects.filter(year=year).values("body_id").annotate(n=Count("id")).order_by("-n").first()
    body = Body.objects.get(pk=busiest["body_id"]) if busiest else Body.objects.first()
    out = Path(tempfile.mkdtemp(prefix="lvzhi-bench-")) / "report.docx"
    t = time.perf_counter()
    call_command(
        "year_report",
        "--body",
        str(body.pk),
        "--year",
        str(year),
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    report_s = time.perf_counter() - t
    t = time.perf_counter()
    call_command(
        "year_report",
        "--body",
        str(body.pk),
        "--year",
        str(year),
        "--check",
        str(out),
        stdout=io.StringIO(),
    )
    check_s = time.perf_counter() - t
    print(
        json.dumps(
            {
                "bench": "year_report",
                "body": body.name,
                "cases_in_year": busiest["n"] if busiest else 0,
                "chronicle_entries": len(chronicle.entries(body=body, year=year)),
                "seed_s": round(seed_s, 1),
                "report_s": round(report_s, 2),
                "check_s": round(check_s, 2),
                "docx_kb": round(out.stat().st_size / 1024, 1),
                "target_s": 10,
                "ok": report_s < 10,
                "database": django.db.connection.vendor,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
