"""The ticket, the case and the rating: the clerk at window 15 calls the booked visitor, the
intake desk opens with the person filled in, the case the clerk accepts is linked to the
ticket, and the rating the person gives on the window's pad (on the second screen) is linked
to the ticket and the case."""

import datetime as dt

import pytest
from django.urls import reverse

from gaoxin.cases import intake
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.cases.tests.factories import person as applicant
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.audit import AuditEntry
from gaoxin.core.errors import DomainError
from gaoxin.evaluations import services as ratings
from gaoxin.hall import services
from gaoxin.hall.models import Ticket, WindowSession
from gaoxin.hall.tests.conftest import MONDAY, local, person


@pytest.fixture
def item(approval_bureau, opening, window_15):
    """An item of the bureau window 15 serves (a specialist window)."""
    item = make_item(approval_bureau, name="食品经营许可")
    window_15.departments.add(approval_bureau)
    opening.items.add(item)
    return item


@pytest.fixture
def called(clock, zone, opening, clerk_15, window_15):
    """李娜 booked 09:00 and checked in; the clerk at 15 called her."""
    appointment = services.book(business=opening, day=MONDAY, slot=dt.time(9, 0), **person())
    clock.move_to(local(23, 9, 2))
    services.check_in(code=appointment.code)
    ticket = services.call_next(actor=clerk_15, window=window_15)
    assert ticket is not None and ticket.name == "李娜"
    return ticket


def test_the_desk_opens_with_the_called_person_filled_in(client, called, clerk_15, item):
    client.force_login(clerk_15)
    bar = client.get(reverse("hall_window"))
    desk_link = f"{reverse('desk')}?window={clerk_15.window_id}"
    assert desk_link in bar.content.decode()

    page = client.get(f"{reverse('desk_new', args=[item.pk])}?window={clerk_15.window_id}")
    form = page.context["applicant_form"]
    assert form.initial["name"] == "李娜"
    assert form.initial["id_number"] == person()["id_number"]
    assert form.initial["phone"] == "13991230011"


def test_nobody_called_nothing_is_filled_in(client, clock, zone, clerk_15, window_15, item):
    client.force_login(clerk_15)
    page = client.get(reverse("desk_new", args=[item.pk]))
    assert page.context["applicant_form"].initial == {"kind": "person"}


def test_the_case_accepted_while_serving_is_linked_to_the_ticket(
    client, called, clerk_15, window_15, item
):
    client.force_login(clerk_15)
    case = intake.accept(actor=clerk_15, intake=make_intake(item, window_15, applicant()))
    ticket = Ticket.objects.get(pk=called.pk)
    assert ticket.case == case
    assert ticket.status == Ticket.Status.SERVING  # she came: the clerk is dealing with her
    assert AuditEntry.objects.filter(action="hall.link_case").count() == 1

    # A second application of hers: the desk still knows her; the ticket keeps the first case.
    page = client.get(f"{reverse('desk_new', args=[item.pk])}?window={window_15.pk}")
    assert page.context["applicant_form"].initial["name"] == "李娜"
    intake.accept(actor=clerk_15, intake=make_intake(item, window_15, applicant()))
    assert Ticket.objects.get(pk=called.pk).case == case


def test_an_intake_without_a_ticket_links_nothing(clock, zone, clerk_15, window_15, item):
    case = intake.accept(actor=clerk_15, intake=make_intake(item, window_15, applicant()))
    assert not Ticket.objects.filter(case=case).exists()


def test_the_pad_on_the_second_screen_records_a_rating_linked_to_ticket_and_case(
    client, called, clerk_15, window_15, item
):
    case = intake.accept(actor=clerk_15, intake=make_intake(item, window_15, applicant()))
    client.force_login(clerk_15)
    second = reverse("hall_second", args=[15])
    state = reverse("hall_second_state", args=[15])
    assert client.get(state).json()["pad"] == ""

    client.post(reverse("hall_window_act", args=[15, "pad"]), HTTP_HX_REQUEST="true")
    pad = reverse("rate_pad", args=[case.pk, "intake"])
    assert client.get(state).json()["pad"] == pad
    assert f'src="{pad}"' in client.get(second).content.decode()
    framed = client.get(pad)
    assert framed.status_code == 200
    assert framed["X-Frame-Options"] == "SAMEORIGIN"  # the second screen frames it

    answer = client.post(pad, {"level": "5"})
    assert answer.status_code == 302
    ticket = Ticket.objects.select_related("rating").get(pk=called.pk)
    assert ticket.rating is not None
    assert ticket.rating.case == case and ticket.rating.level == 5
    # Rated: the second screen shows the clerk again.
    assert client.get(state).json()["pad"] == ""
    assert WindowSession.objects.get(window=window_15).pad_case is None


def test_a_rating_given_by_the_link_is_not_the_window_s(called, clerk_15, window_15, item):
    case = intake.accept(actor=clerk_15, intake=make_intake(item, window_15, applicant()))
    invitation = ratings.invitation_for(case, "intake", channel="qr")
    ratings.rate(invitation.token, level=4)
    assert Ticket.objects.get(pk=called.pk).rating is None


def test_the_pad_needs_a_case_first(called, clerk_15, window_15):
    with pytest.raises(DomainError, match="nothing to rate"):
        services.show_pad(actor=clerk_15, window=window_15)


def test_the_clerk_turns_the_pad_off(called, clerk_15, window_15, item):
    intake.accept(actor=clerk_15, intake=make_intake(item, window_15, applicant()))
    services.show_pad(actor=clerk_15, window=window_15)
    services.hide_pad(actor=clerk_15, window=window_15)
    assert WindowSession.objects.get(window=window_15).pad_case is None


def test_the_second_screen_shows_the_clerk_and_the_window_s_businesses(client, called, clerk_15):
    client.force_login(clerk_15)
    page = client.get(reverse("hall_second", args=[15])).content.decode()
    assert "王丽" in page
    assert 'data-testid="clerk-badge">王<' in page
    assert "企业开办" in page


def test_the_second_screen_shows_the_clerk_s_photo_when_there_is_one(
    client, called, clerk_15, admin_user
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gaoxin.core import services as core_services
    from gaoxin.core.tests.test_uploads import png_bytes

    photo = SimpleUploadedFile("wangli.png", png_bytes(3, 4), content_type="image/png")
    core_services.set_staff_photo(actor=admin_user, user=clerk_15, photo=photo)
    client.force_login(clerk_15)
    page = client.get(reverse("hall_second", args=[15])).content.decode()
    assert reverse("staff_photo", args=[clerk_15.pk]) in page
    assert 'data-testid="clerk-badge"' not in page


def test_the_second_screen_is_for_staff(client, called):
    page = client.get(reverse("hall_second", args=[15]))
    assert page.status_code == 302  # to the sign-in
