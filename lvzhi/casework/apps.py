from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "lvzhi.casework"
    label = "casework"
    verbose_name = _("办理引擎")

    def ready(self) -> None:
        from lvzhi.core import audit

        from . import (
            charts,  # noqa: F401  # the casework's charts of the figures pages and workbenches
            performance,  # noqa: F401  # the cases' part of every member's performance file
            workbench,  # noqa: F401  # registers the casework panels of each workbench
        )
        from . import models as m

        for model in (m.HolidayOverride, m.DeclineReason, m.KindSetting):
            audit.register(model)
        for name, label in (
            ("case.create", _("起草")),
            ("case.edit", _("修改")),
            ("case.absorb", _("并入他件")),
            ("case.followup_due", _("B类承诺到期")),
        ):
            audit.action_label_register(name, label)
