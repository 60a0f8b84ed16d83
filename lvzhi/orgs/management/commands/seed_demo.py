from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from lvzhi.core import audit, demo
from lvzhi.orgs import demo as orgs_demo
from lvzhi.orgs.models import Body

REFUSED_IN_PRODUCTION = "生产环境（lvzhi.settings.production）不能生成演示数据：演示账号的密码是公开的。"


class Command(BaseCommand):
    help = "生成演示数据：示范市政协、示范市人大常委会及下属县区机构，委员、代表、承办单位和演示账号。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=["demo", "national"], default="demo")
        parser.add_argument("--if-empty", action="store_true", help="已有演示数据时跳过")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.LVZHI_PRODUCTION:
            # Every demo account shares a published password: never in a live system.
            raise CommandError(REFUSED_IN_PRODUCTION)
        scale = options["scale"]
        marker = "示范全国政协" if scale == "national" else "示范市政协"
        if Body.objects.filter(short_name=marker).exists():
            self.stdout.write(f"演示数据（{marker}）已存在，跳过。")
            return
        ctx = demo.DemoContext(scale=scale, today=timezone.localdate(), log=lambda m: self.stdout.write(m))
        started = time.monotonic()
        with audit.suspended(), transaction.atomic():
            if scale == "national":
                orgs_demo.build_national(ctx)
            for order, _name, step in demo.steps():
                if scale == "national" and order <= 10:
                    continue
                step(ctx)
        self.stdout.write(
            self.style.SUCCESS(f"演示数据已生成（{scale}），用时 {time.monotonic() - started:.1f} 秒。")
        )
        if scale == "demo":
            self.stdout.write("演示账号：python manage.py demo_logins")
