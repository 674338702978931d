"""Rating from the public progress page (办件进度查询): after the look-up, the applicant sees
the services of the case not rated yet, taps one, and rates it on the phone page by a link of
the progress channel. The look-up is proved again, under the same wrong-try limit."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from gaoxin.core.errors import DomainError
from gaoxin.evaluations import services
from gaoxin.evaluations.models import Channel, Encounter, Rating, RatingInvitation

pytestmark = pytest.mark.usefixtures("zone")


@pytest.fixture(autouse=True)
def fresh_wrong_tries():
    cache.clear()
    yield
    cache.clear()


def token_of(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


# --- The links: one per channel ------------------------------------------------------------


def test_a_link_of_the_progress_page_rates_by_the_progress_channel(accepted):
    by_notice = services.invite(accepted, Encounter.INTAKE)
    by_progress = services.invite(accepted, Encounter.INTAKE, channel=Channel.PROGRESS)
    # Each channel its own link; an open one is given again only on its own channel.
    assert by_progress != by_notice
    assert services.invite(accepted, Encounter.INTAKE, channel=Channel.PROGRESS) == by_progress
    assert services.invite(accepted, Encounter.INTAKE) == by_notice
    assert RatingInvitation.objects.get(token=token_of(by_progress)).channel == Channel.PROGRESS

    rating = services.rate(token_of(by_progress), level=4)
    assert rating.channel == Channel.PROGRESS
    # The notice's link is spent with it.
    with pytest.raises(services.LinkUnusable):
        services.rate(token_of(by_notice), level=5)


def test_the_pad_gives_no_link(accepted):
    with translation.override("en"), pytest.raises(DomainError, match="no such way to rate"):
        services.invite(accepted, Encounter.INTAKE, channel=Channel.PAD)
    assert not RatingInvitation.objects.filter(channel=Channel.PAD).exists()


# --- The page -------------------------------------------------------------------------------


def look_up(client, case, check=None):
    return client.get(
        reverse("progress"), {"number": case.number, "check": check or case.phone[-4:]}
    )


def choose(client, case, encounter, check=None):
    return client.post(
        reverse("progress_rate"),
        {"number": case.number, "check": check or case.phone[-4:], "encounter": encounter},
    )


def test_after_the_intake_the_page_offers_to_rate_the_intake(client, accepted):
    page = look_up(client, accepted).text
    assert 'data-testid="progress-rating"' in page
    assert 'data-testid="progress-rate-intake"' in page
    assert 'data-testid="progress-rate-delivery"' not in page
    assert 'data-testid="progress-rate-case"' not in page
    assert f'name="check" value="{accepted.phone[-4:]}"' in page


def test_a_completed_case_offers_every_service_not_rated_yet(client, completed, desk_clerk):
    page = look_up(client, completed).text
    for encounter in ("intake", "delivery", "case"):
        assert f'data-testid="progress-rate-{encounter}"' in page
    services.rate_at_pad(actor=desk_clerk, case=completed, encounter="intake", level=5)
    page = look_up(client, completed).text
    assert 'data-testid="progress-rate-intake"' not in page
    assert 'data-testid="progress-rate-delivery"' in page


def test_the_button_opens_the_phone_page_and_the_rating_keeps_the_channel(client, accepted):
    answer = choose(client, accepted, "intake")
    assert answer.status_code == 302
    invitation = RatingInvitation.objects.get(channel=Channel.PROGRESS)
    assert answer["Location"] == reverse("rate", args=[invitation.token])
    assert invitation.encounter == Encounter.INTAKE and invitation.case == accepted

    assert client.post(answer["Location"], {"level": "5"}).status_code == 302
    rating = Rating.objects.get()
    assert (rating.encounter, rating.channel) == (Encounter.INTAKE, Channel.PROGRESS)
    # Nothing left to rate: no panel.
    assert 'data-testid="progress-rating"' not in look_up(client, accepted).text


def test_a_wrong_check_opens_nothing_and_counts_as_a_wrong_try(client, accepted, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    answer = choose(client, accepted, "intake", check="0000")
    assert answer.status_code == 302
    assert answer["Location"] == reverse("progress") + f"?number={accepted.number}"
    assert not RatingInvitation.objects.filter(channel=Channel.PROGRESS).exists()
    page = client.get(answer["Location"]).text
    assert "No application matches this number and these four characters." in page
    # Ten wrong tries, on the page and here together, and the address waits.
    for _ in range(9):
        look_up(client, accepted, check="0000")
    assert look_up(client, accepted).status_code == 429
    answer = choose(client, accepted, "intake")
    assert not RatingInvitation.objects.filter(channel=Channel.PROGRESS).exists()
    assert client.get(answer["Location"]).status_code == 429


def test_a_service_rated_meanwhile_is_said_so(client, accepted, desk_clerk, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    look_up(client, accepted)
    services.rate_at_pad(actor=desk_clerk, case=accepted, encounter="intake", level=4)
    answer = choose(client, accepted, "intake")
    assert answer["Location"] == reverse("progress") + (
        f"?number={accepted.number}&check={accepted.phone[-4:]}"
    )
    assert "already been rated" in client.get(answer["Location"]).text
    # And a service that has not happened yet.
    answer = choose(client, accepted, "delivery")
    assert "has not happened yet" in client.get(answer["Location"]).text
    assert not RatingInvitation.objects.filter(channel=Channel.PROGRESS).exists()


def test_a_tampered_choice_is_refused_with_a_message(client, accepted, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    answer = choose(client, accepted, "everything")
    assert "Please look your application up again" in client.get(answer["Location"]).text
    assert client.get(reverse("progress_rate")).status_code == 405
    assert not RatingInvitation.objects.filter(channel=Channel.PROGRESS).exists()
