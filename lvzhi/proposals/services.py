"""Writes of the kind-specific part of 提案 / 代表建议 / 议案."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from lvzhi.casework.models import Case
from lvzhi.orgs.models import Delegation, Membership, Party, Sector, SpecialCommittee

from .models import ProposalDetail

NOT_IN_BODY = "所选%(what)s不属于本机构。"


def detail_save(*, case: Case, data: dict[str, Any]) -> ProposalDetail:
    """Record who a case comes from; defaults to the submitter's own sector and delegation."""
    ms = None
    if case.submitter_member_id:
        ms = (
            Membership.objects.filter(
                member_id=case.submitter_member_id, body_id=case.body_id, term__is_current=True
            )
            .select_related("member")
            .first()
        )

    def pick(model: Any, key: str, what: str, default: int | None) -> int | None:
        raw = data.get(key)
        if raw in (None, ""):
            return default
        qs = model.objects.filter(pk=raw)
        if hasattr(model, "body"):
            qs = qs.filter(body_id=case.body_id)
        if not qs.exists():
            raise ValidationError({key: NOT_IN_BODY % {"what": what}})
        return int(str(raw))

    detail, _created = ProposalDetail.objects.get_or_create(case=case)
    detail.sector_id = pick(Sector, "sector_id", "界别", ms.sector_id if ms else None)
    detail.delegation_id = pick(Delegation, "delegation_id", "代表团", ms.delegation_id if ms else None)
    detail.committee_id = pick(SpecialCommittee, "committee_id", "专委会", None)
    detail.party_id = pick(Party, "party_id", "党派团体", ms.member.party_id if ms else None)
    detail.legal_basis = str(data.get("legal_basis") or "")[:4000]
    detail.save()
    return detail
