"""No double booking under real concurrent requests (PostgreSQL): applicants of several cases
press "confirm" on the same slot at the same moment; one of them gets it, the others a clear
message. SQLite serialises writers anyway (and its constraints are tested in test_booking)."""

import threading

import pytest
from django.db import connection, connections

from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory
from gaoxin.inspections import services
from gaoxin.inspections.models import Appointment, Attendance, InspectionRoom
from gaoxin.inspections.tests.conftest import at_inspection_step, local

pytestmark = pytest.mark.django_db(transaction=True)


def race(inspections, start):
    """Each inspection's applicant books ``start`` in a thread of its own, all at once."""
    barrier = threading.Barrier(len(inspections))
    won, taken, failures = [], [], []

    def applicant(inspection):
        try:
            barrier.wait()
            won.append(services.book(inspection=inspection, start=start, by=services.APPLICANT))
        except services.SlotTaken:
            taken.append(inspection)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=applicant, args=(i,)) for i in inspections]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    return won, taken


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL; SQLite serialises them anyway")


def cases(n, food_item, intake_window, desk_clerk, approver):
    return [
        at_inspection_step(food_item, intake_window, desk_clerk, approver, order=500 + n)
        for n in range(n)
    ]


def test_one_room_is_never_booked_twice(
    postgres, clock, zone, food_item, intake_window, desk_clerk, approver, approval_bureau
):
    InspectionRoom.objects.create(name="远程踏勘室一")
    inspections = [
        services.request_inspection(
            actor=UserFactory(role=Role.INSPECTOR, department=approval_bureau),
            case=case,
            remote=True,
        )
        for case in cases(8, food_item, intake_window, desk_clerk, approver)
    ]
    won, taken = race(inspections, local(24, 10))
    assert (len(won), len(taken)) == (1, 7)
    assert Appointment.objects.filter(start=local(24, 10), status="booked").count() == 1


def test_one_inspector_is_never_booked_twice(
    postgres, clock, zone, food_item, intake_window, desk_clerk, approver, inspector
):
    for n in range(8):
        InspectionRoom.objects.create(name=f"远程踏勘室{n}")
    inspections = [
        services.request_inspection(actor=inspector, case=case, remote=True)
        for case in cases(8, food_item, intake_window, desk_clerk, approver)
    ]
    won, taken = race(inspections, local(24, 10))
    assert (len(won), len(taken)) == (1, 7)
    assert Attendance.objects.filter(person=inspector, active=True).count() == 1
