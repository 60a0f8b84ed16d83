from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "lvzhi.proposals"
    label = "proposals"
    verbose_name = _("提案·建议·议案")

    def ready(self) -> None:
        from lvzhi.casework import workflow
        from lvzhi.casework.workbench import handled_by

        from . import demo, figures  # noqa: F401  # register the demo step and the figures
        from .workflow import BILL_WORKFLOW, PROPOSAL_WORKFLOW, SUGGESTION_WORKFLOW, WORKFLOWS

        for wf in WORKFLOWS:
            workflow.register(wf)
        handled_by("proposal", PROPOSAL_WORKFLOW.kind)
        handled_by("deputy", SUGGESTION_WORKFLOW.kind, BILL_WORKFLOW.kind)
