"""Demo step: a few peer bodies' published work reports, saved as peer reports so the
comparison page has peers to compare with. The texts follow the shape of the reports in
shared/corpus (工作回顾 with figures, then next year's plan) with the figures drawn at random."""

from __future__ import annotations

from typing import Any

from lvzhi.core import demo

from . import services

CPPCC_TEMPLATE = """政协{region}委员会常务委员会工作报告
——在政协{region}第十四届委员会第{session}次会议上

各位委员：
我代表政协{region}委员会常务委员会，向大会报告工作，请予审议。

一、{year}年工作回顾
{year}年，市政协常委会在中共{region}委的坚强领导下，坚持团结和民主两大主题，紧扣全市中心工作履职尽责。
全年召开常委会会议{sc}次、主席会议{chair}次，召开党组会议{pg}次。
围绕推动高质量发展，组织专题协商{consult}次，开展调研视察{research}次，形成调研报告{reports}篇，其中{instr}篇获市委、市政府主要领导批示。
坚持提案工作“提、立、办、督”全流程管理，全年共征集提案{submitted}件，经审查立案{registered}件，目前已全部办复，办复率100%，委员对办理结果满意率达{satisfaction}%。确定重点提案{key}件，由主席会议成员领衔督办。
拓宽社情民意信息反映渠道，全年报送社情民意信息{opinions}篇，被省政协、市委市政府采用{adopted}篇。
组织开展民主监督活动{supervision}次，围绕营商环境、生态环境保护等开展专项视察{inspection}次。
加强委员队伍建设，举办委员培训班{training_events}期、培训委员{training}人次，建成委员工作室{stations}个。

二、{next_year}年工作安排
{next_year}年，市政协将围绕市委中心工作，计划开展专题协商10次，组织调研视察15次，继续做好提案办理和社情民意信息工作。
"""

CONGRESS_TEMPLATE = """{region}人民代表大会常务委员会工作报告

各位代表：
现在，我代表{region}人民代表大会常务委员会向大会报告工作，请予审议。

一、{year}年主要工作
过去一年，市人大常委会共召开常委会会议{sc}次、主任会议{director}次。
坚持正确监督、有效监督，听取和审议市政府及市中级人民法院、市人民检察院专项工作报告{work_reports}项，开展执法检查{law}项、专题询问{inquiry}次，作出决议决定{resolutions}项，依法任免国家机关工作人员{appointments}人次。
推进备案审查工作，审查规范性文件{filing}件。
认真办理代表建议，市十七届人大{session}次会议期间代表提出建议、批评和意见{suggestions}件，均已按期办结，闭会期间代表提出建议{between}件。代表提出议案{bills}件。
加强代表履职服务保障，组织代表培训{training}人次，建成代表联络站{stations}个。

二、{next_year}年主要任务
{next_year}年，常委会计划听取和审议专项工作报告12项，开展执法检查4项。
"""

PEERS = [
    ("cppcc", "临江市", 4, (140, 220)),
    ("cppcc", "青川市", 3, (200, 320)),
    ("congress", "临江市", 4, (380, 560)),
]


def _cppcc_text(region: str, session: int, year: int, rng: Any, lo_hi: tuple[int, int]) -> str:
    submitted = rng.randint(*lo_hi)
    registered = submitted - rng.randint(5, 25)
    return CPPCC_TEMPLATE.format(
        region=region,
        session=session,
        year=year,
        next_year=year + 1,
        sc=rng.randint(4, 7),
        chair=rng.randint(10, 16),
        pg=rng.randint(14, 26),
        consult=rng.randint(12, 30),
        research=rng.randint(18, 40),
        reports=rng.randint(15, 35),
        instr=rng.randint(5, 15),
        submitted=submitted,
        registered=registered,
        satisfaction=rng.choice([96.5, 97.8, 98.6, 99.2]),
        key=rng.randint(8, 15),
        opinions=rng.randint(300, 700),
        adopted=rng.randint(40, 120),
        supervision=rng.randint(4, 10),
        inspection=rng.randint(5, 12),
        training_events=rng.randint(2, 5),
        training=rng.randint(200, 450),
        stations=rng.randint(8, 30),
    )


def _congress_text(region: str, session: int, year: int, rng: Any, lo_hi: tuple[int, int]) -> str:
    return CONGRESS_TEMPLATE.format(
        region=region,
        session=session,
        year=year,
        next_year=year + 1,
        sc=rng.randint(7, 10),
        director=rng.randint(20, 30),
        work_reports=rng.randint(12, 24),
        law=rng.randint(3, 6),
        inquiry=rng.randint(1, 3),
        resolutions=rng.randint(8, 16),
        appointments=rng.randint(80, 160),
        filing=rng.randint(20, 60),
        suggestions=rng.randint(*lo_hi),
        between=rng.randint(20, 60),
        bills=rng.randint(2, 8),
        training=rng.randint(300, 600),
        stations=rng.randint(40, 90),
    )


@demo.step(50)
def peer_reports(ctx: demo.DemoContext) -> None:
    if ctx.scale != "demo":
        return
    year = ctx.today.year - 1
    staff = {"cppcc": ctx.users.get("demo-staff"), "congress": ctx.users.get("demo-deputy-staff")}
    for kind, region, session, lo_hi in PEERS:
        actor = staff[kind]
        if actor is None:
            continue
        text = (_cppcc_text if kind == "cppcc" else _congress_text)(region, session, year, ctx.rng, lo_hi)
        name = f"{region}政协" if kind == "cppcc" else f"{region}人大常委会"
        services.peer_report_create_from_text(
            actor=actor,
            body=actor.body,
            text=text,
            source_name=f"{name}{year}年工作报告.txt",
            overrides={
                "peer_name": name,
                "kind": kind,
                "level": "city",
                "region": region,
                "year": year,
                "member_count": 280 if kind == "cppcc" else 420,
            },
        )
    ctx.log("已保存同行工作报告 3 份（用于同行比较）。")
