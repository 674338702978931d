"""The window's done pages offer the rating pad while the encounter is not rated yet."""

from django.urls import reverse

from gaoxin.evaluations import services


def test_after_intake_the_clerk_turns_the_pad_to_the_applicant(client, accepted, desk_clerk):
    client.force_login(desk_clerk)
    done = reverse("desk_done", args=[accepted.pk])
    pad = reverse("rate_pad", args=[accepted.pk, "intake"])
    page = client.get(done).content.decode()
    assert 'data-testid="rating-pad-link"' in page and pad in page
    services.rate_at_pad(actor=desk_clerk, case=accepted, encounter="intake", level=5)
    assert 'data-testid="rating-pad-link"' not in client.get(done).content.decode()


def test_after_delivery_the_pad_rates_the_delivery(client, completed, delivery_clerk):
    client.force_login(delivery_clerk)
    page = client.get(reverse("delivery_done", args=[completed.pk])).content.decode()
    assert reverse("rate_pad", args=[completed.pk, "delivery"]) in page
