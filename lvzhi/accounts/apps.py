from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lvzhi.accounts"
    label = "accounts"
    verbose_name = _("用户与登录")

    def ready(self) -> None:
        from lvzhi.core import audit

        from . import models, signals, workbench  # noqa: F401  # workbench: the administrator's panels

        audit.register(models.User, exclude=("password", "last_login"))
