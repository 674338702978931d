from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "gaoxin.inspections"
    label = "inspections"
    verbose_name = _("Site inspections")  # 远程踏勘

    def ready(self) -> None:
        from gaoxin.cases import progress_panels, work_panels
        from gaoxin.core import loops, periodic
        from gaoxin.core.audit import ACTION_LABELS
        from gaoxin.core.navigation import NavItem
        from gaoxin.core.navigation import register as register_nav
        from gaoxin.core.roles import Capability
        from gaoxin.inspections import panels, reminders, retention, signalling

        ACTION_LABELS.update(
            {
                "inspections.request": _("Requested a site inspection"),
                "inspections.book": _("Booked a site inspection"),
                "inspections.cancel_appointment": _("Cancelled an inspection appointment"),
                "inspections.cancel": _("Cancelled a site inspection"),
                "inspections.held": _("The applicant joined the live inspection"),
                "inspections.record_start": _("Started recording a live inspection"),
                "inspections.record_stop": _("Stopped recording a live inspection"),
                "inspections.still": _("Took a still in a live inspection"),
                "inspections.applicant_upload": _("The applicant uploaded a video or photo"),
                "inspections.conclude": _("Signed the inspection record"),
                "inspections.missed": _("The applicant did not join the live inspection"),
                "inspections.create_room": _("Added an inspection room"),
                "inspections.update_room": _("Changed an inspection room"),
                "inspections.room_active": _("Took an inspection room out of use or back"),
            }
        )
        # The room calendar: the inspectors', and the window clerks' who book by phone.
        register_nav(
            NavItem(
                _("Site inspections"), "inspections", "camera-video", Capability.INSPECT, order=26
            ),
            NavItem(
                _("Site inspections"),
                "inspections",
                "camera-video",
                Capability.SERVE_AT_WINDOW,
                order=19,
            ),
        )
        # The figures: the zone for those who see every department, a head their own (no role
        # has both capabilities); the rooms for the administrators.
        register_nav(
            NavItem(
                _("Inspection figures"),
                "inspection_figures",
                "camera-video",
                Capability.VIEW_ALL_DEPARTMENTS,
                order=47,
            ),
            NavItem(
                _("Inspection figures"),
                "inspection_figures",
                "camera-video",
                Capability.HEAD_DEPARTMENT,
                order=47,
            ),
            NavItem(
                _("Inspection rooms"),
                "inspection_rooms",
                "camera-reels",
                Capability.MANAGE_ORGANISATION,
                _("Administration"),
            ),
        )
        # The request on the case's work page, at its inspection step.
        work_panels.register(work_panels.Panel(panels.TEMPLATE, panels.work_panel))
        # The reminders the day before and 15 minutes before, sent by every worker's loop.
        loops.register("inspections.reminders", reminders.send_due, reminders.EVERY_SECONDS)
        # An appointment whose slot ended without the applicant is marked missed (the
        # inspector is told; the applicant's booking link books again).
        loops.register("inspections.missed", reminders.mark_missed, reminders.EVERY_SECONDS)
        # The live session's signalling (websockets, served by config.asgi).
        signalling.register_routes()
        # The applicant sees the inspection's booking and result on the progress page.
        progress_panels.register(
            progress_panels.Panel(panels.PROGRESS_TEMPLATE, panels.progress_panel)
        )
        # Recordings, stills and uploads past their retention period lose their files.
        periodic.register(periodic.PeriodicJob("inspections.retention", retention.purge_expired))
        # The demo zone's rooms, its past year of inspections and live ones for the inspector,
        # after the cases' and the statistics' seeders (those apps come first).
        from gaoxin.core.demo.organisation import SEEDERS
        from gaoxin.inspections.demo import seed_inspections

        if seed_inspections not in SEEDERS:
            SEEDERS.append(seed_inspections)
