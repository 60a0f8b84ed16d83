from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "lvzhi.petitions"
    label = "petitions"
    verbose_name = _("信访")

    def ready(self) -> None:
        from lvzhi.casework import workflow
        from lvzhi.casework.models import CaseTracker
        from lvzhi.casework.workbench import handled_by
        from lvzhi.core import audit

        from . import demo, figures, models, portal, services  # noqa: F401  # register steps, figures, effects
        from .selectors import is_petition_staff
        from .workflow import PETITION_WORKFLOW

        workflow.register(PETITION_WORKFLOW)
        handled_by("general", PETITION_WORKFLOW.kind)
        # Personal data stays out of the audit snapshots; the trail records that it changed.
        # The name is kept, and the trail masks it exactly as the petition's pages do.
        audit.register(
            models.PetitionDetail,
            exclude=("id_number", "phone", "address"),
            masks={"petitioner_name": portal.mask_name},
            reveal=is_petition_staff,
        )
        audit.register(models.PublicAttachment)
        audit.register(
            CaseTracker,
            exclude=("code_hash", "contact_phone", "contact_email"),
            masks={"contact_name": portal.mask_name},
            reveal=is_petition_staff,
        )
