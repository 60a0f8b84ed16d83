"""Excel import of members and handling units: check every row first, save all or nothing."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from openpyxl import load_workbook

from lvzhi.core import archives, audit
from lvzhi.core.exceptions import ImportRejected
from lvzhi.core.permissions import can

from .models import (
    CONGRESS_ROLES,
    CPPCC_ROLES,
    Body,
    BodyKind,
    Gender,
    HandlingUnit,
    Member,
    Membership,
    MembershipRole,
    Party,
    Term,
)

MAX_IMPORT_ROWS = 5000
MAX_IMPORT_BYTES = 5 * 1024 * 1024
NOT_XLSX = "文件不是有效的 Excel（.xlsx）文件，请使用下载的模板填写后上传。"
EMPTY_FILE = "文件中没有数据行。"
TOO_MANY_ROWS = "一次最多导入 %(n)s 行，请分批导入。"
TOO_LARGE = "文件过大（上限 5MB）。"
MISSING_COLUMNS = "缺少必填列：%(cols)s。请使用下载的模板。"
FILE_HAS_ERRORS = "文件有 %(n)s 处错误，未导入任何数据。请修改后重新上传。"

MEMBER_COLUMNS = [
    "姓名",
    "性别",
    "民族",
    "出生年份",
    "党派",
    "工作单位",
    "职务",
    "手机",
    "电子邮箱",
    "身份",
    "界别",
    "代表团",
    "专委会",
]
MEMBER_REQUIRED = ["姓名", "性别", "身份"]
UNIT_COLUMNS = ["单位名称", "简称", "类别", "隶属", "联系人", "联系电话", "地址"]
UNIT_REQUIRED = ["单位名称", "类别"]


@dataclass
class RowError:
    row: int
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行：{self.message}"


@dataclass
class ImportPreview:
    kind: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.errors and bool(self.rows)


def _read_rows(data: bytes, required: list[str]) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRejected(TOO_LARGE)
    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportRejected(NOT_XLSX)
    try:
        archives.check_zip(data)
    except archives.ArchiveRejected as exc:
        raise ImportRejected(f"{exc}。") from exc
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a corrupt file
        raise ImportRejected(NOT_XLSX) from exc
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header_row = next(rows, None)
    if header_row is None:
        raise ImportRejected(EMPTY_FILE)
    headers = [str(h or "").strip() for h in header_row]
    missing = [c for c in required if c not in headers]
    if missing:
        raise ImportRejected(MISSING_COLUMNS % {"cols": "、".join(missing)})
    out: list[tuple[int, dict[str, str]]] = []
    for n, values in enumerate(rows, start=2):
        cells = {h: ("" if v is None else str(v).strip()) for h, v in zip(headers, values, strict=False) if h}
        if not any(cells.values()):
            continue
        out.append((n, cells))
        if len(out) > MAX_IMPORT_ROWS:
            raise ImportRejected(TOO_MANY_ROWS % {"n": MAX_IMPORT_ROWS})
    wb.close()
    if not out:
        raise ImportRejected(EMPTY_FILE)
    return headers, out


_GENDERS = {"男": Gender.MALE, "女": Gender.FEMALE}


def member_import_parse(*, body: Body, data: bytes) -> ImportPreview:
    _, rows = _read_rows(data, MEMBER_REQUIRED)
    preview = ImportPreview(kind="member")
    role_by_label = {str(label): value for value, label in MembershipRole.choices}
    allowed_roles = CPPCC_ROLES if body.kind == BodyKind.CPPCC else CONGRESS_ROLES
    parties = {p.name: p.pk for p in Party.objects.all()} | {
        p.short_name: p.pk for p in Party.objects.exclude(short_name="")
    }
    sectors = dict(body.sectors.values_list("name", "pk"))
    delegations = dict(body.delegations.values_list("name", "pk"))
    committees = dict(body.committees.values_list("name", "pk"))
    seen: set[tuple[str, str]] = set()
    for n, c in rows:
        errs: list[str] = []
        name = c.get("姓名", "")
        if not name:
            errs.append("姓名不能为空")
        elif len(name) > 50:
            errs.append("姓名过长（最多50字）")
        gender = _GENDERS.get(c.get("性别", ""))
        if gender is None:
            errs.append("性别应为“男”或“女”")
        role = role_by_label.get(c.get("身份", ""))
        if role is None or role not in allowed_roles:
            labels = "、".join(str(MembershipRole(r).label) for r in sorted(allowed_roles))
            errs.append(f"身份“{c.get('身份', '')}”无效，应为：{labels}")
        birth = c.get("出生年份", "")
        birth_year: int | None = None
        if birth:
            if birth.isdigit() and 1900 <= int(birth) <= 2010:
                birth_year = int(birth)
            else:
                errs.append(f"出生年份“{birth}”无效")
        party_id = None
        if c.get("党派"):
            party_id = parties.get(c["党派"])
            if party_id is None:
                errs.append(f"党派“{c['党派']}”不存在")
        phone = c.get("手机", "")
        if phone and not (phone.isdigit() and len(phone) == 11 and phone.startswith("1")):
            errs.append(f"手机号“{phone}”格式不正确")
        email = c.get("电子邮箱", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errs.append(f"电子邮箱“{email}”格式不正确")
        sector_id = delegation_id = None
        if c.get("界别"):
            if body.kind != BodyKind.CPPCC:
                errs.append("人大代表不填界别")
            sector_id = sectors.get(c["界别"])
            if sector_id is None and body.kind == BodyKind.CPPCC:
                errs.append(f"界别“{c['界别']}”不存在")
        if c.get("代表团"):
            if body.kind != BodyKind.CONGRESS:
                errs.append("政协委员不填代表团")
            delegation_id = delegations.get(c["代表团"])
            if delegation_id is None and body.kind == BodyKind.CONGRESS:
                errs.append(f"代表团“{c['代表团']}”不存在")
        committee_ids: list[int] = []
        for cname in [
            x.strip()
            for x in c.get("专委会", "").replace("，", ",").replace("、", ",").split(",")
            if x.strip()
        ]:
            if cname in committees:
                committee_ids.append(committees[cname])
            else:
                errs.append(f"专委会“{cname}”不存在")
        key = (name, phone)
        if name and key in seen:
            errs.append("与文件中前面的行重复")
        seen.add(key)
        for e in errs:
            preview.errors.append(RowError(n, e))
        preview.rows.append(
            {
                "row": n,
                "name": name,
                "gender": gender or "",
                "ethnicity": c.get("民族") or "汉族",
                "birth_year": birth_year,
                "party_id": party_id,
                "workplace": c.get("工作单位", "")[:150],
                "post": c.get("职务", "")[:100],
                "phone": phone,
                "email": email,
                "role": role or "",
                "sector_id": sector_id,
                "delegation_id": delegation_id,
                "committee_ids": committee_ids,
            }
        )
    return preview


_UNIT_CATEGORIES = {str(label): value for value, label in HandlingUnit.Category.choices}


def unit_import_parse(*, body: Body, data: bytes) -> ImportPreview:
    _, rows = _read_rows(data, UNIT_REQUIRED)
    preview = ImportPreview(kind="unit")
    existing = set(body.handling_units.values_list("name", flat=True))
    seen: set[str] = set()
    for n, c in rows:
        errs: list[str] = []
        name = c.get("单位名称", "")
        if not name:
            errs.append("单位名称不能为空")
        elif len(name) > 100:
            errs.append("单位名称过长（最多100字）")
        elif name in existing:
            errs.append(f"单位“{name}”已存在")
        elif name in seen:
            errs.append("与文件中前面的行重复")
        seen.add(name)
        category = _UNIT_CATEGORIES.get(c.get("类别", ""))
        if category is None:
            errs.append(f"类别“{c.get('类别', '')}”无效，应为：{'、'.join(_UNIT_CATEGORIES)}")
        for e in errs:
            preview.errors.append(RowError(n, e))
        preview.rows.append(
            {
                "row": n,
                "name": name,
                "short_name": c.get("简称", "")[:50],
                "category": category or "",
                "superior": c.get("隶属", "")[:100],
                "contact_name": c.get("联系人", "")[:50],
                "contact_phone": c.get("联系电话", "")[:30],
                "address": c.get("地址", "")[:200],
            }
        )
    return preview


@transaction.atomic
def import_commit(*, actor: Any, body: Body, preview: ImportPreview) -> int:
    """Save every row of a clean preview, or nothing at all."""
    if not can(actor, "orgs.import") or not can(actor, "orgs.change_member", body):
        raise PermissionDenied("您无权导入。")
    if not preview.is_clean:
        raise ImportRejected(FILE_HAS_ERRORS % {"n": len(preview.errors)})
    if preview.kind == "unit":
        for r in preview.rows:
            unit = HandlingUnit(body=body, **{k: v for k, v in r.items() if k != "row"})
            unit.full_clean()
            unit.save()
    else:
        term = Term.objects.filter(body=body, is_current=True).first()
        if term is None:
            raise ImportRejected("该机构没有设置本届，请先在“届次”中设置本届。")
        for r in preview.rows:
            member = Member(
                name=r["name"],
                gender=r["gender"],
                ethnicity=r["ethnicity"],
                birth_year=r["birth_year"],
                party_id=r["party_id"],
                workplace=r["workplace"],
                post=r["post"],
                phone=r["phone"],
                email=r["email"],
            )
            member.full_clean()
            member.save()
            ms = Membership(
                member=member,
                body=body,
                term=term,
                role=r["role"],
                sector_id=r["sector_id"],
                delegation_id=r["delegation_id"],
            )
            ms.save()
            if r["committee_ids"]:
                ms.committees.set(r["committee_ids"])
    audit.record(
        action="import",
        model=f"orgs.{preview.kind}",
        object_repr=f"导入{len(preview.rows)}条",
        body_id=body.pk,
        note=f"Excel 导入 {len(preview.rows)} 条",
    )
    return len(preview.rows)


def template_bytes(kind: str) -> bytes:
    from lvzhi.core.exports import xlsx_bytes

    if kind == "unit":
        return xlsx_bytes(
            title="承办单位",
            headers=UNIT_COLUMNS,
            rows=[
                [
                    "示范市教育局",
                    "市教育局",
                    "政府部门",
                    "示范市人民政府",
                    "张三",
                    "0731-12345678",
                    "示范市人民路1号",
                ]
            ],
        )
    return xlsx_bytes(
        title="委员代表",
        headers=MEMBER_COLUMNS,
        rows=[
            [
                "张三",
                "男",
                "汉族",
                "1975",
                "中国民主同盟",
                "示范市第一中学",
                "校长",
                "13800000000",
                "",
                "委员",
                "教育界",
                "",
                "",
            ]
        ],
    )
