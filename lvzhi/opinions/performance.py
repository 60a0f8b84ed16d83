"""What 社情民意 contributes to each member's performance file: the credits its services record."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from django.urls import reverse

from lvzhi.members import selectors as members_selectors
from lvzhi.members.sources import FileItem, Item, Source, register

from .workflow import AdoptionLevel, InstructionLevel

_ADOPTION = {k.value: str(k.label) for k in AdoptionLevel}
_INSTRUCTION = {k.value: str(k.label) for k in InstructionLevel}

ITEMS = (
    Item("opinion.submitted", "报送社情民意信息", points=1, cap=20),
    Item("opinion.published", "信息被编发", points=2),
    Item(
        "opinion.adopted",
        "信息被采用",
        levels={
            "national_cppcc": 10,
            "provincial_cppcc": 6,
            "provincial_party": 6,
            "provincial_gov": 6,
            "city_party": 4,
            "city_gov": 4,
            "other": 2,
        },
        level_labels=_ADOPTION,
    ),
    Item(
        "opinion.instructed",
        "信息获领导批示",
        levels={"national": 15, "provincial": 8, "city": 5, "county": 3},
        level_labels=_INSTRUCTION,
    ),
)


def opinion_file_items(body: Any, year: int, member_ids: Collection[int] | None) -> Iterable[FileItem]:
    for e in members_selectors.performance_event_rows(
        body=body, year=year, source="opinion", member_ids=member_ids
    ):
        yield FileItem(
            member_id=e["member_id"],
            item=f"opinion.{e['kind']}",
            level=e["level"],
            on=e["on"],
            title=e["case__title"] or "",
            url=reverse("casework:case-detail", args=[e["case_id"]]) if e["case_id"] else "",
            ref=f"case:{e['case_id']}",
        )


register(
    Source(key="opinion", label="社情民意信息", items=ITEMS, fetch=opinion_file_items, group="社情民意信息")
)
