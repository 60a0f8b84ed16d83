"""Writes for text intelligence: search entries kept in step with records, 并案 decisions,
routing rules and recorded routing choices.

The per-body in-process caches (similarity index, router) live in ``caches.py``; they read
the entries written here and notice changes by their ``updated_at`` stamps, so no message
bus and no Redis is needed, and several app processes stay consistent.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Length

from lvzhi.casework import selectors as case_selectors
from lvzhi.casework import services as case_services
from lvzhi.casework.models import LIVE_ASSIGNMENT, Assignment, AssignmentRole, Case, CaseEvent, Reply
from lvzhi.casework.workflow import workflow_for
from lvzhi.core import audit
from lvzhi.core.permissions import is_admin
from lvzhi.orgs.models import Body, HandlingUnit

from . import engine
from .backends import backend
from .models import MergeDecision, MergeDecisionStatus, RoutingChoice, RoutingRule, SearchEntry, SearchSource

# Messages (importable, so tests assert the exact text).
STAFF_ONLY = "只有本机构工作人员可以使用此功能。"
MERGE_TOO_FEW = "并案至少需要两件。"
MERGE_SURVIVOR_INVALID = "主件必须是该组中的一件。"
MERGE_ALREADY_DECIDED = "该组并案建议已处理过。"
RULE_UNIT_INVALID = "承办单位不属于本机构或已停用。"
RULE_KEYWORDS_REQUIRED = "请至少填写一个关键词。"

MAX_INDEXED_CHARS = 20_000  # longer texts are indexed by their head; similarity needs no more
ROUTING_SHOWN_TTL = 6 * 3600


def staff_required(*, actor: Any, body_id: int) -> None:
    """Office staff (and leaders) of the body, or an administrator."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(STAFF_ONLY)
    if is_admin(actor):
        return
    if getattr(actor, "role", "") in {"staff", "leader"} and actor.body_id == body_id:
        return
    raise PermissionDenied(STAFF_ONLY)


def group_key(case_ids: Iterable[int]) -> str:
    return hashlib.sha256(",".join(str(i) for i in sorted(set(case_ids))).encode()).hexdigest()


# ---------------------------------------------------------------- search entries


def case_text(case: Case) -> str:
    """Title on the first line (the engine weights it), then 案由 and 建议."""
    parts = [case.title, case.background, case.content]
    return "\n".join(p.strip() for p in parts if p and p.strip())[:MAX_INDEXED_CHARS]


def _fill(entry: SearchEntry, *, title: str, text: str, rank_title: str | None = None) -> None:
    """Set the entry's text; _save tokenizes it, unless the stored entry already has this text."""
    entry.title = title[:300]
    entry.text = text[:MAX_INDEXED_CHARS]
    entry._rank_title = title if rank_title is None else rank_title  # type: ignore[attr-defined]


def _tokenize(entry: SearchEntry) -> None:
    entry.title_tokens = " ".join(engine.tokenize(entry._rank_title))  # type: ignore[attr-defined]
    entry.tokens = " ".join(engine.tokenize(entry.text))
    entry.keywords = " ".join(engine.keywords(entry.text, k=8))[:300]


def _save(entries: Sequence[SearchEntry]) -> None:
    existing = {
        (row[0], row[1]): row[2:]
        for row in SearchEntry.objects.filter(
            source__in={e.source for e in entries}, object_id__in=[e.object_id for e in entries]
        ).values_list("source", "object_id", "pk", "title", "text", "title_tokens", "tokens", "keywords")
    }
    fields = [f.name for f in SearchEntry._meta.concrete_fields if f.name not in {"id", "created_at"}]
    changed = []
    for e in entries:
        stored = existing.get((e.source, e.object_id))
        e.pk = stored[0] if stored else None
        # A transition changes state, not text: segmenting the same text again is most of its cost.
        if stored and (stored[1], stored[2]) == (e.title, e.text):
            e.title_tokens, e.tokens, e.keywords = stored[3], stored[4], stored[5]
        else:
            _tokenize(e)
            changed.append(e)
        # save() per row keeps updated_at fresh, which the caches watch
        e.save(update_fields=fields) if e.pk else e.save()
    backend().upsert([(e.pk, e.title_tokens, e.tokens) for e in changed])


def _store(source: str, entries: Sequence[SearchEntry], *, asked: Iterable[int]) -> None:
    """Save the entries built for ``asked`` ids; records no longer there lose theirs."""
    if entries:
        _save(entries)
    gone = set(asked) - {e.object_id for e in entries}
    if gone:
        _delete_entries(SearchEntry.objects.filter(source=source, object_id__in=gone))


def _delete_entries(qs: Any) -> int:
    ids = list(qs.values_list("pk", flat=True))
    backend().delete(ids)
    SearchEntry.objects.filter(pk__in=ids).delete()
    return len(ids)


def _sector_ids(case_ids: Sequence[int]) -> dict[int, int]:
    # Sector (界别) lives on the proposals app's detail row; read it without importing the model.
    try:
        rel = Case._meta.get_field("proposal_detail")
    except Exception:  # app not installed: no sector filter
        return {}
    model: Any = rel.related_model  # type: ignore[attr-defined]  # a reverse one-to-one field
    rows = model._default_manager.filter(case_id__in=case_ids, sector_id__isnull=False)
    return dict(rows.values_list("case_id", "sector_id"))


def search_entries_sync_cases(*, case_ids: Iterable[int]) -> int:
    """(Re)index cases and their replies; cases gone from the database lose their entries."""
    ids = sorted(set(case_ids))
    if not ids:
        return 0
    cases = list(Case.objects.filter(pk__in=ids))
    units: dict[int, list[int]] = defaultdict(list)
    for case_id, unit_id in Assignment.objects.filter(LIVE_ASSIGNMENT, case_id__in=ids).values_list(
        "case_id", "unit_id"
    ):
        units[case_id].append(unit_id)
    sectors = _sector_ids(ids)
    entries = []
    for case in cases:
        entry = SearchEntry(
            source=SearchSource.CASE,
            object_id=case.pk,
            body_id=case.body_id,
            case_id=case.pk,
            kind=case.kind,
            state=case.state,
            year=case.year,
            unit_ids="," + ",".join(str(u) for u in sorted(set(units[case.pk]))) + ","
            if units[case.pk]
            else "",
            sector_id=sectors.get(case.pk),
        )
        _fill(entry, title=case.title, text=case_text(case))
        entries.append(entry)
    with transaction.atomic():
        _store(SearchSource.CASE, entries, asked=ids)
        replies = list(Reply.objects.filter(case_id__in=ids).values_list("pk", flat=True))
        if replies:
            search_entries_sync_replies(reply_ids=replies)
        events = list(_noted_events().filter(case_id__in=ids).values_list("pk", flat=True))
        if events:
            search_entries_sync_events(event_ids=events)
    return len(entries)


# A note this short ("同意", "已阅") says nothing worth finding.
EVENT_NOTE_MIN_CHARS = 6


def _noted_events() -> QuerySet[CaseEvent]:
    # Petitions stay out: their notes may name the petitioner, whom only petition staff may see.
    return (
        CaseEvent.objects.exclude(case__kind="petition")
        .annotate(note_chars=Length("note"))
        .filter(note_chars__gte=EVENT_NOTE_MIN_CHARS)
    )


def _event_label(event: CaseEvent) -> str:
    wf = workflow_for(event.case.kind)
    step = wf.transition(event.action.removeprefix("case.")) if wf else None
    return str(step.label) if step is not None else audit.action_label(event.action)


def search_entries_sync_events(*, event_ids: Iterable[int]) -> int:
    """Index the notes of case events (领衔督办 visits, 督办, returns, declines…) as 活动."""
    ids = sorted(set(event_ids))
    if not ids:
        return 0
    rows = list(_noted_events().filter(pk__in=ids).select_related("case"))
    entries = []
    for e in rows:
        case = e.case
        entry = SearchEntry(
            source=SearchSource.EVENT,
            object_id=e.pk,
            body_id=case.body_id,
            case_id=case.pk,
            kind=case.kind,
            state=case.state,
            year=case.year,
        )
        label = _event_label(e)
        # Ranked by what happened, not the case title: the case itself should outrank its events.
        _fill(entry, title=f"{label}：{case.title}", text=e.note, rank_title=label)
        entries.append(entry)
    with transaction.atomic():
        _store(SearchSource.EVENT, entries, asked=ids)
    return len(entries)


def search_entries_sync_replies(*, reply_ids: Iterable[int]) -> int:
    ids = sorted(set(reply_ids))
    rows = list(Reply.objects.filter(pk__in=ids).select_related("case", "assignment__unit"))
    entries = []
    for r in rows:
        case = r.case
        entry = SearchEntry(
            source=SearchSource.REPLY,
            object_id=r.pk,
            body_id=case.body_id,
            case_id=case.pk,
            kind=case.kind,
            state=case.state,
            year=case.year,
            unit_ids=f",{r.assignment.unit_id},",
        )
        # Ranked by the unit's name, not the case title: the case itself should outrank its replies.
        _fill(
            entry,
            title=f"{r.assignment.unit.name}答复：{case.title}",
            text=r.content,
            rank_title=r.assignment.unit.name,
        )
        entries.append(entry)
    with transaction.atomic():
        _store(SearchSource.REPLY, entries, asked=ids)
    return len(entries)


def _bulletin_model() -> Any:
    try:
        from lvzhi.opinions.models import Bulletin
    except ImportError:  # pragma: no cover - opinions app absent
        return None
    return Bulletin


def search_entries_sync_bulletins(*, bulletin_ids: Iterable[int]) -> int:
    bulletin = _bulletin_model()
    ids = sorted(set(bulletin_ids))
    if bulletin is None or not ids:
        return 0
    rows = list(bulletin.objects.filter(pk__in=ids).prefetch_related("items__case"))
    entries = []
    for b in rows:
        items = [i.case for i in b.items.all()]
        title = f"《{b.series}》{b.year}年第{b.number}期"
        entry = SearchEntry(
            source=SearchSource.BULLETIN,
            object_id=b.pk,
            body_id=b.body_id,
            kind="bulletin",
            state=b.status,
            year=b.year,
        )
        _fill(entry, title=title, text="\n".join([title, *(f"{c.title}\n{c.content[:2000]}" for c in items)]))
        entries.append(entry)
    with transaction.atomic():
        _store(SearchSource.BULLETIN, entries, asked=ids)
    return len(entries)


def search_reindex(*, body_id: int | None = None, batch: int = 500) -> dict[str, int]:
    """Rebuild every entry (of one body, or all). The ``textsim_reindex`` command calls this."""
    counts = {"case": 0, "reply": 0, "event": 0, "bulletin": 0}
    with transaction.atomic():
        old = SearchEntry.objects.all() if body_id is None else SearchEntry.objects.filter(body_id=body_id)
        if body_id is None:
            backend().clear()
            SearchEntry.objects.all().delete()
        else:
            _delete_entries(old)
        cases = Case.objects.order_by("pk")
        if body_id is not None:
            cases = cases.filter(body_id=body_id)
        ids = list(cases.values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            counts["case"] += search_entries_sync_cases(case_ids=ids[start : start + batch])
        for source in ("reply", "event"):
            counts[source] = SearchEntry.objects.filter(
                source=source, **({"body_id": body_id} if body_id else {})
            ).count()
        bulletin = _bulletin_model()
        if bulletin is not None:
            bq = bulletin.objects.all() if body_id is None else bulletin.objects.filter(body_id=body_id)
            counts["bulletin"] = search_entries_sync_bulletins(bulletin_ids=bq.values_list("pk", flat=True))
    return counts


# ---------------------------------------------------------------- 并案


@transaction.atomic
def merge_accept(*, actor: Any, body: Body, case_ids: Sequence[int], survivor_id: int) -> MergeDecision:
    """Merge every case of the group into the survivor through the casework engine (并案)."""
    staff_required(actor=actor, body_id=body.pk)
    ids = sorted(set(case_ids))
    if len(ids) < 2:
        raise ValidationError({"case_ids": MERGE_TOO_FEW})
    if survivor_id not in ids:
        raise ValidationError({"survivor_id": MERGE_SURVIVOR_INVALID})
    key = group_key(ids)
    if MergeDecision.objects.filter(body=body, group_key=key).exists():
        raise ValidationError(MERGE_ALREADY_DECIDED)
    cases = [case_selectors.case_get_for_actor(actor=actor, pk=i) for i in ids]
    for case in cases:
        if case.pk != survivor_id:
            case_services.case_transition(case=case, name="merge", actor=actor, data={"into_id": survivor_id})
    decision = MergeDecision.objects.create(
        body=body,
        group_key=key,
        case_ids=ids,
        status=MergeDecisionStatus.ACCEPTED,
        survivor_id=survivor_id,
        actor=actor,
    )
    audit.record(action="textsim.merge_accept", instance=decision, actor=actor, body_id=body.pk)
    return decision


@transaction.atomic
def merge_dismiss(*, actor: Any, body: Body, case_ids: Sequence[int], reason: str = "") -> MergeDecision:
    staff_required(actor=actor, body_id=body.pk)
    ids = sorted(set(case_ids))
    if len(ids) < 2:
        raise ValidationError({"case_ids": MERGE_TOO_FEW})
    for i in ids:  # only cases the actor may see can be dismissed
        case_selectors.case_get_for_actor(actor=actor, pk=i)
    decision, created = MergeDecision.objects.get_or_create(
        body=body,
        group_key=group_key(ids),
        defaults={
            "case_ids": ids,
            "status": MergeDecisionStatus.DISMISSED,
            "actor": actor,
            "reason": reason.strip()[:300],
        },
    )
    if not created:
        raise ValidationError(MERGE_ALREADY_DECIDED)
    audit.record(action="textsim.merge_dismiss", instance=decision, actor=actor, body_id=body.pk)
    return decision


# ---------------------------------------------------------------- routing


@transaction.atomic
def routing_rule_save(*, actor: Any, body: Body, unit_id: int, keywords: str) -> RoutingRule:
    staff_required(actor=actor, body_id=body.pk)
    unit = HandlingUnit.objects.filter(pk=unit_id, body=body, is_active=True).first()
    if unit is None:
        raise ValidationError({"unit": RULE_UNIT_INVALID})
    rule = RoutingRule(body=body, unit=unit, keywords=keywords.strip()[:500], updated_by=actor)
    if not rule.keyword_list:
        raise ValidationError({"keywords": RULE_KEYWORDS_REQUIRED})
    existing = RoutingRule.objects.filter(body=body, unit=unit).first()
    if existing is not None:
        existing.keywords, existing.updated_by = rule.keywords, actor
        rule = existing
    rule.full_clean()
    rule.save()
    audit.record(action="textsim.rule_save", instance=rule, actor=actor, body_id=body.pk)
    return rule


@transaction.atomic
def routing_rule_delete(*, actor: Any, rule: RoutingRule) -> None:
    staff_required(actor=actor, body_id=rule.body_id)
    audit.record(action="textsim.rule_delete", instance=rule, actor=actor, body_id=rule.body_id)
    rule.delete()  # the router cache notices by the rule count


def routing_suggestions_remember(*, case_id: int, unit_ids: Sequence[int]) -> None:
    """What staff were shown, so the choice they then make can be ranked against it."""
    cache.set(f"textsim:routing-shown:{case_id}", list(unit_ids), ROUTING_SHOWN_TTL)


def routing_choice_record(*, event_id: int) -> list[RoutingChoice]:
    """After 交办: record the lead unit(s) staff chose next to the suggestions they had seen.

    The router learns the choice itself from the new Assignment (``caches.router_for``).
    """
    event = CaseEvent.objects.select_related("case").filter(pk=event_id).first()
    if event is None:
        return []
    case = event.case
    shown = cache.get(f"textsim:routing-shown:{case.pk}") or []
    leads = Assignment.objects.filter(
        LIVE_ASSIGNMENT, case=case, role=AssignmentRole.LEAD, round=case.round
    ).values_list("unit_id", flat=True)
    out = []
    for unit_id in leads:
        rank = shown.index(unit_id) + 1 if unit_id in shown else None
        out.append(
            RoutingChoice.objects.create(
                body_id=case.body_id,
                case=case,
                unit_id=unit_id,
                suggested=list(shown),
                rank=rank,
                actor=event.actor,
            )
        )
    return out
