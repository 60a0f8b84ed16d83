from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lvzhi.reports.extraction import DocumentError, extract_file


class Command(BaseCommand):
    help = "从已发布的工作报告（.txt/.docx/.pdf）中提取数据，每份报告输出一行 JSON。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件路径")

    def handle(self, *args: Any, **options: Any) -> None:
        failed = 0
        for path in options["paths"]:
            try:
                result = extract_file(path)
            except DocumentError as exc:
                # Keep going so one bad file does not hide the others' figures.
                failed += 1
                self.stderr.write(f"{path}：{exc}")
                continue
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        if failed:
            raise CommandError(f"{failed} 个文件无法提取。", returncode=2)
