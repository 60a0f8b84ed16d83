from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "lvzhi.activities"
    label = "activities"
    verbose_name = _("会议与履职活动")

    def ready(self) -> None:
        from lvzhi.core import audit

        from . import charts, chronicle, demo, figures, models, performance  # noqa: F401  # register demo steps, figures, charts, 大事记, file sources

        for model in (
            models.Meeting,
            models.Station,
            models.StationReception,
            models.EventType,
            models.Plan,
            models.PlanItem,
            models.Event,
            models.Attendance,
            models.Speech,
            models.Outcome,
            models.OutcomeRecipient,
            models.StudyGroup,
            models.CultureCall,
            models.CultureVolume,
            models.Manuscript,
            models.DutyThread,
            models.DutyPost,
        ):
            audit.register(model)
