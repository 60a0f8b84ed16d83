"""E-mail beside the in-app notices: each notice as it happens, or one digest a day.

Every in-app notice (交办, 期限提醒/预警/督办, 待评价的答复, 督办, 批示 …) is a ``Notification`` row
written with its step. After the step commits, ``notifications_created`` enqueues one task that
mails the rows of people who asked for each notice; people who asked for a digest get the day's
notices in one mail from the daily job; people with no address or who chose 不发邮件 get none.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import Notification

SUBJECT_EACH = "【履职通】%(message)s"
SUBJECT_DIGEST = "【履职通】%(date)s 提醒汇总（%(count)s 条）"
FOOTER = "\n\n—— 履职通（系统邮件，请勿直接回复。可在“我的信息”中改为每日汇总或不发邮件。）"


def record_url(n: Notification) -> str:
    return settings.LVZHI_SITE_URL.rstrip("/") + reverse("casework:case-detail", args=[n.case_id])


def _greeting(user: Any) -> str:
    return f"{user.display_name or user.username}，您好：\n\n"


def _each_message(n: Notification) -> EmailMessage:
    body = f"{_greeting(n.user)}{n.message}\n\n查看：{record_url(n)}{FOOTER}"
    return EmailMessage(subject=SUBJECT_EACH % {"message": n.message[:60]}, body=body, to=[n.user.email])


def notifications_created(rows: Iterable[Notification]) -> None:
    """Called by the services that write notices, inside their transaction."""
    ids = [n.pk for n in rows if n.pk]
    if not ids:
        return
    from .tasks import notification_email_send

    transaction.on_commit(lambda: notification_email_send.enqueue(ids))


def send_each(ids: list[int]) -> int:
    """Mail the given notices to the people who want each one; returns the number of mails sent."""
    rows = (
        Notification.objects.filter(pk__in=ids, user__is_active=True, user__notice_email="each")
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
    messages = [_each_message(n) for n in rows]
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0


def send_digests(*, day: datetime.date | None = None) -> int:
    """One mail per digest reader with every notice of the day (Beijing time) before ``day`` ends."""
    day = day or timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    rows = (
        Notification.objects.filter(
            at__gte=start, at__lt=end, user__is_active=True, user__notice_email="digest"
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id", "at", "pk")
    )
    by_user: dict[int, list[Notification]] = {}
    for n in rows:
        by_user.setdefault(n.user_id, []).append(n)
    messages = []
    for notes in by_user.values():
        user = notes[0].user
        lines = "\n\n".join(f"{i}. {n.message}\n   查看：{record_url(n)}" for i, n in enumerate(notes, 1))
        messages.append(
            EmailMessage(
                subject=SUBJECT_DIGEST % {"date": f"{day:%Y年%m月%d日}", "count": len(notes)},
                body=f"{_greeting(user)}今天共有 {len(notes)} 条提醒：\n\n{lines}{FOOTER}",
                to=[user.email],
            )
        )
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0
