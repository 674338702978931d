from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HallConfig(AppConfig):
    name = "gaoxin.hall"
    label = "hall"
    verbose_name = _("Service hall")  # 政务服务大厅: 预约, 取号, 叫号

    def ready(self) -> None:
        from gaoxin.core import loops
        from gaoxin.core.audit import ACTION_LABELS
        from gaoxin.core.demo.organisation import SEEDERS
        from gaoxin.core.navigation import NavItem
        from gaoxin.core.navigation import register as register_nav
        from gaoxin.core.roles import Capability
        from gaoxin.hall import live, services
        from gaoxin.hall.demo import seed_hall

        ACTION_LABELS.update(
            {
                "hall.book": _("Booked a visit to the hall"),
                "hall.change": _("Changed a hall appointment"),
                "hall.cancel": _("Cancelled a hall appointment"),
                "hall.take_ticket": _("Took a queue ticket"),
                "hall.check_in": _("Checked in an appointment"),
                "hall.call": _("Called a ticket"),
                "hall.call_again": _("Called a ticket again"),
                "hall.begin": _("Began serving a ticket"),
                "hall.skip": _("Skipped a ticket not come"),
                "hall.finish": _("Finished serving a ticket"),
                "hall.transfer": _("Transferred a ticket"),
                "hall.pause": _("Paused a window"),
                "hall.resume": _("Resumed a window"),
                "hall.window_businesses": _("Changed the businesses a window calls"),
                "hall.create_business_type": _("Created a business type of the hall"),
                "hall.update_business_type": _("Changed a business type of the hall"),
                "hall.link_case": _("Linked a ticket to the case served"),
                "hall.link_rating": _("Linked a ticket to the rating given"),
                "hall.pad_on": _("Turned the rating pad on the second screen on"),
                "hall.pad_off": _("Turned the rating pad on the second screen off"),
            }
        )
        register_nav(
            NavItem(
                _("Window bar"), "hall_window", "megaphone", Capability.SERVE_AT_WINDOW, order=12
            ),
            NavItem(
                _("Hall figures"),
                "hall_figures",
                "bar-chart-line",
                Capability.VIEW_ALL_DEPARTMENTS,
                order=47,
            ),
            # 管理 › 大厅业务, after core's windows and zone.
            NavItem(
                _("Hall businesses"),
                "hall_manage_businesses",
                "ticket-perforated",
                Capability.MANAGE_ORGANISATION,
                _("Administration"),
                order=110,
            ),
        )
        # Appointments whose check-in time has passed count as missed (no-show).
        loops.register("hall.no_shows", services.mark_no_shows, 60)
        # The hall screens hear of each call at once (websocket); they poll as the fallback.
        live.register_routes()
        if seed_hall not in SEEDERS:
            SEEDERS.append(seed_hall)

        # The ticket served and the intake desk, the case and the 好差评 pad (both apps are
        # below this one: they call back through their registries).
        from gaoxin.cases import desk_panels, history, intake_prefills
        from gaoxin.evaluations import services as ratings
        from gaoxin.hall import listeners
        from gaoxin.hall.views.window import desk_bar

        history.listen(listeners.case_event)
        intake_prefills.register(listeners.desk_prefill)
        # The window bar at the top of the intake and delivery desks.
        desk_panels.register(desk_panels.Panel("hall/partials/desk_bar.html", desk_bar))
        ratings.listen(services.link_rating)
