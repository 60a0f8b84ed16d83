from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "lvzhi.oversight"
    label = "oversight"
    verbose_name = _("人大监督")

    def ready(self) -> None:
        from lvzhi.core import audit

        from . import charts, chronicle, demo, figures, models, performance, rules, services  # noqa: F401  # register sources, steps, figures, rules, labels

        for model in (
            models.WorkReport,
            models.Deliberation,
            models.LawInspection,
            models.RectificationItem,
            models.Inquiry,
            models.InquiryQuestion,
            models.BudgetLine,
            models.BudgetExecution,
            models.BudgetRule,
            models.BudgetFlag,
            models.Resolution,
            models.Appointment,
            models.DeputyChange,
            models.FilingDocument,
            models.ContactPoint,
            models.Draft,
            models.DraftOpinion,
            models.Reception,
            models.VoterOpinion,
            models.LivelihoodVote,
            models.LivelihoodProject,
            models.ProjectProgress,
        ):
            audit.register(model)
        # The totals are never audited per vote (that would tie a voter to a choice by time);
        # poll.close records the final tally. PollSeat is not registered: its one change
        # (has_voted) is made by QuerySet.update and poll.vote records that a member voted.
        audit.register(models.Poll, exclude=("satisfied", "basic", "unsatisfied"))
