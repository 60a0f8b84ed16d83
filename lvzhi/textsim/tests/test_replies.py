"""Reply-quality check (审核答复): pure checker and the staff-only API/hint."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from lvzhi.casework.tests import factories as f
from lvzhi.textsim import replies

MESSAGE = "A7县泉塘小区麻将馆夜夜扰民\n泉塘小区26栋一楼开了一家麻将馆，通宵营业，噪音很大，请派出所查处。"


def test_a_bare_acknowledgement_is_flagged_and_a_concrete_answer_is_not() -> None:
    bare = replies.check_reply(MESSAGE, "网友：您好！留言已收悉，已转交相关部门。2019年2月1日")
    assert bare.flags == [replies.ADDRESSES, replies.CONCRETE]
    good = replies.check_reply(
        MESSAGE,
        "网友您好！接到投诉后，12月14日派出所对泉塘小区26栋麻将馆进行了检查，责令其晚上11点前停止营业，"
        "下一步将持续巡查。",
    )
    assert good.flags == []
    # the same answer, posted 31 working days after the message, is late
    late = replies.check_reply(
        MESSAGE,
        "派出所已对泉塘小区26栋麻将馆进行了检查并责令整改。",
        asked_on=dt.date(2019, 3, 1),
        replied_on=dt.date(2019, 4, 15),
    )
    assert late.flags == [replies.LATE] and late.working_days == 31
    assert replies.working_days_between(dt.date(2019, 3, 1), dt.date(2019, 3, 4)) == 1  # Fri → Mon


def test_staff_see_the_check_of_a_vague_reply_and_others_are_refused(api, client_as, user_named):
    member, staff, unit = user_named("demo-member"), user_named("demo-staff"), user_named("demo-unit")
    case = f.handling_case(member, staff, unit, title="关于泉塘小区麻将馆夜间扰民的提案", background=MESSAGE)
    f.move(case, unit, "reply", category="c", content="您的建议已收悉，我们将认真研究。", signed_by="王局长")
    r = api("demo-staff").get(f"/api/v1/cases/{case.pk}/reply-check")
    assert r.status_code == 200
    [check] = r.json()
    assert check["unit"] and check["late"] is False
    assert "答复未回应留言所提的具体地点或问题" in check["problems"]
    assert "答复未给出具体措施、结论或时间" in check["problems"]
    assert api("demo-member").get(f"/api/v1/cases/{case.pk}/reply-check").status_code in (403, 404)
    page = client_as("demo-staff").get(reverse("textsim:reply-check-hint", args=[case.pk]))
    assert "答复未给出具体措施、结论或时间" in page.content.decode()
