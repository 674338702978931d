"""Two clerks pressing "next" at the same moment never get the same ticket (PostgreSQL, real
concurrent transactions: ``SELECT … FOR UPDATE SKIP LOCKED``). SQLite serialises writers anyway;
the order of calling is tested in test_calling."""

import threading

import pytest
from django.db import connection, connections

from gaoxin.core.models import Window
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory, WindowFactory
from gaoxin.hall import services
from gaoxin.hall.models import Ticket
from gaoxin.hall.tests.conftest import local

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL; SQLite serialises them anyway")


def test_windows_pressing_next_together_never_share_a_ticket(postgres, clock, zone):
    clock.move_to(local(23, 9))
    windows = [
        WindowFactory(number=30 + n, name="企业开办专窗", kind=Window.Kind.SPECIALIST)
        for n in range(8)
    ]
    business = services.create_business_type(actor=None, code="A", name="企业开办", windows=windows)
    clerks = [UserFactory(role=Role.CLERK, window=w) for w in windows]
    tickets = 60
    for _ in range(tickets):
        services.take_ticket(business=business)

    start = threading.Barrier(len(windows))
    called: list[tuple[int, str]] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def window_at_work(clerk, window):
        try:
            start.wait()
            while True:
                ticket = services.call_next(actor=clerk, window=window)
                if ticket is None:
                    return
                with lock:
                    called.append((window.number, ticket.number))
                services.finish(actor=clerk, window=window)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=window_at_work, args=(c, w))
        for c, w in zip(clerks, windows, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    numbers = [number for _window, number in called]
    assert len(numbers) == len(set(numbers)) == tickets
    assert Ticket.objects.filter(status=Ticket.Status.DONE).count() == tickets
    # Every ticket's call is recorded with the one window that made it.
    for window_number, number in called:
        assert Ticket.objects.get(number=number).window.number == window_number
    assert len({w for w, _n in called}) > 1  # the windows really worked side by side
