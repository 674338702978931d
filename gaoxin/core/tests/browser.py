"""Helpers every browser test shares."""

from playwright.sync_api import Page

from gaoxin.core.tests.factories import PASSWORD


def sign_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login page, as a person would, pressing Enter in the password."""
    page.goto(f"{base}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#id_password").press("Enter")
