from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lvzhi.casework.services import deadlines_sweep


class Command(BaseCommand):
    help = "按工作日检查办理期限：提醒 → 预警 → 督办 → 通报，并提示到期的B类承诺事项（每日运行一次）。"

    def handle(self, *args: Any, **options: Any) -> None:
        counts = deadlines_sweep()
        labels = {
            "remind": "提醒",
            "warn": "预警",
            "chase": "督办",
            "notice": "通报",
            "followup": "B类承诺到期",
        }
        self.stdout.write("，".join(f"{labels[k]} {v} 件" for k, v in counts.items()))
