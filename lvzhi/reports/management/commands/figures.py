from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lvzhi.orgs.models import Body
from lvzhi.reports import figures


class Command(BaseCommand):
    help = "打印机构某年度由本系统记录计算出的工作报告数据。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--body", type=int, required=True, help="机构编号")
        parser.add_argument("--year", type=int, required=True, help="年度，如 2025")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        body = Body.objects.filter(pk=options["body"]).first()
        if body is None:
            raise CommandError(f"机构 {options['body']} 不存在。", returncode=2)
        year = options["year"]
        if not 1949 <= year <= 2100:
            raise CommandError(f"年度 {year} 无效。", returncode=2)
        values = figures.figures_for(body=body, year=year)
        if options["format"] == "json":
            self.stdout.write(
                json.dumps({"body": body.pk, "year": year, "figures": values}, ensure_ascii=False)
            )
            return
        self.stdout.write(f"{body.name} {year} 年度数据")
        for key, value in values.items():
            spec = figures.spec(key)
            self.stdout.write(f"{key:<32}{spec.label:<16}{value:>10} {spec.unit}")
