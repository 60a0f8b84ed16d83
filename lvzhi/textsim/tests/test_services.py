"""Services and selectors on the seeded demo world (indexed by the demo step)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lvzhi.casework import services as case_services
from lvzhi.casework.models import Case, CaseEvent
from lvzhi.casework.tests import factories
from lvzhi.textsim import caches, selectors, services
from lvzhi.textsim.models import MergeDecision, RoutingChoice, SearchEntry, SearchSource

TEXT = (
    "关于在丽发新城小区旁撤除违规搅拌站的提案",
    "丽发新城小区旁边建了搅拌站，每天噪音很大，粉尘满天飞，严重影响居民休息，建议有关部门依法查处并限期撤除。",
)


def _draft(actor, title=TEXT[0], content=TEXT[1]):
    return case_services.case_create(
        actor=actor, kind="proposal", body=actor.body, title=title, content=content
    )


def test_known_duplicate_is_found_and_an_unrelated_text_is_not(user_named, public_case):
    # given a member drafting the same matter as an existing public proposal
    member = user_named("demo-member")
    # when
    found = selectors.similar_for_text(actor=member, text=f"{public_case.title}\n{public_case.content}")
    unrelated = selectors.similar_for_text(
        actor=member, text="退休年龄咨询：身份证是72年的，实际年龄69年，可以办理退休吗"
    )
    # then
    assert found[0].case_id == public_case.pk
    assert found[0].is_duplicate
    assert not any(s.is_duplicate for s in unrelated)


def test_member_never_sees_another_members_draft_in_search_or_similarity(user_named, on_commit):
    # given a draft by demo-member about an unusual matter
    owner = user_named("demo-member")
    with on_commit():
        draft = _draft(owner)
    other = factories.member_user(factories.other_members(owner.body, owner.member_id, 1)[0], "tx-other")
    # when / then: the owner finds it, another member of the same body does not
    assert draft.pk in [h.entry.case_id for h in selectors.search_for_actor(actor=owner, q="搅拌站").hits]
    assert draft.pk not in [h.entry.case_id for h in selectors.search_for_actor(actor=other, q="搅拌站").hits]
    assert draft.pk not in [s.case_id for s in selectors.similar_for_text(actor=other, text="\n".join(TEXT))]
    # and a deputy of the other body never sees it either
    deputy = user_named("demo-deputy")
    assert not selectors.search_for_actor(actor=deputy, q="丽发新城 搅拌站").hits


def test_index_follows_a_case_edit(user_named, on_commit):
    # given an indexed draft
    owner = user_named("demo-member")
    with on_commit():
        draft = _draft(owner)
    assert SearchEntry.objects.get(source="case", object_id=draft.pk).title == TEXT[0]
    # when the title changes
    with on_commit():
        case_services.case_update(
            actor=owner, case=draft, data={"title": "关于整治伊景园滨河苑捆绑销售车位的提案"}
        )
    # then search sees the new words and not the old ones
    hits = [h.entry.case_id for h in selectors.search_for_actor(actor=owner, q="滨河苑").hits]
    assert draft.pk in hits
    entry = SearchEntry.objects.get(source="case", object_id=draft.pk)
    assert "捆绑销售" in entry.title_tokens
    assert "丽发" not in entry.title


def test_a_transition_updates_the_entry_without_segmenting_the_text_again(user_named, on_commit, monkeypatch):
    # given an indexed draft
    owner = user_named("demo-member")
    with on_commit():
        draft = _draft(owner)
    before = SearchEntry.objects.get(source="case", object_id=draft.pk)
    calls = []
    real = services.engine.tokenize
    monkeypatch.setattr(services.engine, "tokenize", lambda text: calls.append(text) or real(text))
    # when it is submitted (state changes, text does not)
    with on_commit():
        factories.move(draft, owner, "submit")
    # then the entry follows the state and keeps its tokens, without jieba running again
    after = SearchEntry.objects.get(source="case", object_id=draft.pk)
    assert after.state == "submitted"
    assert (after.title_tokens, after.tokens) == (before.title_tokens, before.tokens)
    assert calls == []


def test_notes_of_case_events_are_searchable_by_whoever_may_see_the_case(user_named, on_commit):
    # given a submitted proposal that staff send back with a note
    owner, staff = user_named("demo-member"), user_named("demo-staff")
    with on_commit():
        case = factories.move(_draft(owner), owner, "submit")
        factories.move(case, staff, "return", note="请补充搅拌站夜间施工的噪声监测数据后再提交")
    only_events = selectors.SearchFilters(source=SearchSource.EVENT)

    def found(who):
        page = selectors.search_for_actor(actor=who, q="夜间施工 噪声监测数据", filters=only_events)
        return {(h.entry.source, h.entry.case_id) for h in page.hits}

    # when staff or the submitter search the note's words, then both find it under 办理记录
    assert (SearchSource.EVENT, case.pk) in found(staff)
    assert (SearchSource.EVENT, case.pk) in found(owner)
    entry = SearchEntry.objects.get(source=SearchSource.EVENT, case_id=case.pk)
    assert entry.title.startswith("退回修改：") and entry.state == "returned"
    # and a deputy of another body finds nothing of it
    assert case.pk not in {case_id for _source, case_id in found(user_named("demo-deputy"))}


def _two_submitted(member, other):
    cases = []
    for actor in (member, other):
        case = _draft(actor)
        cases.append(factories.move(case, actor, "submit"))
    return cases


def test_merge_suggestion_accepted_goes_through_the_engine(user_named, on_commit):
    # given two submitted proposals about the same matter
    staff = user_named("demo-staff")
    member = user_named("demo-member")
    other = factories.member_user(factories.other_members(member.body, member.member_id, 1)[0], "tx-m2")
    with on_commit():
        a, b = _two_submitted(member, other)
    groups = selectors.merge_suggestions(actor=staff, body=staff.body)
    group = next(g for g in groups if {a.pk, b.pk} <= set(g.case_ids))
    assert "丽发" in group.reason
    # when staff accept with a as the survivor
    services.merge_accept(actor=staff, body=staff.body, case_ids=[a.pk, b.pk], survivor_id=a.pk)
    # then b was merged by the engine, and the decision is recorded
    b.refresh_from_db()
    assert b.state == "merged"
    assert b.merged_into_id == a.pk
    assert CaseEvent.objects.filter(case=b, action="case.merge").exists()
    assert MergeDecision.objects.get(body=staff.body, survivor=a).status == "accepted"


def test_member_cannot_accept_a_merge_and_nothing_changes(user_named, on_commit):
    member = user_named("demo-member")
    other = factories.member_user(factories.other_members(member.body, member.member_id, 1)[0], "tx-m3")
    with on_commit():
        a, b = _two_submitted(member, other)
    with pytest.raises(PermissionDenied):
        services.merge_accept(actor=member, body=member.body, case_ids=[a.pk, b.pk], survivor_id=a.pk)
    assert Case.objects.get(pk=b.pk).state == "submitted"
    assert not CaseEvent.objects.filter(case=b, action="case.merge").exists()
    assert not MergeDecision.objects.exists()


def test_dismissed_group_is_recorded_and_not_suggested_again(user_named, on_commit):
    staff = user_named("demo-staff")
    member = user_named("demo-member")
    other = factories.member_user(factories.other_members(member.body, member.member_id, 1)[0], "tx-m4")
    with on_commit():
        a, b = _two_submitted(member, other)
    services.merge_dismiss(actor=staff, body=staff.body, case_ids=[a.pk, b.pk], reason="不同诉求")
    assert MergeDecision.objects.get(body=staff.body).status == "dismissed"
    groups = selectors.merge_suggestions(actor=staff, body=staff.body)
    assert not any({a.pk, b.pk} == set(g.case_ids) for g in groups)
    assert Case.objects.get(pk=b.pk).state == "submitted"
    # the decision is a labelled pair the body's pair model has learned from
    assert caches.labelled_pairs(staff.body_id) == [(min(a.pk, b.pk), max(a.pk, b.pk), 0)]
    assert caches.index_for(staff.body_id).model.extra == 1


def test_routing_learns_from_a_new_assignment_and_records_the_choice(user_named, on_commit):
    # given a registered case on a topic no past assignment covers
    staff = user_named("demo-staff")
    member = user_named("demo-member")
    unit = factories.units(staff.body, 3)[2]
    title, content = (
        "关于规范低空无人机航线审批的提案",
        "低空无人机航线审批流程不清，无人机起降场地缺乏，建议明确低空无人机航线审批部门和流程。",
    )
    with on_commit():
        case = factories.move(
            factories.move(_draft(member, title, content), member, "submit"), staff, "register"
        )
    shown = selectors.routing_for_case(actor=staff, case_id=case.pk)
    assert 1 <= len(shown) <= 3
    # when staff assign it to a unit
    with on_commit():
        factories.move(case, staff, "assign", lead_unit_id=unit.pk)
    # then the choice is recorded next to what was shown
    choice = RoutingChoice.objects.get(case=case)
    assert choice.unit_id == unit.pk
    assert choice.suggested == [s.unit_id for s in shown]
    # and the next case on that topic is routed there first
    with on_commit():
        nxt = factories.move(
            factories.move(_draft(member, title.replace("规范", "加快"), content), member, "submit"),
            staff,
            "register",
        )
    assert selectors.routing_for_case(actor=staff, case_id=nxt.pk)[0].unit_id == unit.pk


def test_routing_rule_nudges_suggestions_and_unit_must_belong_to_body(user_named):
    staff = user_named("demo-staff")
    unit = factories.units(staff.body, 5)[4]
    services.routing_rule_save(actor=staff, body=staff.body, unit_id=unit.pk, keywords="停车位、充电桩")
    assert caches.router_for(staff.body_id).rules[str(unit.pk)] == ["停车位", "充电桩"]
    deputy_staff = user_named("demo-deputy-staff")
    with pytest.raises(ValidationError):
        services.routing_rule_save(actor=deputy_staff, body=deputy_staff.body, unit_id=unit.pk, keywords="x")


def test_bad_input_gets_a_chinese_message(user_named):
    member = user_named("demo-member")
    with pytest.raises(ValidationError) as empty:
        selectors.search_for_actor(actor=member, q="  ")
    assert selectors.QUERY_EMPTY in empty.value.messages
    with pytest.raises(ValidationError) as long:
        selectors.similar_for_text(actor=member, text="长" * 10_000)
    assert selectors.TEXT_TOO_LONG % {"max": selectors.MAX_TEXT_CHARS} in long.value.messages


def test_hot_topics_count_title_terms_per_year(user_named):
    staff = user_named("demo-staff")
    data = selectors.hot_topics(actor=staff, body_id=staff.body_id)
    assert data["years"] and data["topics"]
    assert all(len(s["data"]) == len(data["years"]) for s in data["series"])


def test_hot_topics_join_shared_phrases_and_drop_generic_words(user_named, monkeypatch):
    staff = user_named("demo-staff")
    titles = {
        2025: ["老旧 小区 加装 电梯", "老旧 小区 停车 难", "加强 老旧 小区 物业 管理"],
        2026: ["关于 建立 中小学 课后 服务 建议", "加强 城市 安全 保障", "老旧 小区 雨污 分流"],
    }

    class Rows(list):
        def exclude(self, **kwargs):
            return self

        def values_list(self, *fields):
            return self

    rows = Rows((year, " ".join(t.split())) for year, ts in titles.items() for t in ts)
    monkeypatch.setattr(selectors, "_topic_entries", lambda actor, body_id: rows)
    data = selectors.hot_topics(actor=staff, body_id=staff.body_id)
    assert data["topics"][0] == "老旧小区"
    assert data["series"][0]["data"] == [3, 1]
    assert "中小学" in data["topics"]
    # Frame words and words common in any Chinese text never become topics.
    assert not {"老旧", "小区", "建立", "城市", "安全", "保障", "关于", "建议"} & set(data["topics"])


def test_hot_topics_leave_out_petitions(user_named):
    staff = user_named("demo-petition")
    data = selectors.hot_topics(actor=staff, body_id=staff.body_id, top=50)
    assert not any("某" in t for t in data["topics"])
    assert (
        data["cases"]
        == Case.objects.filter(body_id=staff.body_id, submitted_at__isnull=False)
        .exclude(kind="petition")
        .count()
    )
