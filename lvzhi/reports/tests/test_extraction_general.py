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


def test_abbreviated_meeting_names_before_a_count() -> None:
    got = figures(CONGRESS_HEAD + "一年来召开常委会8次,主任会11次,审议议题30项。")
    assert {("meeting.standing_committee", 8), ("meeting.director", 11)} <= got


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年开展视察、督查和执法检查9次。", ("inspection.events", 9)),
        ("依法作出决议决定和审议意见30项。", ("decision.resolutions", 30)),
        ("开展专题调研、执法检查、工作评议、专题询问和约见40次。", ("research.events", 40)),
    ],
)
def test_count_after_a_joined_list_goes_to_its_first_activity(
    sentence: str, expected: tuple[str, int]
) -> None:
    got = figures(CONGRESS_HEAD + sentence)
    assert expected in got
    assert len({v for k, v in got if v == expected[1]}) == 1


def test_cue_of_an_earlier_item_does_not_name_a_later_count() -> None:
    got = figures(CONGRESS_HEAD + "开展执法检查3项、专项视察6项、立法后评估2项。")
    assert {("oversight.law_inspections", 3), ("inspection.events", 6)} <= got
    assert not {k for k, v in got if v == 2}


def test_drafts_and_review_requests_are_no_decisions_or_suggestions() -> None:
    text = (
        CONGRESS_HEAD
        + "审议法规、决定草案12件,通过10件;对报送备案的35件规范性文件进行审查,研究公民提出的18件审查建议。"
    )
    got = figures(text)
    assert ("decision.resolutions", 12) not in got
    assert ("deputy.suggestions", 18) not in got
    assert ("filing_review.documents", 35) in got


def test_session_ordinal_is_no_meeting_count() -> None:
    got = figures(CONGRESS_HEAD + "县十五届人大三次会议以来,召开常委会会议6次。")
    assert ("meeting.plenary", 3) not in got
    assert ("meeting.standing_committee", 6) in got


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("一年来检查3件法律实施情况。", ("oversight.law_inspections", 3)),
        ("对6部法律法规的贯彻实施情况进行了检查。", ("oversight.law_inspections", 6)),
        ("共听取审议15个监督工作的报告。", ("oversight.work_reports", 15)),
        ("听取4项重大事项报告,作出2项决定。", ("oversight.work_reports", 4)),
    ],
)
def test_oversight_counts_in_other_word_orders(sentence: str, expected: tuple[str, int]) -> None:
    assert expected in figures(CONGRESS_HEAD + sentence)


def test_answered_count_after_the_verb_not_before() -> None:
    got = figures(CPPCC_HEAD + "会上提案120件已全部办复,平时提案9件办结5件。")
    assert ("proposal.answered", 5) in got
    assert ("proposal.answered", 9) not in got


def test_category_share_of_proposals_is_no_total() -> None:
    got = figures(CPPCC_HEAD + "共提交提案130件。围绕社会民生方面提出提案40件,占30.8%。")
    assert ("proposal.submitted", 130) in got
    assert ("proposal.submitted", 40) not in got


def test_budget_review_is_no_democratic_supervision() -> None:
    got = figures(CONGRESS_HEAD + "开展计划预算审查监督8项、专题询问2次。")
    assert ("supervision.events", 8) not in got
    assert ("oversight.inquiries", 2) in got


def test_region_from_the_party_committee_or_the_body() -> None:
    assert (
        extract_text("一年来,在中共青溪区委的领导下,区政协委员形成调研成果12篇,提交提案30件。")["region"]
        == "青溪区"
    )
    assert extract_text("本报讯 青溪区政协召开工作会议,委员开展视察10次,提交提案30件。")["region"] == "青溪区"


def test_verbs_and_common_words_before_shi_are_no_places() -> None:
    text = "市人大常委会听取审议市政府工作报告,推进全国文明城市创建,听取审议市法院报告;《德州市条例》已实施,开展执法检查3项。"
    assert extract_text(text)["region"] == "德州市"


def test_term_end_report_has_no_single_year() -> None:
    text = "某某区人大常委会工作报告\n——2022年1月12日在区人民代表大会上\n一、五年工作的回顾\n过去的五年,共召开常委会会议50次。"
    assert extract_text(text)["year"] is None


def test_report_reprinted_in_traditional_script() -> None:
    text = "某某縣人大常委會工作報告\n各位代表:\n全年共召開常委會會議8次、主任會議15次,聽取審議專項工作報告20項,開展視察活動12次。"
    result = extract_text(text)
    got = {(f["key"], f["value"]) for f in result["figures"]}
    assert {
        ("meeting.standing_committee", 8),
        ("meeting.director", 15),
        ("oversight.work_reports", 20),
        ("inspection.events", 12),
    } <= got
    assert all(f["quote"] in text for f in result["figures"])
    assert result["body"] == "congress"


def test_pinyin_reading_aids_inside_words_are_read_through() -> None:
    # a mirror site prints pinyin after some characters; quotes stay the text as given
    text = (
        "某某縣人大常委會(huì)工作報(bào)告\n各位代表:\n2024年的主要工作\n"
        "一年來,共召開主任會(huì)議12次,聽取和審議專項(xiàng)工作報(bào)告9項(xiàng)。"
    )
    result = extract_text(text)
    got = {(f["key"], f["value"]) for f in result["figures"]}
    assert {("meeting.director", 12), ("oversight.work_reports", 9)} <= got
    for f in result["figures"]:
        assert f["quote"] in text and 10 <= len(f["quote"]) <= 60


@pytest.mark.parametrize(
    ("head", "year"),
    [
        # the dateline of a report given early in the next year
        (
            "某某省人民代表大会常务委员会工作报告\n——2021年1月20日在某某省第五届人民代表大会第三次会议上\n",
            2020,
        ),
        # a report given late in the year it reviews
        ("政协某某市委员会常务委员会工作报告\n——2021年12月20日在政协某某市第九届委员会第四次会议上\n", 2021),
        # only the plan names a year
        (
            "政协某某县委员会常务委员会工作报告\n一年来,我们认真履职。2022年县政协及其常委会工作的总体要求是:",
            2021,
        ),
        # a summary that closes the year's accounts
        ("某某州政协提案工作情况报告\n截至2021年底,所有提案均已办复。2022年是新的开局之年。", 2021),
    ],
)
def test_reviewed_year_from_dateline_plan_or_closing_date(head: str, year: int) -> None:
    text = head + "一年来共召开常委会会议6次,开展视察调研12次,提出意见建议30条。"
    assert extract_text(text)["year"] == year


def test_matters_decided_are_decisions() -> None:
    got = figures(
        CONGRESS_HEAD + "一年来审议专项工作报告6项,讨论决定重大事项4项,任免国家机关工作人员30人次。"
    )
    assert ("decision.resolutions", 4) in got


def test_leader_instructions_counted_in_jianci() -> None:
    got = figures(CPPCC_HEAD + "全年报送调研报告12篇,获得县委、县政府领导批示26件次。")
    assert ("instruction.leader", 26) in got


def test_opinions_received_and_a_bare_verb_before_the_count() -> None:
    text = CPPCC_HEAD + "社情民意信息工作扎实开展,全年收到信息320篇,编报58期。"
    got = figures(text)
    assert {("opinion.submitted", 320), ("opinion.submitted", 58)} <= got


def test_unregistered_proposals_and_members_letters_are_no_figures() -> None:
    text = CPPCC_HEAD + "共提出提案120件,经审查立案108件,转委员来信3件,不立案9件。"
    got = figures(text)
    assert {("proposal.submitted", 120), ("proposal.registered", 108)} <= got
    assert ("petition.cases", 3) not in got
    assert ("proposal.registered", 9) not in got


def test_count_before_a_compound_noun_counts_its_last_word() -> None:
    text = CPPCC_HEAD + "开展3场常委会议专题协商、8个重点提案办理协商和15次对口协商。"
    got = figures(text)
    assert {("consultation.events", 3), ("consultation.events", 8), ("consultation.events", 15)} <= got
    assert ("meeting.standing_committee", 3) not in got
    assert ("proposal.key", 8) not in got


def test_registered_proposals_all_answered_after_the_count() -> None:
    got = figures(CPPCC_HEAD + "一年来组织视察12次,立案提案236件全部办复。")
    assert {("proposal.registered", 236), ("proposal.answered", 236)} <= got


def test_award_among_proposals_is_no_count_of_them() -> None:
    got = figures(CPPCC_HEAD + "共收到提案150件。通过认真推选,评选出6件优秀提案。")
    assert ("proposal.submitted", 150) in got
    assert ("proposal.submitted", 6) not in got


def test_region_of_an_autonomous_regions_body() -> None:
    text = (
        "宁夏日报讯 自治区政协十二届三次会议开幕,自治区政协主席代表常委会向大会报告工作。"
        "一年来,收到提案610件,立案540件,办复率100%。宁夏各界委员积极履职。"
    )
    assert extract_text(text)["region"] == "宁夏回族自治区"


def test_region_of_an_autonomous_prefecture_keeps_its_ethnic_names() -> None:
    text = (
        "中国人民政治协商会议第九届某江苗族侗族自治州委员会常务委员会关于提案工作情况的报告\n"
        "某江州政协九届三次会议以来,共提交提案210件,经审查立案201件。"
    )
    assert extract_text(text)["region"] == "某江苗族侗族自治州"


def test_districts_and_counties_in_general_are_no_place() -> None:
    text = CONGRESS_HEAD.replace("某某县", "县") + "为走在全省山区县市前列作出贡献,召开常委会会议8次。"
    assert extract_text(text)["region"] != "山区县"


def test_bare_report_and_matters_after_the_count() -> None:
    text = CONGRESS_HEAD + "全年召开常委会会议7次,审议“一府两院”14项报告,讨论、决定9项重大事项。"
    got = figures(text)
    assert {("oversight.work_reports", 14), ("decision.resolutions", 9)} <= got


def test_survey_inspection_reports_are_research_reports() -> None:
    got = figures(CPPCC_HEAD + "全年组织协商活动20次,报送专题调研视察报告17份。")
    assert ("research.reports", 17) in got


def test_opinions_adopted_counted_before_the_noun() -> None:
    got = figures(CPPCC_HEAD + "反映社情民意信息60件,有4条社情民意信息得到全国政协采纳。")
    assert ("opinion.adopted", 4) in got
    assert ("opinion.submitted", 4) not in got


def test_proposals_chosen_as_key_ones_and_answered_within_the_time_limit() -> None:
    text = (
        CPPCC_HEAD + "经审查,立案305件,提交86个承办单位办理,已经全部按规定时限办结。"
        "另有12件提案被确定为重点提案进行督办。"
    )
    got = figures(text)
    assert {("proposal.answered", 305), ("proposal.key", 12)} <= got
    assert ("proposal.submitted", 12) not in got


def test_visiting_petitioners_are_petitions_not_people_in_general() -> None:
    got = figures(CONGRESS_HEAD + "全年共接待来访群众45批次、210人次,处理来信30件。")
    assert {("petition.cases", 45), ("petition.cases", 210), ("petition.cases", 30)} <= got


# ----------------------------------------------------------- whole-report scope


def test_term_cumulative_counts_in_an_annual_report_are_out_of_scope() -> None:
    text = CONGRESS_HEAD + "全年召开常委会会议7次。本届以来，常委会累计召开常委会会议38次，作出决议决定61件。"
    got = figures(text)
    assert ("meeting.standing_committee", 7) in got
    assert ("meeting.standing_committee", 38) not in got
    assert ("decision.resolutions", 61) not in got


def test_term_end_report_keeps_its_five_year_counts() -> None:
    text = "政协某某市委员会常务委员会工作报告\n各位委员:\n过去五年工作回顾\n五年来，召开常委会会议21次，本届以来立案提案1520件。"
    result = extract_text(text)
    assert result["year"] is None
    got = {(f["key"], f["value"]) for f in result["figures"]}
    assert {("meeting.standing_committee", 21), ("proposal.registered", 1520)} <= got


def test_counts_of_all_levels_or_lower_bodies_are_not_the_bodys() -> None:
    text = CPPCC_HEAD + "全县各级政协组织开展协商活动320余次。各乡镇人大共开展视察40次。组织专题协商5次。"
    got = figures(text)
    assert ("consultation.events", 5) in got
    assert ("consultation.events", 320) not in got
    # people of all levels taking part are still counted
    got = figures(CPPCC_HEAD + "各级政协委员参加培训1200人次。")
    assert ("member.training", 1200) in got


def test_another_levels_body_as_subject_is_not_the_bodys() -> None:
    text = (
        "某某市某某区人民代表大会常务委员会工作报告\n各位代表:\n2024年的主要工作\n"
        "开展执法检查4次。市人大常委会来我区开展执法检查2次，常委会做好配合。"
        "同期，全国人大常委会共审议法律案30件。市人大代表回选举单位述职6人次。"
    )
    got = figures(text)
    assert ("oversight.law_inspections", 4) in got
    assert ("oversight.law_inspections", 2) not in got
    assert ("member.activities", 6) in got  # deputies of the city live in the district
    text = (
        CPPCC_HEAD
        + "全国政协、省政协委员在我县视察调研5次。调研报告获省政协领导批示3次，社情民意信息被市政协采用8条。"
    )
    got = figures(text)
    assert ("research.events", 5) not in got
    assert {("instruction.leader", 3), ("opinion.adopted", 8)} <= got


def test_a_guest_at_the_bodys_meeting_holds_no_meeting() -> None:
    got = figures(CONGRESS_HEAD + "召开常委会会议9次。县委书记出席常委会会议2次并讲话。")
    assert ("meeting.standing_committee", 9) in got
    assert ("meeting.standing_committee", 2) not in got


def test_proposals_entered_for_an_award_or_passed_on_as_information() -> None:
    text = (
        CPPCC_HEAD
        + "收到提案300件，不予立案的27件转为社情民意信息处理。推荐4件提案参评省政协优秀提案，9件提案获评优秀提案。"
    )
    got = figures(text)
    assert ("proposal.submitted", 300) in got
    assert not {("opinion.submitted", 27), ("proposal.submitted", 4), ("proposal.submitted", 9)} & got


def test_suggestions_for_future_work_heading_opens_the_plan() -> None:
    text = (
        "政协某某市委员会常务委员会工作报告\n各位委员:\n过去五年工作回顾\n五年来开展专题协商30次。\n"
        "对今后工作的建议\n新一届市政协要建成委员工作室50个，培训委员3000人次。"
    )
    got = figures(text)
    assert ("consultation.events", 30) in got
    assert not {("member.stations", 50), ("member.training", 3000)} & got


def test_congress_report_that_invites_cppcc_members_is_a_congress_report() -> None:
    text = (
        "某某县人民代表大会常务委员会工作报告\n各位代表：\n"
        "现在，我代表县人大常委会向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。\n"
        "一、2024年工作回顾\n召开主任会议12次，任免国家机关工作人员40人次。"
    )
    result = extract_text(text)
    assert result["body"] == "congress"
    assert result["year"] == 2024  # the heading, though 本届以来 comes up below
    assert {("meeting.director", 12), ("appointment.persons", 40)} <= {
        (f["key"], f["value"]) for f in result["figures"]
    }


@pytest.mark.parametrize(("title", "region"), [("政协泾县第十届委员会常务委员会工作报告", "泾县")])
def test_one_character_county_name(title: str, region: str) -> None:
    text = title + "\n各位委员：\n在中共泾县县委的坚强领导下，组织专题协商4次。"
    assert extract_text(text)["region"] == region


def test_counts_since_an_earlier_year_and_stocks_of_stations_are_out_of_scope() -> None:
    text = (
        CPPCC_HEAD
        + "立案提案180件。2019年以来，县政协累计立案提案900件。新建委员工作室5个，全县委员工作室达到30个。"
    )
    got = figures(text)
    assert {("proposal.registered", 180), ("member.stations", 5)} <= got
    assert not {("proposal.registered", 900), ("member.stations", 30)} & got


def test_opinions_adopted_in_a_list_that_leaves_out_bei() -> None:
    text = CPPCC_HEAD + "报送社情民意信息120条，被全国政协采用3条、省政协采用11条、市政协采用25条。"
    got = figures(text)
    assert {("opinion.adopted", 3), ("opinion.adopted", 11), ("opinion.adopted", 25)} <= got


def test_numbers_set_off_with_spaces() -> None:
    text = (
        "某某市人大常委会工作报告\n各位代表:\n2023 年以来的主要工作\n"
        "一年来，共召开常委会会议 8 次，听取和审议专项工作报告 19 个，任免国家机关工作人员 35 人次。"
    )
    result = extract_text(text)
    assert result["year"] == 2023
    got = {(f["key"], f["value"]) for f in result["figures"]}
    assert {
        ("meeting.standing_committee", 8),
        ("oversight.work_reports", 19),
        ("appointment.persons", 35),
    } <= got
    quotes = [f["quote"] for f in result["figures"]]
    assert all(q in text for q in quotes)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("湖北省襄阳市第十八届人民代表大会第三次会议举行全体会议，市人大常委会主任作工作报告。", "襄阳市"),
        (
            "自治区第十三届人民代表大会第四次会议举行全体会议，听取自治区人大常委会工作报告。"
            "常委会在推进宁夏实践中依法履职。",
            "宁夏回族自治区",
        ),
    ],
)
def test_region_of_a_city_named_with_its_province_and_of_a_bare_autonomous_region(
    text: str, region: str
) -> None:
    assert extract_text(text + "全年听取审议报告30个。")["region"] == region


def test_year_from_jiezhi_year_end() -> None:
    text = CPPCC_HEAD.replace("2024年工作回顾\n", "") + (
        "一年来，共收到提案120件，经审查立案110件。截止2023年底，立案的110件提案已全部办理完毕。\n"
        "2024年提案工作安排\n2024年,提案工作要围绕中心。"
    )
    assert extract_text(text)["year"] == 2023


def test_satisfaction_share_written_without_lv() -> None:
    text = CPPCC_HEAD + "全部提案均按时办复，从反馈看，委员满意或基本满意达98%以上。"
    assert ("proposal.satisfaction_rate", 98) in figures(text)


def test_proposals_between_sessions_after_the_session_count() -> None:
    got = figures(CPPCC_HEAD + "共提交大会提案300件,平时提案12件。经审查,立案280件。")
    assert {("proposal.submitted", 300), ("proposal.submitted", 12)} <= got
    # a breakdown of the registered ones is no further submission
    got = figures(CPPCC_HEAD + "立案90件。会上提案80件已全部办复,平时提案10件办结7件。")
    assert ("proposal.submitted", 10) not in got


def test_research_reports_counted_in_ge() -> None:
    assert ("research.reports", 9) in figures(CONGRESS_HEAD + "深入开展调查研究，形成调研报告9个。")


def test_check_of_how_laws_are_carried_out_is_a_law_inspection() -> None:
    got = figures(CONGRESS_HEAD + "一年来，开展3部法律法规执行情况检查，任免国家机关工作人员20人次。")
    assert ("oversight.law_inspections", 3) in got


def test_proposals_handed_in_to_another_level_are_not_the_bodys() -> None:
    text = "政协某某省委员会常务委员会工作报告\n各位委员:\n2024年工作回顾\n" + (
        "省政协向全国政协提交联名提案12件、征集提案900件。"
    )
    got = figures(text)
    assert ("proposal.submitted", 900) in got
    assert ("proposal.submitted", 12) not in got


def test_all_answered_in_the_next_sentence() -> None:
    got = figures(CPPCC_HEAD + "一年来，委员提出提案210件，立案196件。截至目前已全部办复。")
    assert ("proposal.answered", 196) in got


def test_region_of_a_bare_autonomous_region_body_and_of_a_prefecture() -> None:
    # ",自治区政协…" names no place; "全区政协…座谈会" is no lower body of the region
    text = "一年来,自治区政协组织委员视察12次。召开全区政协工作座谈会。新疆各族群众踊跃参与。"
    assert extract_text(text)["region"] == "新疆维吾尔自治区"
    text = (
        "新华社电 五年来,甘孜藏族自治州政协累计开展协商活动20余次,形成调研报告20篇。"
        "甘孜州政协委员提出提案300件,经审查立案280件,办复率100%。"
    )
    assert extract_text(text)["region"] == "甘孜藏族自治州"
    # a province named in traditional script
    text = "政協黑龍江省第十二屆委員會常務委員會工作報告\n各位委員:\n全年共組織協商活動12次。"
    assert extract_text(text)["region"] == "黑龙江省"


def test_proposals_on_one_topic_after_the_total_are_no_submission() -> None:
    text = CPPCC_HEAD + (
        "一年来,共提交提案320件。经审查,立案300件。\n围绕乡村振兴提出提案85件;围绕教育医疗提出提案60件。"
    )
    got = figures(text)
    assert ("proposal.submitted", 320) in got
    assert not {("proposal.submitted", 85), ("proposal.submitted", 60)} & got
    # the same in traditional script (圍繞)
    got = figures(CPPCC_HEAD + "一年來,共提交提案320件。\n圍繞鄉村振興提出提案85件。")
    assert ("proposal.submitted", 85) not in got
    # "围绕…共收到提案N件" is the total itself
    assert ("proposal.submitted", 320) in figures(CPPCC_HEAD + "委员们围绕中心工作,共收到提案320件。")


def test_cppcc_members_sitting_in_at_a_congress_session_leave_it_a_congress_report() -> None:
    # a news lead: "全体政协委员…列席会议", then the standing committee's director reports
    text = (
        "某县七届人大二次会议举行第二次全体会议\n"
        "3月2日上午,大会举行第二次全体会议。全体代表出席会议,全体政协委员和列席人员列席会议。\n"
        "县人大常委会主任向大会作常委会工作报告。全年共召开常委会会议8次、主任会议14次,"
        "听取和审议专项工作报告18项,依法任免国家机关工作人员56人次。"
    )
    result = extract_text(text)
    assert result["body"] == "congress"
    got = {(f["key"], f["value"]) for f in result["figures"]}
    assert {("meeting.director", 14), ("oversight.work_reports", 18), ("appointment.persons", 56)} <= got


def test_key_proposals_named_with_a_parenthesis_and_the_leaders_who_supervise_them() -> None:
    got = figures(CPPCC_HEAD + "一年来,共提出提案500件,79件(系列)提案被确定为省领导牵头督办重点提案。")
    assert ("proposal.key", 79) in got
    assert ("proposal.submitted", 79) not in got


def test_traditional_characters_outside_the_report_vocabulary_are_read() -> None:
    # 執 is not in the hand-made table: OpenCC's character table covers it
    text = (
        "某某縣人民代表大會常務委員會工作報告\n各位代表:\n2024年的主要工作\n"
        "全年開展執法檢查3次，聽取和審議專項工作報告8項。"
    )
    assert {("oversight.law_inspections", 3), ("oversight.work_reports", 8)} <= figures(text)
    quote = next(f["quote"] for f in extract_text(text)["figures"] if f["key"] == "oversight.law_inspections")
    assert "執法檢查3次" in quote  # quotes stay the text as given


def test_a_verb_before_the_level_names_no_place() -> None:
    # "经过市政协…", "引起县委…": 过/起 end a verb, not a place name
    text = (
        "县政协十届三次会议期间,委员们共提交提案210件。经过县政协提案委员会审查,立案196件。"
        "这些提案引起县委高度重视。"
    )
    assert extract_text(CPPCC_HEAD + text)["region"] != "经过县"
    assert extract_text(text.replace("县", "市"))["region"] is None


def test_proposals_turned_into_opinions_are_no_opinions_written() -> None:
    got = figures(CPPCC_HEAD + "大会共收到提案150件,经审查立案120件,转为社情民意信息和意见建议30件。")
    assert ("opinion.submitted", 30) not in got
    assert {("proposal.submitted", 150), ("proposal.registered", 120)} <= got


def test_members_behind_the_proposals_are_no_member_activities() -> None:
    got = figures(CPPCC_HEAD + "会议期间共收到委员提案160件,参与委员210人次。")
    assert ("member.activities", 210) not in got
    assert ("proposal.submitted", 160) in got


def test_one_total_over_different_outputs_is_no_count_of_reports() -> None:
    text = CPPCC_HEAD + "开展三项调研视察,提交调研视察报告、协商意见、社情民意共9篇。全年撰写调研报告6篇。"
    got = figures(text)
    assert ("research.reports", 9) not in got
    assert ("research.reports", 6) in got


def test_proposals_designated_as_something_are_no_count_submitted() -> None:
    got = figures(CPPCC_HEAD + "共收到提案300件,其中4件提案列为年度主席督办提案。")
    assert ("proposal.submitted", 4) not in got
    assert ("proposal.submitted", 300) in got


def test_opinions_named_after_the_count_with_the_verb_before() -> None:
    got = figures(CPPCC_HEAD + "一年来,委员们反映12条有价值的社情民意,撰写调研报告4篇。")
    assert ("opinion.submitted", 12) in got


def test_a_rate_written_before_its_verb() -> None:
    text = CPPCC_HEAD + "共收到提案420件,经审查立案400件。截至2025年1月10日,98.5%已经办复。"
    assert ("proposal.answer_rate", 98.5) in figures(text)


def test_a_summary_and_plan_title_leaves_the_review_read() -> None:
    text = (
        "提案委员会2023年工作总结及2024年工作计划\n"
        "一、2023年提案办理基本情况\n"
        "市政协五届二次会议以来,委员们共提交提案230件,经审查立案215件。\n"
    )
    assert {("proposal.submitted", 230), ("proposal.registered", 215)} <= figures(text)


def test_the_numbered_items_of_a_plan_are_plan() -> None:
    text = CONGRESS_HEAD + (
        "全年共召开常委会会议9次。\n"
        "新的一年,常委会主要开展8项工作,包括1、开展三部法律执法检查。2、听取和审议四项专项工作报告。\n"
    )
    got = figures(text)
    assert ("meeting.standing_committee", 9) in got
    assert ("oversight.law_inspections", 3) not in got
    assert ("oversight.work_reports", 4) not in got


def test_a_dated_total_of_decisions_is_no_stock() -> None:
    text = CONGRESS_HEAD + "截至2024年11月已作出有关决议决定27项,有力保障了全市发展。"
    assert ("decision.resolutions", 27) in figures(text)
    # a stock at a date stays out
    text = CONGRESS_HEAD + "截至2024年底共有代表联络站31个。"
    assert ("member.stations", 31) not in figures(text)


def test_the_verb_daibiao_before_xian_names_no_place() -> None:
    text = (
        "3月2日上午,县十七届人大三次会议举行第二次全体会议。\n"
        "县人大常委会主任李明代表县十七届人大常委会作工作报告。一年来,召开常委会会议8次。\n"
    )
    assert extract_text(text)["region"] is None
