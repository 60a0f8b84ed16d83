"""Test helpers for the portal: solve the arithmetic check, post a submission, make unit users."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from lvzhi.accounts.models import Role, User
from lvzhi.orgs.models import Body, HandlingUnit
from lvzhi.petitions import portal

LONG = (
    "本人所住小区自去年交房以来一直未办理不动产权证，多次找开发商和有关部门均无结果，请求人大常委会督促解决。"
)


def body(short: str) -> Body:
    return Body.objects.get(short_name=short)


def solve(question: str) -> str:
    a, op, b = re.match(r"(\d+) (加|减) (\d+)", question).groups()  # type: ignore[union-attr]
    return str(int(a) + int(b) if op == "加" else int(a) - int(b))


def captcha() -> dict[str, str]:
    c = portal.challenge_new()
    return {"captcha_token": c.token, "captcha_answer": solve(c.question)}


def submit(client: Client, body_id: int, ip: str = "10.1.0.1", **fields: Any) -> Any:
    data = {
        "kind": "petition",
        "title": "反映小区逾期未办理不动产权证",
        "content": LONG,
        "name": "张三丰",
        "phone": "13912345678",
        "id_number": "",
        **captcha(),
        **fields,
    }
    return client.post(f"/public/{body_id}/", data, REMOTE_ADDR=ip)


def code_of(response: Any) -> str:
    m = re.search(r'data-testid="tracking-code">([^<]+)<', response.content.decode())
    assert m, response.content.decode()[:2000]
    return m.group(1).strip()


def unit_user(unit: HandlingUnit, username: str) -> User:
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "role": Role.UNIT,
            "body": unit.body,
            "handling_unit": unit,
            "display_name": f"{unit.name}经办人",
        },
    )
    return user
