"""Engine tests: pure Python, no database (pytest -p no:django works too)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lvzhi.textsim import engine, pairs

REPO_ROOT = Path(__file__).resolve().parents[3]

MIXING_A = "A2区丽发新城附近修建搅拌站噪音扰民\n丽发新城小区旁边建了搅拌站，每天噪音很大，灰尘满天飞，严重影响居民休息。"
MIXING_B = "丽发新城小区附近搅拌站粉尘大噪音吵\n开发商在丽发新城小区附近建搅拌站，粉尘和噪音污染严重，请尽快撤走搅拌站。"
ROAD_SAME_PLACE = (
    "A2区丽发新城云塘路至今未铺沥青\n暮云街道丽发新城35栋至39栋之间的云塘路修了五年还是泥巴路，"
    "下雨积水，车辆出行困难，希望市政部门安排施工铺设沥青路面。"
)
MIXING_OTHER_PLACE = "A5区金茂悦小区附近修建搅拌站噪音扰民\n金茂悦小区旁边建了搅拌站，每天噪音很大，灰尘满天飞，严重影响居民休息。"
UNRELATED = "咨询A市退休年龄问题\n我身份证是72年的，实际年龄是69年的，请问可以办理退休吗？"


@pytest.fixture(scope="module")
def index() -> engine.SimilarityIndex:
    idx = engine.SimilarityIndex()
    for i, text in enumerate([MIXING_A, ROAD_SAME_PLACE, MIXING_OTHER_PLACE, UNRELATED]):
        idx.add(f"d{i}", text)
    # Filler so IDF looks like a real corpus: a busy estate's name appears in many
    # unrelated messages, which is what keeps "same place" alone from looking like a match.
    places = ["丽发新城", "金茂悦", "魅力之城", "伊景园", "万国城", "江山帝景", "中海国际", "红树湾"]
    issues = [
        "物业费上涨没有依据，业主要求公示收支",
        "小孩入学学位不够，划片不合理",
        "小区停车位被外来车辆占用，消防通道堵塞",
        "电梯经常故障，维修基金使用不透明",
        "楼下餐馆油烟直排，夜宵摊营业到凌晨",
    ]
    for i, (place, issue) in enumerate((p, q) for p in places for q in issues):
        idx.add(f"f{i}", f"{place}小区{issue[:8]}\n我是{place}小区的业主，{issue}，请有关部门尽快处理。")
    return idx


def test_tokenize_keeps_domain_terms_and_drops_stop_words() -> None:
    tokens = engine.tokenize("请住建局和人社局尽快处理交警大队的问题，九三学社界别委员提案")
    for term in ("住建局", "人社局", "交警大队", "九三学社", "界别"):
        assert term in tokens
    assert "的" not in tokens
    assert "，" not in tokens


def test_keywords_returns_topic_words() -> None:
    kws = engine.keywords(MIXING_A, k=5)
    assert "搅拌站" in kws
    assert len(kws) <= 5


def test_similar_texts_score_above_unrelated(index: engine.SimilarityIndex) -> None:
    near = index.similarity(MIXING_A, MIXING_B)
    far = index.similarity(MIXING_A, UNRELATED)
    assert 0.0 <= far < near <= 1.0
    assert engine.is_duplicate(near)
    top = index.query(MIXING_B, k=3)
    assert top[0][0] == "d0"
    assert all(0.0 <= s <= 1.0 for _, s in top)


def test_same_place_different_problem_is_not_duplicate(index: engine.SimilarityIndex) -> None:
    assert not engine.is_duplicate(index.similarity(MIXING_A, ROAD_SAME_PLACE))


def test_same_problem_other_place_is_damped(index: engine.SimilarityIndex) -> None:
    other = index.similarity(MIXING_A, MIXING_OTHER_PLACE)
    same = index.similarity(MIXING_A, MIXING_B)
    assert other < same
    assert not engine.is_duplicate(other)


def test_place_cores_skip_stop_words_and_descriptors() -> None:
    """Function words never form a place core (由于|政府, 必须去|学校, 迟迟不|开园), and
    descriptive words between a name and its suffix are looked past (尖山安置小区 → 尖山)."""
    cores, _ = engine.extract_entities("由于政府不作为，学生必须去学校安排的地方实习，幼儿园迟迟不开园")
    assert not cores
    assert "尖山" in engine.extract_entities("A3区尖山安置小区3栋一楼有一家物流公司")[0]
    assert "丽发" in engine.extract_entities("A2区丽发新城小区附近修建搅拌站")[0]


def test_query_excludes_and_remove_forgets(index: engine.SimilarityIndex) -> None:
    assert all(i != "d0" for i, _ in index.query(MIXING_A, k=5, exclude_id="d0"))
    index.add("tmp", MIXING_B)
    assert "tmp" in [i for i, _ in index.duplicates(MIXING_A)]
    assert index.remove("tmp")
    assert "tmp" not in [i for i, _ in index.query(MIXING_A, k=10)]


def test_group_duplicates_groups_obvious_duplicates() -> None:
    items = [
        ("a1", MIXING_A),
        ("a2", MIXING_B),
        ("a3", MIXING_A.replace("每天", "天天")),
        ("b1", ROAD_SAME_PLACE),
        ("c1", UNRELATED),
        ("c2", UNRELATED + "谢谢。"),
    ]
    groups = engine.group_duplicates(items)
    as_sets = [set(g) for g in groups]
    assert {"a1", "a2", "a3"} in as_sets
    assert {"c1", "c2"} in as_sets
    assert not any("b1" in g for g in as_sets)
    mixing = next(g for g in groups if "a1" in g)
    assert "搅拌站" in mixing.key_terms
    assert mixing.reason


TOY = [
    ("小孩上学学位不够，学校招生划片不合理", "教育"),
    ("学校补课收费，老师有偿家教", "教育"),
    ("幼儿园收费太高，学位紧张", "教育"),
    ("公交车不按时发车，线路要优化", "交通"),
    ("红绿灯时间太短，路口拥堵", "交通"),
    ("乱停车堵塞道路，交警不管", "交通"),
    ("公司拖欠工资，劳动仲裁不受理", "人社"),
    ("社保养老保险断缴怎么补", "人社"),
    ("失业保险金如何领取，社保卡", "人社"),
]


def test_router_learns_toy_classes_and_honours_rules() -> None:
    router = engine.Router().fit([t for t, _ in TOY], [y for _, y in TOY])
    assert router.predict("学校学位和招生问题", k=1)[0][0] == "教育"
    assert router.predict("公交线路和路口拥堵", k=1)[0][0] == "交通"
    assert router.predict("单位拖欠工资和社保", k=1)[0][0] == "人社"
    ranked = router.predict("学校门口公交站", k=3)
    assert len(ranked) == 3
    assert abs(sum(p for _, p in router.predict("学校", k=3)) - 1.0) < 0.01

    text = "网约车平台乱收费"
    before = dict(router.predict(text, k=3)).get("交通", 0.0)
    router.set_rules({"交通": ["网约车"]})
    after = router.predict(text, k=3)
    assert after[0][0] == "交通"
    assert after[0][1] > before

    router.learn("医院看病排队太久，医保报销难", "卫健")
    router.learn("医院收费不透明，医生态度差", "卫健")
    assert router.predict("医院医保报销", k=1)[0][0] == "卫健"


def _datasets_present() -> bool:
    sys.path.insert(0, str(REPO_ROOT / "bench"))
    try:
        from _common import TIPDM, datasets_dir
    finally:
        sys.path.pop(0)
    return (datasets_dir() / TIPDM).is_dir()


@pytest.mark.skipif(not _datasets_present(), reason="shared datasets not available")
def test_routing_cross_validated_accuracy_on_attachment_2() -> None:
    sys.path.insert(0, str(REPO_ROOT / "bench"))
    try:
        from routing import cross_validate
    finally:
        sys.path.pop(0)
    result = cross_validate(folds=3)
    assert result["accuracy"] >= 0.80


def test_place_named_in_the_other_text_is_no_conflict() -> None:
    """Extraction may keep only part of a name (北辰定江洋小区 → 江洋); a text that spells out
    the other's place core is about the same place, while two unrelated names still conflict."""
    long_name = engine.analyze("北辰定江洋小区住改商问题\n北辰定江洋小区很多住宅改成商铺，物业管不了。")
    short_name = engine.analyze("北辰小区住改商何时解决\n北辰小区住改商上百家，安全隐患大。")
    other = engine.analyze("金茂悦小区住改商何时解决\n金茂悦小区住改商上百家，安全隐患大。")
    assert not engine.entities_match(long_name.entities, short_name.entities)
    assert long_name.mentions("北辰")
    assert engine.entity_factor(long_name, short_name) == 1.0
    assert engine.entity_factor(short_name, other) == engine.ENTITY_CONFLICT_PENALTY


def test_index_applies_the_mention_check_to_stored_documents() -> None:
    idx = engine.SimilarityIndex()
    idx.add("long", "北辰定江洋小区住改商问题\n北辰定江洋小区很多住宅改成商铺，物业管不了，堵门闹事。")
    idx.add("other", "金茂悦小区住改商问题\n金茂悦小区很多住宅改成商铺，物业管不了，堵门闹事。")
    for i in range(30):
        idx.add(f"f{i}", f"第{i}号留言\n小区停车位不够，道路拥堵，请求处理{i}。")
    query = "北辰小区住改商问题\n北辰小区很多住宅改成商铺，物业管不了，堵门闹事。"
    scores = {m.id: (m.score, m.cosine) for m in idx.matches(query, k=5)}
    assert scores["long"][0] == scores["long"][1]  # not damped: the stored text says 北辰
    assert scores["other"][0] < scores["other"][1]  # damped: another estate


# ---------------------------------------------------------------- learned pair model (#22)

SMOKE_A = "A5区魅力之城小区临街门面油烟直排扰民\n魅力之城小区一楼临街门面的餐馆油烟直排，熏得楼上住户不能开窗，请城管部门查处。"
SMOKE_REPOST = (
    "再次反映魅力之城小区楼下餐馆油烟问题\n魅力之城小区临街餐馆的油烟还是直排，住户无法开窗，请尽快处理。"
)
SMOKE_OTHER_ESTATE = "A3区润芳园小区临街门面油烟直排扰民\n润芳园小区一楼临街门面的餐馆油烟直排，熏得楼上住户不能开窗，请城管部门查处。"


def test_pair_model_tells_a_reworded_repost_from_the_same_template_elsewhere() -> None:
    idx = engine.SimilarityIndex()
    idx.add("smoke-a", SMOKE_A, {"author": "u1", "day": 737000})
    idx.add("smoke-other", SMOKE_OTHER_ESTATE, {"author": "u2", "day": 737001})
    for i, text in enumerate([MIXING_A, ROAD_SAME_PLACE, MIXING_OTHER_PLACE, UNRELATED]):
        idx.add(f"d{i}", text)
    found = {m.id: m for m in idx.matches(SMOKE_REPOST, k=10, metadata={"author": "u3", "day": 737030})}
    # the template posted for another estate scores above the old rule's threshold …
    assert engine.is_duplicate(found["smoke-other"].score)
    # … but the pair model keeps only the same estate's complaint, and says why
    assert found["smoke-a"].duplicate and not found["smoke-other"].duplicate
    assert found["smoke-a"].reason == "同一小区（魅力之城小区）、同一问题：油烟扰民"
    assert [i for i, _ in idx.duplicates(SMOKE_REPOST)] == ["smoke-a"]


def test_pair_model_learns_from_staff_decisions() -> None:
    base = pairs.default_model()
    assert base is not None and len(base.rows) > 1000  # shipped: trained on the labelled pairs
    idx = engine.SimilarityIndex()
    idx.add(1, SMOKE_A, {"author": "u1", "day": 737000})
    idx.add(2, SMOKE_REPOST, {"author": "u2", "day": 737010})
    row = idx.judge_ids(1, 2).features
    before = base.probability(row)
    # staff dismissed this pair (and pairs like it) as different matters
    learned = base.refit([row] * 40, [0] * 40)
    assert learned.extra == 40
    assert learned.probability(row) < before
    assert len(learned.rows) == len(base.rows)  # the shipped rows stay the base of later refits
