from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "lvzhi.opinions"
    label = "opinions"
    verbose_name = _("社情民意·微建议")

    def ready(self) -> None:
        from lvzhi.casework import workflow
        from lvzhi.casework.workbench import handled_by
        from lvzhi.core import audit

        from . import (  # noqa: F401  # register steps, figures, charts, effects, sources, workbench panels
            charts,
            chronicle,
            demo,
            figures,
            models,
            performance,
            services,
            workbench,
        )
        from .workflow import MICRO_WORKFLOW, OPINION_WORKFLOW

        workflow.register(OPINION_WORKFLOW)
        workflow.register(MICRO_WORKFLOW)
        handled_by("info", OPINION_WORKFLOW.kind, MICRO_WORKFLOW.kind)
        for model in (
            models.InformationOfficer,
            models.OpinionDetail,
            models.Bulletin,
            models.BulletinItem,
            models.Adoption,
            models.Instruction,
        ):
            audit.register(model)
        audit.action_label_register("bulletin.publish", _("印发简报"))
