"""The two sources this app owns: items recorded by hand and confirmed by staff, and accepted appeals."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone

from .models import Appeal, ManualRecord
from .sources import FileItem, Item, Source, register

MANUAL_ITEMS = (
    Item("manual.wenshi", "文史资料撰稿", points=3, cap=15),
    Item("manual.training", "参加培训学习", points=1, cap=10),
    Item("manual.station", "委员工作室（联络站）接待群众", points=1, cap=12),
    Item("manual.absence", "无故缺席全体会议", points=-5),
    Item("manual.other", "其他履职事项", points=1, cap=5),
)


def _manual(body: Any, year: int, member_ids: Collection[int] | None) -> Iterable[FileItem]:
    qs = ManualRecord.objects.filter(body_id=body.pk, on__year=year, status=ManualRecord.Status.CONFIRMED)
    if member_ids is not None:
        qs = qs.filter(member_id__in=list(member_ids))
    for r in qs.values("id", "member_id", "item", "title", "on", "member_id"):
        yield FileItem(
            member_id=r["member_id"],
            item=r["item"],
            level="",
            on=r["on"],
            title=r["title"],
            url=reverse("members:file", args=[r["member_id"]]) + f"?year={year}#record-{r['id']}",
            ref=f"manual:{r['id']}",
        )


def _appeals(body: Any, year: int, member_ids: Collection[int] | None) -> Iterable[FileItem]:
    qs = Appeal.objects.filter(body_id=body.pk, year=year, status=Appeal.Status.ACCEPTED)
    if member_ids is not None:
        qs = qs.filter(member_id__in=list(member_ids))
    for a in qs.values("id", "member_id", "ref_label", "decision_note", "points_granted", "decided_at"):
        yield FileItem(
            member_id=a["member_id"],
            item="appeal.adjust",
            level="",
            on=timezone.localtime(a["decided_at"]).date(),
            title=a["ref_label"] or "积分申诉",
            url=reverse("members:appeal-detail", args=[a["id"]]),
            ref=f"appeal:{a['id']}",
            points=a["points_granted"],
            note=a["decision_note"],
        )


register(Source(key="manual", label="手工登记", items=MANUAL_ITEMS, fetch=_manual, group="其他履职"))
register(
    Source(
        key="appeal",
        label="申诉更正",
        items=(Item("appeal.adjust", "申诉更正"),),
        fetch=_appeals,
        group="申诉更正",
    )
)
