"""Reads: search, similar cases, routing suggestions, 并案 suggestions, key terms and topics.

Every read goes through the casework scope (``case_scope_for_actor``) or another app's
scoped selector, so a member never sees another member's draft or another body's case.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from lvzhi.casework import selectors as case_selectors
from lvzhi.casework.models import Case, Reply
from lvzhi.casework.workflow import kind_label
from lvzhi.core.exceptions import NotFound
from lvzhi.core.permissions import is_admin, visible_body_ids
from lvzhi.orgs.models import Body, HandlingUnit

from . import caches, engine, replies
from .backends import backend
from .models import MergeDecision, SearchEntry, SearchSource
from .services import group_key, routing_suggestions_remember, staff_required

QUERY_EMPTY = "请输入要检索的内容。"
QUERY_TOO_LONG = "检索词过长（最多 %(max)s 字）。"
TEXT_EMPTY = "请输入标题或内容后再查重。"
TEXT_TOO_LONG = "文本过长（最多 %(max)s 字）。"
BODY_NOT_VISIBLE = "机构不存在或您无权查看。"

MAX_QUERY_CHARS = 100
MAX_QUERY_TERMS = 12
MAX_TEXT_CHARS = 5000
CANDIDATES = 2000
SIMILAR_MIN_SCORE = 0.08  # below this the top "similar" cases are noise
MERGEABLE_STATES = ("submitted", "registered")
# Words that appear in almost every proposal title; they say nothing about the topic.
TOPIC_STOPWORDS = frozenset(
    [
        "建议",
        "关于",
        "问题",
        "加强",
        "推进",
        "进一步",
        "完善",
        "提升",
        "加快",
        "推动",
        "促进",
        "落实",
        "规范",
        "提高",
        "优化",
        "实施",
        "工作",
        "建设",
        "发展",
        "相关",
        "部门",
        "我市",
        "全市",
        "政府",
        "情况",
        "有关",
        "方面",
        "做好",
        "机制",
        "体系",
        "服务",
        "管理",
        "能力",
        "尽快",
        "希望",
        "反映",
        "留言",
        "市民",
        "目前",
        "存在",
        "没有",
        "一个",
        "我们",
        "他们",
        "现在",
        "已经",
        "可以",
        "需要",
        "要求",
        "通过",
        "切实",
        "深入",
        "提案",
        "议案",
        "委员",
        "群众",
        "设置",
        "不够",
        "不足",
        "偏慢",
        "偏低",
        "亟待",
        "影响",
        "部分",
        "反映",
        "重视",
        "群众反映",
        "委员反映",
        "切实加强",
        "建议重视",
        # Too broad to name a topic on their own; they still join a phrase (历史文化街区保护).
        "亟待解决",
        "解决",
        "保护",
        "保障",
        "利用",
        "增设",
        "城市",
        "城区",
        "企业",
        "安全",
        "人员",
        "项目",
        "行动",
        "治理",
        "条例",
        "制定",
        "健全",
        "支持",
        "推行",
        "减少",
        "示范",
        "水平",
        "质量",
        "力度",
        "行为",
        "整治",
        "监管",
        "问题突出",
        "突出",
        "有待",
        "提升",
        "增加",
        "难",
        "建立",
        "开展",
        "周边",
        "执行",
        "纠纷",
        "仍然",
        "事项",
        "减轻",
        "防范",
        "监督",
        "本地",
        "设施",
    ]
)
# Not part of any topic phrase: the frame of a title (关于…的建议) and verbs of intent.
PHRASE_BREAKERS = frozenset(
    [
        *("关于", "建议", "提案", "议案", "加强", "推进", "进一步", "完善", "加快", "推动", "促进"),
        *("落实", "规范", "提高", "优化", "实施", "做好", "切实", "深入", "尽快", "制定", "健全"),
        *("支持", "推行", "减少", "增设", "亟待解决", "亟待", "解决", "问题", "情况", "希望", "反映"),
        *("存在", "突出", "有待", "提升", "增加", "再次", "多次", "要求", "请求", "投诉", "建立", "开展"),
        *("仍然", "减轻", "防范"),
    ]
)
# A single word names a topic only if it is uncommon in general Chinese (jieba's IDF table):
# 建立、一次、企业 are everywhere, 老旧、养老、中小学 are not.
TOPIC_MIN_IDF = 5.0


# ---------------------------------------------------------------- search


@dataclass(frozen=True)
class SearchFilters:
    kind: str = ""
    year: int | None = None
    state: str = ""
    unit_id: int | None = None
    sector_id: int | None = None
    source: str = ""

    @classmethod
    def from_params(cls, params: Any) -> SearchFilters:
        def as_int(name: str) -> int | None:
            raw = str(params.get(name) or "").strip()
            return int(raw) if raw.isdigit() and len(raw) < 10 else None

        source = str(params.get("source") or "").strip()
        return cls(
            kind=str(params.get("kind") or "").strip()[:32],
            year=as_int("year"),
            state=str(params.get("state") or "").strip()[:32],
            unit_id=as_int("unit"),
            sector_id=as_int("sector"),
            source=source if source in SearchSource.values else "",
        )


@dataclass
class SearchHit:
    entry: SearchEntry
    score: float
    snippet: SafeString
    url: str

    @property
    def source_label(self) -> str:
        return str(SearchSource(self.entry.source).label)

    @property
    def kind_label(self) -> str:
        return kind_label(self.entry.kind) if self.entry.source != SearchSource.BULLETIN else "简报"


@dataclass
class SearchPage:
    hits: list[SearchHit]
    count: int
    page: int
    page_size: int
    terms: list[str]
    backend: str

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))


def query_terms(q: str) -> list[str]:
    """jieba terms of a query (domain dictionary, stop words out), at most a dozen."""
    q = (q or "").strip()
    if not q:
        raise ValidationError({"q": QUERY_EMPTY})
    if len(q) > MAX_QUERY_CHARS:
        raise ValidationError({"q": QUERY_TOO_LONG % {"max": MAX_QUERY_CHARS}})
    terms = list(dict.fromkeys(engine.tokenize(q)))[:MAX_QUERY_TERMS]
    if not terms:  # a query of stop words only: search for it literally
        terms = [engine.normalize(q)[:20]]
    return terms


def _visible_q(actor: Any) -> Q:
    # Per candidate, one look-up of its case by key (Exists), not the body's whole case list hashed
    # for every search (a sequential scan of the year at national scale).
    cases = case_selectors.case_scope_for_actor(actor=actor).filter(pk=OuterRef("case_id"))
    visible = Q(source__in=[SearchSource.CASE, SearchSource.REPLY, SearchSource.EVENT]) & Q(Exists(cases))
    try:
        from lvzhi.opinions.selectors import bulletin_list_for_actor
    except ImportError:  # pragma: no cover - opinions app absent
        return visible
    return visible | Q(
        source=SearchSource.BULLETIN, object_id__in=bulletin_list_for_actor(actor=actor).values("pk")
    )


def _filtered(qs: QuerySet[SearchEntry], f: SearchFilters) -> QuerySet[SearchEntry]:
    if f.source:
        qs = qs.filter(source=f.source)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.year:
        qs = qs.filter(year=f.year)
    if f.state:
        qs = qs.filter(state=f.state)
    if f.unit_id:
        qs = qs.filter(unit_ids__contains=f",{f.unit_id},")
    if f.sector_id:
        qs = qs.filter(sector_id=f.sector_id)
    return qs


_TAG = re.compile(r"\s+")


def snippet(text: str, terms: list[str], width: int = 90) -> SafeString:
    """A window of the text around the first matching term, terms wrapped in <mark>."""
    flat = _TAG.sub(" ", text).strip()
    norm = engine.normalize(flat)
    hits = [norm.find(engine.normalize(t)) for t in terms]
    first = min((h for h in hits if h >= 0), default=0)
    start = max(0, first - width // 3)
    window = flat[start : start + width]
    escaped = html.escape(window)
    for t in sorted({t for t in terms if t}, key=len, reverse=True):
        escaped = re.sub(
            re.escape(html.escape(t)), lambda m: f"<mark>{m.group(0)}</mark>", escaped, flags=re.I
        )
    # Terms nested inside longer ones produce <mark><mark>; flatten them.
    escaped = escaped.replace("<mark><mark>", "<mark>").replace("</mark></mark>", "</mark>")
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(flat) else ""
    return mark_safe(prefix + escaped + suffix)  # built from html.escape()d text


def _url_for(entry: SearchEntry) -> str:
    try:
        if entry.case_id:
            return reverse("casework:case-detail", args=[entry.case_id])
        if entry.source == SearchSource.BULLETIN:
            return reverse("opinions:bulletin-detail", args=[entry.object_id])
    except NoReverseMatch:
        return ""
    return ""


def search_for_actor(
    *, actor: Any, q: str, filters: SearchFilters | None = None, page: int = 1, page_size: int = 20
) -> SearchPage:
    """Ranked full-text search over what the actor may see; a bounded number of queries."""
    f = filters or SearchFilters()
    terms = query_terms(q)
    be = backend()
    ranked = be.query(terms, limit=CANDIDATES, match_all=True)
    if not ranked and len(terms) > 1:  # no record has every term: rank those with some
        ranked = be.query(terms, limit=CANDIDATES, match_all=False)
    scores = dict(ranked)
    visible = set(
        _filtered(SearchEntry.objects.filter(pk__in=list(scores)), f)
        .filter(_visible_q(actor))
        .values_list("pk", flat=True)
    )
    order = [pk for pk, _ in ranked if pk in visible]
    page_size = max(1, min(page_size, 100))
    page = max(1, page)
    chosen = order[(page - 1) * page_size : page * page_size]
    rows = {e.pk: e for e in SearchEntry.objects.filter(pk__in=chosen)}
    hits = [
        SearchHit(
            entry=rows[pk],
            score=round(scores[pk], 4),
            snippet=snippet(rows[pk].text, terms),
            url=_url_for(rows[pk]),
        )
        for pk in chosen
        if pk in rows
    ]
    return SearchPage(
        hits=hits, count=len(order), page=page, page_size=page_size, terms=terms, backend=be.name
    )


# ---------------------------------------------------------------- similar cases


@dataclass
class SimilarCase:
    case_id: int
    title: str
    score: float
    state: str
    state_label: str
    kind: str
    year: int
    number: str
    outcome: str
    is_duplicate: bool
    shared_places: list[str] = field(default_factory=list)
    reason: str = ""  # why it looks like the same matter ("同一小区（丽发新城）、同一问题：…")

    def as_json(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "title": self.title,
            "score": self.score,
            "state": self.state,
            "state_label": self.state_label,
            "kind": self.kind,
            "year": self.year,
            "number": self.number,
            "outcome": self.outcome,
            "is_duplicate": self.is_duplicate,
            "reason": self.reason,
        }


def clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": TEXT_EMPTY})
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError({"text": TEXT_TOO_LONG % {"max": MAX_TEXT_CHARS}})
    return text


def _body_for(actor: Any, body_id: int | None) -> int:
    if body_id is None:
        if getattr(actor, "body_id", None):
            return int(actor.body_id)
        raise NotFound(BODY_NOT_VISIBLE)
    ids = visible_body_ids(actor)
    if ids is not None and body_id not in ids:
        raise NotFound(BODY_NOT_VISIBLE)
    return body_id


def _similar_scope(actor: Any, body_id: int) -> QuerySet[Case]:
    """Cases whose similarity the actor may see: their own scope, and for members and staff
    also the body's submitted public cases (so they can cosign instead of duplicating).
    A handling unit sees only its own; the public sees only public, non-petition cases."""
    public = Case.objects.filter(body_id=body_id, submitted_at__isnull=False, is_public=True).exclude(
        kind="petition"
    )
    if not getattr(actor, "is_authenticated", False):
        return public
    own = case_selectors.case_scope_for_actor(actor=actor).filter(body_id=body_id)
    if getattr(actor, "role", "") == "unit" and not is_admin(actor):
        return own
    return Case.objects.filter(Q(pk__in=own.values("pk")) | Q(pk__in=public.values("pk")))


def _outcome(case: Case) -> str:
    if case.merged_into_id:
        return "已并案"
    if case.reply_category:
        return case.get_reply_category_display()
    return case.state_label


def similar_for_text(
    *,
    actor: Any,
    text: str,
    kind: str = "",
    body_id: int | None = None,
    exclude_id: int | None = None,
    k: int = 5,
    metadata: dict[str, Any] | None = None,
) -> list[SimilarCase]:
    """Existing cases (this year and past) most like the draft text, best first.

    ``metadata`` ({"author", "day"}) describes the draft for the pair model's same-submitter
    and time-apart features; by default the actor writing it, today.
    """
    text = clean_text(text)
    body = _body_for(actor, body_id)
    scope = _similar_scope(actor, body)
    if kind:
        scope = scope.filter(kind=kind)
    allowed = list(scope.values_list("pk", flat=True))
    if not allowed:
        return []
    index = caches.index_for(body)
    if metadata is None:
        metadata = {
            "author": caches.author_key(
                getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
            ),
            "day": timezone.localdate().toordinal(),
        }
    matches = index.matches(
        text, k=k, exclude_id=exclude_id, ids=allowed, min_score=SIMILAR_MIN_SCORE, metadata=metadata
    )
    if not matches:
        return []
    cases = {c.pk: c for c in Case.objects.filter(pk__in=[m.id for m in matches])}
    out = []
    for m in matches:
        c = cases.get(int(m.id))  # type: ignore[call-overload]  # ids are case pks
        if c is None:
            continue
        out.append(
            SimilarCase(
                case_id=c.pk,
                title=c.title,
                score=round(float(m.score), 3),
                state=c.state,
                state_label=c.state_label,
                kind=c.kind,
                year=c.year,
                number=c.number,
                outcome=_outcome(c),
                is_duplicate=m.duplicate,
                shared_places=list(m.shared_entities),
                reason=m.reason,
            )
        )
    return out


def similar_for_case(*, actor: Any, case_id: int, k: int = 5) -> list[SimilarCase]:
    case = case_selectors.case_get_for_actor(actor=actor, pk=case_id)
    from .services import case_text

    return similar_for_text(
        actor=actor,
        text=case_text(case)[:MAX_TEXT_CHARS],
        body_id=case.body_id,
        exclude_id=case.pk,
        k=k,
        metadata=caches.case_metadata(
            case.submitter_id, case.submitter_name, case.submitted_at, case.created_at
        ),
    )


# ---------------------------------------------------------------- routing


@dataclass
class UnitSuggestion:
    unit_id: int
    name: str
    confidence: float


def routing_for_case(*, actor: Any, case_id: int, k: int = 3) -> list[UnitSuggestion]:
    """Top handling units for a case (staff only), learned from the body's past 交办 and rules."""
    case = case_selectors.case_get_for_actor(actor=actor, pk=case_id)
    staff_required(actor=actor, body_id=case.body_id)
    from .services import case_text

    router = caches.router_for(case.body_id)
    ranked = router.predict(case_text(case), k=k + 5)
    units = {
        str(u.pk): u
        for u in HandlingUnit.objects.filter(
            body_id=case.body_id,
            is_active=True,
            pk__in=[int(label) for label, _ in ranked if label.isdigit()],
        )
    }
    out = [
        UnitSuggestion(units[label].pk, units[label].name, round(p, 3))
        for label, p in ranked
        if label in units
    ][:k]
    routing_suggestions_remember(case_id=case.pk, unit_ids=[s.unit_id for s in out])
    return out


# ---------------------------------------------------------------- reply quality (审核答复)


@dataclass
class ReplyCheckOut:
    reply_id: int
    unit: str
    round: int
    working_days: int | None
    late: bool
    problems: list[str]  # Chinese: what the reviewer should look at; empty = nothing flagged

    def as_json(self) -> dict[str, Any]:
        return {
            "reply_id": self.reply_id,
            "unit": self.unit,
            "round": self.round,
            "working_days": self.working_days,
            "late": self.late,
            "problems": self.problems,
        }


def reply_checks_for_case(*, actor: Any, case_id: int) -> list[ReplyCheckOut]:
    """The reply-quality check of each reply of a case not yet reviewed (staff only): does it
    answer this case's place and problem, give a concrete measure or date, and come in time."""
    case = case_selectors.case_get_for_actor(actor=actor, pk=case_id)
    staff_required(actor=actor, body_id=case.body_id)
    from .services import case_text

    message = case_text(case)
    asked = case.submitted_at or case.created_at
    out = []
    for reply in (
        Reply.objects.filter(case=case, reviewed_at__isnull=True)
        .select_related("assignment__unit")
        .order_by("round", "pk")
    ):
        check = replies.check_reply(
            message,
            reply.content,
            asked_on=timezone.localdate(asked) if asked else None,
            replied_on=timezone.localdate(reply.created_at),
            due_on=reply.assignment.due_on,
        )
        out.append(
            ReplyCheckOut(
                reply.pk,
                reply.assignment.unit.name,
                reply.round,
                check.working_days,
                check.late,
                check.messages,
            )
        )
    return out


# ---------------------------------------------------------------- 并案 suggestions


@dataclass
class MergeSuggestion:
    key: str
    cases: list[Case]
    key_terms: list[str]
    places: list[str]
    reason: str

    @property
    def case_ids(self) -> list[int]:
        return [c.pk for c in self.cases]


def merge_suggestions(
    *, actor: Any, body: Body, session_id: int | None = None, year: int | None = None, kind: str = ""
) -> list[MergeSuggestion]:
    """Groups of this intake's cases about the same matter (same kind), not yet decided."""
    staff_required(actor=actor, body_id=body.pk)
    qs = case_selectors.case_scope_for_actor(actor=actor).filter(
        body=body, state__in=MERGEABLE_STATES, merged_into__isnull=True
    )
    if session_id:
        qs = qs.filter(session_id=session_id)
    if year:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    by_kind: dict[str, list[int]] = defaultdict(list)
    for pk, k in qs.values_list("pk", "kind"):
        by_kind[k].append(pk)
    index = caches.index_for(body.pk)
    threshold = index.outlier_threshold()
    decided = set(MergeDecision.objects.filter(body=body).values_list("group_key", flat=True))
    groups = []
    for ids in by_kind.values():
        present = [i for i in ids if i in index]
        if len(present) >= 2:
            groups += [
                g for g in index.group(doc_ids=present, threshold=threshold) if group_key(g) not in decided
            ]
    cases = Case.objects.in_bulk([i for g in groups for i in g])
    out = []
    for g in groups:
        members = sorted(
            (cases[i] for i in g if i in cases), key=lambda c: (c.submitted_at is None, c.submitted_at, c.pk)
        )
        if len(members) >= 2:
            out.append(MergeSuggestion(group_key(g), members, list(g.key_terms), list(g.places), g.reason))
    out.sort(key=lambda s: (-len(s.cases), s.cases[0].pk))
    return out


# ---------------------------------------------------------------- key terms and topics


def _topic_entries(actor: Any, body_id: int) -> QuerySet[SearchEntry]:
    cases = case_selectors.case_scope_for_actor(actor=actor).filter(
        body_id=body_id, submitted_at__isnull=False
    )
    return SearchEntry.objects.filter(source=SearchSource.CASE, case_id__in=cases.values("pk"))


def _title_runs(tokens: str) -> list[list[str]]:
    """A title's words in runs that a topic phrase may span (the frame words break them)."""
    runs: list[list[str]] = [[]]
    for w in tokens.split():
        # 某某 stands for a withheld name: never part of a topic.
        if w in PHRASE_BREAKERS or "某" in w or not w.isalpha():
            runs.append([])
        else:
            runs[-1].append(w)
    return [r for r in runs if r]


def _title_topics(runs: list[list[str]], pairs: set[str]) -> list[str]:
    """One title's topics: spans of words joined by common pairs (老旧+小区 → 老旧小区), and
    the remaining words that are specific enough to name a topic alone."""
    idf, _median = engine.general_idf()
    out: list[str] = []
    for run in runs:
        span = [run[0]]
        for prev, word in itertools.pairwise(run):
            if prev + word in pairs and len(span) < 3:
                span.append(word)
                continue
            out.append("".join(span))
            span = [word]
        out.append("".join(span))
    return list(
        dict.fromkeys(
            t
            for t in out
            if t not in TOPIC_STOPWORDS and (len(t) >= 4 or (len(t) > 1 and idf.get(t, 99) >= TOPIC_MIN_IDF))
        )
    )


def hot_topics(*, actor: Any, body_id: int, top: int = 10) -> dict[str, Any]:
    """Counts of the body's most frequent topics, per year: {years, topics, series, per_year}.

    Topics come from titles (bodies of formal proposals share boilerplate, titles name the
    matter). Two neighbouring words that several titles share make one topic (电动自行车,
    老旧小区), so 老旧 and 小区 do not crowd it out. Petitions are left out: they are personal
    grievances, and their titles may carry what only petition staff should read.
    """
    rows = [
        (year, _title_runs(tokens))
        for year, tokens in _topic_entries(actor, body_id)
        .exclude(kind="petition")
        .values_list("year", "title_tokens")
        if year is not None
    ]
    pair_df: Counter[str] = Counter()
    for _year, runs in rows:
        pair_df.update({a + b for run in runs for a, b in itertools.pairwise(run)})
    pairs = {p for p, n in pair_df.items() if n >= max(2, len(rows) // 200)}
    per_year: dict[int, Counter[str]] = defaultdict(Counter)
    total: Counter[str] = Counter()
    for year, runs in rows:
        terms = _title_topics(runs, pairs)
        per_year[year].update(terms)
        total.update(terms)
    years = sorted(per_year)
    topics = [w for w, _ in total.most_common(top)]
    return {
        "years": years,
        "topics": topics,
        "series": [{"name": t, "data": [per_year[y][t] for y in years]} for t in topics],
        "per_year": {y: [w for w, _ in per_year[y].most_common(top)] for y in years},
        "cases": len(rows),
    }


def case_key_terms(*, actor: Any, case_id: int) -> list[str]:
    case = case_selectors.case_get_for_actor(actor=actor, pk=case_id)
    entry = SearchEntry.objects.filter(source=SearchSource.CASE, object_id=case.pk).first()
    return entry.keyword_list if entry else engine.keywords(case.title + "\n" + case.content)
