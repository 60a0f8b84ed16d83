"""What the engine's records contribute to each member's performance file (any kind of case)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from lvzhi.members.sources import FileItem, Item, Source, register

from .models import Case, Cosponsor
from .workflow import CaseKind

# Default points per case kind; a body edits them in its rules (a level here is the case kind).
_KINDS = {k.value: str(k.label) for k in CaseKind}

ITEMS = (
    Item("case.lead", "领衔提出", levels={"proposal": 2, "suggestion": 2, "bill": 4}, level_labels=_KINDS),
    Item(
        "case.cosponsor",
        "联名提出",
        levels={"proposal": 1, "suggestion": 1, "bill": 2},
        cap=10,
        level_labels=_KINDS,
    ),
    Item(
        "case.registered", "被立案", levels={"proposal": 3, "suggestion": 2, "bill": 3}, level_labels=_KINDS
    ),
    Item("case.key", "列为重点件", levels={"proposal": 5, "suggestion": 5}, level_labels=_KINDS),
    Item("case.merged", "被并案", levels={"proposal": 1}, level_labels=_KINDS),
    Item("case.excellent", "评为优秀件", levels={"proposal": 5, "suggestion": 5}, level_labels=_KINDS),
    Item("case.rated", "对答复作出评价", levels={"proposal": 1, "suggestion": 1}, level_labels=_KINDS),
)


def _url(case_id: int) -> str:
    return reverse("casework:case-detail", args=[case_id])


def _day(value: Any) -> Any:
    return timezone.localtime(value).date()


def case_file_items(body: Any, year: int, member_ids: Collection[int] | None) -> Iterable[FileItem]:
    cases = Case.objects.filter(
        body_id=body.pk, year=year, submitted_at__isnull=False, submitter_member__isnull=False
    )
    if member_ids is not None:
        cases = cases.filter(submitter_member_id__in=list(member_ids))
    for c in cases.values(
        "id",
        "kind",
        "title",
        "number",
        "submitter_member_id",
        "state",
        "is_key",
        "is_excellent",
        "submitted_at",
        "registered_at",
        "rated_at",
        "merged_into_id",
    ):
        mid, ref, title, url = c["submitter_member_id"], f"case:{c['id']}", c["title"], _url(c["id"])
        yield FileItem(mid, "case.lead", c["kind"], _day(c["submitted_at"]), title, url, ref)
        if c["registered_at"] and c["merged_into_id"] is None:
            yield FileItem(mid, "case.registered", c["kind"], _day(c["registered_at"]), title, url, ref)
            if c["is_key"]:
                yield FileItem(mid, "case.key", c["kind"], _day(c["registered_at"]), title, url, ref)
            if c["is_excellent"]:
                yield FileItem(mid, "case.excellent", c["kind"], _day(c["registered_at"]), title, url, ref)
        if c["merged_into_id"] is not None:
            yield FileItem(mid, "case.merged", c["kind"], _day(c["submitted_at"]), title, url, ref)
        if c["rated_at"]:
            yield FileItem(mid, "case.rated", c["kind"], _day(c["rated_at"]), title, url, ref)
    cos = Cosponsor.objects.filter(
        case__body_id=body.pk,
        case__year=year,
        case__submitted_at__isnull=False,
        status=Cosponsor.Status.CONFIRMED,
    ).exclude(case__submitter_member_id=F("member_id"))
    if member_ids is not None:
        cos = cos.filter(member_id__in=list(member_ids))
    for r in cos.values("member_id", "case_id", "case__kind", "case__title", "case__submitted_at"):
        yield FileItem(
            r["member_id"],
            "case.cosponsor",
            r["case__kind"],
            _day(r["case__submitted_at"]),
            r["case__title"],
            _url(r["case_id"]),
            f"case:{r['case_id']}",
        )


register(
    Source(key="case", label="提案·建议·议案", items=ITEMS, fetch=case_file_items, group="提案·建议·议案")
)
