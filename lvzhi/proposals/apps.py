from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "lvzhi.proposals"
    label = "proposals"
    verbose_name = _("提案·建议·议案")

    def ready(self) -> None:
        from lvzhi.casework import workflow

        from . import demo, figures  # noqa: F401  # register the demo step and the figures
        from .workflow import WORKFLOWS

        for wf in WORKFLOWS:
            workflow.register(wf)
