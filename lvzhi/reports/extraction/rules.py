"""Cue words, measure words and contexts of work-report figures (figure-schema.md).

The rules follow the language of the reports, not any one report: a count is a number
plus a measure word (件/次/项/篇/人次…); what it counts is named either by the nearest
cue before it ("召开常委会会议7次") or by the noun after it ("57次主席会议"). A key only
accepts the measure words that can count it, so "249名委员…委员工作站" is not a station.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lvzhi.reports.schema import FIGURE_KEYS

KEY_UNIT: dict[str, str] = {f.key: f.unit for f in FIGURE_KEYS}
KEY_KINDS: dict[str, frozenset[str]] = {f.key: f.kinds for f in FIGURE_KEYS}

_EVENTS = frozenset({"次", "项", "场", "场次", "批次", "轮"})

# Measure words each key can be counted in ("人" and "名" count people, i.e. 人次).
KEY_UNITS: dict[str, frozenset[str]] = {
    "proposal.submitted": frozenset({"件"}),
    "proposal.registered": frozenset({"件"}),
    "proposal.answered": frozenset({"件"}),
    "proposal.answer_rate": frozenset({"%"}),
    "proposal.satisfaction_rate": frozenset({"%"}),
    "proposal.key": frozenset({"件", "个"}),
    "opinion.submitted": frozenset({"篇", "条", "期", "件", "份"}),
    "opinion.adopted": frozenset({"篇", "条", "期", "件", "份", "次"}),
    "instruction.leader": frozenset({"次", "件", "篇", "条", "项", "人次", "件次"}),
    "research.reports": frozenset({"篇", "份", "件", "个"}),
    "research.events": _EVENTS,
    "consultation.events": _EVENTS | {"期"},
    "inspection.events": _EVENTS,
    "supervision.events": _EVENTS,
    "meeting.plenary": frozenset({"次", "场"}),
    "meeting.standing_committee": frozenset({"次", "场"}),
    "meeting.chair": frozenset({"次", "场"}),
    "meeting.director": frozenset({"次", "场"}),
    "meeting.party_group": frozenset({"次", "场"}),
    "speech.plenary": frozenset({"篇", "人次", "次", "个", "件"}),
    "oversight.work_reports": frozenset({"项", "个", "次", "件", "份"}),
    "oversight.law_inspections": frozenset({"项", "次", "部", "件"}),
    "oversight.inquiries": frozenset({"次", "场", "项"}),
    "decision.resolutions": frozenset({"项", "件", "个"}),
    "appointment.persons": frozenset({"人次", "名", "人"}),
    "deputy.suggestions": frozenset({"件"}),
    "deputy.bills": frozenset({"件", "个"}),
    "petition.cases": frozenset({"件", "批次", "人次", "件次", "批", "封", "起"}),
    "filing_review.documents": frozenset({"件", "个", "份"}),
    "legislation.opinions": frozenset({"条", "件"}),
    "member.training": frozenset({"人次", "名", "人"}),
    "member.stations": frozenset({"个", "家", "所", "处"}),
    "member.activities": frozenset({"人次"}),
}

# Longest first, so 人次 wins over 人 and 场次 over 场.
UNIT_RE = re.compile(
    r"人\s*[（(]次[）)]|人次|场次|件次|批次|篇次|条次|次|件|项|篇|份|期|条|个|家|场|名|人|位|部|批|所|处|轮|封|起|%|％"
)
UNIT_NORMAL: dict[str, str] = {"％": "%", "篇次": "篇", "条次": "条", "位": "名"}


def normalize_unit(unit: str) -> str:
    if "次" in unit and unit.startswith("人"):
        return "人次"
    return UNIT_NORMAL.get(unit, unit)


@dataclass(frozen=True)
class Cue:
    """A phrase that names what a nearby count counts; key None blocks (a non-figure noun)."""

    pattern: re.Pattern[str]
    key: str | None
    left: bool = True  # may name a count that follows it ("征集提案261件")
    right: bool = True  # may name a count that precedes it ("10件重点提案")
    needs: re.Pattern[str] | None = None  # must occur in the sentence as well


def _cue(
    key: str | None, pattern: str, *, left: bool = True, right: bool = True, needs: str | None = None
) -> Cue:
    return Cue(re.compile(pattern), key, left, right, re.compile(needs) if needs else None)


_NP = r"[^，,。；;：:！？!?\n]"  # a character inside one clause

_OPINION = r"社情民意|信息|民意"

CUES: tuple[Cue, ...] = (
    # 提案 (CPPCC)
    _cue("proposal.submitted", rf"(?:收到|提交|征集|提出|共收|接收|受理|递交){_NP}{{0,6}}?提案"),
    _cue("proposal.registered", r"(?<!不)(?<!不予)(?<!未)(?<!未予)立案"),
    _cue("proposal.answered", rf"办复|办结|答复|办理完毕|办理{_NP}{{0,4}}?提案"),
    _cue("proposal.answer_rate", r"(?:办复|办结|答复|办理)率"),
    _cue("proposal.satisfaction_rate", r"满意(?:和基本满意|或基本满意|及基本满意)?(?:率|度)"),
    # "委员满意或基本满意达99%以上": the share without 率
    _cue("proposal.satisfaction_rate", r"满意(?:和|或|及)基本满意的?(?:达到?|为|占)?$", right=False),
    _cue("proposal.key", r"重点(?:督办)?提案"),
    # "共提交大会提案950件,平时提案24件": the proposals handed in between sessions
    _cue(
        "proposal.submitted",
        r"(?<=件[，,、])(?:平时|会后|闭会期间)提案(?:共|有)?$",  # right after the session's count
        right=False,
        needs=r"收到|提交|征集|提出",
    ),
    # 社情民意信息
    _cue(
        "opinion.submitted",
        rf"(?:报送|撰写|编发|上报|收集|提交|反映|编报|采写|编辑|提供|报来|收到){_NP}{{0,10}}?(?:社情民意|信息)|社情民意信息",
    ),
    # "全年收到信息2.5万篇,编报4471期": a bare verb before the count, in a paragraph on opinions
    _cue(
        "opinion.submitted",
        r"(?:编报|编发|上报|报送|编印|刊发)$",  # matched up to the count, so $ is the count
        right=False,
        needs=r"社情民意",
    ),
    # a bulletin ("编发《各界反映》19期") counts opinions only where the paragraph is about them
    _cue("opinion.submitted", r"(?:编发|编印|报送|编报)《□+》", needs=r"社情民意"),
    _cue("opinion.adopted", rf"(?:被|获|得到){_NP}{{0,14}}?(?:采用|采纳|采编)", needs=_OPINION),
    # "被全国政协采用2条、省政协采用9条": the later items of the list leave out 被
    _cue("opinion.adopted", rf"(?<=[条篇期件份]、){_NP}{{1,10}}?(?:采用|采纳)", needs=_OPINION),
    _cue("instruction.leader", r"批示"),
    # 调研 / 协商 / 视察 / 监督
    _cue(
        "research.reports",
        r"调研报告|调查报告|调研成果|研究报告|课题报告|调研文章|(?:调研|视察|考察){2,3}报告",
    ),
    _cue("research.events", r"考察调研|视察调研|调研视察|走访调研|调查研究|调研"),
    _cue("consultation.events", r"协商|面商|议事活动|议政会"),
    _cue("inspection.events", r"视察"),
    _cue("supervision.events", r"监督(?!员)"),
    # meetings
    _cue("meeting.plenary", r"全体会议|全体大会|全会|代表大会(?:会议)?|人代会"),
    _cue("meeting.standing_committee", r"常委会(?:会议|议)|常务委员会(?:会议|议)|专题议政性?常委会"),
    _cue("meeting.chair", r"主席会议|主席办公会议?"),
    _cue("meeting.director", r"主任会议"),
    _cue("meeting.party_group", r"党组(?:会议|会|扩大会议)"),
    _cue("speech.plenary", r"大会(?:口头|书面|交流)?发言"),
    # 人大 oversight
    _cue(
        "oversight.work_reports",
        rf"(?:听取|审议){_NP}{{0,30}}?(?<!审议结果的)(?<!代表资格的)(?:报告|汇报)|专项(?:工作)?报告",
    ),
    # "听取审议…17个工作报告": the count stands before the noun
    _cue("oversight.work_reports", r"工作的?(?:报告|汇报)|重大事项的?报告", left=False, needs=r"听取|审议"),
    _cue("oversight.law_inspections", r"执法检查"),
    _cue("oversight.inquiries", r"专题询问|询问"),
    _cue(
        "decision.resolutions", r"决议(?!草案)|决定(?!批准|任命|任免|提请|免去|召开|将|由|对|给予|授予|草案)"
    ),
    # "讨论决定重大事项5项": matters decided are decisions (事项 alone names no figure)
    _cue("decision.resolutions", r"(?:讨论|审议)?决定(?:了)?重大事项", right=False),
    _cue("appointment.persons", r"任免"),
    _cue("deputy.suggestions", r"代表建议|建议、批评和意见|建议批评(?:和)?意见|批评和意见"),
    _cue("deputy.suggestions", rf"代表{_NP}{{0,6}}?(?:提出|所提)的?建议", right=False),
    # "320件(…)建议": after a count, a bare 建议 is a deputy's suggestion
    _cue("deputy.suggestions", r"(?<!意见|审查)建议", left=False),
    _cue("deputy.bills", r"议案"),
    _cue("petition.cases", r"信访|来信来访|来访来信|来信|来访"),
    # "接待来访群众132批次": the visitors, not 群众 in general
    _cue("petition.cases", r"(?:来信来访|来访|信访|上访)群众"),
    _cue("filing_review.documents", r"规范性文件|备案审查|报送备案|报备"),
    _cue("legislation.opinions", rf"(?:法律|法规|条例|草案){_NP}{{0,16}}?(?:意见|建议)"),
    # members
    _cue("member.training", r"培训"),
    _cue(
        "member.stations",
        r"工作室|工作站|联络站|联络点|活动站|活动室|会客厅|代表之家|委员之家|之家",
    ),
    # nouns and verbs whose counts are not figures: the nearest of them blocks
    _cue(
        None,
        r"学习|研讨|宣讲|讲座|党课|读书|请示|任务|问题|清单|制度|办法|方案|案例|事项|项目"
        r"|企业|群众|监督员|考试|宣誓|捐|慰问|走访|发言|文章|稿件|发稿|交流材料|典型|课题组"
        r"|指示|文件|讲话|精神|草案|审查建议|审查监督"
        # a proposal turned into a member's letter, or not registered, is no petition or case
        r"|委员来信|不予立案|不立案|未予立案|未立案",
    ),
    _cue(None, r"意见建议|建议|意见", right=False),
    # reports of the body's own committees on bills and credentials are no oversight
    _cue(None, r"(?:审议结果|代表资格)的?报告"),
)

# An abbreviated meeting name names a count only when the count follows at once
# ("召开常委会37次,主任会42次"); elsewhere 常委会 is the body itself.
ABBREV_MEETING_RE = re.compile(r"(?:召开|举行)?(常委会|常务委员会|主任会|主席会)$")
ABBREV_MEETING_KEYS = {
    "常委会": "meeting.standing_committee",
    "常务委员会": "meeting.standing_committee",
    "主任会": "meeting.director",
    "主席会": "meeting.chair",
}

# Phrases masked out before matching, so 主席会议成员 is no 主席会议.
MASKS = re.compile(r"主席会议成员|主任会议成员|常委会组成人员|主席会议集体学习")

# "N个课题/议题…开展调研": the count names topics; the verb after says what was done.
TOPIC_RE = re.compile(rf"^{_NP}{{0,10}}?(?:课题|专题|议题|题目)")
TOPIC_KEYS = frozenset({"research.events", "consultation.events", "inspection.events", "supervision.events"})
# "5个政府工作部门…工作报告", "五个单位…民主监督": the count names units reviewed.
TARGET_RE = re.compile(rf"^{_NP}{{0,6}}?(?:部门|单位)")
TARGET_KEYS = frozenset({"oversight.work_reports", "supervision.events"})
# Counts of laws inspected: "对2部法律法规…开展执法检查".
LAW_RE = re.compile(rf"^{_NP}{{0,4}}?(?:法律|法规|条例)")

# Amending or repealing: "修改37部法律和1个有关法律问题的决定" makes no decision.
AMEND_RE = re.compile(r"修改|修订|修正|废止|撤销")
# "15件议案涉及的6件法律": a part of a count named before, not a figure of its own.
SUBSET_RE = re.compile(rf"^{_NP}{{0,8}}?涉及的?")
# "经济建设方面提出提案94件,占53.7%": the count is one category of a total.
CATEGORY_SHARE_RE = re.compile(r"[，,]?\s*(?:占|占比)(?:总数|全部|提案总数)?的?\s*[0-9.]+\s*[%％]")
# "提案者表示满意或基本满意的291件,占94.8%": a share whose cue is in the clause before.
SHARE_RE = re.compile(r"(?:占|占比|比例为?)(?:总数的?|全部的?)?$")
SHARE_KEYS = (
    ("proposal.satisfaction_rate", re.compile(r"满意")),
    ("proposal.answer_rate", re.compile(r"办复|办结|答复")),
)
# A count of people (…人次, …名委员) taking part, or trained: 代表3178人次参加专题调研.
PEOPLE_UNITS = frozenset({"人次", "名", "人"})
PEOPLE_TAKE_PART_RE = re.compile(rf"^{_NP}{{0,16}}?(?:参加|参与|列席)")

# The count of proposals in "57件提案全部按时办结".
PROPOSAL_NOUN_RE = re.compile(rf"^{_NP}{{0,4}}?提案")
ALL_ANSWERED_RE = re.compile(
    r"(?:全部|均已|均)(?:按时|按期|如期|按规定(?:时限)?|在规定时限内)?(?:办复|办结|答复|办理完毕)(?:完毕)?"
)

NEXT_ALL_ANSWERED_RE = re.compile(
    r"\s*(?:截至|截止|到)(?:目前|当前|[^，,。；;\n]{0,12}?)[，,]?\s*(?:所有提案)?(?:已|均已)?全部(?:按时|按期|如期)?"
    r"(?:办复|办结|答复|办理完毕)"
)

# An award or listing, not an output: "3篇调研报告获省政协评选一等奖".
# "5件提案列为年度1号提案": a designation of some proposals, not a count handed in.
AWARD_RE = re.compile(r"^[，,]?(?:获|被列入|列入|被列为|列为|被评为|评为|入选|荣获|获评|被收录)")
AWARD_TIGHT_RE = re.compile(r"^(?:获|被列入|列入|被评为|评为|入选|荣获|获评|被收录)")

# "99.2%已经办复": a share of the proposals, with the verb after the rate.
RATE_THEN_ANSWERED_RE = re.compile(r"(?:的提案)?(?:已经|已|均已|都已)(?:全部)?(?:办复|办结|答复|办理完毕)")
# Verbs that write or pass on opinions, right before a count ("反映10条…社情民意").
OPINION_VERB_END_RE = re.compile(r"(?:报送|撰写|编发|上报|反映|编报|提交|报来)$")

# Counts of a whole term, not the reviewed year ("本届以来累计召开常委会会议43次").
CUMULATIVE_RE = re.compile(r"本届以来|本届任期|届内累计|历届")
# "2019年以来，区政协累计立案提案1060件": since a year before the reviewed one.
SINCE_YEAR_RE = re.compile(r"((?:19|20)\d{2})年以来")
# Counts of all levels' or the lower bodies ("全市各级政协共立案提案2460件").
ALL_LEVELS_RE = re.compile(
    r"(?:各级|县级|乡镇|各镇|各乡镇|各县(?:（市、区）|\(市、区\))?|县(?:（市、区）|\(市、区\))|各区县|各县区)"
    r"(?:政协|人大)(?!代表|委员)"  # "各级人大代表2186人次参加培训": people, not bodies
)
# Proposals handed in to another level's CPPCC ("向全国政协提交联名提案40余件").
TO_OTHER_BODY_RE = re.compile(r"向(全国|自治区|省|市|州|县|区)政协[^，,。；;]{0,8}?(?:提交|提出|报送|递交)")
# A clause whose subject is a body named by its level ("省人大常委会来我区…", "全国政协共立案…").
OTHER_BODY_RE = re.compile(
    r"(?:同期|同时|其中|此外|另外)?[，,]?(全国|自治区|省|市|州|盟|县|区|旗)(?:政协|人大常委会|人大(?!代表))"
)

# People-participation counts (…代表列席常委会会议35人次, 委员参加…活动220余人次).
PERSON_RE = re.compile(r"委员(?!会)|代表(?!大会)|常委(?!会)")
TAKING_PART_RE = re.compile(r"参加|参与|列席|述职|活动|履职")

# Approximate markers before the number and between or after number and unit.
APPROX_BEFORE_RE = re.compile(r"(?:近|超过|超|逾|约|将近|接近)$")
APPROX_AFTER_RE = re.compile(r"(?:余|多|来)")
APPROX_TAIL_RE = re.compile(r"(?:以上|左右|有余)")
RANGE_RE = re.compile(r"(?:-|—|－|~|～|至|到)")

# "分别为 a、b、c": several figures for a list named before.
RESPECTIVELY_RE = re.compile(r"分别(?:为|是|达到|达|有|举办|召开|开展)?")

# Sentences about the future, frequencies or others' work.
FUTURE_RE = re.compile(
    r"明年|来年|下一年|新的一年|下一步|今后|未来[一二三四五两]?年"
    r"|(?:将|要|拟|力争)(?:继续|进一步|重点|再|全年|开展|召开|组织|举办|完成|实现|推动"
    r"|加强|深化|围绕|做好|聚焦|新建|建成|建设|打造|安排|提交|办理|力争)"
)
# A plan that opens a numbered list ("主要开展12项工作,包括1、…"), and the list's items.
PLAN_LIST_RE = re.compile(r"包括[:：]?\s*(?:\d+|[一二三四五六七八九十]+)[、.．]|(?:如下|包括)[:：]\s*$")
LIST_ITEM_RE = re.compile(r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})[、.．](?!\d)")
# A stock at a date is not the year's activity: "目前共有委员工作室42个".
STOCK_RE = re.compile(r"目前|现有|至今|截至|迄今|总数")
# "截至2017年12月已作出决议决定43项": a dated total of what was done, not a stock.
DATED_DONE_RE = re.compile(
    r"(?:截至|截止)\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日|底|末)?(?:已|共|累计)*"
    r"(?=(?:有关|相关)?(?:作出|做出|召开|举行|听取|审议|开展|组织|收到|提交|办理|办复|任免))"
)
FREQUENCY_RE = re.compile(r"每(?:年|季度?|月|半年|周|两个?月|届)")

# Headings that open the plan for next year and ones that return to the review.
PLAN_HEADING_RE = re.compile(
    r"(?:\d{4}年|今年|明年|新的一年|今后|下一步|未来|本届)[^。]{0,12}?"
    r"(?:工作安排|工作任务|主要任务|工作的?建议|工作打算|工作思路|工作计划|工作要点|工作部署|重点工作|工作的?意见|总体要求|目标任务)"
    r"|^[一二三四五六七八九十]+、?\s*(?:今后|下一步|明年).{0,12}(?:工作|任务|建议)"
)
REVIEW_HEADING_RE = re.compile(r"工作回顾|履职回顾|^回顾|主要工作$|的主要工作|过去[一五]年")

CN_SMALL = "零〇一二两三四五六七八九十百千万亿"

# Prefecture-level cities (without 市): they name the city of a district's body
# (集美区 → 厦门市集美区) and outvote a neighbour mentioned in passing.
_CITY_NAMES = """北京 天津 上海 重庆 石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 太原 大同 阳泉
    长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁 呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔
    乌兰察布 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛 长春 吉林 四平
    辽源 通化 白山 松原 白城 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化
    南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 杭州 宁波 温州 嘉兴 湖州 绍兴
    金华 衢州 舟山 台州 丽水 合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州
    池州 宣城 福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安
    宜春 抚州 上饶 济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽
    郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 武汉
    黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界
    益阳 郴州 永州 怀化 娄底 广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源
    阳江 清远 东莞 中山 潮州 揭阳 云浮 南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池
    来宾 崇左 海口 三亚 三沙 儋州 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾
    广安 达州 雅安 巴中 资阳 贵阳 六盘水 遵义 安顺 毕节 铜仁 昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧
    拉萨 日喀则 昌都 林芝 山南 那曲 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛 兰州 嘉峪关
    金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 西宁 海东 银川 石嘴山 吴忠 固原 中卫 乌鲁木齐
    克拉玛依 吐鲁番 哈密"""
CITIES = frozenset(_CITY_NAMES.split())

# Provinces (without 省/自治区): a body that calls itself 省人大常委会/省政协 is one of them.
_PROVINCE_NAMES = """河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南
    四川 贵州 云南 陕西 甘肃 青海 台湾"""
PROVINCES = frozenset(_PROVINCE_NAMES.split())
# Autonomous regions by the short name their reports use (新疆日报, 西藏各族人民).
AUTONOMOUS_REGIONS = {
    "新疆": "新疆维吾尔自治区",
    "西藏": "西藏自治区",
    "内蒙古": "内蒙古自治区",
    "广西": "广西壮族自治区",
    "宁夏": "宁夏回族自治区",
}

# Traditional characters of the report vocabulary and their simplified forms, one for one,
# so a report reprinted in traditional script is matched without moving any offset.
_TRADITIONAL = (
    "會議報審項檢視調協辦復結滿達員機關區縣務屆開舉聽決規範備訪來詢問題專門點級發處實現單黨組織導領數億萬兩餘約場個條聯絡試課"
    "學習講讀總計劃與對為將讓給從於還們動參過進選轉論評業書記長國權傳質設經濟財預環歷顧況編輯採納貫徹衛責獲稱號後層屬種類鄉鎮"
    "園廳辭職補義產資團體應請證據績續維護網線紀錄擬擴創憲準匯彙負擔節闆價費嚴風圍際陳劉張趙興勵獎懷幫貧脫戶醫療廣東閉閱間隊陽"
    "陰雲電順願養館馬驗齡寫親貼車軍輪這連遠適邊鄰鐵錯鏈險隨韓頁頭顯飛譯變豐貨賣買貸賽趨跡輕較載農運遞遷鄭鄧錦鑒閩陸雙雜難靈響"
    "頒額飯驅魯鳥麥黃齊滬晉遼蘇贛陝寧臺灣澤濱濰煙瀋漢潛灘爾慶貴壩嶺崗島巖歸歲氣漲湯溝滯灑烏無燈營爭畢畫當盡監盤眾礎禮禍積穩窮"
    "競筆築簡糧紅紡細終統絲綜綠緊縮罰聖聲聰肅脅腦臨舊艦藝薦藥蘭虛衆裝製複見覺覽觀訂認討訓託許訴診該詳誠誤說談諮謀謝識譜讚貿賓"
    "購贏龍鶴雞綏侖瀾滄繞"
)
_SIMPLIFIED = (
    "会议报审项检视调协办复结满达员机关区县务届开举听决规范备访来询问题专门点级发处实现单党组织导领数亿万两余约场个条联络试课"
    "学习讲读总计划与对为将让给从于还们动参过进选转论评业书记长国权传质设经济财预环历顾况编辑采纳贯彻卫责获称号后层属种类乡镇"
    "园厅辞职补义产资团体应请证据绩续维护网线纪录拟扩创宪准汇汇负担节板价费严风围际陈刘张赵兴励奖怀帮贫脱户医疗广东闭阅间队阳"
    "阴云电顺愿养馆马验龄写亲贴车军轮这连远适边邻铁错链险随韩页头显飞译变丰货卖买贷赛趋迹轻较载农运递迁郑邓锦鉴闽陆双杂难灵响"
    "颁额饭驱鲁鸟麦黄齐沪晋辽苏赣陕宁台湾泽滨潍烟沈汉潜滩尔庆贵坝岭岗岛岩归岁气涨汤沟滞洒乌无灯营争毕画当尽监盘众础礼祸积稳穷"
    "竞笔筑简粮红纺细终统丝综绿紧缩罚圣声聪肃胁脑临旧舰艺荐药兰虚众装制复见觉览观订认讨训托许诉诊该详诚误说谈咨谋谢识谱赞贸宾"
    "购赢龙鹤鸡绥仑澜沧绕"
)


def _opencc_characters() -> dict[int, str]:
    """OpenCC's traditional→simplified character table, where the mapping is one for one and
    unambiguous (a character that may also stand as itself, like 乾 or 藉, is left alone)."""
    import opencc

    path = Path(opencc.__file__).resolve().parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            trad, _, simp = line.rstrip("\n").partition("\t")
            forms = simp.split()
            if len(trad) == 1 and forms and len(forms[0]) == 1 and trad not in forms:
                table[ord(trad)] = forms[0]
    return table


# Every traditional character OpenCC knows, and the report vocabulary's own choices on top.
TRAD_TO_SIMP: dict[int, str | int | None] = {
    **_opencc_characters(),
    **str.maketrans(_TRADITIONAL, _SIMPLIFIED),
}
