"""``make run``: Django's development server with one clean start-up block instead of its own."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.commands.runserver import Command as RunserverCommand

from lvzhi.orgs.demo import demo_logins

START_HERE = (
    ("demo-member", "委员：工作台上是自己的草稿、待评价的答复；“我的提案”里起草一件"),
    ("demo-staff", "提案委工作人员：工作台“今日待决定”，进入“提案办理”立案、交办"),
    ("demo-unit", "承办单位：工作台“待签收”“已超期”，进入“待办事项”签收、答复"),
    ("demo-leader", "领导：领衔督办的重点件与待跟进的批示"),
    ("demo-admin", "系统管理员：机构、用户、锁定账户与审计"),
)


class Command(RunserverCommand):
    help = "启动演示服务器，并打印地址、演示账号和从哪里开始。"

    def handle(self, *args: Any, **options: Any) -> None:
        options["skip_checks"] = True  # `make run` has just migrated; the checks ran there
        os.environ["DJANGO_RUNSERVER_HIDE_WARNING"] = "true"
        super().handle(*args, **options)

    def inner_run(self, *args: Any, **options: Any) -> None:
        self.stdout.write = self._quiet(self.stdout.write)  # type: ignore[method-assign]
        super().inner_run(*args, **options)

    def _quiet(self, write: Any) -> Any:
        # Django prints its date, version and settings line before binding; the banner replaces them.
        def out(msg: str = "", *a: Any, **kw: Any) -> None:
            if (
                msg.startswith(("Django version", "Performing system checks"))
                or msg[:4].isdigit()
                or (
                    msg
                    and msg.split(" ")[0]
                    in {
                        "January",
                        "February",
                        "March",
                        "April",
                        "May",
                        "June",
                        "July",
                        "August",
                        "September",
                        "October",
                        "November",
                        "December",
                    }
                )
            ):
                return
            write(msg, *a, **kw)

        return out

    def on_bind(self, server_port: int) -> None:
        url = f"http://{getattr(self, 'addr', '127.0.0.1')}:{server_port}"
        lines = [
            "",
            "=" * 60,
            f"履职通已启动：{url}/    （按 Ctrl-C 停止）",
            f"公众入口（无需登录）：{url}/public/",
            f"演示账号（密码均为 {settings.LVZHI_DEMO_PASSWORD}）：",
            *(f"  {username:<20}{label}" for username, label in demo_logins()),
            "从这里开始：",
            *(f"  {username:<20}{hint}" for username, hint in START_HERE),
            "=" * 60,
        ]
        self.stdout.write("\n".join(lines))
