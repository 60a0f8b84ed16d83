from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lvzhi.core.models import BaseModel


class BodyKind(models.TextChoices):
    CPPCC = "cppcc", _("政协")
    CONGRESS = "congress", _("人大常委会")


class BodyLevel(models.TextChoices):
    NATIONAL = "national", _("全国")
    PROVINCIAL = "provincial", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")


class Body(BaseModel):
    name = models.CharField(
        _("名称"), max_length=100, unique=True, error_messages={"unique": _("已有同名机构。")}
    )
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    kind = models.CharField(_("类型"), max_length=16, choices=BodyKind.choices, db_index=True)
    level = models.CharField(_("层级"), max_length=16, choices=BodyLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    region = models.CharField(_("行政区域"), max_length=100)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["kind", "level", "name"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")

    def __str__(self) -> str:
        return self.name

    @property
    def is_cppcc(self) -> bool:
        return self.kind == BodyKind.CPPCC


class Term(BaseModel):
    """届: a body's term of office, usually five years, with one session (次会议) a year."""

    body = models.ForeignKey(Body, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="terms")
    number = models.PositiveSmallIntegerField(_("届次"))
    name = models.CharField(_("名称"), max_length=50)
    start_year = models.PositiveSmallIntegerField(_("起始年份"))
    end_year = models.PositiveSmallIntegerField(_("结束年份"))
    is_current = models.BooleanField(_("本届"), default=False)

    class Meta:
        ordering = ["body", "-number"]
        verbose_name = _("届")
        verbose_name_plural = _("届")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "number"],
                name="term_unique_number",
                violation_error_message="该机构已有此届次。",
            ),
            models.UniqueConstraint(
                fields=["body"],
                condition=Q(is_current=True),
                name="term_one_current_per_body",
                violation_error_message="一个机构只能有一个本届。",
            ),
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="term_years_ordered",
                violation_error_message="结束年份不能早于起始年份。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body.short_name or self.body.name}{self.name}"

    def get_constraints(self) -> list[tuple[type[models.Model], Sequence[Any]]]:
        # Making a term current demotes the previous one (services.structure_save), so
        # validation must not refuse it; the database constraint still guards the invariant.
        return [
            (model, [c for c in constraints if c.name != "term_one_current_per_body"])
            for model, constraints in super().get_constraints()
        ]


class Session(BaseModel):
    """次会议: the annual plenary session of a term, with its proposal window."""

    term = models.ForeignKey(Term, verbose_name=_("届"), on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("次"))
    name = models.CharField(_("名称"), max_length=50)
    year = models.PositiveSmallIntegerField(_("年份"), db_index=True)
    opens_on = models.DateField(_("开幕日期"), null=True, blank=True)
    closes_on = models.DateField(_("闭幕日期"), null=True, blank=True)
    submission_opens_on = models.DateField(_("提交开始"), null=True, blank=True)
    submission_closes_on = models.DateField(_("提交截止"), null=True, blank=True)

    class Meta:
        ordering = ["term", "number"]
        verbose_name = _("会议")
        verbose_name_plural = _("会议")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "number"],
                name="session_unique_number",
                violation_error_message="该届已有此次会议。",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def body_id(self) -> int:
        return int(self.term.body_id)


class Sector(BaseModel):
    """界别 of a CPPCC body."""

    body = models.ForeignKey(Body, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="sectors")
    name = models.CharField(_("名称"), max_length=50)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["body", "order", "name"]
        verbose_name = _("界别")
        verbose_name_plural = _("界别")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "name"],
                name="sector_unique_name",
                violation_error_message="该机构已有同名界别。",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Delegation(BaseModel):
    """代表团 of a people's congress."""

    body = models.ForeignKey(
        Body, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="delegations"
    )
    name = models.CharField(_("名称"), max_length=50)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["body", "order", "name"]
        verbose_name = _("代表团")
        verbose_name_plural = _("代表团")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "name"],
                name="delegation_unique_name",
                violation_error_message="该机构已有同名代表团。",
            )
        ]

    def __str__(self) -> str:
        return self.name


class SpecialCommittee(BaseModel):
    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("专门委员会")
        WORK = "work", _("工作委员会")
        OFFICE = "office", _("办事机构")

    body = models.ForeignKey(
        Body, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="committees"
    )
    name = models.CharField(_("名称"), max_length=80)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices, default=Kind.COMMITTEE)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["body", "order", "name"]
        verbose_name = _("专委会")
        verbose_name_plural = _("专委会")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "name"],
                name="committee_unique_name",
                violation_error_message="该机构已有同名专委会。",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Party(BaseModel):
    """党派团体: shared reference data, a member belongs to one whichever body they sit in."""

    class Kind(models.TextChoices):
        PARTY = "party", _("政党")
        GROUP = "group", _("人民团体")
        NONE = "none", _("无党派")

    name = models.CharField(_("名称"), max_length=50, unique=True)
    short_name = models.CharField(_("简称"), max_length=20, blank=True)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices, default=Kind.PARTY)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("党派团体")
        verbose_name_plural = _("党派团体")

    def __str__(self) -> str:
        return self.short_name or self.name


class HandlingUnit(BaseModel):
    class Category(models.TextChoices):
        GOVERNMENT = "government", _("政府部门")
        COURT = "court", _("法院")
        PROCURATORATE = "procuratorate", _("检察院")
        PARTY_ORGAN = "party_organ", _("党委部门")
        MASS_ORG = "mass_org", _("群团组织")
        ENTERPRISE = "enterprise", _("企事业单位")
        OTHER = "other", _("其他")

    body = models.ForeignKey(
        Body, verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="handling_units"
    )
    name = models.CharField(_("单位名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    category = models.CharField(
        _("类别"), max_length=16, choices=Category.choices, default=Category.GOVERNMENT
    )
    superior = models.CharField(_("隶属"), max_length=100, blank=True, help_text=_("例如：示范市人民政府"))
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["body", "category", "name"]
        verbose_name = _("承办单位")
        verbose_name_plural = _("承办单位")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "name"],
                name="unit_unique_name_per_body",
                violation_error_message="该机构已有同名承办单位。",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Gender(models.TextChoices):
    MALE = "m", _("男")
    FEMALE = "f", _("女")


class Member(BaseModel):
    """委员 / 代表: one person, who may sit in several bodies through memberships."""

    name = models.CharField(_("姓名"), max_length=50, db_index=True)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    ethnicity = models.CharField(_("民族"), max_length=20, default="汉族")
    birth_year = models.PositiveSmallIntegerField(_("出生年份"), null=True, blank=True)
    party = models.ForeignKey(Party, verbose_name=_("党派"), null=True, blank=True, on_delete=models.PROTECT)
    workplace = models.CharField(_("工作单位"), max_length=150, blank=True)
    post = models.CharField(_("职务"), max_length=100, blank=True)
    phone = models.CharField(_("手机"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    photo = models.ImageField(_("照片"), upload_to="members/", blank=True)
    is_active = models.BooleanField(_("在册"), default=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("委员/代表")
        verbose_name_plural = _("委员/代表")

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    # CPPCC
    MEMBER = "member", _("委员")
    STANDING = "standing", _("常委")
    VICE_CHAIR = "vice_chair", _("副主席")
    CHAIR = "chair", _("主席")
    SECRETARY_GENERAL = "secretary_general", _("秘书长")
    # Congress
    DEPUTY = "deputy", _("代表")
    SC_MEMBER = "sc_member", _("常委会组成人员")
    VICE_DIRECTOR = "vice_director", _("副主任")
    DIRECTOR = "director", _("主任")


CPPCC_ROLES = {
    MembershipRole.MEMBER,
    MembershipRole.STANDING,
    MembershipRole.VICE_CHAIR,
    MembershipRole.CHAIR,
    MembershipRole.SECRETARY_GENERAL,
}
CONGRESS_ROLES = {
    MembershipRole.DEPUTY,
    MembershipRole.SC_MEMBER,
    MembershipRole.VICE_DIRECTOR,
    MembershipRole.DIRECTOR,
}
LEADER_ROLES = {
    MembershipRole.VICE_CHAIR,
    MembershipRole.CHAIR,
    MembershipRole.VICE_DIRECTOR,
    MembershipRole.DIRECTOR,
}


class Membership(BaseModel):
    member = models.ForeignKey(
        Member, verbose_name=_("委员/代表"), on_delete=models.PROTECT, related_name="memberships"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="memberships"
    )
    term = models.ForeignKey(Term, verbose_name=_("届"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("身份"), max_length=20, choices=MembershipRole.choices)
    sector = models.ForeignKey(
        Sector, verbose_name=_("界别"), null=True, blank=True, on_delete=models.PROTECT
    )
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("代表团"), null=True, blank=True, on_delete=models.PROTECT
    )
    committees = models.ManyToManyField(
        SpecialCommittee, verbose_name=_("专委会"), blank=True, related_name="memberships"
    )
    joined_on = models.DateField(_("任职日期"), null=True, blank=True)
    left_on = models.DateField(_("离任日期"), null=True, blank=True)
    is_active = models.BooleanField(_("在任"), default=True)

    class Meta:
        ordering = ["body", "member__name"]
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "term"],
                name="membership_one_per_term",
                violation_error_message="该委员/代表在本届已有任职。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.body} · {self.get_role_display()}"
