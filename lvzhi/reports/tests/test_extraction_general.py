"""Patterns the extractor must read in reports it was not tuned on (synthetic sentences)."""

from __future__ import annotations

import pytest

from lvzhi.reports.extraction import extract_text

CPPCC_HEAD = "政协某某县委员会常务委员会工作报告\n各位委员:\n2024年工作回顾\n"
CONGRESS_HEAD = "某某县人民代表大会常务委员会工作报告\n各位代表:\n2024年的主要工作\n"


def figures(text: str) -> set[tuple[str, float]]:
    return {(f["key"], f["value"]) for f in extract_text(text)["figures"]}


def test_short_congress_summary_is_a_report() -> None:
    # a newspaper summary with no 委员/代表 still names congress work
    text = "省人大常委会一年来听取审议专项工作报告8项,开展执法检查5项,审查规范性文件60件;作出决议决定3项。"
    got = figures(text)
    assert {
        ("oversight.work_reports", 8),
        ("oversight.law_inspections", 5),
        ("filing_review.documents", 60),
        ("decision.resolutions", 3),
    } <= got


def test_work_reports_counted_before_the_noun() -> None:
    got = figures(CONGRESS_HEAD + "一年来听取审议县政府、县法院、县检察院12个工作报告。")
    assert ("oversight.work_reports", 12) in got


def test_committee_reports_on_bills_and_credentials_are_not_oversight() -> None:
    text = CONGRESS_HEAD + "审议通过有关委员会关于议案审议结果的报告3个、关于个别代表的代表资格的报告4个。"
    got = figures(text)
    assert not {k for k, _ in got} & {"oversight.work_reports", "deputy.bills"}


def test_decide_as_a_verb_is_no_decision() -> None:
    text = CONGRESS_HEAD + "决定批准有关协定5件,决定任命一批工作人员,作出决议2项。"
    got = figures(text)
    assert ("decision.resolutions", 5) not in got
    assert ("decision.resolutions", 2) in got


def test_decisions_named_after_a_modifier_with_de() -> None:
    got = figures(CONGRESS_HEAD + "常委会通过4个有关重大事项的决定。")
    assert ("decision.resolutions", 4) in got


def test_amended_decision_is_not_a_new_one() -> None:
    got = figures(CONGRESS_HEAD + "修改地方性法规3部和1个有关问题的决定。")
    assert ("decision.resolutions", 1) not in got


def test_law_inspection_verb_before_count() -> None:
    got = figures(CONGRESS_HEAD + "一年来检查4部法律法规实施情况。")
    assert ("oversight.law_inspections", 4) in got


def test_deputies_suggestions_named_before_count() -> None:
    got = figures(CONGRESS_HEAD + "大会期间代表们共提出建议215件,已全部办结。")
    assert ("deputy.suggestions", 215) in got


def test_subset_counts_of_bills_are_not_figures() -> None:
    text = CONGRESS_HEAD + "大会交付审议的40件代表议案已办理完毕,6件议案涉及的2件法规已审议通过。"
    got = figures(text)
    assert ("deputy.bills", 40) in got
    assert ("deputy.bills", 6) not in got
    assert ("deputy.bills", 2) not in got


def test_all_answered_with_adverb_between() -> None:
    got = figures(CPPCC_HEAD + "共收到提案150件,立案132件,所有提案均已按时办复。")
    assert {("proposal.submitted", 150), ("proposal.registered", 132), ("proposal.answered", 132)} <= got


def test_share_in_the_next_clause_is_a_satisfaction_rate() -> None:
    got = figures(CPPCC_HEAD + "提案者对办理结果表示满意或基本满意的120件,占96.5%。")
    assert ("proposal.satisfaction_rate", 96.5) in got


def test_list_joined_by_enumeration_comma_goes_to_the_first() -> None:
    got = figures(CONGRESS_HEAD + "开展专题视察、执法检查、专题询问15次。")
    assert ("inspection.events", 15) in got
    assert ("oversight.inquiries", 15) not in got


def test_people_taking_part_are_member_activities() -> None:
    text = CONGRESS_HEAD + "组织各级代表1200人次参加专题调研、860人次参加集中视察。"
    got = figures(text)
    assert {("member.activities", 1200), ("member.activities", 860)} <= got
    assert ("research.events", 1200) not in got


def test_people_taking_part_in_training_are_member_training() -> None:
    got = figures(CONGRESS_HEAD + "各级代表950人次通过网络平台远程参加学习培训。")
    assert ("member.training", 950) in got


def test_people_counted_in_ming_are_not_person_times() -> None:
    # 名 counts people, not 人次: the schema's member.activities is not them
    got = figures(CPPCC_HEAD + "选派18名委员参与各类听证活动。")
    assert not {k for k, _ in got} & {"member.activities"}


def test_opinions_provided() -> None:
    got = figures(CPPCC_HEAD + "委员在约谈活动中提供有价值的信息40多条。")
    assert ("opinion.submitted", 40) in got


def test_research_results_counted_in_jian() -> None:
    got = figures(CONGRESS_HEAD + "组织视察调研6项,形成专题调研成果11件。")
    assert {("research.events", 6), ("research.reports", 11)} <= got


@pytest.mark.parametrize(
    ("text", "year"),
    [
        (
            "政协某某区委员会常务委员会工作报告\n一年来共收到提案200件。\n会议指出,2025年区政协要聚焦中心。",
            2024,
        ),
        ("本报讯 站在2025年的起点回首过往,市人大常委会2024年的工作亮点频闪,作出决议决定6项。", 2024),
    ],
)
def test_year_of_a_summary(text: str, year: int) -> None:
    assert extract_text(text)["year"] == year


def test_provincial_body_without_a_title_names_its_province() -> None:
    text = "一年来,省人大常委会扎实推进全过程人民民主的河南实践,听取审议专项工作报告7项,开展执法检查4项。"
    assert extract_text(text)["region"] == "河南省"


def test_city_leader_titles_are_not_place_names() -> None:
    text = "市政协提案委员会收到提案120件,经分管市长督办,立案110件,推进县乡协同。"
    assert extract_text(text)["region"] not in ("分管市", "推进县")
