from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gaoxin.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from gaoxin.core.audit import ACTION_LABELS
        from gaoxin.core.navigation import NavItem, register
        from gaoxin.core.roles import Capability

        ACTION_LABELS.update(
            {
                "cases.accept": _("Accepted a case"),
                "cases.accept_with_deficiency": _("Accepted a case with deficiency"),
                "cases.request_correction": _("Issued a one-time notice"),
                "cases.refuse": _("Refused an application"),
                "cases.recompute_deadlines": _("Recounted provisional deadlines"),
            }
        )
        from gaoxin.cases.clock import recompute_provisional_deadlines
        from gaoxin.cases.demo import seed_cases
        from gaoxin.core.demo.organisation import SEEDERS

        if seed_cases not in SEEDERS:
            SEEDERS.append(seed_cases)
        from gaoxin.cases.start import department_clock, window_today, zone_clock
        from gaoxin.core.signals import calendar_year_confirmed

        calendar_year_confirmed.connect(
            recompute_provisional_deadlines, dispatch_uid="cases.recompute_deadlines"
        )
        from gaoxin.core.start_panels import StartPanel
        from gaoxin.core.start_panels import register as register_panel

        register_panel(
            StartPanel(Capability.SERVE_AT_WINDOW, "cases/partials/start_window.html", window_today)
        )
        register_panel(
            StartPanel(
                Capability.VIEW_OWN_DEPARTMENT, "cases/partials/start_clock.html", department_clock
            )
        )
        register_panel(
            StartPanel(Capability.SUPERVISE, "cases/partials/start_clock.html", zone_clock)
        )
        register(
            NavItem(_("Intake desk"), "desk", "person-vcard", Capability.SERVE_AT_WINDOW, order=15),
            NavItem(
                _("Department cases"),
                "department_cases",
                "inboxes",
                Capability.VIEW_OWN_DEPARTMENT,
                order=25,
            ),
            NavItem(_("Supervision"), "supervision", "stopwatch", Capability.SUPERVISE, order=26),
        )
