from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TextsimConfig(AppConfig):
    name = "lvzhi.textsim"
    label = "textsim"
    verbose_name = _("文本智能")

    def ready(self) -> None:
        from lvzhi.core import audit

        from . import charts, demo, signals  # noqa: F401  # demo registers its step; the topics chart

        signals.connect()
        for name, label in (
            ("textsim.merge_accept", _("采纳并案建议")),
            ("textsim.merge_dismiss", _("忽略并案建议")),
            ("textsim.rule_save", _("修改分办规则")),
            ("textsim.rule_delete", _("删除分办规则")),
        ):
            audit.action_label_register(name, label)
