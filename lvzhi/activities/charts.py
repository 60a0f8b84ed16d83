"""Charts of meetings and activities: held events by type, attendance by what happened."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from lvzhi.reports import charts

from . import selectors
from .models import Attendance, AttendanceStatus, Event


@charts.chart("activities.events_by_type", "履职活动（按类型）", kind="hbar", order=50)
def events_by_type(q: charts.Query) -> charts.Data:
    if q.body is None:
        return charts.Data()
    visible = selectors.event_list_for_actor(
        actor=q.actor, filters=selectors.EventFilters(status="held", year=q.year)
    ).values("pk")
    rows = list(
        Event.objects.filter(pk__in=visible, body_id=q.body.pk)
        .values_list("type_id", "type__name")
        .annotate(n=Count("id"))
        .order_by("-n", "type__name")
    )
    base = reverse("activities:event-list")
    return charts.Data(
        categories=[name for _, name, _ in rows],
        series=[charts.Series("次数", [n for *_, n in rows])],
        links=[f"{base}?{urlencode({'type': tid, 'year': q.year, 'status': 'held'})}" for tid, _, _ in rows],
        unit="次",
    )


_SHOWN = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.LEAVE,
    AttendanceStatus.ABSENT,
)


@charts.chart("activities.attendance", "出席情况（会议和活动）", kind="pie", order=55)
def attendance(q: charts.Query) -> charts.Data:
    """人次 of the year's meetings and events by what happened (invitations still open left out)."""
    if q.body is None:
        return charts.Data()
    counts = dict(
        Attendance.objects.filter(body_id=q.body.pk, on__year=q.year, status__in=_SHOWN)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    shown = [s for s in _SHOWN if counts.get(s)]
    return charts.Data(
        categories=[str(s.label) for s in shown],
        series=[charts.Series("人次", [counts[s] for s in shown])],
        unit="人次",
    )
