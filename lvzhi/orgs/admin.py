from django.contrib import admin

from . import models as m

for model in (m.Body, m.Term, m.Session, m.Sector, m.Delegation, m.SpecialCommittee, m.Party, m.HandlingUnit):
    admin.site.register(model)


@admin.register(m.Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("name", "gender", "party", "workplace", "is_active")
    search_fields = ("name", "workplace")


@admin.register(m.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("member", "body", "term", "role", "sector", "delegation", "is_active")
    list_filter = ("body", "role")
    raw_id_fields = ("member",)
