"""The learned duplicate (并案) decision for one pair of texts, and why.

The similarity index (engine.py) finds candidates by cosine; this module decides whether a
candidate is the *same matter*: same specific problem at the same place or object, so that
one reply answers both. One cosine threshold cannot separate that from its near misses
(same estate but another problem, same problem at another estate, one complainant's
unrelated messages), so the decision is a logistic regression over features that do:

- similarity of the titles and of the details, separately (title char-bigram overlap, a
  MinHash estimate of the detail's char-bigram Jaccard) besides the index's cosine;
- agreement and conflict of the places named, by kind (estate, organisation, road), of
  masked districts (A3区) and of people named;
- the kind of problem each title raises (油烟, 噪音, 违建 … see ``PROBLEM_KINDS``);
- the same submitter, and the days between the two messages.

The weights come from ``data/dedup_model.json``, made by ``bench/dedup_train.py`` from the
hand-labelled pairs of ids in ``bench/data`` (cross-validated there; the file holds the
feature rows and labels, no message text). Staff accept/dismiss decisions become more
labelled rows: :meth:`PairModel.refit` learns from them on top of the shipped rows.

Pure Python (numpy, scikit-learn); nothing here imports Django or the engine.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent / "data" / "dedup_model.json"

# Kinds of problem a citizen raises, each with the words that name it in a title. Display
# label first: it is what the reason shown to staff says ("同一问题：油烟扰民").
PROBLEM_KINDS: dict[str, tuple[str, ...]] = {
    "油烟扰民": ("油烟", "烧烤", "夜宵", "宵夜", "排烟", "烟道", "烟管"),
    "噪音扰民": ("噪音", "噪声", "鸣笛", "吵闹", "广场舞", "夜间施工", "通宵施工", "凌晨施工"),
    "违章建筑": ("违建", "违章建", "违法建", "私搭", "乱搭", "加建", "圈地", "违章搭"),
    "停车": ("停车", "车位", "违停"),
    "物业服务": ("物业",),
    "漏水渗水": ("漏水", "渗水", "渗漏", "防水", "反水"),
    "拆迁征收": ("拆迁", "征收", "征地", "安置房", "补偿款"),
    "入学学位": ("学位", "入学", "学区", "招生", "划片", "就读", "配套小学", "配套学校"),
    "补课收费": ("补课", "乱收费", "收费补"),
    "拖欠工资": ("工资", "欠薪", "薪酬", "血汗钱"),
    "产权办证": ("房产证", "不动产", "产权证", "办证", "网签", "产权"),
    "电梯": ("电梯",),
    "供水供电": ("停水", "停电", "供水", "水压", "水质", "供电", "二次供水", "用电"),
    "垃圾": ("垃圾",),
    "交通信号": ("红绿灯", "信号灯", "斑马线", "人行道", "过街"),
    "公交线路": ("公交", "班车", "线路", "路车"),
    "麻将赌博": ("麻将", "赌博", "棋牌"),
    "污染排放": ("排污", "污水", "废气", "粉尘", "扬尘", "搅拌站", "搅拌厂", "臭气", "恶臭", "污染"),
    "退款退费": ("退款", "押金", "退费", "定金", "认购金", "退还"),
    "社保医保": ("社保", "医保", "养老保险", "保险"),
    "公积金": ("公积金",),
    "户籍落户": ("户口", "落户", "户籍"),
    "补贴": ("补贴", "补助", "奖励"),
    "占道经营": ("占道", "摊贩", "摆摊", "夜市"),
    "道路修建": ("修路", "断头路", "拉通", "打通", "道路", "路面", "修建", "改造"),
    "路灯照明": ("路灯", "照明"),
    "房屋质量": ("质量", "开裂", "裂缝", "空鼓", "沉降"),
    "渣土车": ("渣土车", "渣土", "泥头车"),
    "消防安全": ("消防", "安全隐患", "隐患", "液化气", "煤气"),
    "诈骗维权": ("诈骗", "欺诈", "非法集资", "跑路", "维权"),
    "捆绑销售": ("捆绑", "车位款", "强制收取"),
    "医疗": ("医院", "医生", "就医", "看病"),
}

# Kinds of place, by the suffix that ends the name (engine.PLACE_SUFFIXES plus 公司 …).
_ESTATE = (
    "小区 花园 家园 新城 公寓 大厦 广场 苑 园 城 府 湾 公馆 山庄 名都 华庭 国际 天地 郡 宿舍 楼盘 项目 片区"
)
_ORG = "学校 小学 中学 大学 学院 幼儿园 医院 卫生院 集团 中心 驾校 酒店 公司 银行 工厂 厂 局 所 站"
_ROAD = "路 街 大道 巷 街道 车站 大桥 桥 高速 立交 隧道"
ESTATE_SUFFIXES = frozenset([*_ESTATE.split(), "社区", "村", "组", "镇", "乡", "市场", "商城", "院"])
ORG_SUFFIXES = frozenset(_ORG.split())
ROAD_SUFFIXES = frozenset(_ROAD.split())
PLACE_KIND_LABEL = {"estate": "小区", "org": "单位", "road": "路段", "other": "地点"}

_DISTRICT = re.compile(r"[A-Z]\d{1,2}区|[A-Z]\d{1,2}县|[B-Z]市")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
# A person named in the text: 我是张三 / 本人李四 / 老板杨某 … (two or three characters).
_PERSON = re.compile(
    r"(?:我是|本人|我叫|名叫|老板|经理|书记|主任|村长|会长)([\u4e00-\u9fff]{2,3}?)(?=[，。,、！!（(的是于在])"
)
# Words of a title that say nothing about the matter (requests, politeness, masked places).
_TITLE_NOISE = re.compile(r"[A-Z]\d{0,2}[区县市]|西地省|关于|反映|投诉|请求|建议|咨询|问题|的|了|请|A市")

SIGNATURE_SIZE = 64
_MERSENNE = (1 << 61) - 1
_rng = np.random.default_rng(20261202)
_HASH_A = _rng.integers(1, _MERSENNE, SIGNATURE_SIZE, dtype=np.int64).astype(np.uint64)
_HASH_B = _rng.integers(0, _MERSENNE, SIGNATURE_SIZE, dtype=np.int64).astype(np.uint64)


def place_kind(suffix: str) -> str:
    if suffix in ESTATE_SUFFIXES:
        return "estate"
    if suffix in ORG_SUFFIXES:
        return "org"
    if suffix in ROAD_SUFFIXES:
        return "road"
    return "other"


def problem_kinds(text: str) -> frozenset[str]:
    return frozenset(label for label, words in PROBLEM_KINDS.items() if any(w in text for w in words))


def _bigrams(text: str) -> set[str]:
    out: set[str] = set()
    for run in _CJK_RUN.findall(text):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


def signature(text: str) -> bytes:
    """MinHash of the text's char bigrams (SIGNATURE_SIZE uint32); b"" for < 2 bigrams."""
    grams = _bigrams(text)
    if len(grams) < 2:
        return b""
    h = np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams))
    # (a * h + b) mod 2^61-1 per hash function, computed in uint64 with wrap-around: a
    # universal-enough family for an estimate of Jaccard similarity.
    mixed = (h[None, :] * _HASH_A[:, None] + _HASH_B[:, None]) % np.uint64(_MERSENNE)
    return (mixed.min(axis=1) & np.uint64(0xFFFFFFFF)).astype(np.uint32).tobytes()


def signature_similarity(a: bytes, b: bytes) -> float:
    if not a or not b:
        return 0.0
    return float(np.mean(np.frombuffer(a, dtype=np.uint32) == np.frombuffer(b, dtype=np.uint32)))


@dataclass(frozen=True, slots=True)
class PairInfo:
    """What the pair decision needs from one text; made once per document (engine.analyze)."""

    title: str = ""  # the title line, masked districts and request words removed
    places: tuple[tuple[str, str], ...] = ()  # (name core, suffix): ("丽发", "新城")
    problems: frozenset[str] = frozenset()  # PROBLEM_KINDS labels of the title (or opening)
    persons: frozenset[str] = frozenset()
    body_signature: bytes = b""
    topics: frozenset[str] = frozenset()  # PROBLEM_KINDS labels of the title and the opening

    def cores(self, kind: str | None = None) -> frozenset[str]:
        return frozenset(c for c, s in self.places if kind is None or place_kind(s) == kind)


_ALL_SUFFIXES = sorted(ESTATE_SUFFIXES | ORG_SUFFIXES | ROAD_SUFFIXES, key=len, reverse=True)
# Suffixes that end too many ordinary words (政府, 请求贵局, 派出所) to be read off spelling alone.
_SPELLED_SUFFIXES = [
    x for x in _ALL_SUFFIXES if x not in {"府", "院", "局", "所", "站", "厂", "组", "乡", "镇"}
]
_NAME_BEFORE_SUFFIX = re.compile(  # a lookahead only, so matches overlap (力之|城, 之城|小区)
    r"(?=([\u4e00-\u9fff]{2})(" + "|".join(re.escape(x) for x in _SPELLED_SUFFIXES) + r"))"
)
_NON_NAME_CHARS = frozenset(
    "的了在是和与及到从向对该本这那我你他们个近旁边附里内外上下中前后其此每各某有无为被把让给区市县省号栋楼层期"
)


def spelled_places(text: str, generic: frozenset[str] = frozenset()) -> set[tuple[str, str]]:
    """(core, suffix) for every two characters written right before a place suffix.

    Complements the engine's word-based names, which miss names jieba splits oddly
    (魅力之城 → 魅力/之/城): the same spelling in two texts gives the same cores.
    """
    out: set[tuple[str, str]] = set()
    for m in _NAME_BEFORE_SUFFIX.finditer(_DISTRICT.sub("，", text)):
        core = m.group(1)
        if core in generic or any(ch in _NON_NAME_CHARS for ch in core) or core in _ALL_SUFFIXES:
            continue
        out.add((core, m.group(2)))
    return out


def pair_info(
    title: str, body: str, places: Iterable[tuple[str, str]], *, generic: frozenset[str] = frozenset()
) -> PairInfo:
    """Build the PairInfo of a text from its title, body and place names (core, suffix);
    ``generic`` are cores that describe rather than name (居民小区, 附近学校)."""
    clean_title = _TITLE_NOISE.sub("", title)
    problems = problem_kinds(title) or problem_kinds(body[:120])
    spelled = spelled_places(title, generic)  # titles name places densely; bodies ramble
    return PairInfo(
        title=clean_title[:80],
        places=tuple(sorted(set(places) | spelled)),
        problems=problems,
        persons=frozenset(_PERSON.findall(title + "\n" + body[:400])),
        body_signature=signature(body[:1500]),
        topics=problems | problem_kinds(body[:400]),
    )


FEATURES: tuple[str, ...] = (
    "cosine",
    "title_jaccard",
    "title_containment",
    "body_jaccard",
    "place_shared",
    "place_conflict",
    "place_mentioned",
    "estate_shared",
    "estate_conflict",
    "org_shared",
    "org_conflict",
    "road_shared",
    "road_conflict",
    "district_same",
    "district_conflict",
    "problem_same",
    "problem_conflict",
    "person_shared",
    "same_author",
    "author_known",
    "log_days",
    "days_known",
    "cosine_x_place_conflict",
    "title_x_problem_conflict",
    "cosine_x_same_author",
    "body_x_place_shared",
    "place_shared_x_problem_conflict",
    "place_conflict_x_problem_same",
    "title_rest_jaccard",
    "title_common_run",
    "topic_jaccard",
    "topic_x_place_shared",
)


@dataclass(frozen=True, slots=True)
class Side:
    """One text of a pair: its PairInfo, masked districts, a ``mentions`` test and metadata."""

    info: PairInfo
    districts: frozenset[str] = frozenset()
    text_bigrams: frozenset[str] | None = None  # for "mentions" when no index is at hand
    author: str = ""
    day: int | None = None  # date.toordinal()

    def mentions(self, core: str) -> bool:
        return self.text_bigrams is not None and core in self.text_bigrams


def features(
    a: Side, b: Side, cosine: float, *, a_mentions: Any = None, b_mentions: Any = None
) -> list[float]:
    """The feature row of one pair (order: FEATURES). ``*_mentions`` override Side.mentions."""
    am = a_mentions or a.mentions
    bm = b_mentions or b.mentions
    ta, tb = _bigrams(a.info.title), _bigrams(b.info.title)
    inter = len(ta & tb)
    title_j = inter / len(ta | tb) if ta and tb else 0.0
    title_c = inter / min(len(ta), len(tb)) if ta and tb else 0.0
    body_j = signature_similarity(a.info.body_signature, b.info.body_signature)
    ca, cb = a.info.cores(), b.info.cores()
    shared = bool(ca & cb)
    mentioned = bool(ca and cb) and not shared and (any(bm(c) for c in ca) or any(am(c) for c in cb))
    conflict = bool(ca and cb) and not shared and not mentioned

    def kind(k: str) -> tuple[float, float]:
        ka, kb = a.info.cores(k), b.info.cores(k)
        if not ka or not kb:
            return 0.0, 0.0
        if ka & kb or any(bm(c) for c in ka) or any(am(c) for c in kb):
            return 1.0, 0.0
        return 0.0, 1.0

    # The titles without their longest common run (the shared name, usually): what is left
    # says whether the *problem* is the same.
    run, rest_a, rest_b = _without_common_run(a.info.title, b.info.title)
    ra, rb = _bigrams(rest_a), _bigrams(rest_b)
    rest_j = len(ra & rb) / len(ra | rb) if ra and rb else 0.0
    ka, kb = a.info.topics, b.info.topics
    topic_j = len(ka & kb) / len(ka | kb) if ka and kb else 0.0
    es, ec = kind("estate")
    os_, oc = kind("org")
    rs, rc = kind("road")
    da, db = a.districts, b.districts
    pa, pb = a.info.problems, b.info.problems
    problem_same = float(bool(pa & pb))
    problem_conflict = float(bool(pa) and bool(pb) and not (pa & pb))
    author_known = bool(a.author) and bool(b.author)
    same_author = float(author_known and a.author == b.author)
    days_known = a.day is not None and b.day is not None
    log_days = math.log1p(abs(a.day - b.day)) / 6.0 if days_known else 0.0  # type: ignore[operator]
    return [
        cosine,
        title_j,
        title_c,
        body_j,
        float(shared),
        float(conflict),
        float(mentioned),
        es,
        ec,
        os_,
        oc,
        rs,
        rc,
        float(bool(da & db)),
        float(bool(da) and bool(db) and not (da & db)),
        problem_same,
        problem_conflict,
        float(bool(a.info.persons & b.info.persons)),
        same_author,
        float(author_known),
        log_days,
        float(days_known),
        cosine * float(conflict),
        title_j * problem_conflict,
        cosine * same_author,
        body_j * float(shared or mentioned),
        float(shared or mentioned) * problem_conflict,
        float(conflict) * problem_same,
        rest_j,
        min(run, 8) / 8.0,
        topic_j,
        topic_j * float(shared or mentioned),
    ]


def _without_common_run(a: str, b: str) -> tuple[int, str, str]:
    """Length of the longest common substring of a and b, and both with it cut out (≥ 3)."""
    best, run, _ = _common_run(a, b)
    if best < 3:
        return best, a, b
    return best, a.replace(run, "，"), b.replace(run, "，")


def _display_name(title_a: str, title_b: str, core: str, suffix: str) -> str:
    """The place as both titles spell it (魅力之城小区), cut after its suffix; else core+suffix."""
    _, run, _ = _common_run(title_a, title_b)
    at = run.find(core + suffix)
    if at < 0:
        return core + suffix
    return run[: at + len(core) + len(suffix)]


def _common_run(a: str, b: str) -> tuple[int, str, int]:
    """(length, text, end in a) of the longest common substring of a and b."""
    best, end_a = 0, 0
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            if ai == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, end_a = cur[j], i
        prev = cur
    return best, a[end_a - best : end_a], end_a


def reason(a: Side, b: Side, *, b_mentions: Any = None, **_: Any) -> str:
    """Why two texts look like one matter, for staff: "同一小区（丽发新城）、同一问题：污染排放"."""
    bm = b_mentions or b.mentions
    parts: list[str] = []
    names_b = dict(b.info.places)
    shared = [(c, s) for c, s in a.info.places if c in names_b or bm(c)]
    if shared:
        core, suffix = max(shared, key=lambda cs: place_kind(cs[1]) == "estate")
        parts.append(
            f"同一{PLACE_KIND_LABEL[place_kind(suffix)]}（{_display_name(a.info.title, b.info.title, core, suffix)}）"
        )
    elif a.districts & b.districts:
        parts.append("同一区县（" + "、".join(sorted(a.districts & b.districts)) + "）")
    common = sorted(a.info.problems & b.info.problems)
    if common:
        parts.append("同一问题：" + "、".join(common[:2]))
    if a.author and a.author == b.author:
        parts.append("同一提交人")
    return "、".join(parts) or "内容高度相似"


@dataclass
class PairModel:
    """Logistic regression over FEATURES: P(same matter). ``rows``/``labels`` keep the
    training data (numbers only) so :meth:`refit` can add staff decisions to it."""

    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray
    threshold: float = 0.5
    c: float = 1.0  # inverse regularisation strength
    rows: np.ndarray = field(default_factory=lambda: np.zeros((0, len(FEATURES))))
    labels: np.ndarray = field(default_factory=lambda: np.zeros(0))
    extra: int = 0  # labelled rows added by refit (staff decisions)

    def probability(self, row: Sequence[float]) -> float:
        z = (
            float(np.dot((np.asarray(row, dtype=np.float64) - self.mean) / self.scale, self.coef))
            + self.intercept
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        if len(rows) == 0:
            return np.zeros(0)
        z = ((np.asarray(rows, dtype=np.float64) - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def is_duplicate(self, row: Sequence[float]) -> bool:
        return self.probability(row) >= self.threshold

    @classmethod
    def fit(
        cls,
        rows: np.ndarray,
        labels: np.ndarray,
        *,
        c: float = 1.0,
        threshold: float = 0.5,
        weights: np.ndarray | None = None,
    ) -> PairModel:
        from sklearn.linear_model import LogisticRegression

        x = np.asarray(rows, dtype=np.float64)
        y = np.asarray(labels, dtype=np.int64)
        mean = x.mean(axis=0)
        scale = x.std(axis=0)
        scale[scale < 1e-9] = 1.0
        clf = LogisticRegression(C=c, max_iter=2000)
        clf.fit((x - mean) / scale, y, sample_weight=weights)
        return cls(
            coef=clf.coef_[0].astype(np.float64),
            intercept=float(clf.intercept_[0]),
            mean=mean,
            scale=scale,
            threshold=threshold,
            c=c,
            rows=x,
            labels=y.astype(np.float64),
        )

    def refit(
        self, rows: Sequence[Sequence[float]], labels: Sequence[int], *, weight: float = 3.0
    ) -> PairModel:
        """A new model trained on the shipped rows plus staff-labelled ``rows`` (each counted
        ``weight`` times: a decision about this body's own cases says more than 附件3)."""
        if not len(rows):
            return self
        extra = np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURES))
        x = np.vstack([self.rows, extra]) if len(self.rows) else extra
        y = np.concatenate([self.labels, np.asarray(labels, dtype=np.float64)])
        if len(set(y.tolist())) < 2:
            return self
        w = np.concatenate([np.ones(len(self.rows)), np.full(len(extra), weight)])
        model = PairModel.fit(x, y, c=self.c, threshold=self.threshold, weights=w)
        model.rows, model.labels = self.rows, self.labels  # keep the shipped base for later refits
        model.extra = len(extra)
        return model

    def to_json(self, **meta: Any) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "coef": [round(float(v), 6) for v in self.coef],
            "intercept": round(self.intercept, 6),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "threshold": self.threshold,
            "C": self.c,
            "rows": [[round(float(v), 4) for v in r] for r in self.rows],
            "labels": [int(v) for v in self.labels],
            **meta,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PairModel:
        if list(data["features"]) != list(FEATURES):
            raise ValueError(
                "dedup model features differ from pairs.FEATURES: retrain (bench/dedup_train.py)"
            )
        return cls(
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            threshold=float(data.get("threshold", 0.5)),
            c=float(data.get("C", 1.0)),
            rows=np.asarray(data.get("rows") or np.zeros((0, len(FEATURES))), dtype=np.float64).reshape(
                -1, len(FEATURES)
            ),
            labels=np.asarray(data.get("labels") or [], dtype=np.float64),
        )


@lru_cache(maxsize=1)
def default_model() -> PairModel | None:
    """The shipped model (data/dedup_model.json), or None when it is missing."""
    if not MODEL_PATH.exists():
        return None
    return PairModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
