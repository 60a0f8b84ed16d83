from django.contrib import admin

from .models import EventType, Meeting, Station


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "body", "kind", "number", "held_on")
    list_filter = ("kind", "body")
    search_fields = ("title",)


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ("name", "body", "kind", "established_on", "is_active")
    list_filter = ("kind", "body", "is_active")
    raw_id_fields = ("lead_member", "members")


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "body", "body_kinds", "order")
    list_filter = ("category",)
