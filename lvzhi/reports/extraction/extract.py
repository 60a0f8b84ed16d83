"""Read the figures of a published work report (figure-schema.md) from its text.

Pure Python: no Django. The text is never rewritten; a same-length normalised copy and
a masked copy are used for matching, so every offset is an offset into the original
and every quote is an exact substring of it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from lvzhi.reports.schema import CONGRESS, CPPCC

from . import rules
from .numerals import NUMBER_RE, parse_chinese_number


class DocumentError(ValueError):
    """A file that cannot be read as a work report; the message is Chinese, for users."""


NOT_A_REPORT = "文本中没有找到工作报告的内容"

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_SENTENCE_END = "。！？!?；;"
_CLAUSE_END = "，,：:" + _SENTENCE_END
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BOOK_TITLE = re.compile(r"《([^》\n]{1,80})》")


@dataclass
class _Doc:
    text: str  # original (without reading aids, see _strip_annotations)
    norm: str  # same length, ASCII digits
    mask: str  # same length, book titles and masked phrases blanked
    body: str | None
    year: int | None
    source: str = ""  # the text as given, where reading aids were left out of `text`
    offsets: list[int] | None = None  # offset in `source` of each character of `text`
    region: str | None = None


@dataclass
class _Candidate:
    start: int  # of the number, absolute
    end: int  # after unit (and approximation marks)
    value: int | float
    approx: bool
    unit: str  # normalised
    raw_unit: str


# --------------------------------------------------------------------------- text

# Mirror sites print pinyin after some characters ("會(huì)議", "政協(xié)"): a reading aid inside
# a word, with a tone mark. They are left out of the text that is matched; quotes come from
# the text as given.
_PINYIN_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]"
)


# Some pages set numbers off with spaces ("召开常委会会议 10 次", "2019 年"): the spaces
# between a number and the words around it are left out of the matched text as well.
_NUMBER_SPACE_RE = re.compile(
    r"(?<=[\u4e00-\u9fff，,、：:（(])[ \u00a0\u3000]{1,2}(?=\d)|(?<=\d)[ \u00a0\u3000]{1,2}(?=[\u4e00-\u9fff%％])"
)


def _strip_annotations(text: str) -> tuple[str, list[int] | None]:
    """The text without pinyin reading aids, and where each of its characters came from."""
    pinyin = list(_PINYIN_RE.finditer(text))
    marks = sorted(
        (pinyin if len(pinyin) >= 2 else []) + list(_NUMBER_SPACE_RE.finditer(text)), key=lambda m: m.start()
    )
    if not marks:
        return text, None
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in marks:
        parts.append(text[pos : m.start()])
        offsets.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    return "".join(parts), offsets


def _masked(norm: str) -> str:
    chars = list(norm)
    for m in _BOOK_TITLE.finditer(norm):
        for i in range(m.start(1), m.end(1)):
            chars[i] = "□"
    for m in rules.MASKS.finditer(norm):
        for i in range(m.start(), m.end()):
            chars[i] = "□"
    return "".join(chars)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _soft_break(prev: str, nxt: str) -> bool:
    """A line broken by page layout mid-sentence ("政协委员参\\n加视察…") continues."""
    prev, nxt = prev.rstrip(), nxt.lstrip()
    if not prev or not nxt or prev[-1] in _SENTENCE_END + "”》)）":
        return False
    return bool(_CJK.match(nxt[0])) and bool(_CJK.match(prev[-1])) and bool(re.search(r"[，,。；;]", prev))


def _sentences(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans; a newline ends one unless the line was broken mid-sentence."""
    nonempty = [(s, e) for s, e in lines if text[s:e].strip()]
    joined: set[int] = set()  # line starts that continue the previous line
    for (ps, pe), (ns, ne) in pairwise(nonempty):
        if _soft_break(text[ps:pe], text[ns:ne]):
            joined.add(ns)
    spans: list[tuple[int, int]] = []
    start: int | None = None
    prev_end = 0
    for ls, le in nonempty:
        if start is not None and ls not in joined:
            spans.append((start, prev_end))
            start = None
        i = ls
        if start is None:
            start = ls
        while i < le:
            if text[i] in _SENTENCE_END:
                spans.append((start, i + 1))
                start = i + 1
            i += 1
        if start >= le:
            start = None
        prev_end = le
    if start is not None:
        spans.append((start, prev_end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _plan_ranges(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans under a heading for next year's (or next term's) work, up to a review heading."""
    ranges: list[tuple[int, int]] = []
    plan_start: int | None = None
    for s, e in lines:
        line = text[s:e].strip()
        if not line:
            continue
        heading = len(line) <= 32 and not line.endswith("。")
        if (
            heading
            and plan_start is None
            and rules.PLAN_HEADING_RE.search(line)
            and not re.search(r"回顾|总结", line)
        ):
            plan_start = s
        elif heading and plan_start is not None and rules.REVIEW_HEADING_RE.search(line):
            ranges.append((plan_start, s))
            plan_start = None
        elif plan_start is None and re.match(r"(?:新的一年|明年|下一步|今后)", line):
            ranges.append((s, e))  # a paragraph that opens with the future
    if plan_start is not None:
        ranges.append((plan_start, len(text)))
    return ranges


# ----------------------------------------------------------------------- metadata


def detect_body(text: str) -> str | None:
    head = text[:400]
    # "请县政协委员和其他列席人员提出意见", "全体政协委员…列席会议": the CPPCC members sit in at the congress
    guests = re.sub(r"[^。，,；;\n]{0,20}政协委员[^。；;\n]{0,16}(?:提出意见|列席)", "", head[:160])
    if re.search(r"人民代表大会常务委员会|人大常委会", head) and not re.search(
        r"政协|政治协商", guests[:120]
    ):
        return CONGRESS
    if re.search(r"政协|政治协商|委员会常务委员会", head):
        return CPPCC
    cppcc = len(re.findall(r"政协|政治协商|各位委员", text))
    congress = len(re.findall(r"人大|人民代表大会|各位代表", text))
    if max(cppcc, congress) < 2:
        return None
    return CPPCC if cppcc >= congress else CONGRESS


_SUFFIX = r"(?:自治区|自治州|自治县|特别行政区|省|市|区|县|州|盟|旗)"
_SESSION = r"(?:第[一二三四五六七八九十]+届)?"
# Characters that do not occur in the place names we look for (verbs, particles, 全市/我市…).
_STOP_CHARS = set(
    "全我本该各和与及在对向为把将让使给从由到至赴等是于的了委府届共协按照组织围绕审议听取促进推"
)
# Last characters of words that end in 市/县 without being places (城市, 超市, 上市, 都市).
_NOT_PLACE_END = set("城超上都股夜集菜门区过交告送起表")  # 区: "山区县", "各区县" are no places
# 过/交/告/送/起/表 end verbs: "经过市政协", "送交市、油田", "报告县政协…", "引起县委", "代表县十六届…" name no place
_OWN_PLACE_RE = re.compile(
    r"中共([\u4e00-\u9fa5]县)县委|中共([\u4e00-\u9fa5]{2,4}?(?:区|县|市))委(?!员)|(?<![\u4e00-\u9fa5])([\u4e00-\u9fa5]{2,3}(?:区|县))(?:政协|人大常委会)"
    # "海北藏族自治州政协累计开展…": an autonomous prefecture's body, by its full name
    r"|(?<![\u4e00-\u9fa5])([\u4e00-\u9fa5]{2,8}?族自治州)(?:政协|人大常委会)"
)


def _core(name: str) -> str:
    return re.sub(_SUFFIX + "$", "", name)


def _shortest_place(word: str) -> str | None:
    """The place at the end of `word` ("共重庆市" → "重庆市"), preferring a known city."""
    for i in range(len(word) - 2, -1, -1):
        name = word[i:]
        core = _core(name)
        if len(core) < 2 or set(core) & _STOP_CHARS:
            continue
        if name.endswith(("自治州", "自治县")) and core.endswith("族") and i > 0:
            continue  # "侗族自治州" is part of "黔东南苗族侗族自治州"
        if core in rules.CITIES or len(core) == 2 or i == 0:
            return name
    return None


def _province_of_provincial_body(text: str) -> str | None:
    """A text about 省人大常委会/省政协 and no lower body: the province it names most."""
    own = rf"(?:人大常委会|人大|政协){_SESSION}"
    # "自治区政协十三届三次会议": an autonomous region's body, named as its province's is
    autonomous = re.search(rf"自治区{_SESSION}(?:人大常委会|政协|人大)", text)
    if not autonomous and not re.search(rf"省{_SESSION}(?:人大常委会|政协|人大)", text):
        return None
    # "全区政协(党建)工作交流座谈会": the whole region's CPPCCs, no lower body of its own
    if re.search(rf"(?<![省全])(?<!自治)[市区县]{_SESSION}(?:人大常委会|政协)", text) or re.search(
        rf"(?<!自治)[市区县]{own}常委会", text
    ):
        return None
    if autonomous:
        regions = Counter({p: text.count(p) for p in rules.AUTONOMOUS_REGIONS if p in text})
        if regions:
            return rules.AUTONOMOUS_REGIONS[max(regions, key=lambda p: regions[p])]
    counts = Counter({p: text.count(p) for p in rules.PROVINCES if p in text})
    if not counts:
        return None
    return max(counts, key=lambda p: counts[p]) + "省"


def detect_region(text: str) -> str | None:
    """The place of the reporting body, with its city for a district (重庆市巴南区)."""
    core: str | None = None
    title = re.compile(
        rf"^\s*(?:政协)?{_SESSION}((?!政协)(?:[\u4e00-\u9fa5]县|[\u4e00-\u9fa5]{{2,8}}?{_SUFFIX})){_SESSION}"
        r"(?:委员会|人民代表大会|人大)",
        re.M,
    )
    m = title.search("\n".join(text[:600].split("\n")[:8]))
    # not a bare "自治区第十三届人民代表大会…" (the kind of place, not its name)
    if m and _core(m.group(1)) and not (set(_core(m.group(1))) & _STOP_CHARS):
        core = m.group(1)
    else:
        province = _province_of_provincial_body(text)
        if province:
            return province
        scores: Counter[str] = Counter()
        for m in re.finditer(
            rf"(?:政协|政治协商会议){_SESSION}([\u4e00-\u9fa5]{{2,8}}?{_SUFFIX}){_SESSION}委员会", text
        ):
            name = _shortest_place(m.group(1))
            if name:
                scores[name] = text.count(_core(name)) + 3
        # "中共萧山区委", "长洲区政协召开…": the body's own place, named with its party committee
        for m in _OWN_PLACE_RE.finditer(text):
            name = m.group(1) or m.group(2) or m.group(3) or m.group(4)
            # ",自治区政协…": the kind of place ("自治区") names none
            if _core(name) and not (set(_core(name)) & _STOP_CHARS):
                scores[name] = max(scores[name], text.count(_core(name)) + 2)
        # not 分管市长, 县乡人大, 市级部门: 市/县 there is no place name's end
        for m in re.finditer(r"([\u4e00-\u9fa5]{2})(市|县)(?![长乡级直域])", text):
            # 文明城市, 超市, 听取审议市政府…: a word or a verb, no place
            if m.group(1)[-1] in _NOT_PLACE_END and m.group(1) not in rules.CITIES:
                continue
            if not (set(m.group(1)) & _STOP_CHARS):
                # an unknown name counts only in full: 开展市 must not borrow from 开展
                scores[m.group(0)] = max(scores[m.group(0)], text.count(m.group(0)))
        for city in rules.CITIES:
            if city + "市" in text:
                # a known city outweighs an unknown word that happens to end in 市
                scores[city + "市"] = max(scores[city + "市"], text.count(city) + 1)
        if not scores:
            return None
        core = max(scores, key=lambda n: (scores[n], len(n)))
    # "陕西省西安市第十七届人民代表大会": a city's body goes by the city's name alone
    prefix = re.match(r"(?:[\u4e00-\u9fa5]{2,3}省|[\u4e00-\u9fa5]{2,8}?自治区)(?=[\u4e00-\u9fa5]{2})", core)
    if prefix and (
        _core(prefix.group()) in rules.PROVINCES or prefix.group() in rules.AUTONOMOUS_REGIONS.values()
    ):
        core = core[prefix.end() :]
    if core.endswith(("区", "县")) and not core.endswith("自治区"):
        cities = Counter({c: text.count(c) for c in rules.CITIES if c in text and c not in core})
        direct = re.search(rf"([\u4e00-\u9fa5]{{2,4}})市{re.escape(core)}", text)
        if direct:
            name = _shortest_place(direct.group(1) + "市")
            if name:
                return name + core
        if cities:
            return max(cities, key=lambda c: cities[c]) + "市" + core
    return core


def detect_year(text: str) -> int | None:
    head = text[:1500]
    # a heading names the reviewed year ("一、2024年工作回顾"); a term-end report has none
    m = re.search(
        r"^\W*(?:[一二三四五六七八九十]+、)?\s*(\d{4})年(?:度)?(?:工作回顾|的?主要工作)\s*$", head, re.M
    )
    if m:
        return int(m.group(1))
    if re.search(r"过去的?五年|五年来|本届以来|五年工作的?回顾", head):
        return None
    for pat, delta in (
        (r"(\d{4})年(?:度)?(?:工作回顾|的?主要工作|履职回顾|工作总结|的?工作回顾)", 0),
        (r"回顾\s*(\d{4})", 0),
        (r"(\d{4})年(?:的)?(?:工作安排|工作任务|主要任务|工作建议|工作打算|工作要点|重点工作)", -1),
        (r"(\d{4})年(?:[区市县省州])?(?:政协|人大常委会|人大|常委会)?(?:将|要)", -1),
        # "2026年省政协及其常委会工作的总体要求": the plan names the year after the review
        (r"(\d{4})年[^。，,；;\n]{0,14}?工作的?(?:总体要求|总体思路|主要任务)", -1),
        # the dateline "——2014年2月11日在…会议上": a report given early in the next year,
        # or late in the year itself ("2024年12月22日在…会议上")
        (r"(\d{4})年0?[1-9]月\d{1,2}日\s*在[^。\n]{2,40}?(?:会议|大会)上", -1),
        (r"(\d{4})年1[0-2]月\d{1,2}日\s*在[^。\n]{2,40}?(?:会议|大会)上", 0),
        # "截至2025年底，所有提案均已办复"
        (r"截[至止](\d{4})年(?:底|末|12月)", 0),
        (r"(?:翻开|过去的|回首|回望)(\d{4})年", 0),
        (r"(\d{4})年(?:是|,|，)", 0),
        # a summary: "市人大常委会2024年的工作…"
        (r"(\d{4})年的?(?:工作|履职)(?!安排|任务|要点|打算|计划|思路|部署|建议)", 0),
    ):
        m = re.search(pat, text)
        if m:
            return int(m.group(1)) + delta
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})年", text)]
    return Counter(years).most_common(1)[0][0] if years else None


def looks_like_report(text: str) -> bool:
    """A report names its kind of body and some of its work; a recipe or an invoice does not."""
    bodies = len(re.findall(r"政协|人大|人民代表大会|常委会|常务委员会", text))
    work = len(
        re.findall(
            r"委员|代表|协商|提案|监督|履职|审议|调研|视察|会议|工作|执法检查|听取|决议|决定|任免|议案|社情民意|规范性文件",
            text,
        )
    )
    return bodies >= 1 and work >= 3


# ------------------------------------------------------------------------ figures


def _candidates(doc: _Doc, s: int, e: int) -> list[_Candidate]:
    norm = doc.norm
    out: list[_Candidate] = []
    for m in NUMBER_RE.finditer(norm, s, e):
        a, b = m.start(), m.end()
        numeral = m.group()
        before = norm[max(s, a - 4) : a]
        if a > s and norm[a - 1] in '“"':
            continue  # a slogan such as “两个确立”
        if a > s and (
            norm[a - 1].isdigit()
            or norm[a - 1] in ".第·"
            or (norm[a - 1].isascii() and norm[a - 1].isalpha())
        ):
            continue
        if not numeral[0].isdigit():
            if numeral == "一" or "届" in before or numeral in ("万", "亿"):
                continue
            if norm[b : b + 1] == "届":
                continue
            if norm[b : b + 3] == "次会议" and "届" in norm[max(s, a - 10) : a]:
                continue  # "十四届全国人大四次会议" is a session, not a count
        try:
            value = parse_chinese_number(numeral)
        except ValueError:
            continue
        approx = bool(rules.APPROX_BEFORE_RE.search(norm[max(s, a - 2) : a]))
        pos = b
        rng = rules.RANGE_RE.match(norm, pos)
        if rng:
            second = NUMBER_RE.match(norm, rng.end())
            if second and second.end() <= e:
                pos = second.end()
                approx = True
        am = rules.APPROX_AFTER_RE.match(norm, pos)
        if am:
            approx = True
            pos = am.end()
        um = rules.UNIT_RE.match(norm, pos)
        if not um or um.end() > e:
            continue
        raw_unit = um.group()
        pos = um.end()
        tail = rules.APPROX_TAIL_RE.match(norm, pos)
        if tail:
            approx = True
            pos = tail.end()
        unit = rules.normalize_unit(raw_unit)
        if unit == "%" and not isinstance(value, float | int):
            continue
        out.append(_Candidate(a, pos, value, approx, unit, raw_unit))
    return out


def _clause_bounds(doc: _Doc, pos: int, s: int, e: int) -> tuple[int, int]:
    cs = pos
    while cs > s and doc.norm[cs - 1] not in _CLAUSE_END:
        cs -= 1
    ce = pos
    while ce < e and doc.norm[ce] not in _CLAUSE_END:
        ce += 1
    return cs, ce


@dataclass
class _Hit:
    key: str | None
    start: int
    end: int
    head: bool = False  # the last word of a compound noun ("常委会议专题协商")


def _cue_hits(doc: _Doc, lo: int, hi: int, para: str, *, side: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for cue in rules.CUES:
        if (side == "left" and not cue.left) or (side == "right" and not cue.right):
            continue
        for m in cue.pattern.finditer(doc.mask, lo, hi):
            if cue.needs is not None and not cue.needs.search(para):
                continue
            hits.append(_Hit(cue.key, m.start(), m.end()))
    return hits


def _nearest_left(doc: _Doc, lo: int, hi: int, para: str) -> _Hit | None:
    hits = _cue_hits(doc, lo, hi, para, side="left")
    if not hits:
        return None
    best = max(hits, key=lambda h: (h.end, h.end - h.start, h.key is not None))
    # "民主监督和调研视察12次", "专项视察、执法检查、专题询问32次": a count after a list
    # of joined activities goes to the first one; an item that names no activity
    # ("视察、督查和执法检查14次", "决议决定和审议意见82项") does not end the list.
    first = best
    pos = _item_start(doc.norm, best.start, lo)
    skipped = 0
    while doc.norm[pos - 1 : pos] in _JOINERS and skipped <= 2:
        before = [h for h in hits if h.end == pos - 1 and h.key is not None]
        if before:
            first = max(before, key=lambda h: h.end - h.start)
            pos = _item_start(doc.norm, first.start, lo)
            skipped = 0
            continue
        item_start = _item_start(doc.norm, pos - 1, lo, reach=6)
        if item_start >= pos - 2 or any(item_start < h.end <= pos - 1 for h in hits):
            break
        pos = item_start
        skipped += 1
    return first if first.key is not None else best


_JOINERS = ("和", "及", "与", "、")


def _item_start(norm: str, pos: int, lo: int, reach: int = 4) -> int:
    """Where the list item ending at `pos` starts: after a joiner at most `reach` characters
    back ("代表视察", "审议意见"), else `pos` itself."""
    for i in range(pos - 1, max(lo, pos - reach - 1) - 1, -1):
        ch = norm[i]
        if ch in _JOINERS:
            return i + 1
        if not _CJK.match(ch):
            break
    return pos


def _first_right(doc: _Doc, lo: int, hi: int, para: str, *, keys_only: bool = False) -> _Hit | None:
    hits = _cue_hits(doc, lo, hi, para, side="right")
    if keys_only:
        hits = [h for h in hits if h.key is not None]
    # "8个有关法律问题的决定": a noun before 的 only modifies the head noun after it
    heads = [h for h in hits if not re.match(r"[^，,。；;、]{0,3}?的", doc.norm[h.end : h.end + 4])]
    if heads:
        hits = heads
    if not hits:
        return None
    first = min(hits, key=lambda h: (h.start, -(h.end - h.start), h.key is None))
    # "4场常委会议专题协商", "11个重点提案办理协商": in a compound noun the last word is the
    # head; an activity written after the first cue, with no break between, is what was held
    head = first
    while True:
        nxt = [
            h
            for h in hits
            if h.key in rules.TOPIC_KEYS
            and 0 <= h.start - head.end <= 4
            and all(_CJK.match(ch) for ch in doc.norm[head.end : h.start])
            and not any(ch in _JOINERS for ch in doc.norm[head.end : h.start])
        ]
        if not nxt:
            break
        head = min(nxt, key=lambda h: (h.start, -(h.end - h.start)))
    if head is first and first.key == "opinion.submitted":
        # "5条社情民意信息得到全国政协采纳": what became of the opinions is what is counted
        adopted = [h for h in hits if h.key == "opinion.adopted" and 0 <= h.start - first.end <= 2]
        if adopted:
            return _Hit("opinion.adopted", first.start, adopted[0].end)
    # the measure word counts the whole compound ("11个重点提案办理协商")
    return head if head is first else _Hit(head.key, first.start, head.end, head=True)


def _fits(key: str | None, unit: str | None, body: str | None) -> bool:
    """Whether `key` can count in `unit` (None: any) for this kind of body."""
    if key is None or (unit is not None and unit not in rules.KEY_UNITS[key]):
        return False
    return body is None or body in rules.KEY_KINDS[key]


def _person_count(doc: _Doc, c: _Candidate, s: int, cs: int, ce: int) -> str | None:
    """人次 of members/deputies taking part: 代表列席常委会会议35人次, 委员参加…活动220余人次."""
    if c.unit != "人次":
        return None
    clause = re.sub(r"\s+", "", doc.norm[cs:ce])
    prefix = re.sub(r"\s+", "", doc.norm[s : c.start])
    if rules.TAKING_PART_RE.search(clause) and rules.PERSON_RE.search(prefix[-40:]):
        # "共收到委员提案184件,参与委员244人次": the members behind the proposals
        if re.match(r"(?:参与|参加)(?:提出提案的?)?委员", clause) and "提案" in prefix[-30:]:
            return None
        return "member.activities"
    return None


@dataclass
class _Found:
    key: str
    cand: _Candidate
    qs: int  # quote span (absolute)
    qe: int


def _classify_units(
    doc: _Doc, c: _Candidate, stops: list[int], s: int, e: int, para: str, ends: tuple[int, ...] = ()
) -> list[tuple[str, int, int, bool]]:
    """Keys for one count, each with the span its cue covers.

    The flag is True where a structural rule ("N个课题…开展调研") vouched for the measure
    word; otherwise the caller checks the unit against the key.
    """
    norm, mask = doc.norm, doc.mask
    cs, ce = _clause_bounds(doc, c.start, s, e)
    rstart = c.end
    paren = re.match(r"[（(][^）)\n]{0,40}[）)]", norm[rstart:e])
    if paren:
        # "320件(其中政府302件,…)建议": the noun comes after the aside
        rstart += paren.end()
        ce = _clause_bounds(doc, rstart, s, e)[1]
    right_end = min([ce] + [p for p in stops if p >= rstart])
    right = mask[rstart:right_end]
    left_ctx = norm[cs : c.start]
    if rules.STOCK_RE.search(rules.DATED_DONE_RE.sub("", left_ctx)) and not (
        c.unit == "%" and rules.RATE_THEN_ANSWERED_RE.match(norm, c.end)  # "截至2月20日,99.2%已经办复"
    ):
        return []

    # 分别为 a、b: the list before 分别 names the figures in order.
    resp = list(rules.RESPECTIVELY_RE.finditer(norm, cs, c.start))
    if resp:
        r = resp[-1]
        between = [p for p in stops if r.end() <= p < c.start]
        left_hits = sorted(
            (h for h in _cue_hits(doc, cs, r.start(), para, side="left") if h.key is not None),
            key=lambda h: (h.start, -(h.end - h.start)),
        )
        ordered: list[_Hit] = []
        for h in left_hits:
            if not ordered or h.start >= ordered[-1].end:
                ordered.append(h)
        if len(between) < len(ordered):
            h = ordered[len(between)]
            return [(h.key, h.start, c.end, False)] if h.key else []

    # "N个课题…开展调研": what was done with the topics.
    if c.raw_unit == "个" and rules.TOPIC_RE.match(right):
        tail_end = e
        later = [p for p in stops if p > c.start]
        if later:
            tail_end = min(tail_end, later[0])
        hit = _first_right(doc, rstart + rules.TOPIC_RE.match(right).end(), tail_end, para, keys_only=True)  # type: ignore[union-attr]
        # "145个题目,开展实地调研263次": the verb has its own count, the topics are not one
        own = hit and any(hit.end <= p < _clause_bounds(doc, hit.end, s, e)[1] for p in stops)
        if hit and not own and hit.key in rules.TOPIC_KEYS and hit.start - c.end <= 40:
            return [(hit.key, c.start, hit.end, True)]
        return []
    # "5个政府工作部门…工作报告" / "五个单位…民主监督"
    if c.raw_unit in ("个", "家") and rules.TARGET_RE.match(right):
        clause = mask[cs:ce]
        wr = re.search(r"(?:听取|审议)", mask[cs : c.start])
        if wr and re.search(r"报告|汇报", right):
            rep = re.search(r"报告|汇报", right)
            if rep is None:
                return []
            return [("oversight.work_reports", cs + wr.start(), rstart + rep.end(), True)]
        sup = re.search(r"监督(?!员)", right)
        if sup and "民主监督" in clause:
            return [("supervision.events", c.start, rstart + sup.end(), True)]
        return []
    # "对2部法律法规实施情况开展了执法检查"
    if c.raw_unit in ("部", "件", "个") and rules.LAW_RE.match(right):
        # "对12部法律法规的贯彻实施情况进行了检查": 对 names what the check is of
        m = re.search(
            # "开展2部法律法规执行情况检查": the check of how they are carried out
            r"执法检查|(?:执行|实施)情况的?检查" if norm[c.start - 1 : c.start] != "对" else r"(?:执法)?检查",
            mask[rstart:ce],
        )
        if m:
            return [("oversight.law_inspections", c.start, rstart + m.end(), True)]
        # "检查6部法律实施情况", "检查5件法律实施情况": the verb stands before the count
        v = re.search(r"检查$", norm[max(cs, c.start - 4) : c.start])
        if v and (c.raw_unit == "部" or (c.raw_unit == "件" and right.startswith("法律"))):
            return [("oversight.law_inspections", c.start - 2, c.end, True)]
        if c.raw_unit == "部":
            return []
    # "经济建设方面提出提案94件,占53.7%": one category's share of a total
    if c.unit != "%" and rules.CATEGORY_SHARE_RE.match(norm, c.end):
        return []
    # "15件议案涉及的6件法律": a part of the count before, and what that part led to
    if starts_noun_subset(right) or re.search(r"涉及的?$", left_ctx):
        return []

    if c.unit == "%":
        hit = _nearest_left(doc, cs, c.start, para)
        if hit and hit.key in ("proposal.answer_rate", "proposal.satisfaction_rate"):
            return [(hit.key, hit.start, c.end, False)]
        # "截至2月20日,99.2%已经办复": the share of the proposals answered, verb after
        after = rules.RATE_THEN_ANSWERED_RE.match(norm, c.end)
        if hit is None and after and "提案" in para:
            return [("proposal.answer_rate", c.start, after.end(), False)]
        if hit is None and rules.SHARE_RE.search(left_ctx) and cs > s:
            # "满意或基本满意的291件,占94.8%": the share of the count in the clause before
            ps, _ = _clause_bounds(doc, cs - 1, s, e)
            prev = norm[ps : cs - 1]
            for share_key, cue in rules.SHARE_KEYS:
                m = cue.search(prev)
                if m and "提案" in norm[max(s, ps - 60) : cs]:
                    return [(share_key, ps + m.start(), c.end, False)]
        return []

    # "代表3178人次参加专题调研", "1800多名代表参加集中视察", "2186人次…参加学习培训"
    if c.unit in rules.PEOPLE_UNITS and rules.PEOPLE_TAKE_PART_RE.match(norm[rstart:ce]):
        near = re.sub(r"\s+", "", norm[max(s, c.start - 30) : ce])
        if rules.PERSON_RE.search(near):
            tr = re.search(r"培训", norm[rstart:ce])
            if tr:
                return [("member.training", c.start, rstart + tr.end(), True)]
            # members taking part are counted in 人次; "25名委员参与…" counts people
            return [("member.activities", c.start, ce, False)]

    starts_noun = bool(right) and (_CJK.match(right[0]) or right[0] in '“"□')
    # "审议“一府两院”18项报告", "讨论、决定12项重大事项": the verb before, a bare noun after
    if re.match(r"报告|汇报", right) and re.search(r"(?:听取|审议)[^，,。；;、]{0,10}$", left_ctx):
        return [("oversight.work_reports", c.start, rstart + 2, False)]
    if re.match(r"重大事项", right) and re.search(r"决定了?$", left_ctx):
        return [("decision.resolutions", c.start, rstart + 4, False)]
    # "10件提案被确定为重点提案", "79件(系列)提案被确定为省领导牵头督办重点提案"
    kp = re.match(
        r"(?:[(（][^()（）]{1,4}[)）])?提案(?:被)?(?:确定|确立|列|遴选|选定)为?[^，,。；;、]{0,8}?重点(?:督办)?提案",
        right,
    )
    if c.unit == "件" and kp:
        return [("proposal.key", c.start, rstart + kp.end(), False)]
    if starts_noun and re.match(r"(?:优秀|好|优质|精品)提案", right):
        return []  # "评选出5件优秀提案": an award among proposals, not a count of them
    # "立案提案1093件全部办复": the cue before names the count, and all were answered
    done = rules.ALL_ANSWERED_RE.match(norm, rstart + len(re.match(r"[已都]*", right).group()))  # type: ignore[union-attr]
    if c.unit == "件" and done and "提案" in left_ctx:
        counted = ""
        if re.search(r"(?<![不未])立案", left_ctx):
            counted = "proposal.registered"
        elif re.search(r"收到|提交|征集|提出", left_ctx):
            counted = "proposal.submitted"
        if counted:
            return [(k, cs, done.end(), False) for k in (counted, "proposal.answered")]
    if starts_noun:
        if c.unit == "件" and re.match(r"^[^，,。]{0,4}?提案", right) and not re.match(r"^重点", right):
            if rules.AWARD_RE.match(right[right.index("提案") + 2 :]) or re.match(r"提案参评", right):
                return []  # "12件提案获评优秀提案", "推荐3件提案参评": an award, not a count
            keys: list[str] = []
            if "立案" in left_ctx:
                keys.append("proposal.registered")
            elif re.search(r"收到|提交|征集|提出", left_ctx):
                keys.append("proposal.submitted")
            done = rules.ALL_ANSWERED_RE.search(norm, rstart, ce)
            if done:
                keys.append("proposal.answered")
            if not keys:
                keys.append("proposal.submitted")
            end = done.end() if done else rstart + right.index("提案") + 2
            return [(k, cs if k == "proposal.registered" else c.start, end, False) for k in keys]
        # "反映10条有价值的社情民意": the verb before the count, the opinions after it
        op = re.match(r"[^，,。；;、]{0,8}?社情民意", right)
        if (
            op
            and c.unit in rules.KEY_UNITS["opinion.submitted"]
            and rules.OPINION_VERB_END_RE.search(left_ctx)
        ):
            return [("opinion.submitted", c.start - 2, rstart + op.end(), False)]
        adverbial = c.unit in ("次", "场", "场次") and re.match(
            r"(?:组织|开展|召开|深入|赴|到|举办|进行|参加)", right
        )
        hit = _first_right(doc, rstart, right_end, para, keys_only=bool(adverbial))
        if hit and hit.end in stops:
            hit = None  # "平时提案11件办结6件": 办结 names the 6
        if hit and (adverbial or hit.start - rstart <= 12):
            if hit.key is None:
                return []
            if hit.key.startswith("opinion.") and re.search(
                r"转为|转作|作为|转化为", norm[rstart : hit.start]
            ):
                return []  # "不予立案的44件转为社情民意信息": proposals passed on, no information written
            if hit.key == "decision.resolutions" and rules.AMEND_RE.search(left_ctx):
                return []  # "修改…1个有关法律问题的决定" amends a decision, it makes none
            if not rules.AWARD_RE.match(mask[hit.end : hit.end + 4]):
                return [(hit.key, c.start, hit.end, hit.head and c.raw_unit == "个")]
            return []
        if c.unit in ("名", "人") and re.match(r"^[^，,。]{0,8}?(?:委员|代表)", right):
            tr = re.search(r"培训", mask[rstart:e])
            if tr and not re.search(r"[。；;]", norm[rstart : rstart + tr.start()]):
                return [("member.training", c.start, rstart + tr.end(), False)]
            return []

    abbrev = rules.ABBREV_MEETING_RE.search(norm, cs, c.start)
    if abbrev and c.unit in ("次", "场"):
        return [(rules.ABBREV_MEETING_KEYS[abbrev.group(1)], abbrev.start(), c.end, False)]

    # the activity named before the count
    lo = cs
    if not left_ctx.strip() and re.match(r"(?:参加|参与)", norm[c.end : c.end + 2]):
        # "举办学习讲座9期、专题培训8次,1800余人次参加": the previous clause names it
        lo, _ = _clause_bounds(doc, max(s, cs - 1), s, e)
    # "专项视察15项、立法后评估2项": a cue before an earlier count names that one, unless
    # the two counts are of one thing ("来访来信18件266人次")
    earlier = [end for end in ends if lo < end <= c.start]
    if earlier and _CJK.search(re.sub(r"[和及与、其中共计]", "", norm[max(earlier) : c.start])):
        lo = max(earlier)
    hit = _nearest_left(doc, lo, c.start, para)
    if hit is not None and hit.key is None:
        return []
    if (
        hit is not None
        and hit.key is not None
        and hit.key.startswith("opinion.")
        and re.search(r"(?:转为|转作|转化为|作为)$", norm[max(lo, hit.start - 4) : hit.start])
    ):
        return []  # "转为社情民意信息和意见建议32件": proposals passed on, no information written
    if hit is not None and _mixed_total(doc, hit, c, para):
        return []
    if hit is not None and rules.AWARD_TIGHT_RE.match(mask[c.end : c.end + 4]):
        return []
    key = hit.key if hit else None
    if key is not None and c.unit in rules.KEY_UNITS[key]:
        return [(key, hit.start if hit else cs, c.end, False)]
    person = _person_count(doc, c, s, cs, ce)
    if person:
        return [(person, cs, c.end, False)]
    return []


def _mixed_total(doc: _Doc, hit: _Hit, c: _Candidate, para: str) -> bool:
    """ "调研视察报告、协商意见、社情民意共7篇": one total over a list of different outputs."""
    gap = doc.norm[hit.end : c.start]
    if not gap.startswith("、") or not re.search(r"(?:共|共计|合计|总计)$", gap):
        return False
    others = _cue_hits(doc, hit.end, c.start, para, side="right") + [
        _Hit("opinion.submitted", m.start(), m.end())
        for m in re.finditer(r"社情民意", doc.norm[hit.end : c.start])
    ]
    return any(h.key is not None and h.key != hit.key for h in others)


def starts_noun_subset(right: str) -> bool:
    """Whether the words after a count make it a part of another ("15件议案涉及的…")."""
    return bool(rules.SUBSET_RE.match(right))


def _quote(doc: _Doc, qs: int, qe: int, num_start: int, num_end: int, s: int, e: int) -> str:
    """The cue and the count, 10-60 characters, kept inside the sentence when it can be."""
    text = doc.text
    line_start = text.rfind("\n", 0, num_start) + 1
    line_end = text.find("\n", num_end)
    line_end = len(text) if line_end < 0 else line_end
    qs, qe = max(qs, line_start), min(max(qe, num_end), line_end)
    qs = min(qs, num_start)
    if qe - qs > 60:
        qs = max(qs, num_end - 60) if qs < num_start - 40 else qs
        qe = min(qe, qs + 60)
    # Too short: take in the words before the number first, they name what it counts.
    while qe - qs < 10 and qs > max(line_start, s):
        qs -= 1
    while qe - qs < 10 and qe < min(line_end, e):
        qe += 1
    while qe - qs < 10 and qs > line_start:
        qs -= 1
    while qe - qs < 10 and qe < line_end:
        qe += 1
    if doc.offsets is None:
        return text[qs:qe]
    # the quote as given, reading aids and all, still at most 60 characters
    off = doc.offsets
    while off[qe - 1] + 1 - off[qs] > 60 and qe - qs > 10:
        if qs < num_start and (num_start - qs >= qe - num_end or qe <= num_end):
            qs += 1
        else:
            qe -= 1
    return doc.source[off[qs] : off[qe - 1] + 1]


_LEVELS = {"县": "县旗", "旗": "县旗", "区": "区", "市": "市", "州": "州盟", "盟": "州盟", "省": "省自治区"}


def _own_levels(region: str | None) -> str | None:
    """The level words (县, 市, 省…) by which the report names its own body."""
    if not region:
        return None
    if region.endswith("自治区"):
        return "省自治区"
    if region in ("北京市", "天津市", "上海市", "重庆市"):
        return "市省"
    return _LEVELS.get(region[-1])


def _not_own(doc: _Doc, c: _Candidate, key: str, s: int, e: int) -> bool:
    """A count that belongs to no activity of the reporting body in the reviewed year.

    "本届以来累计立案提案628件" in an annual report; "全市各级政协共立案提案2460件";
    "省人大常委会来我区开展执法检查2次", "全国政协共立案提案5000余件" (another level's body
    as the subject); "县委书记出席常委会会议2次" (a guest at the body's meeting).
    """
    norm = doc.norm
    cs, ce = _clause_bounds(doc, c.start, s, e)
    if doc.year is not None and rules.CUMULATIVE_RE.search(norm, s, c.start):
        return True
    if doc.year is not None and any(int(y) < doc.year for y in rules.SINCE_YEAR_RE.findall(norm, s, c.start)):
        return True
    if key == "member.stations" and re.search(r"达到?$|共有|总数", norm[cs : c.start]):
        return True  # "全区委员工作室达到36个": how many there are, not how many were set up
    clause = norm[cs:ce]
    if rules.ALL_LEVELS_RE.search(norm, cs, c.start):
        return True
    if key.startswith("meeting.") and re.search(r"出席|列席", clause):
        return True
    if key.startswith("proposal."):
        to = rules.TO_OTHER_BODY_RE.search(norm, cs, c.start)
        own_level = _own_levels(doc.region)
        # only the item the count ends ("向全国政协提交联名提案40余件、征集提案5677件")
        item = norm[to.end() : c.start] if to else ""
        if to and not re.search(r"[、\d]", item) and (own_level is None or to.group(1) not in own_level):
            return True  # "向全国政协提交联名提案40余件": the proposals of another body
    if key in ("instruction.leader", "opinion.adopted"):
        return False  # "省政协领导批示11次", "被省政协采用": others act on the body's work
    own = _own_levels(doc.region)
    m = rules.OTHER_BODY_RE.match(norm, cs)
    if m and own is not None and m.group(1) not in own and m.end() <= c.start:
        return m.group(1) != "全国" or doc.region is not None
    return False


def _topical_subset(doc: _Doc, c: _Candidate, s: int, e: int, found: list[dict[str, Any]]) -> bool:
    """ "围绕社会保障和改善民生提出提案170件" after the year's total: proposals on one topic.

    Only below a larger total already read, and not "围绕…共收到提案N件" (a total itself).
    """
    head = re.split(r"[，,；;。]", doc.norm[s : c.start])[-1]
    if not re.match(r"\s*(?:围绕|聚焦|针对|关于)", head) or re.search(r"共|总|合计|累计", head):
        return False
    return any(f["key"] == "proposal.submitted" and f["value"] > c.value for f in found)


def _figures(doc: _Doc) -> list[dict[str, Any]]:
    text = doc.text
    lines = _line_spans(text)
    plans = _plan_ranges(text, lines)
    line_of = {}
    for ls, le in lines:
        line_of[ls] = le
    found: list[dict[str, Any]] = []
    seen: set[tuple[str, float]] = set()

    def in_plan(pos: int) -> bool:
        return any(a <= pos < b for a, b in plans)

    def add(key: str, value: float, unit: str, approx: bool, quote: str) -> None:
        if (key, value) in seen:
            return
        seen.add((key, value))
        out_unit = unit if key == "petition.cases" else rules.KEY_UNIT[key]
        found.append({"key": key, "value": value, "unit": out_unit, "approx": approx, "quote": quote})

    plan_list_para = -1  # the paragraph of a plan that goes on as a numbered list
    for s, e in _sentences(text, lines):
        if in_plan(s):
            continue
        sent = doc.norm[s:e]
        para_start = text.rfind("\n", 0, s) + 1
        # "新的一年,县人大主要开展12项工作,包括1、…。2、开展两部法律执法检查。": the items
        # of a plan are sentences of their own and say nothing of the future themselves
        if para_start == plan_list_para and rules.LIST_ITEM_RE.match(sent):
            continue
        if rules.FUTURE_RE.search(sent) or rules.FREQUENCY_RE.search(sent):
            if rules.PLAN_LIST_RE.search(sent):
                plan_list_para = para_start
            continue
        para_end = text.find("\n", e)
        para = doc.norm[para_start : len(text) if para_end < 0 else para_end]
        cands = _candidates(doc, s, e)
        stops = [c.start for c in cands]
        ends = tuple(c.end for c in cands)
        last_proposal: _Candidate | None = None
        for c in cands:
            for key, qs, qe, vouched in _classify_units(doc, c, stops, s, e, para, ends):
                if not (_fits(key, c.unit, doc.body) or (vouched and _fits(key, None, doc.body))):
                    continue
                if _not_own(doc, c, key, s, e):
                    continue
                if key == "proposal.submitted" and _topical_subset(doc, c, s, e, found):
                    continue
                add(key, c.value, c.unit, c.approx, _quote(doc, qs, qe, c.start, c.end, s, e))
                if key in ("proposal.submitted", "proposal.registered"):
                    last_proposal = c
        # "共征集提案261件,…,现已全部办复": the answered count is the one before.
        if last_proposal is not None and doc.body != CONGRESS:
            answered = list(rules.ALL_ANSWERED_RE.finditer(doc.norm, last_proposal.end, e))
            # "立案678件。截至目前已全部办复。": the next sentence says only that all are answered
            nxt = rules.NEXT_ALL_ANSWERED_RE.match(doc.norm, e)
            if not answered and nxt and not NUMBER_RE.search(doc.norm, e, nxt.end()):
                answered = [nxt]
            for m in answered:
                # a share ("民生类提案占40%") between them is no other count
                if any(
                    last_proposal.end < c.start < m.start()
                    and c.unit != "%"
                    and not rules.TARGET_RE.match(doc.norm[c.end : c.end + 12])
                    for c in cands
                ):
                    break
                add(
                    "proposal.answered",
                    last_proposal.value,
                    "件",
                    last_proposal.approx,
                    _quote(doc, last_proposal.start, m.end(), last_proposal.start, last_proposal.end, s, e),
                )
                break
    return found


def extract_text(text: str, doc: str = "") -> dict[str, Any]:
    """The figures of one report, in the labels' JSON form (figure-schema.md)."""
    if not text or not text.strip():
        raise DocumentError("文件为空")
    source = text
    text, offsets = _strip_annotations(text)
    norm = text.translate(_FULLWIDTH).translate(rules.TRAD_TO_SIMP)
    if not looks_like_report(norm):
        raise DocumentError(NOT_A_REPORT)
    body = detect_body(norm)
    region = detect_region(norm)
    d = _Doc(
        text=text,
        norm=norm,
        mask=_masked(norm),
        body=body,
        year=detect_year(norm),
        source=source,
        offsets=offsets,
        region=region,
    )
    return {
        "doc": doc,
        "body": body,
        "region": region,
        "year": d.year,
        "figures": _figures(d),
    }
