"""The plenary sessions (次会议) of a body's year, for the 大事记."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lvzhi.reports import chronicle

from .models import Session


@chronicle.source
def sessions(body: Any, year: int) -> Iterable[chronicle.Entry]:
    place = body.region
    for s in Session.objects.filter(term__body_id=body.pk, year=year, opens_on__isnull=False).select_related(
        "term"
    ):
        opens = s.opens_on
        if opens is None:
            continue
        name = s.name if s.name.startswith(s.term.name) else f"{s.term.name}{s.name}"
        who = f"{place}{name}" if body.kind == "congress" else f"政协{place}{name}"
        if s.closes_on and s.closes_on != opens:
            text = f"{who}召开（{opens.month}月{opens.day}日至{s.closes_on.month}月{s.closes_on.day}日）。"
        else:
            text = f"{who}召开。"
        yield chronicle.Entry(on=opens, text=text, kind="会议")
