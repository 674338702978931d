"""Signing in safely: lockout, strong hashing, idle expiry."""

from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings
from django.urls import reverse

from gaoxin.core.tests.factories import PASSWORD


def test_the_sign_in_page_speaks_chinese_by_default(client, db):
    page = client.get(reverse("login")).text
    assert "工作人员登录" in page
    assert 'lang="zh-hans"' in page


def test_the_sign_in_page_speaks_english_when_asked(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    page = client.get(reverse("login")).text
    assert "Staff sign-in" in page


def test_five_wrong_passwords_lock_the_account(client, clerk):
    for _ in range(5):
        client.post(reverse("login"), {"username": "clerk", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 429
    assert "账号已锁定" in response.text
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_do_not(client, clerk):
    for _ in range(4):
        client.post(reverse("login"), {"username": "clerk", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 302


def test_a_locked_account_does_not_lock_another(client, clerk, supervisor):
    for _ in range(5):
        client.post(reverse("login"), {"username": "clerk", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "supervisor", "password": PASSWORD})
    assert response.status_code == 302


def test_passwords_are_stored_with_argon2(db):
    from gaoxin.core.tests.factories import UserFactory

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        user = UserFactory()
        assert identify_hasher(user.password).algorithm == "argon2"


def test_production_hashes_with_argon2_first():
    from config import settings as configured

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sessions_end_after_thirty_idle_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_every_form_is_protected_against_cross_site_requests(clerk):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 403


def test_signing_out_needs_a_post(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
