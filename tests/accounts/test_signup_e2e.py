"""Sign-up in a real headless Chromium, with the verification email sent to a real SMTP
server, then sign-in and the switch to Korean."""

import re

import pytest
from playwright.sync_api import expect

from kofst.accounts.models import User
from tests.accounts.helpers import link_in

pytestmark = pytest.mark.e2e

EMAIL = "jiwoo.park@example.org"
PASSWORD = "a long and new passphrase 77"


def test_signup_verify_login_and_switch_to_korean(live_server, page, mail_server, settings):
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
    page.goto(live_server.url + "/")

    # sign up
    page.get_by_role("navigation").get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign Up")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")

    # the verification email arrived at the SMTP server, with a link to this site
    assert len(mail_server.messages) == 1
    message = mail_server.messages[0]
    assert message["X-Envelope-To"] == EMAIL
    assert message["Subject"] == "[KOFST] Please Confirm Your Email Address"
    link = link_in(message, "/accounts/confirm-email/")
    assert link.startswith(live_server.url + "/accounts/confirm-email/")

    # an unverified account cannot sign in yet
    user = User.objects.get(email=EMAIL)
    assert user.emailaddress_set.get().verified is False

    # follow the link and confirm
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Email Address")
    page.get_by_role("button", name="Confirm").click()
    assert user.emailaddress_set.get().verified is True

    # confirming signed the new account in; sign out, then sign in with the password
    menu = page.get_by_role("button", name="jiwoo.park")
    expect(menu).to_be_visible()
    menu.click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("navigation").get_by_role("link", name="Sign in")).to_be_visible()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator(".alert-success")).to_contain_text(f"Successfully signed in as {EMAIL}")

    # switch the interface to Korean on an account page
    page.goto(live_server.url + "/accounts/email/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Email Address")
    page.locator("#language-switcher").get_by_role("button", name="한국어").click()

    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", level=1)).to_have_text("이메일 계정")
    expect(page.get_by_role("button", name="이메일 변경")).to_be_visible()
    expect(page.locator("#language-switcher").get_by_role("button")).to_have_text("English")
    user.refresh_from_db()
    assert user.preferred_language == "ko"
    assert re.search(r"/accounts/email/$", page.url)
