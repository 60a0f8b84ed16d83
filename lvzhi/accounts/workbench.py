"""The administrator's 工作台: bodies, users, locked accounts and the last day's audit."""

from __future__ import annotations

import datetime
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from lvzhi.core import audit as audit_labels
from lvzhi.core.models import AuditEntry
from lvzhi.core.permissions import visible_body_ids
from lvzhi.orgs import selectors as org_selectors
from lvzhi.web.workbench import Panel, Row, panels_for_roles

from .models import SYSTEM_USERNAMES, Role, User


@panels_for_roles("admin")
def admin_panels(user: Any, today: datetime.date) -> list[Panel]:
    bodies = org_selectors.body_list_for_actor(actor=user)
    body_rows = [
        Row(b.name, reverse("orgs:body-list"), meta=f"{b.get_kind_display()} · {b.get_level_display()}")
        for b in bodies.filter(parent__isnull=True)[:6]
    ]
    people = User.objects.exclude(username__in=SYSTEM_USERNAMES)
    ids = visible_body_ids(user)
    if ids is not None:
        people = people.filter(body_id__in=ids)
    labels = dict(Role.choices)
    by_role = people.order_by().values_list("role").annotate(n=Count("id")).values_list("role", "n")
    user_rows = [
        Row(str(labels.get(r, r)), f"{reverse('accounts:user-list')}?role={r}", badge=str(n))
        for r, n in by_role
    ]
    locked = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by(
        "-attempt_time"
    )
    locked_rows = [
        Row(
            a.username or "（未填用户名）",
            reverse("accounts:user-list") + f"?q={a.username or ''}",
            meta=f"{timezone.localtime(a.attempt_time):%m-%d %H:%M} 起锁定 · {a.ip_address or ''}",
            danger=True,
        )
        for a in locked[:6]
    ]
    since = timezone.now() - datetime.timedelta(days=1)
    audit = AuditEntry.objects.filter(at__gte=since)
    if ids is not None:
        audit = audit.filter(body_id__in=ids)
    audit_rows = [
        Row(
            f"{e.actor_name or '系统'} · {audit_labels.action_label(e.action)}",
            meta=f"{timezone.localtime(e.at):%m-%d %H:%M} · {e.object_repr}",
        )
        for e in audit.order_by("-at")[:8]
    ]
    return [
        Panel(
            "bodies", "机构", body_rows, count=bodies.count(), more_url=reverse("orgs:body-list"), order=10
        ),
        Panel(
            "users",
            "用户（按角色）",
            user_rows,
            count=people.count(),
            more_url=reverse("accounts:user-list"),
            order=11,
        ),
        Panel(
            "locked", "被锁定的账户", locked_rows, count=locked.count(), empty="没有被锁定的账户", order=12
        ),
        Panel(
            "audit",
            "最近一天的操作",
            audit_rows,
            count=audit.count(),
            more_url=reverse("web:audit-list"),
            empty="最近一天没有操作记录",
            order=13,
            wide=True,
        ),
    ]
