"""Test helpers: users the demo does not have, and cases in a given state through the services."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lvzhi.accounts.models import Role, User
from lvzhi.casework import services
from lvzhi.casework.models import Case
from lvzhi.orgs.models import Body, HandlingUnit, Membership

LONG = (
    "建议加快推进相关工作，明确责任分工，加大资金投入，完善配套政策，形成工作合力，切实解决群众急难愁盼问题。"
)


def body(short: str = "示范市政协") -> Body:
    return Body.objects.get(short_name=short)


def unit_user(unit: HandlingUnit, username: str | None = None) -> User:
    username = username or f"unit-{unit.pk}"
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "role": Role.UNIT,
            "body": unit.body,
            "handling_unit": unit,
            "display_name": f"{unit.name}经办人",
        },
    )
    return user


def member_user(membership: Membership, username: str | None = None) -> User:
    username = username or f"member-{membership.member_id}"
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "role": Role.MEMBER,
            "body": membership.body,
            "member": membership.member,
            "display_name": membership.member.name,
        },
    )
    return user


def staff_user(b: Body, username: str) -> User:
    user, _ = User.objects.get_or_create(
        username=username, defaults={"role": Role.STAFF, "body": b, "display_name": "工作人员"}
    )
    return user


def other_members(b: Body, exclude_member_id: int | None, n: int) -> list[Membership]:
    return list(
        Membership.objects.filter(
            body=b, is_active=True, term__is_current=True, role__in=["member", "deputy"]
        )
        .exclude(member_id=exclude_member_id)
        .select_related("member", "body")
        .order_by("id")[:n]
    )


def units(b: Body, n: int = 2, first: str = "") -> list[HandlingUnit]:
    qs = HandlingUnit.objects.filter(body=b, is_active=True).order_by("id")
    out = list(qs.filter(name__endswith=first)[:1]) if first else []
    out += [u for u in qs[: n + 1] if u not in out]
    return out[:n]


def draft(
    actor: User, *, kind: str = "proposal", title: str = "关于加快城区停车设施建设的提案", **kw: Any
) -> Case:
    assert actor.body is not None
    return services.case_create(actor=actor, kind=kind, body=actor.body, title=title, content=LONG, **kw)


def move(case: Case, actor: User, name: str, **data: Any) -> Case:
    services.case_transition(case=case, name=name, actor=actor, data=data)
    return Case.objects.get(pk=case.pk)


def handling_case(
    member: User, staff: User, unit: User, *, cosponsors: Sequence[User] = (), **kw: Any
) -> Case:
    """A proposal submitted by ``member`` (co-signed by ``cosponsors``), registered and accepted by ``unit``."""
    case = draft(member, cosponsor_ids=[u.member_id for u in cosponsors], **kw)
    for u in cosponsors:
        case = move(case, u, "cosign", accept=True)
    case = move(move(case, member, "submit"), staff, "register")
    case = move(case, staff, "assign", lead_unit_id=unit.handling_unit_id)
    return move(case, unit, "accept")


# ---------------------------------------------------------------- sample files


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + b"\0" * 40


def docx_bytes(text: str = "答复函") -> bytes:
    import io

    from docx import Document

    doc = Document()
    doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def xlsx_bytes() -> bytes:
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["项目", "进度"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def exe_bytes() -> bytes:
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
        + b"This program cannot be run in DOS mode."
        + b"\0" * 64
    )


def assert_timelines_in_order(cases: Any, *, within_year: bool = True) -> None:
    """Every case's events run draft → … → its present state, in time order, none after now
    (and, for kinds whose year is the year they happen in, none outside the case's year)."""
    from django.utils import timezone

    from lvzhi.casework.models import CaseEvent

    now = timezone.now()
    year_of = dict(cases.values_list("pk", "year"))
    state_of = dict(cases.values_list("pk", "state"))
    reached: dict[int, str] = {}
    for case_id, action, src, dst, at in (
        CaseEvent.objects.filter(case__in=cases)
        .exclude(from_state="")
        .order_by("case_id", "at", "id")
        .values_list("case_id", "action", "from_state", "to_state", "at")
    ):
        assert at <= now, (case_id, action, at)
        if within_year:
            assert timezone.localtime(at).year == year_of[case_id], (case_id, action, at)
        if src == dst:  # a contact, a chase, a reminder: no change of state
            continue
        assert src == reached.get(case_id, "draft"), (case_id, action, src, reached.get(case_id))
        reached[case_id] = dst
    assert {pk: s for pk, s in state_of.items() if pk in reached} == reached
