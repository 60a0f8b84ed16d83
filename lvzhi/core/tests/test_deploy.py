"""Production safety: deploy checks, the demo seed, the Content-Security-Policy, archive limits."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from lvzhi.casework import files
from lvzhi.core import archives
from lvzhi.core.exceptions import ImportRejected
from lvzhi.orgs import imports
from lvzhi.orgs.models import Body
from lvzhi.petitions import portal
from lvzhi.reports import intake

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_is_clean_under_production_settings_with_the_documented_environment(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "lvzhi.settings.production",
        "DJANGO_SECRET_KEY": "k" * 20 + "-production-secret-key-with-enough-variety-0123456789",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_ALLOWED_HOSTS": "lvzhi.example.cn",
    }
    r = subprocess.run(  # our own manage.py
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert "no issues" in r.stdout + r.stderr


@pytest.mark.django_db
def test_seed_demo_refuses_under_production_settings():
    before = Body.objects.count()
    with override_settings(LVZHI_PRODUCTION=True), pytest.raises(CommandError, match="生产环境"):
        call_command("seed_demo", "--scale", "national")
    assert Body.objects.count() == before


@pytest.mark.django_db
def test_pages_carry_a_policy_that_runs_only_our_own_scripts(client_as):
    r = client_as("demo-staff").get("/")
    csp = r["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_no_template_holds_inline_script_or_event_handlers():
    offenders = []
    for path in (ROOT / "lvzhi").rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"<script\b([^>]*)>", text):
            if "src=" not in m.group(1) and "application/json" not in m.group(1):
                offenders.append(f"{path.name}: inline <script>")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text) or "javascript:" in text or "hx-on" in text:
            offenders.append(f"{path.name}: inline handler")
    assert offenders == []


def _bomb(entries: int = 1, size: int = 0) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * size)
        z.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(entries):
            z.writestr(f"x/{i}.xml", "")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (lambda: _bomb(entries=archives.MAX_ENTRIES + 1), "部件过多"),
        (lambda: _bomb(size=8 * 1024 * 1024), "压缩比异常"),
    ],
)
def test_archives_that_unpack_too_far_are_refused_everywhere_they_are_opened(data, message):
    payload = data()
    kind, error = files.upload_check(files.Upload(name="答复.docx", data=payload))
    assert kind is None and message in error
    kind, error = portal.file_check(data=payload)
    assert kind is None and message in error
    with pytest.raises(ImportRejected, match=message):
        intake.read_upload(name="报告.docx", data=payload)
    with pytest.raises(ImportRejected, match=message):
        imports._read_rows(payload, ["姓名"])


def test_the_unpacked_size_limit_reads_declared_sizes_only():
    with pytest.raises(archives.ArchiveRejected, match="解压后过大"):
        archives.check_zip(_bomb(size=3 * 1024 * 1024), max_unpacked=2 * 1024 * 1024, max_ratio=10**9)


@pytest.mark.django_db
def test_pasted_report_text_has_a_maximum_length(api, client_as):
    too_long = "政协" * (intake.MAX_TEXT_CHARS // 2 + 1)
    r = api("demo-staff").post("/api/v1/reports/extract", {"text": too_long})
    assert r.status_code in (400, 422) and "超过" in r.json()["message"]
    assert len(too_long.encode()) <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE
