from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lvzhi.textsim import caches, services


class Command(BaseCommand):
    help = "重建全文检索与相似度索引（全部机构，或以 --body 指定一个机构）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--body", type=int, default=None, help="机构 ID")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        counts = services.search_reindex(body_id=options["body"])
        caches.clear()
        self.stdout.write(
            self.style.SUCCESS(
                f"检索索引已重建：案件 {counts['case']} 件、答复 {counts['reply']} 份、办理记录 {counts['event']} 条、简报 {counts['bulletin']} 期，"
                f"用时 {time.monotonic() - started:.1f} 秒。"
            )
        )
