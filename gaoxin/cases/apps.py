from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gaoxin.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from gaoxin.cases import reminders  # noqa: F401  (registers the daily jobs)
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
                "cases.claim": _("Took up a case step"),
                "cases.pass": _("Passed a case step on"),
                "cases.return": _("Returned a case to the previous step"),
                "cases.grant": _("Granted a case"),
                "cases.deny": _("Denied a case"),
                "cases.issue_result": _("Issued a result document"),
                "cases.suspend": _("Started a special procedure"),
                "cases.resume": _("Ended a special procedure"),
                "cases.extend": _("Extended a case's time limit"),
                "cases.catch_up": _("Received owed materials"),
                "cases.terminate": _("Terminated a case"),
                "cases.deliver": _("Delivered a result"),
            }
        )
        from gaoxin.cases.clock import recompute_provisional_deadlines
        from gaoxin.cases.demo import seed_cases
        from gaoxin.core.demo.organisation import SEEDERS

        if seed_cases not in SEEDERS:
            SEEDERS.append(seed_cases)
        from gaoxin.cases.start import (
            department_clock,
            my_desk,
            my_desk_for_inspectors,
            window_today,
            zone_clock,
        )
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
        # The back office's "my desk": approvers and heads, and inspectors (one panel each).
        register_panel(
            StartPanel(Capability.APPROVE, "cases/backoffice/start_desk.html", my_desk, order=90)
        )
        register_panel(
            StartPanel(
                Capability.INSPECT,
                "cases/backoffice/start_desk.html",
                my_desk_for_inspectors,
                order=90,
            )
        )
        register(
            NavItem(
                _("Approval queue"), "queue", "list-check", Capability.VIEW_OWN_DEPARTMENT, order=20
            ),
            NavItem(_("Intake desk"), "desk", "person-vcard", Capability.SERVE_AT_WINDOW, order=15),
            NavItem(
                _("Delivery window"),
                "delivery",
                "box-arrow-up-right",
                Capability.SERVE_AT_WINDOW,
                order=16,
            ),
            NavItem(
                _("Department cases"),
                "department_cases",
                "inboxes",
                Capability.VIEW_OWN_DEPARTMENT,
                order=25,
            ),
            NavItem(_("Supervision"), "supervision", "stopwatch", Capability.SUPERVISE, order=26),
        )
