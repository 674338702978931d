"""The 好差评 app's daily jobs, run by the background worker (``gaoxin.core.periodic``).

- ``evaluations.rectification_warnings``: supervision (电子监察) of bad ratings. A department
  that has not called the applicant back by the call-back date is told the next day; on the
  day the rectification is due its people are reminded (yellow); the day after, unanswered, it
  is red and the center's supervisors are told too. Each reminder goes out once per
  rectification and level (the notification's dedupe key), so a second run tells nobody twice.
- ``evaluations.close_unanswered``: an answer the applicant neither confirmed nor re-rated
  within the link's 30 days closes as "no answer".

Registered by ``EvaluationsConfig.ready()``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from gaoxin.core import notifications, periodic
from gaoxin.core.roles import Capability
from gaoxin.evaluations import rectification as rectifications
from gaoxin.evaluations.models import Rectification


def send_warnings(day: dt.date) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _send_warnings(day)


def _send_warnings(day: dt.date) -> str:
    written = 0
    running = (
        Rectification.objects.exclude(
            status__in=[Rectification.Status.CLOSED, Rectification.Status.EXCLUDED]
        )
        .filter(answered_at__isnull=True)
        .select_related("rating__case")
        .order_by("fix_due", "pk")
    )
    for rectification in running:
        number = rectification.rating.case.display_number
        url = rectifications.work_path(rectification)
        values = {
            "number": number,
            "callback_due": rectification.callback_due.isoformat(),
            "fix_due": rectification.fix_due.isoformat(),
        }
        if rectifications.callback_overdue(rectification, day):
            written += notifications.notify_department(
                rectification.department_id,
                Capability.RECTIFY,
                _(
                    "Bad rating of case %(number)s: nobody called the applicant back by "
                    "%(callback_due)s"
                )
                % values,
                url=url,
                dedupe_key=f"rectification.{rectification.pk}.callback",
            )
        if day == rectification.fix_due:
            written += notifications.notify_department(
                rectification.department_id,
                Capability.RECTIFY,
                _("Bad rating of case %(number)s: the rectification is due today") % values,
                url=url,
                dedupe_key=f"rectification.{rectification.pk}.yellow",
            )
        elif rectifications.fix_overdue(rectification, day):
            title = (
                _("Bad rating of case %(number)s: the rectification was due on %(fix_due)s")
                % values
            )
            written += notifications.notify_department(
                rectification.department_id,
                Capability.RECTIFY,
                title,
                url=url,
                dedupe_key=f"rectification.{rectification.pk}.red",
            )
            written += notifications.notify_department(
                None,
                Capability.SUPERVISE,
                title,
                url=url,
                dedupe_key=f"rectification.{rectification.pk}.red.supervisors",
            )
    return f"{written} notification(s) about rectifications"


def close_unanswered(day: dt.date) -> str:
    return f"{rectifications.close_unanswered(day)} rectification(s) closed without an answer"


periodic.register(
    periodic.PeriodicJob("evaluations.rectification_warnings", send_warnings),
    periodic.PeriodicJob("evaluations.close_unanswered", close_unanswered),
)
