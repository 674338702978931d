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
        # The request on the case's work page, at its inspection step.
        work_panels.register(work_panels.Panel(panels.TEMPLATE, panels.work_panel))
        # The reminders the day before and 15 minutes before, sent by every worker's loop.
        loops.register("inspections.reminders", reminders.send_due, reminders.EVERY_SECONDS)
        # The live session's signalling (websockets, served by config.asgi).
        signalling.register_routes()
        # The applicant sees the inspection's booking and result on the progress page.
        progress_panels.register(
            progress_panels.Panel(panels.PROGRESS_TEMPLATE, panels.progress_panel)
        )
        # Recordings, stills and uploads past their retention period lose their files.
        periodic.register(periodic.PeriodicJob("inspections.retention", retention.purge_expired))
