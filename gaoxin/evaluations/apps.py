from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "gaoxin.evaluations"
    label = "evaluations"
    verbose_name = _("Ratings")  # 好差评

    def ready(self) -> None:
        from gaoxin.cases import done_actions as cases_done
        from gaoxin.core.audit import ACTION_LABELS
        from gaoxin.evaluations import done_actions

        # The rating pad on the window's done pages, after intake and after delivery.
        cases_done.register(
            cases_done.DoneAction(
                cases_done.AFTER_INTAKE, done_actions.TEMPLATE, done_actions.after_intake
            )
        )
        cases_done.register(
            cases_done.DoneAction(
                cases_done.AFTER_DELIVERY, done_actions.TEMPLATE, done_actions.after_delivery
            )
        )

        ACTION_LABELS.update(
            {
                "evaluations.invite": _("Invited a rating"),
                "evaluations.rate": _("Rated a service"),
            }
        )
