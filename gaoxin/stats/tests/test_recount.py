"""The statistics equal a recount from the cases after any sequence of actions: a hypothesis
state machine drives the intake, back-office and delivery services at random (with the clock
moving on between steps) and, after every step, holds the figures of the summary tables to a
plain recount from the case rows, for the zone, each department, item and window, and several
periods."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from gaoxin.cases import backoffice, delivery, intake
from gaoxin.cases.models import Case, Submission
from gaoxin.cases.tests.factories import all_received, person, with_state
from gaoxin.cases.workflow import Status
from gaoxin.catalog.steps import StepKind
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core import workdays
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import Window
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory, WindowFactory, resident_id
from gaoxin.stats import counters
from gaoxin.stats.models import COUNTERS, DailyCount, DepartmentDailyCount
from gaoxin.stats.queries import Filters, figures
from gaoxin.stats.tests.recount import every_case, recount

pytestmark = pytest.mark.usefixtures("zone")

START = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # Monday 09:00 in Shanghai
# Accepting is what most intakes end in.
OUTCOMES = ["accept", "accept", "accept", "accept_with_deficiency", "request_correction", "refuse"]


class World:
    """The cast, created once per test; each example runs in a transaction rolled back."""

    items: list
    windows: list
    clerk: object
    approvers: dict
    heads: dict


class CaseLife(RuleBasedStateMachine):
    world: World

    def __init__(self) -> None:
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.traveller = time_machine.travel(START, tick=False)
        self.clock = self.traveller.start()
        self.first_day = timezone.localdate()
        self.people = 0
        self.checks = 0

    def teardown(self) -> None:
        self.traveller.stop()
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    # --- helpers ------------------------------------------------------------------------

    def _waiting(*statuses: str):
        """A precondition: some case is in one of these statuses."""
        return precondition(lambda self: Case.objects.filter(status__in=statuses).exists())

    def _pick(self, index: int, *statuses: str) -> Case | None:
        cases = list(Case.objects.filter(status__in=statuses).order_by("pk").select_related("item"))
        return cases[index % len(cases)] if cases else None

    def _intake(self, item, window):
        self.people += 1
        applicant = person(id_number=resident_id(order=100 + self.people))
        return intake.Intake(item=item, applicant=applicant, checks=[], window=window)

    def _end(self, outcome: str, item, window, case: Case | None = None) -> None:
        it = self._intake(item, window)
        checks = all_received(item)
        due = None
        if outcome == "accept_with_deficiency":
            checks = with_state(checks, "食品安全管理制度文本", Submission.State.OWED)
            due = timezone.localdate() + dt.timedelta(days=5 if item.promised_days >= 5 else 1)
        elif outcome == "request_correction":
            checks = with_state(checks, "营业执照", Submission.State.MISSING)
        it.checks = checks
        self._try(
            intake.end,
            outcome,
            actor=self.world.clerk,
            intake=it,
            case=case,
            due=due,
            promise="承诺按期补齐",
            reason="不属于本机关职权范围",
            basis="《中华人民共和国行政许可法》第三十二条",
        )

    def _try(self, service, *args, **kwargs) -> None:
        # A refused move rolls back, its counts included: the invariant checks that too.
        with contextlib.suppress(DomainError, NotAllowed):
            service(*args, **kwargs)

    # --- rules --------------------------------------------------------------------------

    @rule(item=st.integers(0, 2), window=st.integers(0, 2), outcome=st.sampled_from(OUTCOMES))
    def receive(self, item, window, outcome):
        self._end(outcome, self.world.items[item], self.world.windows[window])

    @_waiting(Status.CORRECTION)
    @rule(index=st.integers(0, 99), window=st.integers(0, 2), outcome=st.sampled_from(OUTCOMES))
    def come_back(self, index, window, outcome):
        """The applicant returns with the corrections, perhaps to another window."""
        case = self._pick(index, Status.CORRECTION)
        if case is not None:
            self._end(outcome, case.item, self.world.windows[window], case)

    @_waiting(Status.ACCEPTED, Status.IN_REVIEW, Status.DECIDED)
    @rule(index=st.integers(0, 99), grant=st.booleans(), moves=st.integers(1, 3))
    def work(self, index, grant, moves):
        """The department's next moves on one case: claim and pass the step on, or decide."""
        case = self._pick(index, Status.ACCEPTED, Status.IN_REVIEW, Status.DECIDED)
        for _move in range(moves):
            step = case and backoffice.open_step(case)
            if step is None or step.finished_at is not None:
                return
            approver = self.world.approvers[step.department_id]
            if step.claimed_by_id != approver.pk:
                self._try(backoffice.claim, actor=approver, case=case)
            if step.kind == StepKind.DECISION:
                self._try(
                    backoffice.decide,
                    actor=approver,
                    case=case,
                    grant=grant,
                    opinion="符合法定条件" if grant else "",
                    reason="" if grant else "经营场所不符合要求",
                    basis="" if grant else "《食品经营许可和备案管理办法》第十二条",
                )
            else:
                self._try(backoffice.pass_step, actor=approver, case=case, opinion="材料齐全")

    @_waiting(Status.ACCEPTED)
    @rule(index=st.integers(0, 99))
    def decide_on_the_spot(self, index):
        case = self._pick(index, Status.ACCEPTED)
        if case is not None and case.item.handling == "immediate":
            self._try(backoffice.decide_on_the_spot, actor=self.world.clerk, case=case)

    @_waiting(Status.ACCEPTED, Status.IN_REVIEW)
    @rule(index=st.integers(0, 99), which=st.integers(0, 3))
    def suspend(self, index, which):
        case = self._pick(index, Status.ACCEPTED, Status.IN_REVIEW)
        if case is None:
            return
        kinds = backoffice.allowed_procedures(case)
        if kinds:
            self._try(
                backoffice.suspend,
                actor=self.world.approvers[case.department_id],
                case=case,
                kind=kinds[which % len(kinds)],
                reason="需组织专家评审",
            )

    @_waiting(Status.SUSPENDED)
    @rule(index=st.integers(0, 99))
    def end_special_procedure(self, index):
        case = self._pick(index, Status.SUSPENDED)
        if case is None:
            return
        owed = list(case.submissions.filter(state=Submission.State.OWED))
        approver = self.world.approvers[case.department_id]
        if owed:
            ids = [s.material_id for s in owed]
            self._try(backoffice.catch_up, actor=approver, case=case, material_ids=ids)
        else:
            self._try(backoffice.resume, actor=approver, case=case, result="专家评审通过")

    @_waiting(Status.ACCEPTED, Status.IN_REVIEW, Status.SUSPENDED)
    @rule(index=st.integers(0, 99), days=st.integers(1, 3))
    def extend(self, index, days):
        case = self._pick(index, Status.ACCEPTED, Status.IN_REVIEW, Status.SUSPENDED)
        if case is not None:
            head = self.world.heads[case.department_id]
            self._try(backoffice.extend, actor=head, case=case, days=days, reason="情况复杂")

    @_waiting(Status.ACCEPTED, Status.IN_REVIEW, Status.SUSPENDED)
    @rule(index=st.integers(0, 99), chance=st.integers(0, 3))
    def terminate(self, index, chance):
        case = self._pick(index, Status.ACCEPTED, Status.IN_REVIEW, Status.SUSPENDED)
        if case is not None and chance == 0:  # rarer than the other moves
            head = self.world.heads[case.department_id]
            self._try(backoffice.terminate, actor=head, case=case, reason="申请人申请终止")

    @_waiting(Status.ACCEPTED, Status.IN_REVIEW, Status.SUSPENDED)
    @rule()
    def lapse(self):
        """The worker's daily run ends cases whose owed materials did not come."""
        # It stops at a decided case with materials still owed (DECIDED cannot become
        # TERMINATED); reported to the back office's author.
        self._try(backoffice.terminate_lapsed_deficiencies, timezone.localdate())

    @_waiting(Status.AWAITING_DELIVERY)
    @rule(index=st.integers(0, 99))
    def deliver(self, index):
        case = self._pick(index, Status.AWAITING_DELIVERY)
        if case is not None:
            handover = delivery.Handover(
                method="post", address="陕西省咸阳市高新区世纪大道1号", tracking_number="SF1001"
            )
            self._try(delivery.deliver, actor=self.world.clerk, case=case, handover=handover)

    @rule(hours=st.integers(0, 80))
    def time_passes(self, hours):
        self.clock.shift(dt.timedelta(hours=hours))

    # --- the invariant ------------------------------------------------------------------

    @invariant()
    def figures_equal_a_recount(self):
        """The zone's figures, and by turns one department's, item's or window's, for the
        whole time so far, today and the first half."""
        today = timezone.localdate()
        middle = self.first_day + (today - self.first_day) / 2
        scopes = [{"department": item.department} for item in self.world.items]
        scopes += [{"item_code": item.code} for item in self.world.items]
        scopes += [{"window": window} for window in self.world.windows if window]
        self.checks += 1
        scope = scopes[self.checks % len(scopes)]
        cases = every_case()
        calendar = workdays.WorkCalendar.load()
        for filters in (
            Filters(start=self.first_day, end=today),
            Filters(start=today, end=today),
            Filters(start=self.first_day, end=today, **scope),
            Filters(start=self.first_day, end=middle, **scope),
        ):
            counted = recount(filters, today, cases, calendar)
            assert figures(filters, today) == counted, filters


@pytest.fixture
def world(approval_bureau, market_bureau, approver, other_approver, head, desk_clerk):
    window_two = WindowFactory(number=2, name="综合受理窗口", kind=Window.Kind.INTAKE)
    desk_clerk.decides_on_the_spot = True
    desk_clerk.save()
    plain = {"needs_inspection": False, "remote_inspection": False}
    procedures = {"special_procedures": ["expert_review"]}
    world = World()
    world.items = [
        make_item(approval_bureau, name="食品经营许可", **plain, **procedures),
        make_item(
            approval_bureau,
            name="个体工商户登记",
            handling="immediate",
            promised_days=1,
            statutory_days=3,
            **plain,
        ),
        make_item(market_bureau, name="药品零售许可", **plain, **procedures),
    ]
    world.windows = [desk_clerk.window, window_two, None]
    world.clerk = desk_clerk
    market_head = UserFactory(
        username="head_scjg", role=Role.DEPARTMENT_HEAD, department=market_bureau
    )
    world.approvers = {approval_bureau.pk: approver, market_bureau.pk: other_approver}
    world.heads = {approval_bureau.pk: head, market_bureau.pk: market_head}
    return world


def test_the_figures_equal_a_recount_after_any_sequence_of_actions(world):
    CaseLife.world = world
    run_state_machine_as_test(
        CaseLife,
        settings=settings(
            max_examples=10,
            stateful_step_count=40,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


def test_a_rebuild_gives_the_counts_the_services_kept(world):
    """Drive one long life, then rebuild from the cases: not a single row changes."""
    CaseLife.world = world
    machine = CaseLife()
    try:
        for step in range(60):
            machine.receive(step % 3, step % 3, OUTCOMES[step % len(OUTCOMES)])
            machine.come_back(step, (step + 1) % 3, OUTCOMES[(step + 3) % len(OUTCOMES)])
            machine.work(step, step % 5 != 0, 2)
            machine.work(step + 1, True, 1)
            if step % 7 == 0:
                machine.suspend(step, 0)
            if step % 7 == 3:
                machine.end_special_procedure(step)
            if step % 11 == 0:
                machine.terminate(step, 0)
            machine.deliver(step)
            machine.time_passes(9)
        kept = _rows()
        assert DailyCount.objects.aggregate(n=Sum("completed"))["n"] > 5
        counters.rebuild()
        assert _rows() == kept
    finally:
        machine.teardown()


def _rows():
    """Every row with a count (a window move may leave a row of zeros behind)."""
    fine = DailyCount.objects.order_by("day", "department_id", "item_code", "window_pk")
    rolled = DepartmentDailyCount.objects.order_by("day", "department_id")
    rows = [
        *fine.values_list("day", "department_id", "item_code", "window_pk", *COUNTERS),
        *rolled.values_list("day", "department_id", *COUNTERS),
    ]
    return [tuple(row) for row in rows if any(row[-len(COUNTERS) :])]
