"""What 人大监督 contributes to each deputy's performance file: deliberation speeches at the
standing committee, questions put at inquiries, law inspections joined, reception days held,
opinions on draft laws. Never a satisfaction vote: how a member voted is stored nowhere."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from lvzhi.members.sources import FileItem, Item, Source, register

from . import models as m

ITEMS = (
    Item("oversight.deliberation", "常委会审议发言", points=2),
    Item("oversight.inquiry_question", "专题询问提问", points=3),
    Item("oversight.law_inspection", "参加执法检查", points=3),
    Item("oversight.reception", "接待选民", points=2),
    Item("oversight.draft_opinion", "对法规草案提出意见", points=1, cap=10),
)


def _in(qs: Any, field: str, member_ids: Collection[int] | None) -> Any:
    return qs if member_ids is None else qs.filter(**{f"{field}__in": list(member_ids)})


def oversight_file_items(body: Any, year: int, member_ids: Collection[int] | None) -> Iterable[FileItem]:
    for d in _in(
        m.Deliberation.objects.filter(
            report__body=body, report__reviewed_on__year=year, member__isnull=False
        ),
        "member_id",
        member_ids,
    ).select_related("report"):
        yield FileItem(
            member_id=d.member_id,
            item="oversight.deliberation",
            level="",
            on=d.report.reviewed_on,
            title=f"审议{d.report.title}",
            url=d.report.get_absolute_url(),
            ref=f"deliberation:{d.pk}",
        )
    for q in _in(
        m.InquiryQuestion.objects.filter(
            inquiry__body=body, inquiry__held_on__year=year, asker__isnull=False
        ),
        "asker_id",
        member_ids,
    ).select_related("inquiry"):
        yield FileItem(
            member_id=q.asker_id,
            item="oversight.inquiry_question",
            level="",
            on=q.inquiry.held_on,
            title=f"就{q.inquiry.topic}专题询问提问",
            url=q.inquiry.get_absolute_url(),
            ref=f"inquiry_question:{q.pk}",
        )
    team = m.LawInspection.team_members.through.objects.filter(
        lawinspection__body=body, lawinspection__started_on__year=year
    ).select_related("lawinspection")
    for t in _in(team, "member_id", member_ids):
        yield FileItem(
            member_id=t.member_id,
            item="oversight.law_inspection",
            level="",
            on=t.lawinspection.started_on,
            title=f"参加{t.lawinspection.title}",
            url=t.lawinspection.get_absolute_url(),
            ref=f"law_inspection:{t.lawinspection_id}:{t.member_id}",
        )
    hosts = m.Reception.deputies.through.objects.filter(
        reception__body=body, reception__held_on__year=year
    ).select_related("reception")
    for h in _in(hosts, "member_id", member_ids):
        yield FileItem(
            member_id=h.member_id,
            item="oversight.reception",
            level="",
            on=h.reception.held_on,
            title=f"{h.reception.place}{h.reception.get_kind_display()}",
            url=h.reception.get_absolute_url(),
            ref=f"reception:{h.reception_id}:{h.member_id}",
        )
    for o in _in(
        m.DraftOpinion.objects.filter(draft__body=body, received_on__year=year, member__isnull=False),
        "member_id",
        member_ids,
    ).select_related("draft"):
        yield FileItem(
            member_id=o.member_id,
            item="oversight.draft_opinion",
            level="",
            on=o.received_on,
            title=f"对{o.draft.title}提出意见",
            url=o.draft.get_absolute_url(),
            ref=f"draft_opinion:{o.pk}",
        )


register(Source(key="oversight", label="人大监督", items=ITEMS, fetch=oversight_file_items, group="人大监督"))
