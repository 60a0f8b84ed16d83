"""Keep search entries in step with records: changed ids are collected during a transaction
and indexed once, after commit (a seeding transaction touching 1,000 cases indexes once)."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)
_pending = threading.local()


def _bucket() -> dict[str, set[int]]:
    if not hasattr(_pending, "ids"):
        _pending.ids = {"case": set(), "reply": set(), "bulletin": set()}
    return _pending.ids  # type: ignore[no-any-return]  # threading.local attribute


def discard_pending() -> None:
    """Forget queued ids (a full reindex just covered them)."""
    for ids in _bucket().values():
        ids.clear()


def flush() -> None:
    from . import services

    bucket = _bucket()
    cases, replies, bulletins = set(bucket["case"]), set(bucket["reply"]), set(bucket["bulletin"])
    discard_pending()
    try:
        if cases:
            services.search_entries_sync_cases(case_ids=cases)
        if replies:
            services.search_entries_sync_replies(reply_ids=replies)
        if bulletins:
            services.search_entries_sync_bulletins(bulletin_ids=bulletins)
    except Exception:  # an index failure must never undo or break the user's change
        logger.exception("textsim: indexing failed for cases %s", sorted(cases)[:20])


def queue(kind: str, pk: int | None) -> None:
    if pk is None:
        return
    _bucket()[kind].add(int(pk))
    transaction.on_commit(flush)  # idempotent: later callbacks find the bucket empty


def _case_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    queue("case", instance.pk)


def _event_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    # The engine changes state with UPDATE (no save signal); its CaseEvent row is the signal.
    # Re-indexing the case also indexes its events' notes (search source 活动).
    queue("case", instance.case_id)
    if created and instance.action == "case.assign":
        from . import services

        event_id = instance.pk
        transaction.on_commit(lambda: services.routing_choice_record(event_id=event_id))


def _reply_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    queue("reply", instance.pk)


def _bulletin_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    queue("bulletin", getattr(instance, "bulletin_id", None) or instance.pk)


def connect() -> None:
    from lvzhi.casework.models import Case, CaseEvent, Reply

    post_save.connect(_case_saved, sender=Case, dispatch_uid="textsim.case_saved")
    post_delete.connect(_case_saved, sender=Case, dispatch_uid="textsim.case_deleted")
    post_save.connect(_event_saved, sender=CaseEvent, dispatch_uid="textsim.event_saved")
    post_save.connect(_reply_saved, sender=Reply, dispatch_uid="textsim.reply_saved")
    post_delete.connect(_reply_saved, sender=Reply, dispatch_uid="textsim.reply_deleted")
    try:
        from lvzhi.opinions.models import Bulletin, BulletinItem
    except ImportError:  # pragma: no cover - opinions app absent
        return
    post_save.connect(_bulletin_saved, sender=Bulletin, dispatch_uid="textsim.bulletin_saved")
    post_save.connect(_bulletin_saved, sender=BulletinItem, dispatch_uid="textsim.bulletin_item_saved")
    post_delete.connect(_bulletin_saved, sender=BulletinItem, dispatch_uid="textsim.bulletin_item_deleted")
