from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from lvzhi.orgs.demo import demo_logins


class Command(BaseCommand):
    help = "打印演示账号。"

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"演示账号（密码均为 {settings.LVZHI_DEMO_PASSWORD}）：")
        for username, label in demo_logins():
            self.stdout.write(f"  {username:<20}{label}")
