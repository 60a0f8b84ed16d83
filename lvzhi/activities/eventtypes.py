"""The built-in forms of event (the ones the reports name), for every body.

Migration 0002 writes them; ``ensure_builtin_event_types`` writes them again where a test flushed
the tables or a database was created without migrations' data."""

from __future__ import annotations

BUILTIN = [
    # code, name, category, body kinds, grassroots, online
    ("topic_sc", "专题议政性常委会议", "consultation", "cppcc", False, False),
    ("topic_consult", "专题协商会", "consultation", "cppcc", False, False),
    ("counterpart", "对口协商", "consultation", "cppcc", False, False),
    ("sector_consult", "界别协商", "consultation", "cppcc", False, False),
    ("proposal_consult", "提案办理协商", "consultation", "cppcc", False, False),
    ("legislative", "立法协商", "consultation", "cppcc", False, False),
    ("online_consult", "网络议政/远程协商", "consultation", "cppcc", False, True),
    ("grassroots", "基层协商议事", "consultation", "cppcc", True, False),
    ("research", "专题调研", "research", "cppcc,congress", False, False),
    ("inspection", "视察", "inspection", "cppcc,congress", False, False),
    ("special_supervision", "专项监督", "supervision", "cppcc", False, False),
    ("supervisory_inspection", "监督性视察", "supervision", "cppcc", False, False),
    ("democratic_review", "民主评议", "supervision", "cppcc", False, False),
    ("briefing", "情况通报会", "briefing", "cppcc,congress", False, False),
    ("study", "学习座谈", "study", "cppcc,congress", False, False),
    ("reading", "委员读书活动", "reading", "cppcc", False, False),
    ("training", "履职培训", "training", "cppcc,congress", False, False),
    ("deputy_reception", "代表进站接待选民", "other", "congress", True, False),
]


def ensure_builtin_event_types() -> None:
    from .models import EventType

    for order, (code, name, category, kinds, grassroots, online) in enumerate(BUILTIN, start=1):
        EventType.objects.update_or_create(
            body=None,
            code=code,
            defaults={
                "name": name,
                "category": category,
                "body_kinds": kinds,
                "is_grassroots": grassroots,
                "is_online": online,
                "order": order * 10,
            },
        )
