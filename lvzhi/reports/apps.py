from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lvzhi.reports"
    label = "reports"
    verbose_name = _("工作报告与数据")
