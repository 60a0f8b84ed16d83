"""The scheduler's one command: enqueue every daily job (settings.LVZHI_DAILY_JOBS) once.

Run it from cron once a day (README); a worker (`manage.py db_worker`) picks the jobs up. With the
immediate backend of `make run` the jobs run right here, in order.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "将每日任务（期限检查、提醒邮件汇总、检索索引重建）加入后台任务队列（每天由 cron 运行一次）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--only", action="append", default=[], help="只加入名称含此文字的任务")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = [
            p
            for p in settings.LVZHI_DAILY_JOBS
            if not options["only"] or any(o in p for o in options["only"])
        ]
        for i, path in enumerate(jobs, 1):
            result = import_string(path).enqueue()
            self.stdout.write(f"[{i}/{len(jobs)}] {path} → {result.status}（任务 {result.id}）")
        self.stdout.write(self.style.SUCCESS(f"已加入 {len(jobs)} 项每日任务。"))
