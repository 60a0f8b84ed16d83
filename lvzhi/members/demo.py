"""Demo step: each body's scoring rules for both demo years (from the registered defaults), a few items
recorded by hand, one appeal of each outcome, and the scores."""

from __future__ import annotations

import datetime

from lvzhi.core import demo

from . import scoring, services
from .models import Appeal, ManualRecord


@demo.step(80)
def members_year(ctx: demo.DemoContext) -> None:
    from lvzhi.orgs.selectors import body_member_rows

    today = ctx.today or datetime.date.today()  # noqa: DTZ011  # the demo's today
    for body in ctx.bodies.values():
        roster = body_member_rows(body=body)
        if not roster:
            continue
        for span in demo.demo_years(today):
            ruleset = services.ruleset_seed(
                body=body,
                year=span.year,
                rules=scoring.default_rules(),
                warning_below=8,
                board_enabled=not span.finished,
                note="按市委关于委员履职考核办法的要求制定",
            )
            rng = ctx.rng
            for row in rng.sample(roster, min(len(roster), 12)):
                day = span.start + datetime.timedelta(days=rng.randint(0, (span.end - span.start).days))
                item, title = rng.choice(
                    [
                        ("manual.wenshi", "撰写文史资料《老街记忆》"),
                        ("manual.training", "参加委员履职能力培训班"),
                        ("manual.station", "在委员工作室接待界别群众"),
                    ]
                )
                ManualRecord.objects.create(
                    body=body,
                    member_id=row["member_id"],
                    item=item,
                    title=title,
                    on=day,
                    status=ManualRecord.Status.CONFIRMED
                    if span.finished
                    else rng.choice(["confirmed", "pending"]),
                    evidence_note="活动签到表、照片",
                )
            if span.finished and len(roster) > 2:
                Appeal.objects.create(
                    body=body,
                    member_id=roster[0]["member_id"],
                    year=span.year,
                    ref_label="参加专题调研未计分",
                    reason="本人参加了专题调研并提交了调研报告，档案中未见记录。",
                    points_claimed=2,
                    status=Appeal.Status.ACCEPTED,
                    points_granted=2,
                    decision_note="经核对调研签到表，情况属实，予以补记。",
                    decided_at=datetime.datetime.combine(span.end, datetime.time(10), tzinfo=datetime.UTC),
                )
            services.scores_recompute(actor=None, ruleset=ruleset)
    ctx.log("履职档案与量化考评：考评规则、手工登记事项、申诉与积分已生成")
