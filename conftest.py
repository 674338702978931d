"""Shared test set-up: the browser used by Playwright, and fast password hashing."""

import os

import pytest

# Browser tests drive the live server from Playwright's event loop thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from gaoxin.core.testing.browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is what production uses (tested on its own); tests create many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate-limit counters and the like must not leak from one test into the next.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # No test leaves files behind in the checkout.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # As the hall's PCs are often set up: an English browser; the platform still speaks Chinese.
    return {**browser_context_args, "locale": "en-US", "viewport": {"width": 1366, "height": 768}}


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    # Depending on django_db_setup makes the server (and its database connection) stop before
    # the test database is dropped; otherwise PostgreSQL refuses to drop it while in use.
    return live_server


from gaoxin.core.tests.people import *  # noqa: E402, F403  (the shared cast of staff)
