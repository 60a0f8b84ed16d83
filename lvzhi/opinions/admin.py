from django.contrib import admin

from .models import InformationOfficer


@admin.register(InformationOfficer)
class InformationOfficerAdmin(admin.ModelAdmin):
    """信息员 are appointed and retired here; each needs a member-role account at the body."""

    list_display = ("user", "body", "organization", "appointed_on", "is_active")
    list_filter = ("body", "is_active")
    raw_id_fields = ("user",)
