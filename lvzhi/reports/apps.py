from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lvzhi.reports"
    label = "reports"
    verbose_name = _("工作报告与数据")

    def ready(self) -> None:
        from lvzhi.core import audit

        from . import (
            demo,  # noqa: F401  # registers the demo step
            permissions,  # noqa: F401  # registers the reports.* rules
        )
        from . import models as m

        audit.register(m.PeerReport, exclude=("text",))
        audit.register(m.PeerFigure)
        audit.action_label_register("year_report.draft", _("生成工作报告草稿"))
