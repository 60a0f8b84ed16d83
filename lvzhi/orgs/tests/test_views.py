from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lvzhi.core.collation import by_strokes
from lvzhi.core.models import AuditEntry
from lvzhi.orgs.imports import MEMBER_COLUMNS, UNIT_COLUMNS
from lvzhi.orgs.models import Body, HandlingUnit, Member, Membership

pytestmark = pytest.mark.django_db


def _xlsx(headers, rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "import.xlsx"
    return buf


def test_member_search_by_name_finds_the_member(client_as):
    ms = Membership.objects.filter(body__short_name="示范市政协").select_related("member").first()
    r = client_as("demo-staff").get(reverse("orgs:member-list"), {"q": ms.member.name})
    assert r.status_code == 200
    assert ms.member.name in r.content.decode()


def test_member_filter_by_sector_shows_only_that_sector(client_as):
    body = Body.objects.get(short_name="示范市政协")
    sector = body.sectors.get(name="医药卫生界")
    r = client_as("demo-staff").get(reverse("orgs:member-list"), {"sector": sector.pk})
    page = r.context["page"]
    assert (
        page.paginator.count
        == Membership.objects.filter(body=body, sector=sector, is_active=True).count()
        > 0
    )
    assert all(ms.sector_id == sector.pk for ms in page)


def test_member_list_is_paginated_and_htmx_gets_only_rows(client_as):
    c = client_as("demo-staff")
    r = c.get(reverse("orgs:member-list"), {"page": 2})
    assert r.context["page"].number == 2
    r = c.get(reverse("orgs:member-list"), {"q": "张"}, HTTP_HX_REQUEST="true")
    assert "<html" not in r.content.decode() and "member-table" in r.content.decode()


def test_member_list_query_count_is_flat(client_as, django_assert_max_num_queries):
    c = client_as("demo-admin")
    with django_assert_max_num_queries(15):
        c.get(reverse("orgs:member-list"))
    with django_assert_max_num_queries(15):
        c.get(reverse("orgs:member-list"), {"page": 3})


def test_member_detail_of_another_body_is_404(client_as):
    other = Membership.objects.filter(body__short_name="示范市人大常委会").first().member_id
    assert client_as("demo-member").get(reverse("orgs:member-detail", args=[other])).status_code == 404


def test_member_sees_directory_but_not_full_phone_numbers(client_as):
    ms = (
        Membership.objects.filter(body__short_name="示范市政协")
        .exclude(member__phone="")
        .select_related("member")
        .first()
    )
    page = client_as("demo-member").get(reverse("orgs:member-detail", args=[ms.member_id])).content.decode()
    assert ms.member.phone not in page and ms.member.phone[:3] + "****" in page


def test_handling_unit_user_cannot_open_member_directory(client_as):
    assert client_as("demo-unit").get(reverse("orgs:member-list")).status_code == 403


def test_member_export_opens_and_holds_the_filtered_rows(client_as):
    body = Body.objects.get(short_name="示范市政协")
    sector = body.sectors.get(name="教育界")
    r = client_as("demo-staff").get(reverse("orgs:member-list"), {"sector": sector.pk, "export": "xlsx"})
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "姓名"
    assert len(rows) - 1 == Membership.objects.filter(body=body, sector=sector, is_active=True).count()
    assert {row[7] for row in rows[1:]} == {"教育界"}
    names = [row[0] for row in rows[1:]]
    assert names == by_strokes(names, str), "名录按姓氏笔画排列"
    assert names != sorted(names), "not merely code-point order"


def test_import_with_a_bad_row_reports_it_and_saves_nothing(client_as):
    before = Member.objects.count()
    f = _xlsx(
        MEMBER_COLUMNS,
        [
            [
                "王一",
                "男",
                "汉族",
                "1970",
                "中国民主同盟",
                "示范市一中",
                "校长",
                "13800000001",
                "",
                "委员",
                "教育界",
                "",
                "",
            ],
            ["李二", "未知", "汉族", "1970", "", "", "", "12345", "", "代表", "火星界", "", ""],
        ],
    )
    r = client_as("demo-staff").post(reverse("orgs:import", args=["member"]), {"file": f})
    html = r.content.decode()
    assert "第3行：性别应为“男”或“女”" in html
    assert "第3行：界别“火星界”不存在" in html
    assert "第3行：手机号“12345”格式不正确" in html
    assert "未导入任何数据" in html
    assert Member.objects.count() == before
    # and a confirm without a clean preview does nothing
    client_as("demo-staff").post(reverse("orgs:import", args=["member"]), {"confirm": "1"})
    assert Member.objects.count() == before


def test_clean_import_previews_then_saves_all_rows_with_audit(client_as):
    c = client_as("demo-staff")
    f = _xlsx(
        MEMBER_COLUMNS,
        [
            [
                "王一",
                "男",
                "汉族",
                "1970",
                "中国民主同盟",
                "示范市一中",
                "校长",
                "13800000001",
                "",
                "委员",
                "教育界",
                "",
                "提案委员会",
            ],
            [
                "李二",
                "女",
                "回族",
                "1980",
                "",
                "示范市人民医院",
                "主任",
                "",
                "",
                "常委",
                "医药卫生界",
                "",
                "",
            ],
        ],
    )
    r = c.post(reverse("orgs:import", args=["member"]), {"file": f})
    assert "检查通过，共 2 行" in r.content.decode()
    assert not Member.objects.filter(name="王一").exists()
    r = c.post(reverse("orgs:import", args=["member"]), {"confirm": "1"})
    assert r.status_code == 302
    ms = Membership.objects.get(member__name="王一", body__short_name="示范市政协")
    assert ms.sector.name == "教育界" and [x.name for x in ms.committees.all()] == ["提案委员会"]
    assert AuditEntry.objects.filter(action="import", note__contains="2").exists()
    assert AuditEntry.objects.filter(action="create", model="orgs.member", object_repr="李二").exists()


def test_unit_import_rejects_a_file_that_is_not_excel(client_as):
    before = HandlingUnit.objects.count()
    fake = io.BytesIO(b"MZ\x90\x00 this is an executable")
    fake.name = "units.xlsx"
    r = client_as("demo-staff").post(reverse("orgs:import", args=["unit"]), {"file": fake})
    assert "不是有效的 Excel" in r.content.decode()
    assert HandlingUnit.objects.count() == before


def test_unit_import_reports_duplicates_and_bad_category(client_as):
    f = _xlsx(UNIT_COLUMNS, [["示范市教育局", "", "政府部门"], ["新单位", "", "外星机构"]])
    html = client_as("demo-staff").post(reverse("orgs:import", args=["unit"]), {"file": f}).content.decode()
    assert "第2行：单位“示范市教育局”已存在" in html
    assert "第3行：类别“外星机构”无效" in html


def test_member_cannot_import(client_as):
    assert client_as("demo-member").get(reverse("orgs:import", args=["member"])).status_code == 403


def test_staff_adds_a_member_through_the_form(client_as):
    body = Body.objects.get(short_name="示范市政协")
    sector = body.sectors.get(name="农业和农村界")
    r = client_as("demo-staff").post(
        reverse("orgs:member-create"),
        {
            "name": "田丰收",
            "gender": "m",
            "ethnicity": "汉族",
            "phone": "13912345678",
            "role": "member",
            "sector": sector.pk,
        },
    )
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    assert Membership.objects.filter(member__name="田丰收", sector=sector).exists()


def test_member_form_rejects_a_bad_phone_and_saves_nothing(client_as):
    r = client_as("demo-staff").post(
        reverse("orgs:member-create"),
        {
            "name": "错号码",
            "gender": "m",
            "ethnicity": "汉族",
            "phone": "123",
            "role": "member",
        },
    )
    assert r.status_code == 200 and "手机号应为 11 位数字" in r.content.decode()
    assert not Member.objects.filter(name="错号码").exists()


def test_staff_manages_structure_of_own_body_only(client_as):
    own = Body.objects.get(short_name="示范市政协")
    other = Body.objects.get(short_name="示范市人大常委会")
    c = client_as("demo-staff")
    r = c.post(
        reverse("orgs:structure-create", args=["sector"]) + f"?body={own.pk}", {"name": "港澳界", "order": 40}
    )
    assert r.status_code == 302 and own.sectors.filter(name="港澳界").exists()
    r = c.get(reverse("orgs:structure-create", args=["sector"]) + f"?body={other.pk}")
    assert r.status_code == 404


def test_second_current_term_replaces_the_first(client_as):
    own = Body.objects.get(short_name="示范市政协")
    c = client_as("demo-staff")
    c.post(
        reverse("orgs:structure-create", args=["term"]) + f"?body={own.pk}",
        {"number": 15, "name": "第十五届", "start_year": 2027, "end_year": 2032, "is_current": "on"},
    )
    assert list(own.terms.filter(is_current=True).values_list("number", flat=True)) == [15]


def test_audit_log_is_filtered_to_the_staff_body(client_as):
    c = client_as("demo-admin")
    other = Body.objects.get(short_name="示范市人大常委会")
    c.post(reverse("orgs:structure-create", args=["sector"]) + f"?body={other.pk}", {"name": "x", "order": 1})
    entry = AuditEntry.objects.filter(body_id=other.pk).first()
    assert entry is not None
    page = client_as("demo-staff").get(reverse("web:audit-list"))
    assert entry not in list(page.context["page"])
    page = client_as("demo-deputy-staff").get(reverse("web:audit-list"), {"action": "create"})
    assert entry in list(page.context["page"])


def test_audit_log_export_opens(client_as):
    client_as("demo-staff").post(
        reverse("orgs:unit-create"), {"name": "示范市档案馆", "category": "government", "is_active": "on"}
    )
    r = client_as("demo-staff").get(reverse("web:audit-list"), {"export": "xlsx", "q": "档案馆"})
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "时间" and rows[1][1] == "周晓梅" and rows[1][5] == "示范市档案馆"


def test_member_cannot_see_audit_log(client_as):
    assert client_as("demo-member").get(reverse("web:audit-list")).status_code == 403


@pytest.mark.parametrize("username", ["demo-unit", "demo-officer"])
def test_units_and_information_officers_cannot_list_the_directory_on_the_page_or_the_api(
    username, client_as, api
):
    assert client_as(username).get(reverse("orgs:member-list")).status_code == 403
    r = api(username).get("/api/v1/members")
    assert r.status_code == 403
    assert r.json()["message"] == "您无权查看委员/代表名录。"


def test_seated_members_list_the_directory_on_the_page_and_the_api(client_as, api):
    assert client_as("demo-member").get(reverse("orgs:member-list")).status_code == 200
    assert api("demo-member").get("/api/v1/members").json()["count"] > 0
