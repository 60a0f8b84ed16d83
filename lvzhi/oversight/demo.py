"""Demo step: a congress year as the corpus reports describe it, at the city standing committee
and its county ones (last year in full, this year to date).

Proportions follow the three congress reports of the corpus: a county committee meets 7–9
times, hears 18–32 reports, runs 2–11 law inspections and one inquiry, makes ~20 resolutions,
appoints or removes 60–150 people, files ~10 normative documents; the city about half again.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from decimal import Decimal
from typing import Any

from lvzhi.core import demo
from lvzhi.orgs.models import BodyLevel, HandlingUnit, Member, Membership, MembershipRole

from . import models as m
from . import selectors

REPORTS = [
    ("关于{y}年国民经济和社会发展计划执行情况的报告", m.ReviewType.PLAN, "发展和改革委员会"),
    ("关于{y}年上半年预算执行情况的报告", m.ReviewType.BUDGET, "财政局"),
    ("关于{p}年本级财政决算的报告", m.ReviewType.FINAL_ACCOUNTS, "财政局"),
    ("关于{p}年度本级预算执行和其他财政收支的审计工作报告", m.ReviewType.AUDIT, "审计局"),
    ("关于{p}年度审计查出问题整改情况的报告", m.ReviewType.AUDIT_RECTIFICATION, "审计局"),
    ("关于{p}年度国有资产管理情况的综合报告", m.ReviewType.STATE_ASSETS, "财政局"),
    ("关于政府债务管理情况的报告", m.ReviewType.GOVERNMENT_DEBT, "财政局"),
    ("关于乡村振兴工作开展情况的报告", m.ReviewType.SPECIAL, "农业农村局"),
    ("关于优化营商环境工作落实情况的报告", m.ReviewType.SPECIAL, "发展和改革委员会"),
    ("关于落实教育“双减”政策工作情况的报告", m.ReviewType.SPECIAL, "教育局"),
    ("关于{p}年度环境状况和环境保护目标完成情况的报告", m.ReviewType.SPECIAL, "生态环境局"),
    ("关于基层医疗服务能力提升工作情况的报告", m.ReviewType.SPECIAL, "卫生健康委员会"),
    ("关于养老服务体系建设情况的报告", m.ReviewType.SPECIAL, "民政局"),
    ("关于构建和谐劳动关系工作情况的报告", m.ReviewType.SPECIAL, "人力资源和社会保障局"),
    ("关于法治政府建设情况的报告", m.ReviewType.SPECIAL, "司法局"),
    ("关于全民健身工作情况的报告", m.ReviewType.SPECIAL, "体育局"),
    ("关于农村自来水管网改造工作情况的报告", m.ReviewType.SPECIAL, "水利局"),
    ("关于交通建设工作情况的报告", m.ReviewType.SPECIAL, "交通运输局"),
    ("关于代表建议、批评和意见办理情况的报告", m.ReviewType.SPECIAL, "发展和改革委员会"),
    ("关于加强人民法庭建设工作情况的报告", m.ReviewType.SPECIAL, "中级人民法院"),
    ("关于刑事检察工作情况的报告", m.ReviewType.SPECIAL, "人民检察院"),
    ("关于防范和打击电信网络诈骗工作情况的报告", m.ReviewType.SPECIAL, "公安局"),
    ("关于耕地保护和自然资源节约集约利用情况的报告", m.ReviewType.SPECIAL, "自然资源和规划局"),
    ("关于文化旅游产业融合发展情况的报告", m.ReviewType.SPECIAL, "文化旅游广电局"),
    ("关于食品药品安全工作情况的报告", m.ReviewType.SPECIAL, "市场监督管理局"),
    ("关于安全生产工作情况的报告", m.ReviewType.SPECIAL, "应急管理局"),
    ("关于{y}年1—6月财政预算绩效管理情况的报告", m.ReviewType.BUDGET, "财政局"),
    ("关于医保基金运行监管情况的报告", m.ReviewType.SPECIAL, "医疗保障局"),
    ("关于城市管理精细化工作情况的报告", m.ReviewType.SPECIAL, "城市管理综合执法局"),
    ("关于退役军人服务保障工作情况的报告", m.ReviewType.SPECIAL, "退役军人事务局"),
]
OPINIONS = [
    "建议进一步压实部门责任，细化任务清单和时间表，定期向常委会报告进展。",
    "要加大财政投入和资金统筹力度，提高资金使用绩效。",
    "建议加强基层队伍建设，解决人员不足、专业能力不强的问题。",
    "对群众反映集中的问题要建立台账，逐项销号，接受代表和群众监督。",
    "建议完善考核评价机制，把工作成效纳入年度绩效考核。",
]
LAWS = [
    ("《中华人民共和国环境保护法》", "环境保护法执法检查"),
    ("《中华人民共和国长江保护法》", "长江保护法执法检查"),
    ("《中华人民共和国基本医疗卫生与健康促进法》", "基本医疗卫生与健康促进法执法检查"),
    ("《中华人民共和国残疾人保障法》", "残疾人保障法执法检查"),
    ("《中华人民共和国社区矫正法》", "社区矫正法执法检查"),
    ("《中华人民共和国道路交通安全法》", "道路交通安全法执法检查"),
    ("《中华人民共和国家庭教育促进法》", "家庭教育促进法执法检查"),
    ("《中华人民共和国突发事件应对法》", "突发事件应对法执法检查"),
    ("《中华人民共和国文物保护法》", "文物保护法执法检查"),
    ("《中华人民共和国食品安全法》", "食品安全法执法检查"),
]
PROBLEMS = [
    ("部分乡镇污水收集管网覆盖不全，雨污分流改造滞后", "生态环境局"),
    ("基层执法力量不足，执法装备配备不到位", "司法局"),
    ("法律宣传覆盖面不广，群众知晓率不高", "司法局"),
    ("专项资金拨付不及时，部分项目进度滞后", "财政局"),
    ("部门之间信息共享不畅，联合执法机制不健全", "发展和改革委员会"),
    ("村卫生室服务能力薄弱，乡村医生老龄化", "卫生健康委员会"),
    ("校园周边交通秩序有待规范，停车难问题突出", "公安局"),
]
INQUIRIES = ["国有资产管理", "水污染防治", "城乡义务教育均衡发展", "食品安全监管", "养老服务体系建设"]
RESOLUTIONS = [
    ("决议", "关于批准{p}年本级财政决算的决议"),
    ("决议", "关于批准{y}年本级财政预算调整方案的决议"),
    ("决议", "关于批准{y}年国民经济和社会发展计划调整方案的决议"),
    ("决议", "关于开展第八个五年法治宣传教育的决议"),
    ("决定", "关于全面推进乡村振兴的决定"),
    ("决定", "关于召开人民代表大会第{n}次会议的决定"),
    ("决定", "关于接受代表辞职的决定"),
    ("决定", "关于加强国有资产管理情况监督的决定"),
    ("决定", "关于进一步加快工业发展的决定"),
    ("决定", "关于设立“人民代表大会代表联络站”的决定"),
    ("决议", "关于加强预算审查监督的决议"),
    ("决定", "关于批准政府债务限额及{y}年新增债券分配方案的决定"),
]
POSTS = [
    ("government", "人民政府副区长"),
    ("department", "教育局局长"),
    ("department", "财政局局长"),
    ("department", "民政局局长"),
    ("department", "交通运输局局长"),
    ("department", "卫生健康委员会主任"),
    ("court", "人民法院审判员"),
    ("court", "人民法院审判委员会委员"),
    ("procuratorate", "人民检察院检察员"),
    ("supervision", "监察委员会委员"),
    ("congress", "人大常委会法制工作委员会副主任"),
    ("court", "人民陪审员"),
]
FILINGS = [
    "关于加强城乡居民养老保险工作的实施意见",
    "住宅专项维修资金管理办法",
    "城市生活垃圾分类管理办法",
    "农村集体经济组织财务管理办法",
    "政府投资项目管理办法",
    "关于进一步规范行政执法自由裁量权的规定",
    "公共租赁住房管理办法",
    "城镇燃气安全管理规定",
    "征收集体土地补偿安置办法",
    "校外培训机构管理暂行办法",
]
DRAFTS = [
    "《物业管理条例（修订草案）》",
    "《历史文化名城保护条例（草案）》",
    "《文明行为促进条例（草案）》",
    "《养犬管理条例（草案）》",
    "《河道管理条例（修订草案）》",
    "《优化营商环境条例（草案）》",
]
DRAFT_OPINIONS = [
    ("第十二条", "建议明确业主大会筹备组的组成和工作时限。"),
    ("第八条", "建议增加对违规行为的具体处罚标准，增强可操作性。"),
    ("", "建议在条例中增加基层群众参与的渠道和方式。"),
    ("第二十条", "建议对“情节严重”作出界定，避免执法尺度不一。"),
    ("第五条", "建议明确部门之间的职责分工，防止推诿扯皮。"),
]
VOICES = [
    "小区门口道路破损严重，雨天积水，希望尽快修复。",
    "村里老年人多，希望增设日间照料中心。",
    "学校周边上下学时段拥堵，建议增设临时停车位。",
    "菜市场环境脏乱，希望加强管理。",
    "农村饮水水压不足，夏天经常停水。",
    "希望增加公交线路，方便群众出行。",
]
PROJECTS = [
    "新建和改扩建公办幼儿园",
    "老旧小区改造",
    "农村公路提质改造",
    "城区公共停车场建设",
    "社区居家养老服务中心建设",
    "农村饮水安全巩固提升",
    "中小学校食堂改造",
    "公共厕所新建改建",
    "城区排水防涝设施改造",
    "乡镇卫生院能力提升",
    "全民健身场地设施建设",
    "背街小巷整治",
    "农贸市场标准化改造",
    "城乡公交一体化",
    "口袋公园建设",
]


def _date(rng: random.Random, span: demo.Span, lo: int = 1, hi: int = 12) -> datetime.date:
    month = rng.randint(lo, min(hi, span.end.month))
    day = rng.randint(1, 28)
    d = datetime.date(span.year, month, day)
    return min(d, span.end)


def _units(body: Any) -> dict[str, HandlingUnit]:
    place = body.region
    out: dict[str, HandlingUnit] = {}
    for u in HandlingUnit.objects.filter(body=body):
        out[u.name.removeprefix(place).removeprefix("示范市")] = u
    return out


def _unit(units: dict[str, HandlingUnit], name: str, rng: random.Random) -> HandlingUnit:
    return units.get(name) or rng.choice(list(units.values()))


def seed_body_year(ctx: demo.DemoContext, body: Any, span: demo.Span, *, scale: float) -> dict[str, int]:
    """One congress year for one body; ``scale`` 1.0 is a city committee, ~0.6 a county one."""
    rng = ctx.rng
    y, p = span.year, span.year - 1
    part = 1.0 if span.finished else min(1.0, span.end.timetuple().tm_yday / 365)
    units = _units(body)
    on_mid = datetime.date(y, 6, 30)
    roll = list(selectors.members_in_office(body=body, on=min(on_mid, span.end)).select_related("member"))
    sc = [ms.member for ms in roll]
    deputies = [
        ms.member
        for ms in Membership.objects.filter(body=body, role=MembershipRole.DEPUTY).select_related("member")[
            :60
        ]
    ]
    n = {
        k: max(1, round(v * scale * part))
        for k, v in {
            "reports": 30,
            "inspections": 6,
            "resolutions": 20,
            "appointments": 110,
            "filings": 14,
            "polls": 6,
            "receptions": 12,
            "drafts": 4,
        }.items()
    }

    # 听取审议工作报告, with deliberation speeches and 审议意见
    reports = []
    for i in range(n["reports"]):
        title, rtype, organ = REPORTS[i % len(REPORTS)]
        reports.append(
            m.WorkReport(
                body=body,
                title=title.format(y=y, p=p),
                review_type=rtype,
                organ_kind=m.OrganKind.COURT
                if "法院" in organ
                else m.OrganKind.PROCURATORATE
                if "检察院" in organ
                else m.OrganKind.DEPARTMENT
                if rtype == m.ReviewType.SPECIAL
                else m.OrganKind.GOVERNMENT,
                organ=_unit(units, organ, rng),
                reviewed_on=_date(rng, span, 2),
                research="会前由相关专门委员会组织部分组成人员和代表开展专题调研，召开座谈会，实地察看点位。",
                opinion="\n".join(rng.sample(OPINIONS, 3)),
            )
        )
    reports = m.WorkReport.objects.bulk_create(reports)
    for r in reports:
        r.opinion_sent_on = min(r.reviewed_on + datetime.timedelta(days=10), span.end)
        r.report_back_due_on = r.reviewed_on + datetime.timedelta(days=70)
    m.WorkReport.objects.bulk_update(reports, ["opinion_sent_on", "report_back_due_on"])
    m.Deliberation.objects.bulk_create(
        [
            m.Deliberation(report=r, member=mem, speaker=mem.name, text=rng.choice(OPINIONS))
            for r in reports
            for mem in rng.sample(sc, min(len(sc), rng.randint(2, 5)))
        ]
    )

    # 满意度测评 on some of the reports: the roll present, totals only
    for r in rng.sample(reports, min(len(reports), n["polls"])):
        present = [mem for mem in sc if rng.random() < 0.88] or sc[:1]
        cast = len(present)
        sat = round(cast * rng.uniform(0.6, 0.85))
        basic = min(cast - sat, round(cast * rng.uniform(0.1, 0.3)))
        poll = m.Poll.objects.create(
            body=body,
            kind=m.PollKind.SATISFACTION,
            title=f"对{r.title.removeprefix('关于').removesuffix('的报告')}工作的满意度测评",
            subject=r.organ.name if r.organ else "人民政府",
            work_report=r,
            held_on=r.reviewed_on,
            state=m.PollState.CLOSED,
            satisfied=sat,
            basic=basic,
            unsatisfied=cast - sat - basic,
        )
        m.PollSeat.objects.bulk_create(
            [
                m.PollSeat(poll=poll, member=mem, present=mem in present, has_voted=mem in present)
                for mem in sc
            ]
        )

    # 执法检查 with rectification lists
    for i in range(n["inspections"]):
        law, title = LAWS[(i + y) % len(LAWS)]
        start = _date(rng, span, 3, 10)
        insp = m.LawInspection.objects.create(
            body=body,
            title=f"{title}",
            law=law,
            team="常委会副主任任组长，相关专门委员会组成人员和部分代表参加。",
            plan="听取政府及相关部门汇报、实地检查、召开座谈会、问卷调查，形成执法检查报告提请常委会会议审议。",
            started_on=start,
            ended_on=min(start + datetime.timedelta(days=40), span.end),
            sites="、".join(
                rng.sample(["城关镇", "新华街道", "青山乡", "河口镇", "工业园区", "第一中学", "人民医院"], 3)
            ),
            problems="；".join(pr for pr, _ in rng.sample(PROBLEMS, 3)),
            report="检查组认为，法律实施总体良好，但仍存在一些问题，提出以下意见建议……",
            reviewed_on=min(start + datetime.timedelta(days=60), span.end),
        )
        insp.team_members.set(rng.sample(sc, min(4, len(sc))) + rng.sample(deputies, min(3, len(deputies))))
        m.RectificationItem.objects.bulk_create(
            [
                m.RectificationItem(
                    inspection=insp,
                    description=pr,
                    owner=_unit(units, owner, rng),
                    due_on=start + datetime.timedelta(days=120),
                )
                for pr, owner in rng.sample(PROBLEMS, 3)
            ]
        )

    # 专题询问 (one a year at a county, two at the city)
    for i in range(max(1, round(2 * scale))):
        r = rng.choice(reports)
        inq = m.Inquiry.objects.create(
            body=body,
            topic=INQUIRIES[(i + y + body.pk) % len(INQUIRIES)],
            held_on=r.reviewed_on,
            work_report=r,
            follow_up="询问结束后，将询问中提出的问题梳理形成清单，交政府研究处理并在三个月内报告。",
        )
        m.InquiryQuestion.objects.bulk_create(
            [
                m.InquiryQuestion(
                    inquiry=inq,
                    asker=mem,
                    asker_name=mem.name,
                    question=f"请问在{inq.topic}方面，下一步有哪些具体措施？",
                    answerer=f"{r.organ.name if r.organ else '人民政府'}主要负责人",
                    answer="我们将认真研究代表和组成人员的意见，细化措施，限期整改。",
                )
                for mem in rng.sample(sc, min(len(sc), 6))
            ]
        )

    # 决议决定, voted with the roll of the day
    in_office_n = max(1, len(roll))
    resolutions = []
    for i in range(n["resolutions"]):
        kind, title = RESOLUTIONS[i % len(RESOLUTIONS)]
        voted = _date(rng, span, 1)
        attending = max(in_office_n // 2 + 1, round(in_office_n * rng.uniform(0.75, 0.95)))
        resolutions.append(
            m.Resolution(
                body=body,
                kind=m.ResolutionKind.RESOLUTION if kind == "决议" else m.ResolutionKind.DECISION,
                title=title.format(y=y, p=p, n=i // 4 + 2)
                + ("" if i < len(RESOLUTIONS) else f"（{i // len(RESOLUTIONS) + 1}）"),
                draft="（草案全文）",
                state=m.VoteState.ADOPTED,
                voted_on=voted,
                in_office=in_office_n,
                present=attending,
                votes_for=attending - (1 if attending > in_office_n // 2 + 1 else 0),
                votes_against=0,
                votes_abstain=1 if attending > in_office_n // 2 + 1 else 0,
                text="（公布文本）",
                published_on=voted + datetime.timedelta(days=2),
            )
        )
    m.Resolution.objects.bulk_create(resolutions)

    # 任免: exam, statement, vote, oath
    people = [
        f"{s}{g}"
        for s in "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
        for g in ("建国", "海燕", "志强", "晓东", "丽华", "国庆", "文静", "明")
    ]
    apps = []
    for i in range(n["appointments"]):
        organ, post = POSTS[i % len(POSTS)]
        action = m.AppointmentAction.APPOINT if i % 3 else m.AppointmentAction.REMOVE
        nominated = _date(rng, span, 1)
        voted = min(nominated + datetime.timedelta(days=rng.randint(5, 20)), span.end)
        apps.append(
            m.Appointment(
                body=body,
                person=people[(i * 7 + y) % len(people)],
                action=action,
                post=post,
                organ=organ,
                nominated_on=nominated,
                exam_on=nominated + datetime.timedelta(days=2)
                if action == m.AppointmentAction.APPOINT
                else None,
                exam_score=Decimal(rng.randint(78, 98)) if action == m.AppointmentAction.APPOINT else None,
                statement="拟任职发言：坚决拥护宪法，依法履职，接受人大监督。"
                if action == m.AppointmentAction.APPOINT
                else "",
                state=m.VoteState.ADOPTED,
                voted_on=voted,
                votes_for=max(1, in_office_n - 2),
                oath_on=voted if action == m.AppointmentAction.APPOINT else None,
            )
        )
    m.Appointment.objects.bulk_create(apps)

    # 备案审查
    m.FilingDocument.objects.bulk_create(
        [
            m.FilingDocument(
                body=body,
                title=FILINGS[i % len(FILINGS)],
                doc_number=f"〔{y}〕{i + 3}号",
                issuer="人民政府" if i % 3 else "人民政府办公室",
                filed_on=(filed := _date(rng, span)),
                result=m.FilingResult.PROBLEM if i % 7 == 3 else m.FilingResult.NO_PROBLEM,
                reviewed_on=min(filed + datetime.timedelta(days=20), span.end),
                problem="第九条设定的处罚超出上位法规定的种类和幅度。" if i % 7 == 3 else "",
                correction="建议制定机关对第九条予以修改。" if i % 7 == 3 else "",
                outcome=m.FilingOutcome.CORRECTED if i % 7 == 3 else "",
                outcome_on=min(filed + datetime.timedelta(days=60), span.end) if i % 7 == 3 else None,
            )
            for i in range(n["filings"])
        ]
    )

    # 基层立法联系点 and drafts sent for opinions
    points = list(m.ContactPoint.objects.filter(body=body))
    if not points:
        points = m.ContactPoint.objects.bulk_create(
            [
                m.ContactPoint(body=body, name=f"{place}基层立法联系点", address=f"{body.region}{place}")
                for place in ("城关街道", "工业园区", "青山乡")
            ]
        )
    opinions = []
    for i in range(n["drafts"]):
        received = _date(rng, span, 1, 11)
        draft = m.Draft.objects.create(
            body=body,
            title=DRAFTS[(i + y) % len(DRAFTS)],
            source="省人大常委会法制工作委员会",
            summary="为规范相关管理活动，维护公共利益，省人大常委会法工委将草案发来征求意见。",
            received_on=received,
            due_on=received + datetime.timedelta(days=30),
            is_open=True,
            forwarded_on=received + datetime.timedelta(days=31)
            if received + datetime.timedelta(days=31) <= span.end
            else None,
        )
        for j in range(rng.randint(8, 22)):
            art, text = DRAFT_OPINIONS[j % len(DRAFT_OPINIONS)]
            src = rng.choice(
                [
                    m.OpinionSource.DEPUTY,
                    m.OpinionSource.CONTACT_POINT,
                    m.OpinionSource.CONTACT_POINT,
                    m.OpinionSource.PUBLIC,
                ]
            )
            mem = rng.choice(deputies) if src == m.OpinionSource.DEPUTY and deputies else None
            opinions.append(
                m.DraftOpinion(
                    draft=draft,
                    source=src,
                    member=mem,
                    contact_point=rng.choice(points) if src == m.OpinionSource.CONTACT_POINT else None,
                    author=mem.name
                    if mem
                    else rng.choice(["张先生", "李女士", "社区居民", "律师王某", "企业代表"]),
                    article=art,
                    text=text,
                    received_on=min(received + datetime.timedelta(days=rng.randint(1, 28)), span.end),
                    is_forwarded=draft.forwarded_on is not None,
                )
            )
    m.DraftOpinion.objects.bulk_create(opinions)

    # 代表接待选民日 / 主任接待日 with voters' opinions
    voter_ops = []
    for i in range(n["receptions"]):
        rec = m.Reception.objects.create(
            body=body,
            kind=m.ReceptionKind.DIRECTOR_DAY if i % 3 == 0 else m.ReceptionKind.VOTER_DAY,
            held_on=_date(rng, span),
            place=rng.choice(
                ["城关街道代表联络站", "新华街道代表之家", "青山乡代表联络站", "河口镇代表活动室"]
            ),
            note="代表现场接待选民，听取意见建议，能当场答复的当场答复。",
        )
        rec.deputies.set(
            rng.sample(deputies, min(3, len(deputies))) + (rng.sample(sc, 1) if i % 3 == 0 and sc else [])
        )
        for _ in range(rng.randint(2, 5)):
            voter_ops.append(
                m.VoterOpinion(
                    reception=rec,
                    voter=rng.choice(["赵大爷", "钱女士", "孙先生", "社区居民", "个体户李某"]),
                    content=rng.choice(VOICES),
                )
            )
    m.VoterOpinion.objects.bulk_create(voter_ops)

    # 民生实事项目代表票决 at the session in January/February
    vote = m.LivelihoodVote.objects.create(
        body=body,
        year=y,
        title=f"{y}年民生实事项目代表票决",
        published_on=datetime.date(y, 1, 8),
        voted_on=datetime.date(y, 1, 20),
        seats=10 if scale >= 1 else 6,
        deputies_present=len(deputies) or 50,
    )
    cands = rng.sample(PROJECTS, 15 if scale >= 1 else 9)
    present_n = vote.deputies_present
    projects = []
    for name in cands:
        projects.append(
            m.LivelihoodProject(
                vote=vote,
                name=name,
                department=_unit(
                    units, rng.choice(["住房和城乡建设局", "教育局", "交通运输局", "民政局", "水利局"]), rng
                ),
                budget=Decimal(rng.randint(300, 9000)),
                votes_for=round(present_n * rng.uniform(0.35, 0.98)),
            )
        )
    ranked = sorted(projects, key=lambda p: -p.votes_for)
    for proj in ranked[: vote.seats]:
        proj.is_chosen = proj.votes_for * 2 > present_n
        proj.progress = round(100 * part * rng.uniform(0.6, 1.0)) if proj.is_chosen else 0
    projects = m.LivelihoodProject.objects.bulk_create(projects)
    m.ProjectProgress.objects.bulk_create(
        [
            m.ProjectProgress(
                project=p,
                reported_on=datetime.date(y, 7, 15),
                percent=min(100, p.progress // 2 + 10),
                text="项目按计划推进，已完成前期工作并开工建设。",
                reviewed_on=datetime.date(y, 8, 20),
            )
            for p in projects
            if p.is_chosen and span.end >= datetime.date(y, 8, 20)
        ]
    )
    # 代表变动: a resignation and a by-election of deputies (the roll of standing members stays)
    if not span.finished:
        leaving = (
            Membership.objects.filter(body=body, role=MembershipRole.DEPUTY, is_active=True)
            .order_by("-id")
            .first()
        )
        if leaving is not None:
            on = _date(rng, span, 3, 9)
            Membership.objects.filter(pk=leaving.pk).update(left_on=on, is_active=False)
            m.DeputyChange.objects.create(
                body=body,
                membership=leaving,
                kind=m.DeputyChangeKind.RESIGNATION,
                effective_on=on,
                note="因工作调动，本人提出辞去代表职务。",
            )
            new = Member.objects.create(
                name=f"{leaving.member.name[0]}新民", gender="m", workplace=leaving.member.workplace
            )
            joined = min(on + datetime.timedelta(days=45), span.end)
            ms = Membership.objects.create(
                member=new,
                body=body,
                term=leaving.term,
                role=MembershipRole.DEPUTY,
                delegation=leaving.delegation,
                joined_on=joined,
            )
            m.DeputyChange.objects.create(
                body=body,
                membership=ms,
                kind=m.DeputyChangeKind.BY_ELECTION,
                effective_on=joined,
                note="依法补选。",
            )
    return {"reports": len(reports), "resolutions": len(resolutions), "appointments": len(apps)}


def seed_budget(ctx: demo.DemoContext, body: Any, span: demo.Span) -> int:
    """The finance bureau's budget lines of the year and monthly execution to date, two rules."""
    rng = ctx.rng
    units = list(HandlingUnit.objects.filter(body=body, category="government"))
    lines = []
    for i, u in enumerate(units):
        for j, item in enumerate(
            rng.sample(
                ["基本支出", "项目运行经费", "专项业务经费", "信息化建设", "设备购置", "基础设施建设"], 3
            )
        ):
            lines.append(
                m.BudgetLine(
                    body=body,
                    year=span.year,
                    code=f"{span.year}{i:03d}{j}",
                    name=f"{u.short_name or u.name}{item}",
                    department=u,
                    amount=Decimal(rng.randint(50, 5000)),
                )
            )
    lines = m.BudgetLine.objects.bulk_create(lines)
    months = 12 if span.finished else max(1, span.end.month - 1)
    pace = {line.pk: rng.choice([0.55, 0.8, 0.95, 1.0, 1.0, 1.05, 1.25]) for line in lines}
    m.BudgetExecution.objects.bulk_create(
        [
            m.BudgetExecution(
                line=line,
                month=mo,
                executed=(line.amount * Decimal(str(min(1.3, pace[line.pk] * mo / 12)))).quantize(
                    Decimal("0.01")
                ),
            )
            for line in lines
            for mo in range(1, months + 1)
        ]
    )
    lag = m.BudgetRule.objects.create(
        body=body, name="执行进度滞后", kind=m.BudgetRuleKind.LAG, tolerance=Decimal("15"), from_month=3
    )
    over = m.BudgetRule.objects.create(
        body=body, name="超预算支出", kind=m.BudgetRuleKind.OVERRUN, tolerance=Decimal("0"), from_month=1
    )
    from .services import rule_flags

    flags = []
    for e in m.BudgetExecution.objects.filter(line__in=lines, month=months).select_related("line"):
        for rule in (lag, over):
            rate = rule_flags(rule, amount=e.line.amount, executed=e.executed, month=months)
            if rate is not None:
                flags.append(m.BudgetFlag(line=e.line, rule=rule, month=months, rate=rate))
    m.BudgetFlag.objects.bulk_create(flags)
    return len(lines)


@demo.step(40)
def oversight_year(ctx: demo.DemoContext) -> None:
    if ctx.scale == "national":
        body = next((b for b in ctx.bodies.values() if b.kind == "congress"), None)
        if body is None:
            ctx.log("全国规模：没有人大常委会，跳过人大监督演示数据。")
            return
        for span in demo.demo_years(ctx.today):
            seed_body_year(ctx, body, span, scale=3.0)
        return
    totals: dict[str, int] = {}
    for key, body in sorted(ctx.bodies.items()):
        if body.kind != "congress":
            continue
        county = body.level == BodyLevel.COUNTY
        sub = dataclasses.replace(ctx, rng=random.Random(f"oversight:{key}"))
        for span in demo.demo_years(ctx.today):
            got = seed_body_year(sub, body, span, scale=0.6 if county else 1.0)
            for k, v in got.items():
                totals[k] = totals.get(k, 0) + v
        if not county:
            seed_budget(sub, body, demo.demo_years(ctx.today)[1])
    ctx.log(
        f"已生成人大监督：工作报告审议 {totals.get('reports', 0)} 项、决议决定 {totals.get('resolutions', 0)} 项、任免 {totals.get('appointments', 0)} 人次（市县两级、两年）。"
    )


@demo.step(65)
def oversight_meetings(ctx: demo.DemoContext) -> None:
    """Hang the year's items off the standing-committee meetings the activities register holds
    (the nearest one; the item takes the meeting's date), and reception days off the stations."""
    from django.apps import apps

    meeting_model = apps.get_model("activities", "Meeting")
    station_model = apps.get_model("activities", "Station")
    linked = 0
    for body in ctx.bodies.values():
        if body.kind != "congress":
            continue
        meetings = list(meeting_model.objects.filter(body=body, kind="standing").order_by("held_on"))
        stations = list(station_model.objects.filter(body=body).order_by("pk"))
        pairs: tuple[tuple[Any, str], ...] = (
            (m.WorkReport, "reviewed_on"),
            (m.Resolution, "voted_on"),
            (m.Appointment, "voted_on"),
            (m.Inquiry, "held_on"),
            (m.Poll, "held_on"),
        )
        for model, field in pairs:
            rows = list(
                model._default_manager.filter(body=body, meeting__isnull=True).exclude(**{field: None})
            )
            for row in rows:
                on = getattr(row, field)
                same_year = [mt for mt in meetings if mt.held_on.year == on.year]
                if not same_year:
                    continue
                near = min(same_year, key=lambda mt: abs((mt.held_on - on).days))
                row.meeting = near
                setattr(row, field, near.held_on)
                linked += 1
            model._default_manager.bulk_update(rows, ["meeting", field])
        if stations:
            receptions = list(m.Reception.objects.filter(body=body, station__isnull=True))
            for i, r in enumerate(receptions):
                r.station = stations[i % len(stations)]
                r.place = r.station.name[:100]
            m.Reception.objects.bulk_update(receptions, ["station", "place"])
    if linked:
        ctx.log(f"人大监督事项已关联常委会会议 {linked} 项。")
