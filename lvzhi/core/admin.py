from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "model", "object_repr")
    list_filter = ("action", "model")
    search_fields = ("object_repr", "actor_name")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]  # admin signature
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]  # the trail is append-only
        return False
