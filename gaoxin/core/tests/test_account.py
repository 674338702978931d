"""Staff change their own password; every demo login reaches its own start page."""

from django.core.management import call_command
from django.urls import reverse

from gaoxin.core.demo import organisation as demo
from gaoxin.core.models import AuditEntry
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import PASSWORD


def test_a_clerk_changes_their_own_password_and_stays_signed_in(client, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("change_password"),
        {
            "current": PASSWORD,
            "password": "a-new-long-passphrase",
            "repeat": "a-new-long-passphrase",
        },
    )
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password("a-new-long-passphrase")
    assert client.get(reverse("start")).status_code == 200
    assert AuditEntry.objects.filter(action="core.set_password", actor=clerk).exists()


def test_the_current_password_must_be_right(client, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("change_password"),
        {
            "current": "not-it",
            "password": "a-new-long-passphrase",
            "repeat": "a-new-long-passphrase",
        },
    )
    assert response.status_code == 200
    assert "当前密码不正确。" in response.text


def test_a_weak_new_password_is_refused_with_the_reason(client, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("change_password"), {"current": PASSWORD, "password": "123", "repeat": "123"}
    )
    assert response.status_code == 200
    clerk.refresh_from_db()
    assert clerk.check_password(PASSWORD)


def test_each_demo_login_reaches_its_own_start_page(client, db):
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    for username, _name, role, *_rest in demo.ACCOUNTS:
        client.logout()
        response = client.post(
            reverse("login"), {"username": username, "password": demo.DEMO_PASSWORD}, follow=True
        )
        assert response.redirect_chain[-1][0] == reverse("start"), username
        assert str(Role(role).label) in response.text, username
