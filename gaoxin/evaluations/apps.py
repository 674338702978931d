from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "gaoxin.evaluations"
    label = "evaluations"
    verbose_name = _("Ratings")  # 好差评

    def ready(self) -> None:
        from gaoxin.core.audit import ACTION_LABELS

        ACTION_LABELS.update(
            {
                "evaluations.invite": _("Invited a rating"),
                "evaluations.rate": _("Rated a service"),
            }
        )
