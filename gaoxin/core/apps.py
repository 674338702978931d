from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gaoxin.core"
    label = "core"
    verbose_name = _("Zone and organisation")

    def ready(self) -> None:
        from gaoxin.core import signals  # noqa: F401  (sign-in auditing)
