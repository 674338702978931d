"""The demo zone, as `make run` loads it: the catalog, a morning's applications, and every
state of a case's life, reached through the services by the demo accounts."""

from django.core.management import call_command

from gaoxin.cases import backoffice
from gaoxin.cases.models import Case, Delivery, Notice, Suspension
from gaoxin.cases.workflow import Status
from gaoxin.catalog.queries import catalog_counts
from gaoxin.catalog.steps import StepKind
from gaoxin.core.models import User, Window
from gaoxin.core.roles import Capability


def test_the_demo_zone_has_its_catalog_and_every_state_of_a_case(db, settings):
    settings.GAOXIN_DEMO_HISTORY = False  # the past year: gaoxin/stats/tests/test_demo_history
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    counts = catalog_counts()
    assert counts["approval"] >= 275 and counts["public"] >= 55
    assert Case.objects.count() == 19
    by_status = {s: Case.objects.filter(status=s) for s in Status.values}
    assert by_status[Status.ACCEPTED].count() >= 4  # not taken up yet
    assert by_status[Status.CORRECTION].exists()
    assert by_status[Status.REFUSED].exists()
    assert all(case.notices.exists() for case in Case.objects.all())

    in_review = [backoffice.open_step(c) for c in by_status[Status.IN_REVIEW]]
    assert any(s.claimed_by_id for s in in_review)  # on an approver's desk
    assert any(s.claimed_by_id is None for s in in_review)  # waiting for its decision
    suspended = {c.suspensions.get(ended_at__isnull=True).kind for c in by_status[Status.SUSPENDED]}
    assert {Suspension.Kind.EXPERT_REVIEW, Suspension.Kind.INSPECTION} <= suspended
    decided = by_status[Status.DECIDED].get()
    assert backoffice.open_step(decided).kind == StepKind.CERTIFICATE

    waiting = by_status[Status.AWAITING_DELIVERY]
    assert {c.decision for c in waiting} == {"granted", "denied"}
    assert waiting.filter(decision="denied").get().notices.filter(kind=Notice.Kind.DENIAL)
    assert waiting.exclude(agent_name="").exists()  # an agent will collect

    completed = by_status[Status.COMPLETED]
    methods = set(completed.values_list("delivery__method", flat=True))
    assert methods == {Delivery.Method.PICKUP, Delivery.Method.POST}
    assert completed.get(delivery__method="pickup").delivery.receipt
    assert all(c.notices.filter(kind=Notice.Kind.COMPLETION).exists() for c in completed)
    assert by_status[Status.TERMINATED].get().termination_reason


def test_the_demo_accounts_can_walk_a_case_through_its_whole_life(db, settings):
    settings.GAOXIN_DEMO_HISTORY = False
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    clerk = User.objects.get(username="clerk")
    delivery_clerk = User.objects.get(username="clerk2")
    approver = User.objects.get(username="approver")
    assert clerk.window.kind == Window.Kind.INTAKE
    assert clerk.can(Capability.DECIDE_ON_THE_SPOT)
    assert delivery_clerk.window.kind == Window.Kind.DELIVERY
    assert delivery_clerk.can(Capability.SERVE_AT_WINDOW)
    waiting = Case.objects.filter(status=Status.ACCEPTED, department=approver.department)
    assert waiting.exists()  # something on the approver's queue
