from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lvzhi.core.exceptions import ImportRejected, NotFound
from lvzhi.core.models import AuditEntry
from lvzhi.orgs.models import Body, Membership
from lvzhi.reports import figures, intake, selectors, services
from lvzhi.reports.models import PeerFigure, PeerReport
from lvzhi.reports.tests.samples import CONGRESS_REPORT, CPPCC_REPORT, NOT_A_REPORT, docx_bytes
from lvzhi.reports.tests.test_extraction import _minimal_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(user_named):
    return user_named("demo-staff")


@pytest.fixture
def city_cppcc():
    return Body.objects.get(short_name="示范市政协")


def _report(staff, **overrides):
    return services.peer_report_create_from_text(
        actor=staff, body=staff.body, text=CPPCC_REPORT, source_name="临江.txt", overrides=overrides
    )


# ------------------------------------------------------------------------- create


def test_create_from_text_stores_the_report_and_every_extracted_figure(staff):
    # when
    report = _report(staff)
    # then
    assert report.body_id == staff.body_id
    assert (report.peer_name, report.kind, report.level, report.region, report.year) == (
        "临江县政协",
        "cppcc",
        "county",
        "临江县",
        2023,
    )
    assert report.created_by == staff and report.source_name == "临江.txt"
    values = {f.key: f.value for f in report.figures.all()}
    assert values["proposal.submitted"] == 216
    assert values["opinion.adopted"] == 35
    assert "research.events" in values and values["research.events"] == 15  # not the 2024 plan's 10
    assert not report.figures.filter(is_manual=True).exists()
    assert all(f.quote and f.quote in CPPCC_REPORT for f in report.figures.all())


def test_create_is_audited_for_the_report_and_its_figures(staff):
    # when
    report = _report(staff)
    # then
    entries = AuditEntry.objects.filter(model="reports.peerreport", object_id=str(report.pk))
    assert entries.count() == 1 and entries.get().actor == staff and entries.get().body_id == staff.body_id
    assert "text" not in entries.get().changes
    assert (
        AuditEntry.objects.filter(model="reports.peerfigure", body_id=staff.body_id).count()
        == report.figures.count()
    )


def test_overrides_win_over_what_the_extractor_guessed(staff):
    # when
    report = _report(staff, peer_name="临江县政协（修订）", level="city", year=2022, member_count=180)
    # then
    assert (report.peer_name, report.level, report.year, report.member_count) == (
        "临江县政协（修订）",
        "city",
        2022,
        180,
    )


def test_create_from_docx_and_pdf_files(staff):
    # when
    from_docx = services.peer_report_create_from_file(
        actor=staff, body=staff.body, name="平川.docx", data=docx_bytes(CONGRESS_REPORT)
    )
    pdf = _minimal_pdf("2023年，区人大常委会召开常委会会议8次，听取审议专项工作报告18项，开展执法检查5次。")
    from_pdf = services.peer_report_create_from_file(
        actor=staff, body=staff.body, name="某区.pdf", data=pdf, overrides={"peer_name": "某区人大常委会"}
    )
    # then
    assert from_docx.kind == "congress" and from_docx.figures.get(key="oversight.work_reports").value == 18
    assert from_pdf.figures.filter(key="oversight.law_inspections", value=5).exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "文件为空"),
        ("fake.pdf", bytes(range(256)) * 8, "无法识别的PDF文件"),
        ("recipe.txt", NOT_A_REPORT.encode(), "没有找到工作报告的内容"),
        ("report.xlsx", b"PK\x03\x04", "格式不受支持"),
        ("huge.txt", b"a" * (intake.MAX_UPLOAD_BYTES + 1), "超过 10 MB"),
    ],
)
def test_bad_files_are_refused_with_a_chinese_reason_and_nothing_is_stored(staff, name, data, message):
    # given
    before = (PeerReport.objects.count(), PeerFigure.objects.count(), AuditEntry.objects.count())
    # when
    with pytest.raises(ImportRejected) as exc:
        services.peer_report_create_from_file(actor=staff, body=staff.body, name=name, data=data)
    # then
    assert message in exc.value.message
    assert (PeerReport.objects.count(), PeerFigure.objects.count(), AuditEntry.objects.count()) == before


def test_a_report_without_a_year_needs_one(staff):
    # given a text with no year in it
    text = CPPCC_REPORT.replace("2023年，", "").replace("——2024年1月10日", "").replace("2024年，", "")
    # when / then
    with pytest.raises(ValidationError) as exc:
        services.peer_report_create_from_text(actor=staff, body=staff.body, text=text)
    assert services.YEAR_REQUIRED in exc.value.message_dict["year"]
    assert not PeerReport.objects.exists()
    # and with the year given it is saved
    assert (
        services.peer_report_create_from_text(
            actor=staff, body=staff.body, text=text, overrides={"year": 2023}
        ).year
        == 2023
    )


def test_the_same_peer_and_year_cannot_be_saved_twice(staff):
    # given
    _report(staff)
    # when / then
    with pytest.raises(ValidationError, match="已保存过该机构该年度的报告"):
        _report(staff)
    assert PeerReport.objects.count() == 1


def test_a_member_cannot_save_a_peer_report(user_named):
    member = user_named("demo-member")
    with pytest.raises(PermissionDenied):
        services.peer_report_create_from_text(actor=member, body=member.body, text=CPPCC_REPORT)
    assert not PeerReport.objects.exists()


def test_staff_cannot_save_into_another_body(staff):
    other = Body.objects.get(short_name="示范市人大常委会")
    with pytest.raises(PermissionDenied):
        services.peer_report_create_from_text(actor=staff, body=other, text=CPPCC_REPORT)
    assert not PeerReport.objects.exists()


def test_an_invalid_figure_row_refuses_the_whole_report(staff):
    # when
    with pytest.raises(ValidationError) as exc:
        services.peer_report_create(
            actor=staff,
            body=staff.body,
            text=CPPCC_REPORT,
            peer_name="临江县政协",
            kind="cppcc",
            year=2023,
            figures=[{"key": "proposal.submitted", "value": 216}, {"key": "proposal.nonsense", "value": 1}],
        )
    # then
    assert "第 2 项数据" in exc.value.message_dict["figures"][0]
    assert not PeerReport.objects.exists() and not PeerFigure.objects.exists()


def test_a_linked_body_must_be_of_the_same_kind(staff):
    congress = Body.objects.get(short_name="示范市人大常委会")
    with pytest.raises(ValidationError, match="与报告类型不一致"):
        _report(staff, peer_body=congress)
    assert not PeerReport.objects.exists()


# -------------------------------------------------------------------- corrections


def test_correcting_a_figure_marks_it_manual_and_is_audited(staff):
    # given
    report = _report(staff)
    figure = report.figures.get(key="proposal.submitted")
    # when
    services.peer_figure_update(actor=staff, figure=figure, data={"value": 261})
    # then
    figure.refresh_from_db()
    assert figure.value == 261 and figure.is_manual
    entry = AuditEntry.objects.filter(
        model="reports.peerfigure", object_id=str(figure.pk), action="update"
    ).get()
    assert entry.changes["value"] == [216.0, 261.0]


def test_changing_a_figure_key_takes_the_new_keys_unit(staff):
    report = _report(staff)
    figure = report.figures.get(key="research.reports")
    services.peer_figure_update(actor=staff, figure=figure, data={"key": "research.events"})
    figure.refresh_from_db()
    assert (figure.key, figure.unit) == ("research.events", "次")


def test_adding_and_deleting_figures(staff):
    # given
    report = _report(staff)
    n = report.figures.count()
    # when
    added = services.peer_figure_add(actor=staff, report=report, key="petition.cases", value=88)
    services.peer_figure_delete(actor=staff, figure=report.figures.get(key="opinion.adopted"))
    # then
    assert added.is_manual and added.unit == "件"
    assert report.figures.count() == n
    assert not report.figures.filter(key="opinion.adopted").exists()


def test_an_unknown_key_or_negative_value_is_refused(staff):
    report = _report(staff)
    figure = report.figures.get(key="proposal.submitted")
    with pytest.raises(ValidationError, match="未知的数据项"):
        services.peer_figure_update(actor=staff, figure=figure, data={"key": "proposal.nonsense"})
    with pytest.raises(ValidationError):
        services.peer_figure_add(actor=staff, report=report, key="petition.cases", value=-1)
    figure.refresh_from_db()
    assert figure.key == "proposal.submitted" and not figure.is_manual


def test_staff_of_another_body_cannot_correct_figures(staff, user_named):
    report = _report(staff)
    figure = report.figures.first()
    other = user_named("demo-deputy-staff")
    with pytest.raises(PermissionDenied):
        services.peer_figure_update(actor=other, figure=figure, data={"value": 1})
    with pytest.raises(NotFound):
        selectors.peer_report_get_for_actor(actor=other, pk=report.pk)


def test_deleting_a_report_deletes_its_figures(staff):
    report = _report(staff)
    services.peer_report_delete(actor=staff, report=report)
    assert not PeerReport.objects.exists() and not PeerFigure.objects.exists()


# --------------------------------------------------------------------- comparison


def test_comparison_puts_our_figures_beside_the_peers_and_normalises_per_100_members(staff, city_cppcc):
    # given a peer report with a known membership and a county body of ours
    report = _report(staff, member_count=200)
    county = Body.objects.filter(parent=city_cppcc).first()
    # when
    result = selectors.comparison_for_actor(
        actor=staff, body=city_cppcc, year=2023, report_ids=[report.pk], body_ids=[county.pk]
    )
    # then
    assert [c.id for c in result.columns] == ["ours", f"report-{report.pk}", f"body-{county.pk}"]
    ours_members = Membership.objects.filter(body=city_cppcc, is_active=True).count()
    assert result.columns[0].member_count == ours_members > 0
    assert result.columns[1].member_count == 200
    rows = {r.key: r for r in result.rows}
    ours = figures.figures_for(body=city_cppcc, year=2023)
    submitted = rows["proposal.submitted"]
    assert submitted.values == [
        ours["proposal.submitted"] or None,  # no record of ours shows "—", not 0
        216,
        figures.figures_for(body=county, year=2023)["proposal.submitted"] or None,
    ]
    assert submitted.per_members[1] == 108.0  # 216 per 200 members → 108 per 100
    if ours["proposal.submitted"]:
        assert submitted.per_members[0] == round(ours["proposal.submitted"] * 100 / ours_members, 2)
    # a key the peer did not report is empty, not zero
    assert rows["petition.cases"].values[1] is None if "petition.cases" in rows else True


def test_comparison_sums_repeated_counts_and_keeps_the_first_rate(staff, city_cppcc):
    # given
    report = _report(staff)
    services.peer_figure_add(actor=staff, report=report, key="consultation.events", value=20, approx=True)
    services.peer_figure_add(actor=staff, report=report, key="proposal.satisfaction_rate", value=98.5)
    services.peer_figure_add(actor=staff, report=report, key="proposal.satisfaction_rate", value=100)
    # when
    result = selectors.comparison_for_actor(actor=staff, body=city_cppcc, year=2023, report_ids=[report.pk])
    # then
    rows = {r.key: r for r in result.rows}
    assert rows["consultation.events"].values[1] == 24 and rows["consultation.events"].parts[1] == 2
    assert rows["proposal.satisfaction_rate"].values[1] == 98.5
    assert rows["proposal.satisfaction_rate"].per_members == [None, None]  # rates are not normalised


def test_comparison_takes_the_rate_the_key_means_and_never_sums_unlike_counts(staff, city_cppcc):
    # given a report stating two satisfaction rates and member activities in two units
    report = _report(staff)
    report.figures.filter(key="consultation.events").delete()
    add = services.peer_figure_add
    add(
        actor=staff,
        report=report,
        key="proposal.satisfaction_rate",
        value=100,
        unit="%",
        quote="办理过程满意率100%",
    )
    add(
        actor=staff,
        report=report,
        key="proposal.satisfaction_rate",
        value=99.6,
        unit="%",
        quote="办理结果满意率99.6%",
    )
    add(actor=staff, report=report, key="consultation.events", value=6, unit="次", quote="专题协商6次")
    add(
        actor=staff,
        report=report,
        key="consultation.events",
        value=30,
        unit="次",
        approx=True,
        quote="对口协商30余次",
    )
    add(
        actor=staff,
        report=report,
        key="consultation.events",
        value=200,
        unit="人次",
        approx=True,
        quote="委员200余人次参加协商",
    )
    # when
    result = selectors.comparison_for_actor(actor=staff, body=city_cppcc, year=2023, report_ids=[report.pk])
    rows = {r.key: r for r in result.rows}
    # then the result rate is taken, the process rate shown as stated, nothing summed
    rate = rows["proposal.satisfaction_rate"]
    assert rate.values[1] == 99.6 and rate.parts[1] == 1
    assert rate.cells[1]["others"] == ["100%（办理过程满意率100%）"]
    # counts of events add up and stay approximate; the 人次 is not added to the 次
    events = rows["consultation.events"]
    assert events.values[1] == 36 and events.parts[1] == 2
    assert events.cells[1]["display"] == "36余"
    assert events.cells[1]["others"] == ["200余人次（委员200余人次参加协商）"]


def test_our_body_shows_a_dash_where_it_has_no_record(staff, city_cppcc):
    report = _report(staff)
    result = selectors.comparison_for_actor(actor=staff, body=city_cppcc, year=1990, report_ids=[report.pk])
    assert result.rows and all(r.values[0] is None and r.cells[0]["display"] == "—" for r in result.rows)


def test_comparison_without_membership_gives_no_normalised_figure(staff, city_cppcc):
    report = _report(staff)
    result = selectors.comparison_for_actor(actor=staff, body=city_cppcc, year=2023, report_ids=[report.pk])
    assert all(r.per_members[1] is None for r in result.rows)


def test_comparison_refuses_another_bodys_report_and_non_child_bodies(staff, user_named, city_cppcc):
    # given a peer report saved by the congress office
    deputy_staff = user_named("demo-deputy-staff")
    theirs = services.peer_report_create_from_text(
        actor=deputy_staff, body=deputy_staff.body, text=CONGRESS_REPORT
    )
    congress = Body.objects.get(short_name="示范市人大常委会")
    # when / then
    with pytest.raises(NotFound):
        selectors.comparison_for_actor(actor=staff, body=city_cppcc, year=2023, report_ids=[theirs.pk])
    with pytest.raises(NotFound):
        selectors.comparison_for_actor(actor=staff, body=city_cppcc, year=2023, body_ids=[congress.pk])


def test_a_member_cannot_compare(user_named, city_cppcc):
    with pytest.raises(PermissionDenied):
        selectors.comparison_for_actor(actor=user_named("demo-member"), body=city_cppcc, year=2023)


def test_chart_data_has_bars_and_a_radar_of_normalised_counts(staff, city_cppcc):
    report = _report(staff, member_count=200)
    result = selectors.comparison_for_actor(actor=staff, body=city_cppcc, year=2023, report_ids=[report.pk])
    chart = selectors.comparison_chart_data(result)
    assert chart["names"] == [city_cppcc.short_name, "临江县政协"]
    assert any(b["key"] == "proposal.submitted" for b in chart["bars"])
    assert all(ind["max"] > 0 for ind in chart["radar"]["indicators"])
    assert {s["name"] for s in chart["radar"]["series"]} == {city_cppcc.short_name, "临江县政协"}


# ------------------------------------------------------------------------ intake


def test_highlight_segments_mark_each_quote_once_and_keep_the_text_whole():
    quotes = ["收到提案216件", "立案198件", "收到提案216件", "不在文中"]
    text = "全年共收到提案216件，经审查立案198件。"
    segments = intake.highlight_segments(text, quotes)
    assert "".join(s.text for s in segments) == text
    marked = [(s.text, s.figure_indexes) for s in segments if s.marked]
    assert marked == [("收到提案216件", [0, 2]), ("立案198件", [1])]


@pytest.mark.parametrize(
    ("region", "level"),
    [
        ("西藏自治区", "provincial"),
        ("重庆市", "provincial"),
        ("鹤岗市", "city"),
        ("重庆市巴南区", "county"),
        ("临江县", "county"),
        (None, ""),
    ],
)
def test_level_is_guessed_from_the_place_name(region, level):
    assert intake.guess_level(region) == level
