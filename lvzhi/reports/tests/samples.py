"""Small report texts and files for the peer-report tests, generated here, not copied."""

from __future__ import annotations

import io

CPPCC_REPORT = """政协临江县委员会常务委员会工作报告
——2024年1月10日在政协临江县第十届委员会第三次会议上
2023年，县政协常委会在县委的坚强领导下，认真履行政治协商、民主监督、参政议政职能。
全年共召开常委会会议6次、主席会议12次。开展专题调研15次，形成调研报告12篇。
组织专题协商会4次。全年共收到提案216件，经审查立案198件，现已全部办复。
报送社情民意信息120篇，被采用35篇。
2024年，我们将开展专题调研10次。
"""

CONGRESS_REPORT = """平川区人民代表大会常务委员会工作报告
2023年，区人大常委会召开常委会会议8次，主任会议20次，听取审议专项工作报告18项，
开展执法检查5次，作出决议决定10项。全年共收到代表建议150件，已全部办复。
"""

NOT_A_REPORT = "红烧肉的做法：五花肉500克切块，冰糖30克，生抽两勺，小火慢炖一小时。"


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
