"""Chinese text similarity, duplicate (并案) detection and routing for 履职通.

Pure Python (jieba, numpy, scipy, scikit-learn); imports nothing from Django so it can be
tested and benchmarked in isolation. The Django side (textsim/services.py) owns
persistence and feeds ids and texts into the objects defined here.

Scoring model, in short:
- every text becomes two L2-normalised TF-IDF blocks, jieba words and CJK character
  bigrams (the bigrams make scores robust to segmentation differences of unknown names);
  cosine = ``WORD_WEIGHT * cos_words + (1 - WORD_WEIGHT) * cos_chars``;
- place/object names (小区, 路, 学校, 公司 … plus masked districts like ``A3区``) are
  extracted separately; when both texts name places, none of them match and neither text
  mentions one of the other's names, the score is damped, because the same complaint about
  another estate needs another reply.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import scipy.sparse as sp

from . import pairs

DocId = Hashable

DATA_DIR = Path(__file__).resolve().parent / "data"

# Decision threshold on the place-aware score. Set at the 99.95th percentile of scores
# between 20,000 random 附件3 pairs (0.20): above the noise floor of unrelated messages.
# Not tuned on the hand-labelled gold pairs (bench/dedup.py reports their best value).
DUPLICATE_THRESHOLD = 0.20
# Share of the score carried by word features (the rest by character bigrams).
WORD_WEIGHT = 0.5
# Multiplier when both texts name specific places/objects and none of them match.
ENTITY_CONFLICT_PENALTY = 0.35
# Multiplier when both texts name masked districts (A3区 …) and these differ.
DISTRICT_CONFLICT_PENALTY = 0.6
# Below this cosine the pair model is not asked: the two texts share too little to be one
# matter (no labelled duplicate of 附件3 scores lower; see bench/dedup_train.py).
MODEL_MIN_COSINE = 0.05
# A place core of one text only conflicts when the other text does not mention it at all
# (its own extraction may have missed it: 北辰定江洋小区 → 江洋, yet it says 北辰).
RELAXED_PLACE_MATCH = True

_NO_PAIR_INFO = pairs.PairInfo()
_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_DISTRICT = re.compile(r"[A-Z]\d{1,2}区|[A-Z]\d{1,2}县|[B-Z]市")
_WORDISH = re.compile(r"^[\w\u3400-\u9fff]+$")
_NUMERIC = re.compile(r"^[\d.%]+$")

# Suffixes that end a place or object name (token-final only, so 城市/居民 don't count).
PLACE_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            "小区",
            "花园",
            "家园",
            "新城",
            "公寓",
            "大厦",
            "广场",
            "市场",
            "商城",
            "学校",
            "小学",
            "中学",
            "大学",
            "学院",
            "幼儿园",
            "医院",
            "卫生院",
            "路",
            "街",
            "大道",
            "巷",
            "街道",
            "社区",
            "村",
            "镇",
            "乡",
            "园",
            "苑",
            "院",
            "城",
            "府",
            "湾",
            "公馆",
            "宿舍",
            "工业园",
            "产业园",
            "公园",
            "山庄",
            "名都",
            "华庭",
            "国际",
            "天地",
            "郡",
            "集团",
            "项目",
            "楼盘",
            "片区",
            "组",
            "车站",
            "大桥",
            "桥",
            "高速",
            "立交",
            "隧道",
            "中心",
            "驾校",
            "酒店",
        },
        key=len,
        reverse=True,
    )
)
_SUFFIX_SET = frozenset(PLACE_SUFFIXES)
# The pair model also tells organisations apart (公司, 银行): not places for the cosine rule.
PAIR_PLACE_SUFFIXES: tuple[str, ...] = tuple(sorted({*PLACE_SUFFIXES, "公司", "银行"}, key=len, reverse=True))
# Characters that cannot be part of a name core (function words, directions, units).
_NON_NAME_CHARS = frozenset(
    "的了在是和与及到从向对该本这那我你他们个近旁边附里内外上下中前后其此每各某有无为被把让给区市县省号栋楼层期"
)
# Two-character cores that describe rather than name (建设集团, 居民小区, 附近小区 …).
_GENERIC_CORES = frozenset(
    [
        "有限",
        "股份",
        "建设",
        "发展",
        "开发",
        "置业",
        "投资",
        "实业",
        "管理",
        "服务",
        "物业",
        "地产",
        "房产",
        "科技",
        "网络",
        "教育",
        "培训",
        "文化",
        "旅游",
        "工程",
        "集团",
        "居民",
        "老旧",
        "安置",
        "商品",
        "周边",
        "附近",
        "旁边",
        "对面",
        "所在",
        "整个",
        "我们",
        "他们",
        "这个",
        "那个",
        "小区",
        "道路",
        "马路",
        "城市",
        "农村",
        "学校",
        "医院",
        "街道",
        "社区",
        "各个",
        "一个",
        "所有",
        "其他",
        "相关",
        "有关",
        "当地",
        "本地",
        "新建",
        "违建",
        "规划",
        "公办",
        "民办",
        "配套",
        "高档",
        "普通",
        "整体",
        "全市",
        "全区",
        "全省",
        "国家",
        "政府",
        "人民",
        "公立",
        "私立",
        "定点",
        "附属",
        "一所",
        "这所",
        "该所",
        "住宅",
        "商业",
        "中国",
        "西地",
        "业主",
        "周围",
        "隔壁",
        "主干",
        "城区",
        "市区",
        "郊区",
        "乡镇",
        "县城",
        "公交",
        "地铁",
        "高铁",
    ]
)
# --------------------------------------------------------------------------- jieba


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    words = (DATA_DIR / "stopwords.txt").read_text(encoding="utf-8").split()
    return frozenset(words)


_JIEBA_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """A private jieba.Tokenizer with the domain dictionary, built once on first use."""
    import jieba

    with _JIEBA_LOCK:
        jieba.setLogLevel(logging.WARNING)  # jieba logs "Building prefix dict…" to stderr
        tok = jieba.Tokenizer()
        tok.initialize()
        userdict = DATA_DIR / "userdict.txt"
        if userdict.exists():
            tok.load_userdict(str(userdict))
        return tok


@lru_cache(maxsize=1)
def general_idf() -> tuple[dict[str, float], float]:
    """jieba's bundled general-domain IDF table and its median, for keywords() and topics."""
    import jieba.analyse

    path = Path(jieba.analyse.__file__).resolve().parent / "idf.txt"
    idf: dict[str, float] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            word, _, value = line.rstrip("\n").partition(" ")
            if value:
                idf[word] = float(value)
    median = float(np.median(list(idf.values()))) if idf else 10.0
    return idf, median


def normalize(text: str) -> str:
    """NFKC (full-width → half-width), upper-case Latin for masked codes like a3区."""
    return unicodedata.normalize("NFKC", text or "").strip().upper()


def _raw_tokens(text: str) -> list[str]:
    return [t for t in _tokenizer().lcut(normalize(text), HMM=True) if t.strip()]


def _keep(token: str, stop: frozenset[str]) -> bool:
    return bool(_WORDISH.match(token)) and token not in stop and not _NUMERIC.match(token)


def tokenize(text: str) -> list[str]:
    """jieba words with the domain dictionary; stop words, punctuation and numbers removed."""
    stop = _stopwords()
    return [t for t in _raw_tokens(text) if _keep(t, stop)]


def keywords(text: str, k: int = 8) -> list[str]:
    """Top-k words by TF × general IDF (single characters skipped: they rarely name a topic)."""
    idf, default = general_idf()
    counts = Counter(t for t in tokenize(text) if len(t) > 1)
    scored = sorted(counts.items(), key=lambda kv: (-kv[1] * idf.get(kv[0], default), kv[0]))
    return [w for w, _ in scored[:k]]


def char_bigrams(text: str) -> list[str]:
    """Bigrams inside runs of CJK characters (punctuation and Latin break runs)."""
    out: list[str] = []
    for run in _CJK_RUN.findall(text):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


# Two-character words ending in a one-character suffix that are this common in general
# Chinese (jieba frequency) are words of their own (道路, 校园, 南路), not "name char +
# suffix": the name core is then taken from the tokens before them.
_COMMON_WORD_FREQ = 1000
# Tokens that never end a place name although they end in a suffix character.
_NOT_PLACE_TOKENS = frozenset(["政府", "开园", "入园", "住院", "出院", "入院", "进城", "下乡"])


def _entities_from_tokens(tokens: Sequence[str]) -> frozenset[str]:
    """Two-character name cores found just before a token-final place suffix (see _place_names)."""
    return frozenset(_place_names(tokens))


def _place_names(tokens: Sequence[str], suffixes: Sequence[str] = PLACE_SUFFIXES) -> dict[str, str]:
    """Two-character name cores found just before a token-final place suffix, with the suffix.

    丽发新城小区 → 丽发, 伊景园滨河苑 → 伊景/滨河, 劳动东路 → 动东. Cores are short on purpose:
    they survive jieba splitting unknown names differently in different messages.
    A core never spans a stop word (由于|政府, 必须去|学校 name nothing), and descriptive
    words between name and suffix are skipped (尖山安置小区 → 尖山, 保利西海岸配套幼儿园 → 海岸).
    """
    stop = _stopwords()
    freq = _tokenizer().FREQ
    suffix_set = _SUFFIX_SET if suffixes is PLACE_SUFFIXES else frozenset(suffixes)
    cores: dict[str, str] = {}
    prefix = ""  # text of the name-like tokens just seen (last few characters are enough)
    for tok in tokens:
        if tok in stop or tok in _NOT_PLACE_TOKENS or not _WORDISH.match(tok):
            prefix = ""
            continue
        suffix = next((s for s in suffixes if tok.endswith(s)), None)
        if suffix is not None:
            head = tok[: -len(suffix)]
            if len(tok) == 2 and len(suffix) == 1 and freq.get(tok, 0) >= _COMMON_WORD_FREQ:
                head = ""  # 南路, 校园, 公路: a word of its own, the name precedes it
            before = (prefix + head)[-2:]
            if (
                len(before) == 2
                and all(_CJK.match(ch) and ch not in _NON_NAME_CHARS for ch in before)
                and before not in _GENERIC_CORES
                and before not in suffix_set
            ):
                cores.setdefault(before, suffix)
        elif tok in _GENERIC_CORES:
            continue  # 安置/配套/周边 between a name and its suffix: look past it
        prefix = (prefix + tok)[-8:]
    return cores


def extract_entities(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Place/object name cores (丽发, 魅力 …) and masked districts (A3区)."""
    norm = normalize(text)
    return _entities_from_tokens(_raw_tokens(norm)), frozenset(_DISTRICT.findall(norm))


def entities_match(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when the two texts share a place/object name core."""
    return bool(a & b)


# --------------------------------------------------------------------------- analysis


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the index needs from one text; computed once per document."""

    words: tuple[str, ...]
    chars: tuple[str, ...]
    entities: frozenset[str]
    districts: frozenset[str]
    pair: pairs.PairInfo = _NO_PAIR_INFO  # what the learned 并案 decision reads

    def mentions(self, core: str) -> bool:
        """True when the text contains ``core`` (a two-character place core)."""
        return core in self.chars


# Extra copies of the title's terms: the 留言主题 line names place and problem densely,
# while bodies of the same complaint are often reworded.
TITLE_REPEAT = 2
_TITLE_MAX = 80


def analyze(text: str) -> Analysis:
    """Words, char bigrams and place names of one text.

    A short first line followed by more text is treated as the title (``title + "\n" + body``)
    and its terms are counted ``TITLE_REPEAT`` extra times.
    """
    norm = normalize(text)
    title, sep, body = norm.partition("\n")
    has_title = bool(sep) and bool(body.strip()) and len(title) <= _TITLE_MAX
    raw = _raw_tokens(norm)
    stop = _stopwords()
    words = tuple(t for t in raw if _keep(t, stop))
    chars = char_bigrams(norm)
    if has_title and TITLE_REPEAT:
        title_words = [t for t in _raw_tokens(title) if _keep(t, stop)]
        words = words + tuple(title_words * TITLE_REPEAT)
        chars = chars + char_bigrams(title) * TITLE_REPEAT
    cores = _entities_from_tokens(raw)
    names = _place_names(raw, PAIR_PLACE_SUFFIXES)
    return Analysis(
        words=words,
        chars=tuple(chars),
        entities=cores,
        districts=frozenset(_DISTRICT.findall(norm)),
        pair=pairs.pair_info(
            title if has_title else norm[:60],
            body if has_title else norm,
            names.items(),
            generic=_GENERIC_CORES,
        ),
    )


class _HasPlaces(Protocol):
    # Read-only members, so frozen dataclasses (Analysis) satisfy the protocol too.
    @property
    def entities(self) -> frozenset[str]: ...
    @property
    def districts(self) -> frozenset[str]: ...
    def mentions(self, core: str) -> bool: ...


def entity_factor(a: _HasPlaces, b: _HasPlaces) -> float:
    """Multiplier applied to the cosine: < 1 when the texts are about different places.

    Places conflict when both texts name some and share none, and (RELAXED_PLACE_MATCH)
    neither text mentions one of the other's names anywhere: extraction misses names
    (北辰定江洋小区 → 江洋 only), but a name the other text spells out is the same place.
    """
    factor = 1.0
    if a.entities and b.entities and not entities_match(a.entities, b.entities) and not _mentioned(a, b):
        factor *= ENTITY_CONFLICT_PENALTY
    if a.districts and b.districts and not (a.districts & b.districts):
        factor *= DISTRICT_CONFLICT_PENALTY
    return factor


def _mentioned(a: _HasPlaces, b: _HasPlaces) -> bool:
    """True when one text contains a place core of the other (RELAXED_PLACE_MATCH on)."""
    return RELAXED_PLACE_MATCH and (
        any(b.mentions(e) for e in a.entities) or any(a.mentions(e) for e in b.entities)
    )


def is_duplicate(score: float, threshold: float = DUPLICATE_THRESHOLD) -> bool:
    return score >= threshold


# --------------------------------------------------------------------------- index


class _Vocab:
    """Growing term → column map shared by the word and char blocks (prefixed keys)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.terms: list[str] = []  # column → prefixed term

    def ids(self, terms: Iterable[str], grow: bool) -> list[int]:
        out: list[int] = []
        get = self.index.get
        for t in terms:
            j = get(t)
            if j is None:
                if not grow:
                    continue
                j = len(self.index)
                self.index[t] = j
                self.terms.append(t)
            out.append(j)
        return out

    def __len__(self) -> int:
        return len(self.index)


def _counts(analysis: Analysis) -> tuple[Counter[str], Counter[str]]:
    return Counter(analysis.words), Counter(analysis.chars)


@dataclass(slots=True)
class _Doc:
    """Compact per-document state: term columns and place names, not the token lists."""

    id: DocId
    entities: frozenset[str]
    districts: frozenset[str]
    cols: np.ndarray  # int32 term columns (word block then char block)
    tf: np.ndarray  # float32 sublinear tf
    is_word: np.ndarray  # bool, which block each column belongs to
    vocab: Mapping[str, int]  # the index's term → column map (shared, not copied)
    metadata: Mapping[str, Any] | None = None
    pair: pairs.PairInfo = _NO_PAIR_INFO

    def mentions(self, core: str) -> bool:
        """True when the text contains ``core`` (its char bigram is among the columns)."""
        j = self.vocab.get(f"c{core}")
        return j is not None and bool(np.any(self.cols == j))


@dataclass(slots=True)
class Match:
    id: DocId
    score: float
    cosine: float
    shared_entities: tuple[str, ...] = ()
    # The learned 并案 decision (pairs.PairModel) and why; without a model: score ≥ threshold.
    duplicate: bool = False
    probability: float = 0.0
    reason: str = ""


@dataclass(frozen=True, slots=True)
class PairJudgement:
    """Everything the index says about one pair of texts (bench, tests, explanations)."""

    score: float  # place-aware cosine (the old rule's score)
    cosine: float
    probability: float  # the pair model's P(same matter); the rule's score without a model
    duplicate: bool
    reason: str
    features: tuple[float, ...]


def _side(item: Analysis | _Doc, metadata: Mapping[str, Any] | None) -> pairs.Side:
    meta = metadata or {}
    day = meta.get("day")
    return pairs.Side(
        info=item.pair,
        districts=item.districts,
        author=str(meta.get("author") or ""),
        day=int(day) if day is not None else None,
    )


@dataclass(slots=True)
class _Built:
    """Immutable snapshot: CSC matrix over all rows, IDF and per-row liveness."""

    matrix: sp.csc_matrix  # rows = positions, L2-normalised per block, block-weighted
    rows: sp.csr_matrix  # same matrix, row-major for rescoring candidates
    idf: np.ndarray
    n_rows: int


class SimilarityIndex:
    """In-memory TF-IDF index for duplicate checks and ranked search.

    Adds are cheap: new documents go to a small pending block scored by brute force, and
    the main sparse matrix (and IDF) is rebuilt when the pending block grows past
    ``rebuild_ratio`` of the index. Removal is a tombstone until the next rebuild.
    """

    def __init__(
        self,
        *,
        threshold: float = DUPLICATE_THRESHOLD,
        rebuild_ratio: float = 0.1,
        model: pairs.PairModel | bool | None = True,
    ) -> None:
        self.threshold = threshold
        # The 并案 decision: the shipped pair model (True), a given one, or None/False for
        # the plain rule (place-aware cosine ≥ threshold).
        self.model: pairs.PairModel | None = (
            pairs.default_model() if model is True else (model or None)  # type: ignore[assignment]
        )
        self.rebuild_ratio = rebuild_ratio
        self._vocab = _Vocab()
        self._docs: list[_Doc | None] = []
        self._pos: dict[DocId, int] = {}
        self._df: np.ndarray = np.zeros(0, dtype=np.int64)
        self._built: _Built | None = None
        self._pending: tuple[int, sp.csr_matrix] | None = None  # (len(_docs) when made, rows)
        self._dead: list[int] = []  # positions removed since the last build
        self._lock = threading.RLock()

    # ---- mutation
    def __len__(self) -> int:
        return len(self._pos)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._pos

    def add(self, doc_id: DocId, text: str, metadata: Mapping[str, Any] | None = None) -> None:
        self.add_analyzed(doc_id, analyze(text), metadata)

    def add_many(
        self, items: Iterable[tuple[DocId, str]] | Iterable[tuple[DocId, str, Mapping[str, Any]]]
    ) -> None:
        for item in items:
            meta = item[2] if len(item) > 2 else None  # type: ignore[misc]
            self.add(item[0], item[1], meta)

    def add_analyzed(
        self, doc_id: DocId, analysis: Analysis, metadata: Mapping[str, Any] | None = None
    ) -> None:
        """Add a pre-analysed document (lets callers analyse in worker processes)."""
        with self._lock:
            if doc_id in self._pos:
                self.remove(doc_id)
            wc, cc = _counts(analysis)
            terms = [f"w{t}" for t in wc] + [f"c{t}" for t in cc]
            cols = np.asarray(self._vocab.ids(terms, grow=True), dtype=np.int32)
            tf = np.fromiter(
                (1.0 + math.log(n) for n in (*wc.values(), *cc.values())), dtype=np.float32, count=len(terms)
            )
            is_word = np.zeros(len(terms), dtype=bool)
            is_word[: len(wc)] = True
            if len(self._vocab) > self._df.shape[0]:
                grown = np.zeros(max(len(self._vocab), 2 * self._df.shape[0]), dtype=np.int64)
                grown[: self._df.shape[0]] = self._df
                self._df = grown
            np.add.at(self._df, cols, 1)
            self._pos[doc_id] = len(self._docs)
            self._docs.append(
                _Doc(
                    doc_id,
                    analysis.entities,
                    analysis.districts,
                    cols,
                    tf,
                    is_word,
                    self._vocab.index,
                    metadata,
                    analysis.pair,
                )
            )

    def remove(self, doc_id: DocId) -> bool:
        with self._lock:
            pos = self._pos.pop(doc_id, None)
            if pos is None:
                return False
            doc = self._docs[pos]
            if doc is None:  # already tombstoned
                return False
            np.subtract.at(self._df, doc.cols, 1)
            self._docs[pos] = None
            self._dead.append(pos)
            self._pending = None
            return True

    def metadata(self, doc_id: DocId) -> Mapping[str, Any] | None:
        doc = self._docs[self._pos[doc_id]]
        return doc.metadata if doc else None

    # ---- building
    def _idf(self) -> np.ndarray:
        n = max(len(self._pos), 1)
        df = self._df[: len(self._vocab)].astype(np.float64)
        return (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)

    def _vectorize_rows(self, docs: Sequence[_Doc | None], idf: np.ndarray) -> sp.csr_matrix:
        indptr = [0]
        indices: list[np.ndarray] = []
        data: list[np.ndarray] = []
        ww = math.sqrt(WORD_WEIGHT)
        cw = math.sqrt(1.0 - WORD_WEIGHT)
        for doc in docs:
            if doc is None or len(doc.cols) == 0:
                indptr.append(indptr[-1])
                continue
            keep = doc.cols < idf.shape[0]
            cols = doc.cols[keep]
            w = _block_normalise(doc.tf[keep] * idf[cols], doc.is_word[keep], ww, cw)
            indices.append(cols)
            data.append(w)
            indptr.append(indptr[-1] + len(cols))
        n_cols = idf.shape[0]
        if indices:
            return sp.csr_matrix(
                (np.concatenate(data), np.concatenate(indices), np.asarray(indptr, dtype=np.int64)),
                shape=(len(docs), n_cols),
            )
        return sp.csr_matrix((len(docs), n_cols), dtype=np.float32)

    def build(self) -> None:
        """(Re)build the main matrix and IDF from all live documents."""
        with self._lock:
            if len(self._docs) > 1.5 * len(self._pos) + 100:
                self._compact()
            idf = self._idf()
            rows = self._vectorize_rows(self._docs, idf)
            self._built = _Built(matrix=rows.tocsc(), rows=rows, idf=idf, n_rows=len(self._docs))
            self._pending = None
            self._dead = []

    def _compact(self) -> None:
        live = [d for d in self._docs if d is not None]
        self._docs = list(live)
        self._pos = {d.id: i for i, d in enumerate(live)}
        self._built = None

    def _ensure_built(self) -> _Built:
        built = self._built
        pending = len(self._docs) - (built.n_rows if built else 0)
        if built is None or pending > max(256, self.rebuild_ratio * built.n_rows):
            self.build()
            built = self._built
        if built is None:  # pragma: no cover - build() always sets it
            raise RuntimeError("index build failed")
        return built

    # ---- querying
    def _query_vector(self, analysis: Analysis, idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        wc, cc = _counts(analysis)
        terms = [f"w{t}" for t in wc] + [f"c{t}" for t in cc]
        counts = [*wc.values(), *cc.values()]
        is_word = [True] * len(wc) + [False] * len(cc)
        cols: list[int] = []
        tf: list[float] = []
        mask: list[bool] = []
        get = self._vocab.index.get
        for term, n, w in zip(terms, counts, is_word, strict=True):
            j = get(term)
            if j is not None and j < idf.shape[0]:
                cols.append(j)
                tf.append(1.0 + math.log(n))
                mask.append(w)
        # Unknown terms still count toward the norm: they make the query less similar.
        unknown_w = sum(1 for t, w in zip(terms, is_word, strict=True) if w and get(t) is None)
        unknown_c = sum(1 for t, w in zip(terms, is_word, strict=True) if not w and get(t) is None)
        col_arr = np.asarray(cols, dtype=np.int32)
        vals = np.asarray(tf, dtype=np.float32) * idf[col_arr] if cols else np.zeros(0, dtype=np.float32)
        max_idf = float(idf.max()) if idf.shape[0] else 1.0
        vals = _block_normalise(
            vals,
            np.asarray(mask, dtype=bool),
            math.sqrt(WORD_WEIGHT),
            math.sqrt(1.0 - WORD_WEIGHT),
            extra=(unknown_w * max_idf**2, unknown_c * max_idf**2),
        )
        return col_arr, vals

    def _cosines(self, analysis: Analysis) -> tuple[np.ndarray, _Built]:
        built = self._ensure_built()
        cols, vals = self._query_vector(analysis, built.idf)
        n = len(self._docs)
        scores = np.zeros(n, dtype=np.float32)
        if len(cols):
            sub = built.matrix[:, cols]
            scores[: built.n_rows] = sub @ vals
            if n > built.n_rows:  # pending block: vectorised with the built IDF, cached
                if self._pending is None or self._pending[0] != n:
                    self._pending = (n, self._vectorize_rows(self._docs[built.n_rows :], built.idf))
                q = np.zeros(built.idf.shape[0], dtype=np.float32)
                q[cols] = vals
                scores[built.n_rows :] = self._pending[1] @ q
        if self._dead:
            scores[np.asarray(self._dead, dtype=np.int64)] = 0.0
        return scores, built

    def query(
        self,
        text: str,
        k: int = 10,
        exclude_id: DocId | None = None,
        *,
        ids: Iterable[DocId] | None = None,
        min_score: float = 0.0,
    ) -> list[tuple[DocId, float]]:
        """Most similar documents as (id, score in [0, 1]), best first.

        ``score`` is the place-aware duplicate score; compare with :func:`is_duplicate`.
        ``ids`` restricts the candidates (e.g. to cases the actor may see).
        """
        return [(m.id, m.score) for m in self.matches(text, k, exclude_id, ids=ids, min_score=min_score)]

    def matches(
        self,
        text: str | Analysis,
        k: int = 10,
        exclude_id: DocId | None = None,
        *,
        ids: Iterable[DocId] | None = None,
        min_score: float = 0.0,
        metadata: Mapping[str, Any] | None = None,
        duplicates_only: bool = False,
    ) -> list[Match]:
        """Candidates by cosine, each with the place-aware score and the 并案 decision.

        ``metadata`` ({"author", "day"}) of the query feeds the pair model's same-submitter
        and time-apart features; ``duplicates_only`` keeps the matches judged duplicates.
        """
        analysis = text if isinstance(text, Analysis) else analyze(text)
        with self._lock:
            if not self._pos:
                return []
            cos, _ = self._cosines(analysis)
            if ids is not None:
                allowed = np.zeros(len(cos), dtype=bool)
                for i in ids:
                    p = self._pos.get(i)
                    if p is not None:
                        allowed[p] = True
                cos = np.where(allowed, cos, 0.0)
            if exclude_id is not None and exclude_id in self._pos:
                cos[self._pos[exclude_id]] = 0.0
            # The entity factor only lowers scores, so the top cosines bound the result.
            n_cand = min(len(cos), max(4 * k, 50))
            cand = np.argpartition(-cos, n_cand - 1)[:n_cand] if n_cand < len(cos) else np.arange(len(cos))
            out: list[Match] = []
            for p in cand:
                c = float(cos[p])
                doc = self._docs[p]
                if doc is None or c <= 0.0:
                    continue
                score = min(1.0, c * entity_factor(analysis, doc))
                dup, prob, why = self._decide(analysis, metadata, doc, c, score)
                if score < min_score or (duplicates_only and not dup):
                    continue
                shared = tuple(sorted(_shared_entities(analysis.entities, doc.entities)))
                out.append(Match(doc.id, round(score, 4), round(c, 4), shared, dup, round(prob, 4), why))
            out.sort(
                key=lambda m: (
                    (-m.duplicate, -m.score, str(m.id)) if duplicates_only else (-m.score, str(m.id))
                )
            )
            return out[:k]

    def _decide(
        self,
        a: Analysis | _Doc,
        meta_a: Mapping[str, Any] | None,
        b: _Doc | Analysis,
        cosine: float,
        score: float,
        meta_b: Mapping[str, Any] | None = None,
    ) -> tuple[bool, float, str]:
        """(duplicate?, probability, reason) of one pair: the pair model, else the rule."""
        if meta_b is None and isinstance(b, _Doc):
            meta_b = b.metadata
        sa, sb = _side(a, meta_a), _side(b, meta_b)
        if self.model is None or cosine < MODEL_MIN_COSINE:
            dup = self.model is None and score >= self.threshold
            return (
                dup,
                score if self.model is None else 0.0,
                (pairs.reason(sa, sb, a_mentions=a.mentions, b_mentions=b.mentions) if dup else ""),
            )
        row = pairs.features(sa, sb, cosine, a_mentions=a.mentions, b_mentions=b.mentions)
        prob = self.model.probability(row)
        dup = prob >= self.model.threshold
        why = pairs.reason(sa, sb, a_mentions=a.mentions, b_mentions=b.mentions) if dup else ""
        return dup, prob, why

    def duplicates(
        self,
        text: str,
        k: int = 5,
        exclude_id: DocId | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> list[tuple[DocId, float]]:
        """Documents judged the same matter (pair model; without one: score ≥ threshold)."""
        return [
            (m.id, m.score)
            for m in self.matches(text, k, exclude_id, metadata=metadata, duplicates_only=True)
        ]

    def search(
        self, query: str, k: int = 20, ids: Iterable[DocId] | None = None
    ) -> list[tuple[DocId, float]]:
        """Ranked full-text search: plain blended cosine (no place penalty), short queries ok."""
        analysis = analyze(query)
        with self._lock:
            if not self._pos:
                return []
            cos, _ = self._cosines(analysis)
            if ids is not None:
                allowed = np.zeros(len(cos), dtype=bool)
                for i in ids:
                    p = self._pos.get(i)
                    if p is not None:
                        allowed[p] = True
                cos = np.where(allowed, cos, 0.0)
            n = min(k, len(cos))
            top = np.argpartition(-cos, n - 1)[:n] if n < len(cos) else np.arange(len(cos))
            res = [
                (self._docs[p].id, round(float(cos[p]), 4))  # type: ignore[union-attr]
                for p in top
                if cos[p] > 0 and self._docs[p] is not None
            ]
            res.sort(key=lambda r: -r[1])
            return res

    def similarity(self, a: str | Analysis, b: str | Analysis) -> float:
        """Place-aware duplicate score of two texts using this index's IDF."""
        aa = a if isinstance(a, Analysis) else analyze(a)
        bb = b if isinstance(b, Analysis) else analyze(b)
        return float(min(1.0, self._cosine(aa, bb) * entity_factor(aa, bb)))

    def _cosine(self, aa: Analysis, bb: Analysis) -> float:
        with self._lock:
            built = self._ensure_built()
            ca, va = self._query_vector(aa, built.idf)
            cb, vb = self._query_vector(bb, built.idf)
        qa = dict(zip(ca.tolist(), va.tolist(), strict=True))
        return max(0.0, float(sum(qa.get(c, 0.0) * v for c, v in zip(cb.tolist(), vb.tolist(), strict=True))))

    def judge(
        self,
        a: str | Analysis,
        b: str | Analysis,
        meta_a: Mapping[str, Any] | None = None,
        meta_b: Mapping[str, Any] | None = None,
    ) -> PairJudgement:
        """The 并案 decision on two texts with this index's IDF: score, probability, reason."""
        aa = a if isinstance(a, Analysis) else analyze(a)
        bb = b if isinstance(b, Analysis) else analyze(b)
        cos = self._cosine(aa, bb)
        score = float(min(1.0, cos * entity_factor(aa, bb)))
        dup, prob, why = self._decide(aa, meta_a, bb, cos, score, meta_b)
        row = pairs.features(
            _side(aa, meta_a), _side(bb, meta_b), cos, a_mentions=aa.mentions, b_mentions=bb.mentions
        )
        return PairJudgement(score, cos, prob, dup, why, tuple(row))

    def judge_ids(self, a: DocId, b: DocId) -> PairJudgement:
        """The 并案 decision on two indexed documents (their stored metadata included)."""
        with self._lock:
            built = self._ensure_built()
            if len(self._docs) > built.n_rows:
                self.build()
                built = self._ensure_built()
            da, db = self._docs[self._pos[a]], self._docs[self._pos[b]]
            if da is None or db is None:  # pragma: no cover - _pos only holds live docs
                raise KeyError(a if da is None else b)
            cos = float(built.rows[self._pos[a]].multiply(built.rows[self._pos[b]]).sum())
        score = float(min(1.0, cos * entity_factor(da, db)))
        dup, prob, why = self._decide(da, da.metadata, db, cos, score)
        row = pairs.features(
            _side(da, da.metadata),
            _side(db, db.metadata),
            cos,
            a_mentions=da.mentions,
            b_mentions=db.mentions,
        )
        return PairJudgement(score, cos, prob, dup, why, tuple(row))

    def key_terms(self, doc_ids: Sequence[DocId], k: int = 5) -> list[str]:
        """Words shared by most of the given documents, weighted by this index's IDF."""
        built = self._ensure_built()
        votes: Counter[str] = Counter()
        for i in doc_ids:
            doc = self._docs[self._pos[i]]
            if doc is not None:
                words = (self._vocab.terms[j][1:] for j in doc.cols[doc.is_word].tolist())
                votes.update({w for w in words if len(w) > 1})
        need = max(2, math.ceil(len(doc_ids) / 2)) if len(doc_ids) > 1 else 1
        idf_of = self._vocab.index.get

        def weight(item: tuple[str, int]) -> float:
            j = idf_of(f"w{item[0]}")
            idf = float(built.idf[j]) if j is not None and j < built.idf.shape[0] else 1.0
            return item[1] * idf

        common = [kv for kv in votes.items() if kv[1] >= need]
        common.sort(key=lambda kv: -weight(kv))
        return [w for w, _ in common[:k]]

    def outlier_threshold(self, *, sample: int = 400, seed: int = 0, cap: float = 0.6) -> float:
        """A duplicate threshold fitted to this index's own texts: the outlier fence
        ``q95 + 3 * (q95 - q50)`` of cosines between random documents, at least
        ``self.threshold``. Formal proposals share boilerplate (明确责任, 督促检查 …) that lifts
        every pair's score; the fence sits above that floor, whatever its level.
        """
        with self._lock:
            self._ensure_built()
            if len(self._docs) > self._built.n_rows or self._dead:  # type: ignore[union-attr]
                self.build()
            built = self._built
            assert built is not None  # noqa: S101  # _ensure_built() set it
            live = np.asarray(sorted(self._pos.values()), dtype=np.int64)
            if len(live) < 20:
                return self.threshold
            rng = np.random.default_rng(seed)
            pick = rng.choice(live, size=min(sample, len(live)), replace=False)
            x = built.rows[pick]
            sims = (x @ x.T).toarray()
            values = sims[np.triu_indices(sims.shape[0], 1)]
            q50, q95 = np.quantile(values, [0.5, 0.95])
            return float(min(cap, max(self.threshold, q95 + 3.0 * (q95 - q50))))

    # ---- batch grouping
    def group(
        self, doc_ids: Sequence[DocId] | None = None, threshold: float | None = None
    ) -> list[DuplicateGroup]:
        """Group documents of this index into duplicate clusters (single linkage).

        Pairs whose cosine reaches ``threshold`` are candidates; the pair model (when the
        index has one) decides which are the same matter, else the place-aware score must
        reach ``threshold`` too.
        """
        thr = self.threshold if threshold is None else threshold
        with self._lock:
            built = self._ensure_built()
            if len(self._docs) > built.n_rows or self._dead:
                self.build()  # group over one consistent matrix, pending docs included
                built = self._ensure_built()
            positions = (
                np.asarray([self._pos[i] for i in doc_ids], dtype=np.int64)
                if doc_ids is not None
                else np.asarray(sorted(self._pos.values()), dtype=np.int64)
            )
            x = built.rows[positions]
            parent = list(range(len(positions)))

            def find(a: int) -> int:
                while parent[a] != a:
                    parent[a] = parent[parent[a]]
                    a = parent[a]
                return a

            # Penalties only lower scores, so pairs with cosine < thr can be skipped.
            xt = x.T.tocsr()
            reasons: dict[int, str] = {}  # a root's first pair reason (pair model)
            chunk = 512
            for start in range(0, x.shape[0], chunk):
                block = (x[start : start + chunk] @ xt).tocoo()
                keep = (block.data >= thr) & (block.row + start < block.col)
                for r, c, v in zip(block.row[keep] + start, block.col[keep], block.data[keep], strict=True):
                    da = self._docs[positions[r]]
                    db = self._docs[positions[c]]
                    if da is None or db is None:
                        continue
                    if self.model is not None:
                        dup, _p, why = self._decide(da, da.metadata, db, float(v), 0.0)
                    else:
                        dup, why = v * entity_factor(da, db) >= thr, ""
                    if dup:
                        ra, rb = find(int(r)), find(int(c))
                        if ra != rb:
                            parent[rb] = ra
                            if why:
                                reasons[ra] = reasons.get(ra) or reasons.pop(rb, "") or why
            clusters: dict[int, list[int]] = defaultdict(list)
            for i in range(len(positions)):
                clusters[find(i)].append(i)
            groups: list[DuplicateGroup] = []
            for members in clusters.values():
                if len(members) < 2:
                    continue
                ids_ = [self._docs[positions[m]].id for m in members]  # type: ignore[union-attr]
                analyses = [self._docs[positions[m]] for m in members]
                terms = self.key_terms(ids_, k=5)
                places = _common_entities(analyses)
                why = reasons.get(find(members[0]), "")
                groups.append(DuplicateGroup(ids_, key_terms=terms, places=places, why=why))
            groups.sort(key=lambda g: (-len(g), str(g[0])))
            return groups


class DuplicateGroup(list):  # type: ignore[type-arg]
    """A list of ids judged to be the same matter, plus why (for the 并案 screen)."""

    def __init__(
        self,
        ids: Iterable[DocId],
        *,
        key_terms: Sequence[str] = (),
        places: Sequence[str] = (),
        why: str = "",
    ) -> None:
        super().__init__(ids)
        self.key_terms: list[str] = list(key_terms)
        self.places: list[str] = list(places)
        self.why = why  # the pair model's reason ("同一小区（丽发新城）、同一问题：污染排放")

    @property
    def reason(self) -> str:
        if self.why:
            return self.why + ("；共同关键词：" + "、".join(self.key_terms) if self.key_terms else "")
        parts = []
        if self.places:
            parts.append("同一地点/对象：" + "、".join(self.places))
        if self.key_terms:
            parts.append("共同关键词：" + "、".join(self.key_terms))
        return "；".join(parts) or "文本高度相似"


def group_duplicates(
    items: Iterable[tuple[DocId, str]] | Mapping[DocId, str], threshold: float = DUPLICATE_THRESHOLD
) -> list[DuplicateGroup]:
    """Batch 并案: cluster (id, text) pairs; groups of ≥ 2 ids, largest first, each with a reason."""
    entries = items.items() if isinstance(items, Mapping) else items
    index = SimilarityIndex(threshold=threshold)
    for doc_id, text in entries:
        index.add(doc_id, text)
    return index.group(threshold=threshold)


def _shared_entities(a: frozenset[str], b: frozenset[str]) -> set[str]:
    return set(a & b)


def _common_entities(analyses: Sequence[_HasPlaces | None]) -> list[str]:
    votes: Counter[str] = Counter()
    for a in analyses:
        if a is not None:
            votes.update(a.entities)
    need = max(2, math.ceil(len(analyses) / 2))
    return [e for e, n in votes.most_common(3) if n >= need]


def _block_normalise(
    w: np.ndarray,
    is_word: np.ndarray,
    word_weight: float,
    char_weight: float,
    extra: tuple[float, float] = (0.0, 0.0),
) -> np.ndarray:
    """L2-normalise the word and char blocks separately, then weight them."""
    w = w.astype(np.float32, copy=True)
    if len(w) == 0:
        return w
    wn = math.sqrt(float(np.dot(w[is_word], w[is_word])) + extra[0])
    cn = math.sqrt(float(np.dot(w[~is_word], w[~is_word])) + extra[1])
    if wn > 0:
        w[is_word] *= word_weight / wn
    if cn > 0:
        w[~is_word] *= char_weight / cn
    return w


# --------------------------------------------------------------------------- routing


def _title_line(text: str) -> str:
    return normalize(text).partition("\n")[0]


def _title_char_ngrams(text: str) -> list[str]:
    """Character 1-3-grams of the title line (the whole text when it has one line)."""
    title = _title_line(text)
    return [title[i : i + n] for n in (1, 2, 3) for i in range(len(title) - n + 1)]


def _title_words(text: str) -> list[str]:
    return tokenize(_title_line(text))


@dataclass
class Router:
    """Suggest handling units / classes for a text: TF-IDF + calibrated linear SVM.

    ``rules`` maps a label to staff-edited keywords; each keyword found in the text adds
    ``rule_boost`` to that label's probability before renormalising, so a rule nudges
    rather than overrides the model. ``learn`` records a staff choice; the model is refit
    (in batch, cheap at this scale) on the next prediction.
    """

    rules: dict[str, list[str]] = field(default_factory=dict)
    rule_boost: float = 0.25
    C: float = 1.0
    title_block: bool = True
    # Sigmoid calibration costs one fit per class and fold: with dozens of units and a few
    # examples each it is slow and meaningless, so callers may turn it off; the SVM margins
    # are then turned into scores by a softmax with ``temperature``.
    calibrate: bool = True
    temperature: float = 2.0
    _texts: list[str] = field(default_factory=list, repr=False)
    _labels: list[str] = field(default_factory=list, repr=False)
    _model: Any = field(default=None, repr=False)
    _dirty: bool = field(default=False, repr=False)

    def fit(self, texts: Iterable[str], labels: Iterable[str]) -> Router:
        self._texts = list(texts)
        self._labels = [str(x) for x in labels]
        if len(self._texts) != len(self._labels):
            raise ValueError("texts and labels differ in length")
        self._refit()
        return self

    def learn(self, text: str, label: str) -> None:
        """Add one staff-confirmed example; refit happens lazily on the next predict."""
        self._texts.append(text)
        self._labels.append(str(label))
        self._dirty = True

    def set_rules(self, rules: Mapping[str, Iterable[str]]) -> None:
        self.rules = {str(k): [w for w in v if w] for k, v in rules.items()}

    @property
    def labels(self) -> list[str]:
        known = set(self._labels) | set(self.rules)
        return sorted(known)

    def _refit(self) -> None:
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion, make_pipeline
        from sklearn.svm import LinearSVC

        self._dirty = False
        counts = Counter(self._labels)
        if len(counts) < 2:
            self._model = None  # one class (or none): rules and that class decide
            return
        # Character 1-3-grams carry most of the signal on short Chinese texts; jieba words
        # add the domain terms. The title line (``title + "\n" + body``, as in analyze())
        # gets its own char and word blocks: it names the matter densely, while a long body
        # dilutes it (5-fold CV on 附件2: 0.826 → 0.859, see bench/routing.py --ablation).
        # Linear SVM, calibrated so scores read as probabilities.
        blocks = [
            ("chars", TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)),
            ("words", TfidfVectorizer(analyzer=tokenize, sublinear_tf=True)),
        ]
        if self.title_block:
            blocks += [
                ("title_chars", TfidfVectorizer(analyzer=_title_char_ngrams, sublinear_tf=True)),
                ("title_words", TfidfVectorizer(analyzer=_title_words, sublinear_tf=True)),
            ]
        features = FeatureUnion(blocks)
        folds = min(3, min(counts.values())) if self.calibrate else 0
        svm = LinearSVC(C=self.C)
        clf = CalibratedClassifierCV(svm, cv=folds) if folds >= 2 else svm
        self._model = make_pipeline(features, clf).fit(self._texts, self._labels)

    def predict_proba(self, text: str) -> dict[str, float]:
        if self._dirty:
            self._refit()
        probs: dict[str, float] = {}
        if self._model is not None:
            model = self._model
            if hasattr(model, "predict_proba"):
                p = model.predict_proba([text])[0]
            else:  # tiny training sets: uncalibrated SVM margins squashed into [0, 1]
                margins = np.atleast_1d(model.decision_function([text])[0])
                if len(margins) == 1:
                    margins = np.array([-margins[0], margins[0]])
                z = np.exp(self.temperature * (margins - margins.max()))
                p = z / z.sum()
            probs = {str(c): float(v) for c, v in zip(self._model.classes_, p, strict=True)}
        elif self._labels:
            probs = {self._labels[0]: 1.0}
        norm = normalize(text)
        for label, words in self.rules.items():
            hits = sum(1 for w in words if normalize(w) and normalize(w) in norm)
            if hits:
                probs[label] = probs.get(label, 0.0) + self.rule_boost * min(hits, 3)
        total = sum(probs.values())
        return {k: v / total for k, v in probs.items()} if total > 0 else probs

    def predict(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        probs = self.predict_proba(text)
        ranked = sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(label, round(p, 4)) for label, p in ranked[:k]]
