from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "lvzhi.orgs"
    label = "orgs"
    verbose_name = _("组织机构")

    def ready(self) -> None:
        from lvzhi.core import audit

        from . import chronicle, demo  # noqa: F401  # registers the 大事记 source and the demo step
        from . import models as m

        for model in (
            m.Body,
            m.Term,
            m.Session,
            m.Sector,
            m.Delegation,
            m.SpecialCommittee,
            m.Party,
            m.HandlingUnit,
            m.Member,
            m.Membership,
        ):
            audit.register(model)
