"""Reply-quality check for staff reviewing a handling unit's answer (审核答复).

Flags a reply that
- does not address the message: names none of its places and few of its title's words;
- gives no concrete measure, answer or date: only "留言已收悉", "已转交", "将认真研究";
- is late: more working days after the message than allowed.

Pure Python (the engine's tokenizer and place names); measured on 附件4 against hand
labels in bench/reply_quality.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import engine, pairs

REPLY_WORKING_DAYS = 15  # the usual limit for answering a message (15 个工作日)

# Boilerplate that says nothing about the matter (acknowledgement, thanks, transfer, sign-off).
_BOILERPLATE = re.compile(
    r"网友[“\"]?[\w\s]*[”\"]?|UU\d+|您好|你好|来信收悉|留言已收悉|已收悉|现[将就]?.{0,8}回复如下|答复如下|"
    r"感谢您?对.{0,20}(关心|关注|支持|监督)[^。！]*|谢谢|特此回复|\d{4}[年.\-/]\d{1,2}[月.\-/]\d{1,2}日?"
)
# A measure taken or planned, or a specific answer (a rule, an amount, a schedule).
_MEASURE = re.compile(
    r"已(对|将|于|经|完成|组织|安排|责令|督促|要求|清理|拆除|整改|修复|维修|安装|暂扣|取缔|查处|立案|约谈|处罚|关停)|"
    r"进行了|开展了|组织了|责令|限期|整改|拆除|查处|清理|暂扣|取缔|约谈|处罚|立案|训诫|维修|修复|"
    r"安装|设置|增设|投入使用|完工|竣工|实施|移栽|调整为|经(调查|核实|查|现场)|实地|现场查看|入户"
)
_SPECIFIC = re.compile(r"根据《|规定|办法|条件|标准|比例|\d+(\.\d+)?\s*(元|万元|%|平方米|公里|米|个月|天)")
_DATE = re.compile(r"\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日|\d{1,2}月(底|初|中旬|上旬|下旬)|年底|年内")
_VAGUE = re.compile(
    r"已转|转交|转至|转由|认真(研究|考虑)|论证研究|予以考虑|请.{0,6}咨询|建议您.{0,12}(咨询|拨打|联系)"
)

ADDRESSES = "addresses"
CONCRETE = "concrete"
LATE = "late"
MESSAGES = {
    ADDRESSES: "答复未回应留言所提的具体地点或问题",
    CONCRETE: "答复未给出具体措施、结论或时间",
    LATE: "答复超过办理时限",
}


@dataclass
class ReplyCheck:
    addresses: bool
    concrete: bool
    late: bool
    working_days: int | None = None
    flags: list[str] = field(default_factory=list)  # codes: ADDRESSES, CONCRETE, LATE

    @property
    def messages(self) -> list[str]:
        return [MESSAGES[f] for f in self.flags]


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Monday-Friday days after ``start`` up to and including ``end`` (public holidays ignored)."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for i in range(1, rest + 1):
        if (start + dt.timedelta(days=weeks * 7 + i)).weekday() < 5:
            count += 1
    return count


def _substance(reply: str) -> str:
    return _BOILERPLATE.sub("", engine.normalize(reply))


_REQUEST_WORDS = frozenset(
    [
        "请求",
        "希望",
        "咨询",
        "投诉",
        "反映",
        "建议",
        "问题",
        "关于",
        "要求",
        "呼吁",
        "质疑",
        "举报",
        "请问",
        "解决",
        "处理",
        "能否",
        "是否",
        "何时",
        "为何",
        "什么",
        "相关",
        "有关",
    ]
)


def addresses(message: str, reply: str) -> bool:
    """The reply names one of the message's places (title or opening) or one of the content
    words of its title (request words such as 请求/咨询/问题 do not count)."""
    norm = engine.normalize(message)
    title, _, body = norm.partition("\n")
    text = _substance(reply)
    head = title + "，" + body[:200]
    cores = {c for c, _ in pairs.spelled_places(head)} | set(engine.extract_entities(head)[0])
    if any(c in text for c in cores):
        return True
    words = {
        w
        for w in engine.tokenize(title)
        if len(w) > 1 and w not in _REQUEST_WORDS and not re.fullmatch(r"[A-Z]\d*[区县市]?", w)
    }
    if not words:
        return len(text) >= 60
    return any(w in text for w in words)


def concrete(reply: str) -> bool:
    """The reply states a measure taken or planned, a specific answer, or a date for either."""
    text = _substance(reply)
    if len(text) < 25:
        return False
    measures = len(_MEASURE.findall(text))
    specific = len(_SPECIFIC.findall(text)) + len(_DATE.findall(text))
    if _VAGUE.search(text) and measures == 0 and len(text) < 120:
        return False
    return measures >= 1 or (specific >= 1 and len(text) >= 40)


def check_reply(
    message: str,
    reply: str,
    *,
    asked_on: dt.date | None = None,
    replied_on: dt.date | None = None,
    due_on: dt.date | None = None,
    limit_days: int = REPLY_WORKING_DAYS,
) -> ReplyCheck:
    """Check one reply against its message; ``due_on`` (the case's deadline) wins over the
    working-day limit counted from ``asked_on``."""
    addr = addresses(message, reply)
    conc = concrete(reply)
    wdays = working_days_between(asked_on, replied_on) if asked_on and replied_on else None
    if due_on is not None and replied_on is not None:
        late = replied_on > due_on
    else:
        late = wdays is not None and wdays > limit_days
    flags = [code for code, ok in ((ADDRESSES, addr), (CONCRETE, conc), (LATE, not late)) if not ok]
    return ReplyCheck(addr, conc, late, wdays, flags)
