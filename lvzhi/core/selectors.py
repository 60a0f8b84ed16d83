"""Reads of the audit trail, scoped like the records it describes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone

from .models import AuditEntry
from .permissions import can, visible_body_ids


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    model: str = ""
    actor: str = ""
    q: str = ""
    start: date | None = None
    end: date | None = None

    @classmethod
    def from_params(cls, params: Any) -> AuditFilters:
        return cls(
            action=str(params.get("action", ""))[:2000],
            model=str(params.get("model", ""))[:100],
            actor=str(params.get("actor", ""))[:50],
            q=str(params.get("q", ""))[:50],
            start=_day(params.get("start", "")),
            end=_day(params.get("end", "")),
        )


def _day(raw: str) -> date | None:
    try:
        return datetime.strptime(str(raw), "%Y-%m-%d").date()  # noqa: DTZ007  # a calendar day
    except ValueError:
        return None


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_list_for_actor(*, actor: Any, filters: AuditFilters | None = None) -> QuerySet[AuditEntry]:
    """The entries ``actor`` may read: their body's, and only of records they may read.

    Show each entry's changes through ``audit.changes_for_actor``: personal data stays masked
    for whoever the record's own pages mask it for.
    """
    if not can(actor, "core.view_auditentry"):
        raise PermissionDenied("您无权查看审计日志。")
    f = filters or AuditFilters()
    qs = AuditEntry.objects.select_related("actor")
    ids = visible_body_ids(actor)
    if ids is not None:
        qs = qs.filter(body_id__in=ids)
    if f.action:
        # Several steps share one label (each kind's 立案): the filter may name them all.
        qs = qs.filter(action__in=f.action.split(",")[:50])
    if f.model:
        qs = qs.filter(model=f.model)
    if f.actor:
        qs = qs.filter(actor_name__icontains=f.actor)
    if f.q:
        qs = qs.filter(object_repr__icontains=f.q)
    if f.start:
        qs = qs.filter(at__gte=_midnight(f.start))
    if f.end:
        qs = qs.filter(at__lt=_midnight(f.end + timedelta(days=1)))
    return qs
