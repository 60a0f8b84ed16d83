from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "lvzhi.members"
    label = "members"
    verbose_name = _("履职档案·量化考评")

    def ready(self) -> None:
        from lvzhi.core import audit

        from . import charts, demo, models, own_sources  # noqa: F401  # register the demo step, charts and this app's sources

        for model in (models.ScoringRuleSet, models.ScoringRule, models.ManualRecord, models.Appeal):
            audit.register(model)
        audit.action_label_register("scoring.recompute", _("重新计算履职积分"))
        audit.action_label_register("appeal.decide", _("处理积分申诉"))
        audit.action_label_register("manual_record.confirm", _("确认履职记录"))
