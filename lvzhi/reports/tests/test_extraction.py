"""The figure extractor: numerals, cues, the JSON contract, file readers, the corpus score."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from lvzhi.reports.extraction import DocumentError, extract_file, extract_text, parse_chinese_number
from lvzhi.reports.schema import FIGURE_KEYS_BY_NAME

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"

CPPCC_HEAD = "政协某某市委员会常务委员会工作报告\n各位委员:\n2023年工作回顾\n"
CONGRESS_HEAD = "某某区人民代表大会常务委员会工作报告\n各位代表:\n2023年的主要工作\n"


def figures(text: str) -> set[tuple[str, float]]:
    return {(f["key"], f["value"]) for f in extract_text(text)["figures"]}


# ---------------------------------------------------------------- numerals


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("7", 7),
        ("261", 261),
        ("99.60", 99.6),
        ("1.2万", 12000),
        ("五", 5),
        ("两", 2),
        ("十", 10),
        ("十五", 15),
        ("二十三", 23),
        ("一百一十", 110),
        ("一百零一", 101),
        ("零", 0),
        ("三千零五", 3005),
        ("一万", 10000),
        ("１２", 12),
    ],
)
def test_parse_chinese_number(written: str, value: float) -> None:
    assert parse_chinese_number(written) == value


def test_parse_chinese_number_rejects_words() -> None:
    with pytest.raises(ValueError, match="无法识别"):
        parse_chinese_number("若干")


# -------------------------------------------------------------------- cues

CPPCC_CASES = [
    ("全年共征集提案261件。", "proposal.submitted", 261),
    ("经审查立案206件。", "proposal.registered", 206),
    ("251件提案全部办结。", "proposal.answered", 251),
    ("提案办复率100%。", "proposal.answer_rate", 100),
    ("办理结果满意率99.60%。", "proposal.satisfaction_rate", 99.6),
    ("确定重点提案10件。", "proposal.key", 10),
    ("撰写社情民意信息67篇。", "opinion.submitted", 67),
    ("两篇信息被省政协采用。", "opinion.adopted", 2),
    ("获市委主要领导批示11次。", "instruction.leader", 11),
    ("全年共完成调研报告25篇。", "research.reports", 25),
    ("开展专题调研29次。", "research.events", 29),
    ("召开专题协商会24次。", "consultation.events", 24),
    ("开展委员视察12次。", "inspection.events", 12),
    ("开展民主监督5次。", "supervision.events", 5),
    ("召开全体会议2次。", "meeting.plenary", 2),
    ("召开常委会会议4次。", "meeting.standing_committee", 4),
    ("召开主席会议二十三次。", "meeting.chair", 23),
    ("召开党组会议28次。", "meeting.party_group", 28),
    ("委员大会发言50篇。", "speech.plenary", 50),
    ("办理群众来信来访125件。", "petition.cases", 125),
    ("对法规草案提出修改意见30条。", "legislation.opinions", 30),
    ("全年培训委员4000余人次。", "member.training", 4000),
    ("新建委员工作室35个。", "member.stations", 35),
    ("委员参加视察调研活动220余人次。", "member.activities", 220),
]

CONGRESS_CASES = [
    ("召开主任会议12次。", "meeting.director", 12),
    ("听取审议专项工作报告18项。", "oversight.work_reports", 18),
    ("组织执法检查5项。", "oversight.law_inspections", 5),
    ("开展专题询问1次。", "oversight.inquiries", 1),
    ("作出决议、决定24项。", "decision.resolutions", 24),
    ("任免国家机关工作人员62人次。", "appointment.persons", 62),
    ("督办代表建议137件。", "deputy.suggestions", 137),
    ("督办议案两件。", "deputy.bills", 2),
    ("审查规范性文件8件。", "filing_review.documents", 8),
]


@pytest.mark.parametrize(("sentence", "key", "value"), CPPCC_CASES)
def test_cppcc_cue(sentence: str, key: str, value: float) -> None:
    assert (key, value) in figures(CPPCC_HEAD + sentence)


@pytest.mark.parametrize(("sentence", "key", "value"), CONGRESS_CASES)
def test_congress_cue(sentence: str, key: str, value: float) -> None:
    assert (key, value) in figures(CONGRESS_HEAD + sentence)


def test_count_before_its_noun() -> None:
    # given a count written before what it counts
    text = CPPCC_HEAD + "召开51次党组会议、47次理论学习中心组学习会和57次主席会议。"
    # then the nouns after the counts name them, and study sessions are no figure
    assert figures(text) == {("meeting.party_group", 51), ("meeting.chair", 57)}


def test_list_with_shared_verb_and_approximation() -> None:
    text = CPPCC_HEAD + "开展对口协商30余次、界别协商20次、立法协商4次。"
    got = extract_text(text)["figures"]
    assert [(f["key"], f["value"], f["approx"]) for f in got] == [
        ("consultation.events", 30, True),
        ("consultation.events", 20, False),
        ("consultation.events", 4, False),
    ]


def test_respectively_list() -> None:
    text = CPPCC_HEAD + "全年召开常委会会议、主席会议分别为4次、9次。"
    assert figures(text) == {("meeting.standing_committee", 4), ("meeting.chair", 9)}


def test_mixed_numeral_with_wan() -> None:
    text = CONGRESS_HEAD + "全区代表参加履职活动1.2万余人次。"
    assert ("member.activities", 12000) in figures(text)


def test_plan_sentence_is_not_extracted() -> None:
    text = CPPCC_HEAD + "召开常委会会议4次。明年将开展专题协商10次。"
    assert figures(text) == {("meeting.standing_committee", 4)}


def test_plan_section_is_not_extracted() -> None:
    text = CPPCC_HEAD + "召开常委会会议4次。\n2024年工作安排\n召开专题协商会12次。\n"
    assert figures(text) == {("meeting.standing_committee", 4)}


def test_economic_figures_and_slogans_are_not_extracted() -> None:
    text = CPPCC_HEAD + "完成投资40多亿元,增幅31.4%,做到“两个维护”。"
    assert figures(text) == set()


def test_keys_follow_the_body_kind() -> None:
    # 主任会议 is a congress meeting; in a CPPCC report it is no figure
    assert figures(CPPCC_HEAD + "召开主任会议12次。") == set()


# ---------------------------------------------------------------- contract


def test_json_contract() -> None:
    text = CPPCC_HEAD + "全年共征集提案261件,民生类提案占40%,现已全部办复。"
    result = extract_text(text, doc="x.txt")
    assert set(result) == {"doc", "body", "region", "year", "figures"}
    assert result["doc"] == "x.txt"
    assert result["body"] == "cppcc"
    assert result["region"] == "某某市"
    assert result["year"] == 2023
    assert {(f["key"], f["value"]) for f in result["figures"]} == {
        ("proposal.submitted", 261),
        ("proposal.answered", 261),
    }
    for f in result["figures"]:
        assert set(f) == {"key", "value", "unit", "approx", "quote"}
        assert f["key"] in FIGURE_KEYS_BY_NAME
        assert f["unit"] == FIGURE_KEYS_BY_NAME[f["key"]].unit
        assert isinstance(f["approx"], bool)
        assert f["quote"] in text
        assert 10 <= len(f["quote"]) <= 60
        assert "261" in f["quote"]
    json.dumps(result, ensure_ascii=False)


def test_congress_body_is_detected() -> None:
    assert extract_text(CONGRESS_HEAD + "召开常委会会议7次。")["body"] == "congress"


# ------------------------------------------------------------------- files


def _minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose text pypdf can read back (Identity-H font with a ToUnicode map)."""
    content = f"BT /F1 12 Tf 20 100 Td <{text.encode('utf-16-be').hex().upper()}> Tj ET".encode()
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Identity-UCS def "
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> "
        b"endbfrange endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 200] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H"
        b" /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


REPORT_LINE = "政协某某市委员会常务委员会工作报告。2023年,召开常委会会议9次、主席会议12次。"


def test_docx_file(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("政协某某市委员会常务委员会工作报告")
    document.add_paragraph("2023年工作回顾")
    document.add_paragraph("一年来,召开常委会会议9次、主席会议12次。")
    path = tmp_path / "report.docx"
    document.save(str(path))
    result = extract_file(path)
    assert result["doc"] == "report.docx"
    assert {(f["key"], f["value"]) for f in result["figures"]} == {
        ("meeting.standing_committee", 9),
        ("meeting.chair", 12),
    }


def test_pdf_file(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(_minimal_pdf(REPORT_LINE))
    result = extract_file(path)
    assert {(f["key"], f["value"]) for f in result["figures"]} == {
        ("meeting.standing_committee", 9),
        ("meeting.chair", 12),
    }


def test_gb18030_text_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT_LINE.encode("gb18030"))
    assert len(extract_file(path)["figures"]) == 2


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "文件为空"),
        ("blank.txt", b" \n\n", "文件为空"),
        ("fake.pdf", bytes(range(256)) * 4, "无法识别的PDF文件"),
        ("broken.pdf", b"%PDF-1.4\n" + bytes(range(256)), "无法识别的PDF文件"),
        ("recipe.txt", "西红柿炒鸡蛋：鸡蛋两个，西红柿一个。".encode(), "文本中没有找到工作报告的内容"),
    ],
)
def test_bad_files_raise_document_error(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=message):
        extract_file(path)


def test_empty_text_raises_document_error() -> None:
    with pytest.raises(DocumentError, match="文件为空"):
        extract_text("")


# ------------------------------------------------------------------ corpus


def _labels() -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in (CORPUS / "labels.jsonl").read_text("utf-8").splitlines() if line.strip()
    ]


@pytest.mark.skipif(not (CORPUS / "labels.jsonl").exists(), reason="shared corpus not present")
def test_corpus_f1() -> None:
    gold: Counter[tuple[str, str, float]] = Counter()
    got: Counter[tuple[str, str, float]] = Counter()
    for label in _labels():
        text = (CORPUS / label["doc"]).read_text("utf-8")
        result = extract_text(text, doc=label["doc"])
        assert all(f["quote"] in text for f in result["figures"])
        gold.update((label["doc"], f["key"], float(f["value"])) for f in label["figures"])
        got.update((label["doc"], f["key"], float(f["value"])) for f in result["figures"])
    tp = sum((gold & got).values())
    precision, recall = tp / sum(got.values()), tp / sum(gold.values())
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.9, f"F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f})"


# -------------------------------------------------------- management command


def test_extract_figures_command(tmp_path: Path) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    # given one good report and one binary file named .pdf
    good = tmp_path / "good.txt"
    good.write_text(REPORT_LINE, encoding="utf-8")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(range(256)))
    out, err = _Buffer(), _Buffer()
    # when the command reads both
    with pytest.raises(CommandError) as exc_info:
        call_command("extract_figures", str(good), str(bad), stdout=out, stderr=err)
    # then the good one is printed as a JSON line and the bad one is reported in Chinese
    assert exc_info.value.returncode == 2
    line = json.loads(out.getvalue().strip())
    assert line["doc"] == "good.txt"
    assert len(line["figures"]) == 2
    assert "无法识别的PDF文件" in err.getvalue()


class _Buffer:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, s: str) -> None:
        self.parts.append(s)

    def flush(self) -> None:
        pass

    def getvalue(self) -> str:
        return "".join(self.parts)
