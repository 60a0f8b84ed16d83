from django.contrib import admin

from .models import PetitionSetting


@admin.register(PetitionSetting)
class PetitionSettingAdmin(admin.ModelAdmin):
    """受理告知 deadline per body; the 办理 deadline is the engine's KindSetting.reply_days."""

    list_display = ("body", "notify_days", "updated_at")
