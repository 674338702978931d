"""Rating a service (好差评): by the link on a notice, at the window's pad; one rating per
encounter, attributed to who served."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from gaoxin.cases.workflow import Status
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import AuditEntry
from gaoxin.evaluations import services
from gaoxin.evaluations.models import Channel, Encounter, Rating, RatingInvitation


@pytest.fixture(autouse=True)
def english():
    """The messages are matched in their English source text."""
    with translation.override("en"):
        yield


def token_of(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def test_a_rating_by_the_link(accepted, desk_clerk, intake_window, approval_bureau, plain_item):
    path = services.invite(accepted, Encounter.INTAKE)
    assert path.startswith("/rate/")
    # Asked again, the same open link is given (the notice and a message may both carry it).
    assert services.invite(accepted, Encounter.INTAKE) == path

    rating = services.rate(token_of(path), level=5, comment="窗口服务很热情")
    assert (rating.level, rating.channel, rating.encounter) == (5, Channel.QR, "intake")
    assert rating.comment == "窗口服务很热情" and rating.reasons == []
    # Who served at intake: the window of the case, the clerk who ended the intake.
    assert rating.window == intake_window
    assert rating.clerk == desk_clerk
    assert rating.department == approval_bureau
    assert rating.item == plain_item
    assert RatingInvitation.objects.get(token=token_of(path)).used_at is not None
    entry = AuditEntry.objects.get(action="evaluations.rate")
    assert entry.actor is None and entry.changes["level"] == 5


def test_the_link_works_once(accepted):
    token = token_of(services.invite(accepted, Encounter.INTAKE))
    services.rate(token, level=4)
    with pytest.raises(services.LinkUnusable, match="already been used") as refused:
        services.rate(token, level=1, reasons=["attitude"])
    assert refused.value.why == "used"
    assert Rating.objects.get().level == 4
    # And no second link once the encounter is rated.
    with pytest.raises(DomainError, match="already been rated"):
        services.invite(accepted, Encounter.INTAKE)


def test_an_expired_link_is_refused(accepted):
    token = token_of(services.invite(accepted, Encounter.INTAKE))
    with time_machine.travel(timezone.now() + dt.timedelta(days=29, hours=23)):
        services.open_invitation(token)  # still good on the 30th day
    with time_machine.travel(timezone.now() + dt.timedelta(days=30, minutes=1)):
        with pytest.raises(services.LinkUnusable, match="expired") as refused:
            services.rate(token, level=5)
        assert refused.value.why == "expired"
        # A new link can be asked for: the encounter is still not rated.
        assert token_of(services.invite(accepted, Encounter.INTAKE)) != token
    assert not Rating.objects.exists()


def test_an_unknown_link_is_refused(db):
    with pytest.raises(services.LinkUnusable, match="not valid"):
        services.rate("no-such-token", level=5)


def test_a_bad_rating_needs_a_reason(accepted):
    token = token_of(services.invite(accepted, Encounter.INTAKE))
    with pytest.raises(services.RatingRefused) as refused:
        services.rate(token, level=1, comment="等了很久")
    assert refused.value.errors == {
        "reasons": ["Please tell us what went wrong: choose at least one reason."]
    }
    with pytest.raises(services.RatingRefused) as refused:
        services.rate(token, level=2, reasons=["rude"])
    assert "reasons" in refused.value.errors
    with pytest.raises(services.RatingRefused) as refused:
        services.rate(token, level=7)
    assert "level" in refused.value.errors
    assert not Rating.objects.exists()

    rating = services.rate(token, level=1, reasons=["overdue", "many_visits"], comment="等了很久")
    assert rating.reasons == ["overdue", "many_visits"] and rating.is_bad
    assert rating.reason_labels() == ["Took too long", "Had to come several times"]


def test_a_good_rating_keeps_no_reasons(accepted):
    token = token_of(services.invite(accepted, Encounter.INTAKE))
    assert services.rate(token, level=3, reasons=["other"]).reasons == []


def test_every_encounter_of_a_completed_case_may_be_rated(completed):
    assert completed.status == Status.COMPLETED
    for encounter in Encounter.values:
        assert services.encounter_happened(completed, encounter)
        services.invite(completed, encounter)


def test_delivery_and_the_whole_case_wait_for_their_turn(accepted):
    with pytest.raises(DomainError, match="has not happened yet"):
        services.invite(accepted, Encounter.DELIVERY)
    with pytest.raises(DomainError, match="has not happened yet"):
        services.invite(accepted, Encounter.CASE)
    with pytest.raises(DomainError, match="has not happened yet"):
        services.rate_at_pad(
            actor=accepted.received_by, case=accepted, encounter=Encounter.CASE, level=5
        )


def test_attribution_of_intake_delivery_and_the_whole_case(
    completed,
    desk_clerk,
    intake_window,
    delivery_clerk,
    delivery_window,
    approval_bureau,
    plain_item,
):
    intake_rating = services.rate_at_pad(
        actor=desk_clerk, case=completed, encounter=Encounter.INTAKE, level=4
    )
    handed = services.rate(
        token_of(services.invite(completed, Encounter.DELIVERY)),
        level=2,
        reasons=["attitude"],
    )
    whole = services.rate(token_of(services.invite(completed, Encounter.CASE)), level=5)

    assert (intake_rating.window, intake_rating.clerk, intake_rating.channel) == (
        intake_window,
        desk_clerk,
        Channel.PAD,
    )
    assert (handed.window, handed.clerk) == (delivery_window, delivery_clerk)
    assert (whole.window, whole.clerk) == (None, None)
    for rating in (intake_rating, handed, whole):
        assert (rating.department, rating.item) == (approval_bureau, plain_item)


def test_the_pad_is_for_window_clerks_and_rates_once(accepted, desk_clerk, approver):
    with pytest.raises(NotAllowed):
        services.rate_at_pad(actor=approver, case=accepted, encounter=Encounter.INTAKE, level=5)
    token = token_of(services.invite(accepted, Encounter.INTAKE))
    services.rate_at_pad(actor=desk_clerk, case=accepted, encounter=Encounter.INTAKE, level=5)
    # The link of the same encounter is spent with the pad's rating.
    with pytest.raises(services.LinkUnusable):
        services.rate(token, level=1, reasons=["other"])
    with pytest.raises(DomainError, match="already been rated"):
        services.rate_at_pad(actor=desk_clerk, case=accepted, encounter=Encounter.INTAKE, level=3)


# --- The pages ------------------------------------------------------------------------------


@pytest.fixture
def client(client, settings):
    """Pages in English, so the messages are matched in their source text."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_phone_page_rates_and_thanks(client, accepted):
    path = services.invite(accepted, Encounter.INTAKE)
    page = client.get(path)
    assert page.status_code == 200
    assert "药品零售企业经营许可" in page.content.decode()
    answer = client.post(path, {"level": "5", "comment": "好"})
    assert answer.status_code == 302 and answer["Location"] == reverse("rate_thanks")
    assert Rating.objects.get().level == 5
    again = client.get(path)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()


def test_a_bad_rating_without_reason_keeps_what_was_entered(client, accepted):
    path = services.invite(accepted, Encounter.INTAKE)
    answer = client.post(path, {"level": "1", "comment": "材料要求一变再变"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Please tell us what went wrong: choose at least one reason." in html
    assert "材料要求一变再变" in html
    assert 'value="1" autocomplete="off" checked' in html
    assert not Rating.objects.exists()
    answer = client.post(
        path, {"level": "1", "reasons": ["unclear_materials"], "comment": "材料要求一变再变"}
    )
    assert answer.status_code == 302
    assert Rating.objects.get().reasons == ["unclear_materials"]


def test_an_expired_link_shows_a_clear_message(client, accepted):
    path = services.invite(accepted, Encounter.INTAKE)
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        page = client.get(path)
    assert page.status_code == 410
    assert "expired" in page.content.decode()
    assert client.get("/rate/not-a-real-token/").status_code == 404


def test_the_pad_page(client, accepted, desk_clerk, approver):
    url = reverse("rate_pad", args=[accepted.pk, "intake"])
    client.force_login(approver)
    assert client.get(url).status_code == 403
    client.force_login(desk_clerk)
    page = client.get(url)
    assert page.status_code == 200 and "gx-rate-pad" in page.content.decode()
    assert client.get(reverse("rate_pad", args=[accepted.pk, "nonsense"])).status_code == 404
    answer = client.post(url, {"level": "4"})
    assert answer.status_code == 302
    assert answer["Location"] == reverse("rate_pad_thanks", args=[accepted.pk, "intake"])
    rating = Rating.objects.get()
    assert (rating.channel, rating.clerk) == (Channel.PAD, desk_clerk)
    page = client.get(url)
    assert "already been rated" in page.content.decode()
    # Delivery has not happened: the pad says so instead of offering the form.
    page = client.get(reverse("rate_pad", args=[accepted.pk, "delivery"]))
    assert "has not happened yet" in page.content.decode()
    assert 'data-testid="rate-form"' not in page.content.decode()
