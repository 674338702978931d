from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "gaoxin.stats"
    label = "stats"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from gaoxin.cases import history

        # The demo zone's past year, after the cases app's hand-made cases (its app comes
        # first, so its seeder is registered by now).
        from gaoxin.core.demo.organisation import SEEDERS
        from gaoxin.core.navigation import NavItem, register
        from gaoxin.core.roles import Capability
        from gaoxin.core.signals import calendar_year_confirmed
        from gaoxin.stats.counters import count_all, rebuild_after_calendar_confirmed
        from gaoxin.stats.demo import seed_history

        if seed_history not in SEEDERS:
            SEEDERS.append(seed_history)

        # The summary counts move with each case event, in the same transaction.
        history.listen_all(count_all)

        # After the cases app's receiver (its app comes first): the deadlines are recounted
        # by then, and the completions are counted again with them.
        calendar_year_confirmed.connect(
            rebuild_after_calendar_confirmed, dispatch_uid="stats.rebuild_after_calendar"
        )
        # The whole zone for those who see every department; a head sees their own. No role
        # has both capabilities, so nobody sees the entry twice.
        register(
            NavItem(
                _("Statistics"),
                "stats",
                "bar-chart-line",
                Capability.VIEW_ALL_DEPARTMENTS,
                order=45,
            ),
            NavItem(
                _("Statistics"), "stats", "bar-chart-line", Capability.HEAD_DEPARTMENT, order=45
            ),
        )
