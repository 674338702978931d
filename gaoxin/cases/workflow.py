"""A case's life, as a table of allowed moves (after Signalen's ALLOWED_STATUS_CHANGES).

Intake (this app's first part) moves a case from RECEIVED to ACCEPTED, REFUSED or CORRECTION;
the back office, delivery and termination follow the same table.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from gaoxin.core.errors import DomainError


class Status(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("case status", "Received")  # 收件: at the window
    CORRECTION = "correction", gettext_lazy("Awaiting correction")  # 一次性告知, no clock
    REFUSED = "refused", gettext_lazy("Refused")  # 不予受理
    ACCEPTED = "accepted", gettext_lazy("Accepted")  # 受理: the clock runs
    IN_REVIEW = "in_review", gettext_lazy("In review")  # 审查 / 审核 / 决定
    SUSPENDED = "suspended", gettext_lazy("Suspended")  # 特别程序: the clock stops
    DECIDED = "decided", gettext_lazy("Decided")  # 准予 / 不予许可, result being produced
    AWAITING_DELIVERY = "awaiting_delivery", gettext_lazy("Ready for delivery")  # 待出件
    COMPLETED = "completed", gettext_lazy("Completed")  # 办结
    TERMINATED = "terminated", gettext_lazy("Terminated")  # 终止
    WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn")  # 撤回


ALLOWED: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.ACCEPTED, Status.CORRECTION, Status.REFUSED}),
    Status.CORRECTION: frozenset(
        {Status.ACCEPTED, Status.CORRECTION, Status.REFUSED, Status.WITHDRAWN}
    ),
    Status.ACCEPTED: frozenset(
        {Status.IN_REVIEW, Status.SUSPENDED, Status.WITHDRAWN, Status.TERMINATED}
    ),
    # A grant goes to DECIDED while its result is made (制证); a denial's decision notice is
    # the result, so the case goes straight to the window.
    Status.IN_REVIEW: frozenset(
        {
            Status.SUSPENDED,
            Status.DECIDED,
            Status.AWAITING_DELIVERY,
            Status.WITHDRAWN,
            Status.TERMINATED,
        }
    ),
    Status.SUSPENDED: frozenset({Status.IN_REVIEW, Status.TERMINATED, Status.WITHDRAWN}),
    Status.DECIDED: frozenset({Status.AWAITING_DELIVERY}),
    Status.AWAITING_DELIVERY: frozenset({Status.COMPLETED}),
    Status.REFUSED: frozenset(),
    Status.COMPLETED: frozenset(),
    Status.TERMINATED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}

OPEN_AT_WINDOW = frozenset({Status.RECEIVED, Status.CORRECTION})
CLOCK_RUNNING = frozenset({Status.ACCEPTED, Status.IN_REVIEW, Status.DECIDED})


def check_move(current: str, target: str) -> None:
    if target not in ALLOWED.get(current, frozenset()):
        raise DomainError(
            _("A case that is %(current)s cannot become %(target)s.")
            % {"current": Status(current).label, "target": Status(target).label}
        )


# What each step of a case's history is called on screen (staff pages and the public page).
ACTION_LABELS = {
    "receive": gettext_lazy("Application received"),
    "request_correction": gettext_lazy("Materials to complete were listed (one-time notice)"),
    "accept": gettext_lazy("Accepted"),
    "accept_with_deficiency": gettext_lazy("Accepted with materials owed"),
    "refuse": gettext_lazy("Not accepted"),
    "recompute_deadline": gettext_lazy("Deadline recounted with the official holidays"),
    "claim": gettext_lazy("Taken up by the department"),
    "pass": gettext_lazy("Step completed"),
    "return": gettext_lazy("Returned to the previous step"),
    "grant": gettext_lazy("Granted"),
    "deny": gettext_lazy("Denied"),
    "issue_result": gettext_lazy("Result document issued"),
    "suspend": gettext_lazy("Special procedure started (clock paused)"),
    "resume": gettext_lazy("Special procedure ended (clock resumed)"),
    "extend": gettext_lazy("Time limit extended"),
    "catch_up": gettext_lazy("Owed materials received"),
    "terminate": gettext_lazy("Terminated"),
    "deliver": gettext_lazy("Result delivered; case completed"),
}

# Statuses a case has left the department for good in (no more back-office work).
FINISHED = frozenset({Status.COMPLETED, Status.REFUSED, Status.TERMINATED, Status.WITHDRAWN})
