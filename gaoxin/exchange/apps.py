from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "gaoxin.exchange"
    label = "exchange"
    verbose_name = _("Cross-zone handling")  # 跨区通办

    def ready(self) -> None:
        # The public progress page finds applications received here for a partner.
        from gaoxin.cases import progress_lookups
        from gaoxin.exchange.progress import find_forwarded

        progress_lookups.register(find_forwarded)

        from gaoxin.core.audit import ACTION_LABELS

        # This zone's signing keys (gaoxin.exchange.keys).
        ACTION_LABELS.update(
            {
                "exchange.create_key": _("Made this zone's first signing key"),
                "exchange.rotate_key": _("Made a new signing key"),
                "exchange.retire_key": _("Retired a signing key"),
            }
        )

        # The administrator's partner pages (gaoxin.exchange.services), in the menu, and
        # the demo zone's partners.
        ACTION_LABELS.update(
            {
                "exchange.register_partner": _("Registered a partner zone"),
                "exchange.update_partner": _("Changed a partner zone"),
                "exchange.add_partner_key": _("Added a partner zone's key"),
                "exchange.retire_partner_key": _("Retired a partner zone's key"),
                "exchange.refresh_catalog": _("Refreshed a partner zone's catalog"),
            }
        )
        from gaoxin.core.demo.organisation import SEEDERS
        from gaoxin.core.navigation import NavItem
        from gaoxin.core.navigation import register as register_nav
        from gaoxin.core.roles import Capability
        from gaoxin.exchange.demo import seed_partners

        register_nav(
            NavItem(
                _("Partner zones"),
                "manage_partners",
                "arrow-left-right",
                Capability.MANAGE_ORGANISATION,
                _("Administration"),
                order=140,
            )
        )
        if seed_partners not in SEEDERS:
            SEEDERS.append(seed_partners)

        from django.conf import settings

        from gaoxin.core import loops
        from gaoxin.exchange.outbox import deliver_pending

        # Every worker delivers the outbox to the partners every few seconds.
        loops.register(
            "exchange.deliver", deliver_pending, every_seconds=settings.GAOXIN_EXCHANGE_POLL_SECONDS
        )

        # 异地代收 at our window (gaoxin.exchange.forwarding): the clerks' desk, and the
        # partners' reports on what they did with the applications (gaoxin.exchange.replies).
        from gaoxin.exchange import inbox
        from gaoxin.exchange.replies import STATUS_KIND, apply_status

        ACTION_LABELS["exchange.forward"] = _("Received an application for a partner zone")
        register_nav(
            NavItem(
                _("For partner zones"),
                "forward_desk",
                "send",
                Capability.SERVE_AT_WINDOW,
                order=17,
            )
        )
        inbox.register(STATUS_KIND, apply_status)

        # 异地代收 for us (gaoxin.exchange.incoming): the applications partners received on
        # our behalf, waiting at our windows; our clerks' three outcomes; each step of the
        # case after acceptance told to the partner; the mark on our case pages.
        from gaoxin.cases import case_badges
        from gaoxin.cases.history import listen
        from gaoxin.exchange import incoming

        ACTION_LABELS.update(
            {
                "exchange.accept_incoming": _("Accepted an application received by a partner"),
                "exchange.request_correction_incoming": _(
                    "Asked a partner for a correction of an application"
                ),
                "exchange.refuse_incoming": _("Refused an application received by a partner"),
            }
        )
        register_nav(
            NavItem(
                _("From partner zones"),
                "incoming_list",
                "box-arrow-in-down-left",
                Capability.SERVE_AT_WINDOW,
                order=18,
            )
        )
        inbox.register(incoming.FILE, incoming.apply_file)
        inbox.register(incoming.FORWARD, incoming.apply_forward)
        listen(incoming.on_case_event)
        case_badges.register(incoming.badge)

        # The result's way back (gaoxin.exchange.documents, gaoxin.exchange.delivery): the
        # partner's result documents fetched by every worker until all are here, the hand-over
        # at our window, and, as the handling zone, the case completed once the partner
        # handed our result out.
        from gaoxin.exchange import delivery, documents, views_forward

        ACTION_LABELS["exchange.hand_over"] = _("Handed over a partner zone's result")
        views_forward.EXCHANGE_ACTIONS[delivery.HAND_OVER_ACTION] = _(
            "Handed over to the applicant here"
        )
        loops.register(
            "exchange.documents",
            documents.fetch_due,
            every_seconds=settings.GAOXIN_EXCHANGE_POLL_SECONDS,
        )
        inbox.register(delivery.DELIVERED_KIND, delivery.apply_delivered)

        # 跨区通办 in the statistics (gaoxin.exchange.figures): handled for partners and
        # received for partners, under the statistics table, in its API and its export.
        from gaoxin.exchange.figures import SECTION
        from gaoxin.stats import sections

        sections.register(SECTION)

        # A new key of ours reaches the partners by itself, announced in a message signed
        # with the old one (gaoxin.exchange.keys); the partners' announcements of theirs
        # (gaoxin.exchange.key_announcements).
        from gaoxin.exchange import key_announcements
        from gaoxin.exchange import keys as exchange_keys

        ACTION_LABELS.update(
            {
                "exchange.activate_key": _(
                    "This zone's new signing key took over (every partner had it)"
                ),
                "exchange.partner_key_announced": _("A partner zone announced a new key"),
                "exchange.partner_key_retired": _("A partner zone retired one of its keys"),
            }
        )
        inbox.register(exchange_keys.KEY_KIND, key_announcements.apply_key)
        inbox.register(exchange_keys.RETIRED_KIND, key_announcements.apply_key_retired)
        # Every worker switches to the pending key once every active partner has it (the
        # keys page only reads).
        loops.register(
            "exchange.keys",
            exchange_keys.activate_if_ready,
            every_seconds=settings.GAOXIN_EXCHANGE_POLL_SECONDS,
        )
