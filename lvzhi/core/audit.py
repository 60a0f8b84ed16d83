"""The audit trail: every create, change and deletion of a registered model is recorded.

Models register once (in their AppConfig.ready); signals then write an AuditEntry
for every save and delete, whoever makes it: a view, the API, an import, the admin.
The acting user comes from a context variable that the middleware and the API set,
so services never forget to pass it down.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import decimal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("audit_actor", default=None)
_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("audit_ip", default=None)
_suspended: contextvars.ContextVar[bool] = contextvars.ContextVar("audit_suspended", default=False)


@dataclass(frozen=True)
class Registration:
    """How one model is audited, and how its entries are shown.

    ``masks`` maps a field to the function that masks it; ``reveal(actor, body_id)`` says who
    sees those fields in full. The trail shows a record's personal data exactly as the
    record's own pages do: masked for everyone its pages mask it for.
    """

    fields: tuple[str, ...]
    masks: dict[str, Callable[[str], str]] = field(default_factory=dict)
    reveal: Callable[[Any, int | None], bool] | None = None


_REGISTRY: dict[type[models.Model], Registration] = {}
_BY_LABEL: dict[str, Registration] = {}
_IGNORED_FIELDS = {"created_at", "updated_at", "password", "last_login"}

# Labels for the action names shown in the audit log; apps add their own.
ACTION_LABELS: dict[str, str] = {str(k): str(v) for k, v in AuditEntry.Action.choices}


def action_label_register(name: str, label: Any) -> None:
    ACTION_LABELS[name] = str(label)


def action_label(name: str) -> str:
    return ACTION_LABELS.get(name, name)


@contextlib.contextmanager
def acting_as(actor: Any, ip: str | None = None) -> Iterator[None]:
    """Attribute every change made inside the block to ``actor``."""
    token = _actor.set(actor)
    ip_token = _ip.set(ip) if ip is not None else None
    try:
        yield
    finally:
        _actor.reset(token)
        if ip_token is not None:
            _ip.reset(ip_token)


@contextlib.contextmanager
def suspended() -> Iterator[None]:
    """For bulk demo seeding only: no user acted, so there is nothing to attribute."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def set_actor(actor: Any) -> None:
    """Within a request already wrapped by the middleware: the API authenticates later."""
    _actor.set(actor)


def current_actor() -> Any:
    return _actor.get()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return str(value.name or "")
    if isinstance(value, list | tuple | dict | str | int | float | bool) or value is None:
        return value
    return str(value)


def _snapshot(instance: models.Model) -> dict[str, Any]:
    reg = _REGISTRY.get(type(instance))
    fields = reg.fields if reg else ()
    return {name: _plain(getattr(instance, name)) for name in fields}


def _body_id_of(instance: models.Model) -> int | None:
    for attr in ("body_id", "audit_body_id"):
        value = getattr(instance, attr, None)
        if value is not None:
            return int(value)
    if instance._meta.label_lower == "orgs.body":
        return int(instance.pk) if instance.pk else None
    return None


def _kind_of(instance: models.Model) -> str:
    """The case kind a record belongs to (a case, or a record hanging off one), else ""."""
    kind = getattr(instance, "audit_kind", None)
    if kind is None and instance._meta.label_lower == "casework.case":
        kind = getattr(instance, "kind", None)
    if kind is None and getattr(instance, "case_id", None) is not None:
        case = getattr(instance, "case", None)
        kind = getattr(case, "kind", None)
    return str(kind or "")


def record(
    *,
    action: str,
    instance: models.Model | None = None,
    model: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict[str, Any] | None = None,
    note: str = "",
    body_id: int | None = None,
    actor: Any = None,
    kind: str = "",
) -> AuditEntry | None:
    """Write one audit row; used by the signals and by services for non-CRUD actions."""
    if _suspended.get():
        return None
    actor = actor if actor is not None else _actor.get()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if instance is not None:
        model = model or instance._meta.label_lower
        object_id = object_id or str(instance.pk or "")
        object_repr = object_repr or str(instance)[:255]
        body_id = body_id if body_id is not None else _body_id_of(instance)
        kind = kind or _kind_of(instance)
    if body_id is None and actor is not None:
        # Records shared across bodies (a person) are filed under the acting office's body.
        body_id = getattr(actor, "body_id", None)
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=(getattr(actor, "display_name", "") or getattr(actor, "username", ""))
        if actor
        else "系统",
        body_id=body_id,
        action=action,
        model=model,
        object_id=object_id,
        object_repr=object_repr[:255],
        changes=changes or {},
        note=note[:500],
        ip=_ip.get(),
        kind=kind[:32],
    )


def _pre_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw or _suspended.get() or instance._state.adding or instance.pk is None:
        instance._audit_before = None  # type: ignore[attr-defined]  # transient attribute
        return
    before = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = _snapshot(before) if before else None  # type: ignore[attr-defined]  # transient


def _post_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if raw or _suspended.get():
        return
    after = _snapshot(instance)
    if created:
        record(
            action=AuditEntry.Action.CREATE,
            instance=instance,
            changes={k: [None, v] for k, v in after.items() if v not in (None, "")},
        )
        return
    before = getattr(instance, "_audit_before", None) or {}
    diff = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if diff:
        record(action=AuditEntry.Action.UPDATE, instance=instance, changes=diff)


def _post_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if _suspended.get():
        return
    record(
        action=AuditEntry.Action.DELETE,
        instance=instance,
        changes={k: [v, None] for k, v in _snapshot(instance).items()},
    )


def register(
    model: type[models.Model],
    *,
    exclude: tuple[str, ...] = (),
    masks: dict[str, Callable[[str], str]] | None = None,
    reveal: Callable[[Any, int | None], bool] | None = None,
) -> None:
    """Audit every save and delete of ``model``; ``masks``/``reveal`` as in ``Registration``."""
    fields = tuple(
        f.attname
        for f in model._meta.concrete_fields
        if f.attname not in _IGNORED_FIELDS
        and f.name not in exclude
        and f.attname not in exclude
        and not f.primary_key
    )
    if masks and reveal is None:
        raise ValueError("masked fields need a reveal rule")
    reg = Registration(fields=fields, masks=dict(masks or {}), reveal=reveal)
    _REGISTRY[model] = reg
    _BY_LABEL[model._meta.label_lower] = reg
    uid = f"audit-{model._meta.label_lower}"
    pre_save.connect(_pre_save, sender=model, dispatch_uid=uid + "-pre")
    post_save.connect(_post_save, sender=model, dispatch_uid=uid + "-post")
    post_delete.connect(_post_delete, sender=model, dispatch_uid=uid + "-del")


def registered_models() -> list[type[models.Model]]:
    return list(_REGISTRY)


def changes_for_actor(entry: AuditEntry, actor: Any) -> dict[str, Any]:
    """An entry's before → after as ``actor`` may read it: masked fields masked unless revealed."""
    reg = _BY_LABEL.get(entry.model)
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    if reg is None or not reg.masks or (reg.reveal is not None and reg.reveal(actor, entry.body_id)):
        return changes
    shown: dict[str, Any] = {}
    for key, value in changes.items():
        mask = reg.masks.get(key)
        if mask is not None and isinstance(value, list):
            value = [mask(str(v)) if v not in (None, "") else v for v in value]
        shown[key] = value
    return shown


MODEL_LABELS_HINT = _("对象类型")
