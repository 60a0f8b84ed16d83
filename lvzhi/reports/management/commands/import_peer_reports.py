from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from lvzhi.core.exceptions import DomainError, NotFound
from lvzhi.reports import intake, selectors, services
from lvzhi.reports.models import DUPLICATE_REPORT

NO_DIR = "目录 %(path)s 不存在。"
NO_BODY = "系统中还没有机构，请先创建机构或用 --body 指定。"
BAD_BODY = "机构 %(id)s 不存在。"
BAD_YEAR = "年度 %(year)s 无效。"
SUMMARY = "导入完成：共 %(total)s 份，成功 %(ok)s 份，已存在跳过 %(skipped)s 份，失败 %(failed)s 份。"


class Command(BaseCommand):
    help = "批量导入一个目录中的同行工作报告（.txt/.docx/.pdf），自动提取数据并保存为同行报告。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="DIR", help="报告所在目录（含子目录）")
        parser.add_argument("--body", type=int, help="报告归属的本系统机构编号（默认为第一个顶级机构）")
        parser.add_argument("--year", type=int, help="统一记为该年度（默认取报告中识别出的年度）")

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(options["directory"])
        if not root.is_dir():
            raise CommandError(NO_DIR % {"path": root}, returncode=2)
        year = options.get("year")
        if year is not None and not 1949 <= year <= 2100:
            raise CommandError(BAD_YEAR % {"year": year}, returncode=2)
        body = self._body(options.get("body"))
        files = sorted(
            p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in intake.ALLOWED_SUFFIXES
        )
        ignored = sum(1 for p in root.rglob("*") if p.is_file()) - len(files)
        self.stdout.write(f"归属机构：{body.name}（编号 {body.pk}）；待导入 {len(files)} 份报告。")

        ok = skipped = 0
        failures: list[tuple[str, str]] = []
        stream = getattr(self.stderr, "_out", sys.stderr)
        bar = tqdm(files, desc="导入同行报告", unit="份", file=stream, dynamic_ncols=True)
        for path in bar:
            name = str(path.relative_to(root))
            try:
                report = services.peer_report_create_from_file(
                    actor=None, body=body, path=path, name=path.name, overrides={"year": year}
                )
            except DomainError as exc:
                failures.append((name, exc.message))
            except ValidationError as exc:
                messages = _messages(exc)
                if messages == [DUPLICATE_REPORT]:
                    skipped += 1
                    bar.write(f"跳过 {name}：{DUPLICATE_REPORT}", file=stream)
                else:
                    hint = "（可用 --year 指定）" if services.YEAR_REQUIRED in messages else ""
                    failures.append((name, "；".join(messages) + hint))
            else:
                ok += 1
                bar.write(
                    f"✓ {name}：{report.peer_name} {report.year} 年度，{report.figures.count()} 项数据",
                    file=stream,
                )
        bar.close()

        for name, reason in failures:
            self.stderr.write(f"✗ {name}：{reason}")
        self.stdout.write(
            SUMMARY % {"total": len(files), "ok": ok, "skipped": skipped, "failed": len(failures)}
        )
        if ignored:
            self.stdout.write(f"另有 {ignored} 个文件不是 .txt/.docx/.pdf，未处理。")
        if failures:
            raise CommandError(f"{len(failures)} 份报告未能导入。", returncode=2)

    def _body(self, body_id: int | None) -> Any:
        if body_id is None:
            body = selectors.default_owner_body()
            if body is None:
                raise CommandError(NO_BODY, returncode=2)
            return body
        try:
            return selectors.body_get(pk=body_id)
        except NotFound as exc:
            raise CommandError(BAD_BODY % {"id": body_id}, returncode=2) from exc


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)
