"""What meetings and activities add to the 大事记: standing-committee meetings, consultations,
research and inspections led by the body's leaders, democratic supervision, and 文史 volumes
published. Plenary sessions come from orgs (the session is the record); chair, Party-group and
other internal meetings and grassroots 微协商 are too many and too small for a chronicle."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import NoReverseMatch, reverse

from lvzhi.reports import chronicle

from .models import CultureVolume, Event, EventStatus, Meeting, MeetingKind

_KIND = {"consultation": "协商", "research": "调研", "inspection": "视察", "supervision": "监督"}


def _url(name: str, pk: int) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


@chronicle.source
def activities(body: Any, year: int) -> Iterable[chronicle.Entry]:
    who = body.short_name or body.name
    for m in Meeting.objects.filter(body_id=body.pk, held_on__year=year, kind=MeetingKind.STANDING):
        yield chronicle.Entry(
            on=m.held_on,
            text=f"{who}召开{m.title}。",
            url=_url("activities:meeting-detail", m.pk),
            kind="会议",
        )
    events = (
        Event.objects.filter(
            body_id=body.pk, held_on__year=year, status=EventStatus.HELD, type__category__in=list(_KIND)
        )
        .exclude(type__is_grassroots=True)
        .exclude(led_by="")
        .select_related("type")
    )
    for e in events:
        yield chronicle.Entry(
            on=e.held_on,
            text=f"{e.led_by}带队开展{e.title}。"
            if e.type.category in {"research", "inspection"}
            else f"举行{e.title}。",
            url=_url("activities:event-detail", e.pk),
            kind=_KIND[e.type.category],
        )
    for v in CultureVolume.objects.filter(body_id=body.pk, published_on__year=year):
        if v.published_on is not None:
            yield chronicle.Entry(on=v.published_on, text=f"《{v.series}》第{v.number}辑出版。", kind="文史")
