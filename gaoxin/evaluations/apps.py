from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "gaoxin.evaluations"
    label = "evaluations"
    verbose_name = _("Ratings")  # 好差评

    def ready(self) -> None:
        from gaoxin.cases import done_actions as cases_done
        from gaoxin.core.audit import ACTION_LABELS
        from gaoxin.evaluations import (
            done_actions,
            reminders,  # noqa: F401  (registers the daily jobs)
        )

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

        # The demo's ratings, after the statistics' past year (that app comes first).
        from gaoxin.core.demo.organisation import SEEDERS
        from gaoxin.evaluations.demo import seed_ratings

        if seed_ratings not in SEEDERS:
            SEEDERS.append(seed_ratings)

        # The rating link on the notices after an intake and on the completion notice, and
        # the buttons to rate on the public progress page.
        from gaoxin.cases import notice_links, progress_panels
        from gaoxin.evaluations import links

        notice_links.register(links.notice_rating)
        progress_panels.register(progress_panels.Panel(links.PANEL_TEMPLATE, links.progress_panel))

        # 差评整改: the list in the menu and the open rectifications on the start page.
        from gaoxin.core.navigation import NavItem
        from gaoxin.core.navigation import register as register_nav
        from gaoxin.core.roles import Capability
        from gaoxin.core.start_panels import StartPanel
        from gaoxin.core.start_panels import register as register_panel
        from gaoxin.evaluations import rectification_queries

        register_nav(
            NavItem(
                _("Bad-rating rectification"),
                "rectifications",
                "chat-square-heart",
                Capability.RECTIFY,
                order=27,
            ),
            # The figures: the zone for those who see every department, a head their own
            # (no role has both capabilities, so nobody sees the entry twice).
            NavItem(
                _("Rating figures"),
                "rating_figures",
                "star-half",
                Capability.VIEW_ALL_DEPARTMENTS,
                order=46,
            ),
            NavItem(
                _("Rating figures"),
                "rating_figures",
                "star-half",
                Capability.HEAD_DEPARTMENT,
                order=46,
            ),
        )
        register_panel(
            StartPanel(
                Capability.RECTIFY,
                "evaluations/rectification/start_panel.html",
                rectification_queries.start_panel,
                order=95,
            )
        )

        ACTION_LABELS.update(
            {
                "evaluations.invite": _("Invited a rating"),
                "evaluations.rate": _("Rated a service"),
                "evaluations.rectification_open": _("Opened a rectification of a bad rating"),
                "evaluations.rectification_call_back": _("Called back after a bad rating"),
                "evaluations.rectification_answer": _("Answered a bad rating's rectification"),
                "evaluations.rectification_response": _("Applicant answered a rectification"),
                "evaluations.rectification_complex": _("Marked a rectification complex"),
                "evaluations.rectification_contact": _("Looked up a rater's phone number"),
                "evaluations.appeal_lodge": _("Appealed against a rating"),
                "evaluations.appeal_decide": _("Decided an appeal against a rating"),
                "evaluations.rating_exclude": _("Excluded a rating from the figures"),
            }
        )
