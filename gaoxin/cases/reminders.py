"""The cases app's daily jobs, run by the background worker (``gaoxin.core.periodic``).

- ``cases.terminate_lapsed_deficiencies``: a case accepted with materials owed (容缺受理) whose
  promised date passed without them ends (终止); the applicant gets the notice of termination
  and a message (``backoffice.terminate``).
- ``cases.warnings``: supervision (电子监察) reminders. When the open step of a running case
  reaches its warning date (yellow) or passes its due date (red), whoever holds the step is
  told, or, while nobody has taken it up, everyone in its department who may work on it; for
  red the department's head too. When the case itself turns yellow or red against its
  promised deadline the same people are told, and for red also the center's supervisors.

Each reminder goes out once per step or case and level: the notification's dedupe key records
it, so the job may run twice (two workers, a run by hand) without telling anyone twice, and a
day the worker missed is caught up the next day. Registered by ``CasesConfig.ready()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from gaoxin.cases import backoffice, queries
from gaoxin.cases.clock import Level, level_on
from gaoxin.cases.models import Case, CaseStep
from gaoxin.cases.workflow import CLOCK_RUNNING, Status
from gaoxin.catalog.steps import PAUSES_CLOCK, StepKind
from gaoxin.core import notifications, periodic
from gaoxin.core.roles import Capability
from gaoxin.core.templatetags.gx import cn_date


def end_lapsed_deficiencies(day: dt.date) -> str:
    ended = backoffice.terminate_lapsed_deficiencies(day)
    return f"{ended} case(s) ended"


class _Recipients:
    """Who is told, looked up once per department and capability in a run."""

    def __init__(self) -> None:
        self._cache: dict[tuple[Capability, int | None], list[int]] = {}

    def holders(self, capability: Capability, department_id: int | None) -> list[int]:
        key = (capability, department_id)
        if key not in self._cache:
            self._cache[key] = list(
                notifications.holders(capability, department_id).values_list("pk", flat=True)
            )
        return self._cache[key]

    def workers(self, step: CaseStep | None, case: Case) -> list[int]:
        """The step's holder, or everyone in its department who may take it up."""
        holder = step.claimed_by if step is not None else None
        if holder is not None and holder.is_active:
            return [holder.pk]
        if step is not None:
            return self.holders(backoffice.STEP_CAPABILITY[step.kind], step.department_id)
        return self.holders(Capability.APPROVE, case.department_id)


def _new(candidates: Iterable[tuple[str, Any]]) -> list[tuple[str, Any]]:
    candidates = list(candidates)
    sent = notifications.already_sent(key for key, _obj in candidates)
    return [(key, obj) for key, obj in candidates if key not in sent]


def _step_message(step: CaseStep, level: str) -> tuple[str, str]:
    case = step.case
    values = {
        "number": case.display_number,
        "item": case.item.name,
        "step": StepKind(step.kind).label,
        "due": cn_date(step.due),
    }
    if level == Level.RED:
        title = _("Step overdue: %(number)s") % values
        body = _("%(item)s: the step “%(step)s” was due on %(due)s.") % values
    else:
        title = _("Step due soon: %(number)s") % values
        body = _("%(item)s: the step “%(step)s” is due on %(due)s.") % values
    return title, body


def _case_message(case: Case, level: str) -> tuple[str, str]:
    values = {
        "number": case.display_number,
        "item": case.item.name,
        "applicant": case.applicant_name,
        "deadline": cn_date(case.deadline),
    }
    if level == Level.RED:
        title = _("Case overdue (red): %(number)s") % values
        body = _("%(item)s, %(applicant)s. The promised deadline was %(deadline)s.") % values
    else:
        title = _("Case turns yellow: %(number)s") % values
        body = (
            _(
                "%(item)s, %(applicant)s. 80%% of the promised limit is used; the deadline is "
                "%(deadline)s."
            )
            % values
        )
    return title, body


def _open_steps() -> Any:
    return Prefetch(
        "steps",
        queryset=CaseStep.objects.filter(finished_at__isnull=True).select_related("claimed_by"),
        to_attr="open_steps",
    )


def send_warnings(day: dt.date) -> str:
    """Tell people about steps and cases that reached yellow or red (each once)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _send_warnings(day)


def _send_warnings(day: dt.date) -> str:
    recipients = _Recipients()
    written = 0

    # The open step of a case whose clock runs (or a site inspection, the special procedure
    # itself, whose step has its own limit).
    steps = (
        CaseStep.objects.filter(finished_at__isnull=True, warning_date__lte=day)
        .filter(
            Q(case__status__in=CLOCK_RUNNING)
            | Q(case__status=Status.SUSPENDED, kind__in=list(PAUSES_CLOCK))
        )
        .select_related("case__item", "claimed_by")
        .order_by("due", "pk")
    )
    step_candidates = []
    for step in steps:
        level = level_on(day, step.due, step.warning_date)
        if level != Level.GREEN:
            step_candidates.append((f"cases.step.{step.pk}.{level}", (step, level)))
    new_steps = _new(step_candidates)
    for key, (step, level) in new_steps:
        people = list(recipients.workers(step, step.case))
        if level == Level.RED:
            people += recipients.holders(Capability.HEAD_DEPARTMENT, step.department_id)
        title, body = _step_message(step, level)
        url = reverse("case_detail", args=[step.case_id])
        written += notifications.notify_many(people, title, body, url, dedupe_key=key)

    # The case against its promised deadline (the colour supervision shows).
    cases = (
        queries.with_level(queries.running(), day)
        .filter(level__in=[Level.YELLOW, Level.RED])
        .prefetch_related(_open_steps())
    )
    case_candidates = [(f"cases.case.{case.pk}.{case.level}", case) for case in cases]
    new_cases = _new(case_candidates)
    for key, case in new_cases:
        open_step: CaseStep | None = case.open_steps[0] if case.open_steps else None
        people = list(recipients.workers(open_step, case))
        if case.level == Level.RED:
            people += recipients.holders(Capability.HEAD_DEPARTMENT, case.department_id)
            people += recipients.holders(Capability.SUPERVISE, None)
        title, body = _case_message(case, case.level)
        url = reverse("case_detail", args=[case.pk])
        written += notifications.notify_many(people, title, body, url, dedupe_key=key)

    return (
        f"{len(new_steps)} step(s) and {len(new_cases)} case(s) reached yellow or red; "
        f"{written} notification(s)"
    )


periodic.register(
    periodic.PeriodicJob("cases.terminate_lapsed_deficiencies", end_lapsed_deficiencies),
    periodic.PeriodicJob("cases.warnings", send_warnings),
)
