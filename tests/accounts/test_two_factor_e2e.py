"""Two-factor in a real headless Chromium: a staff member is made to set up TOTP on the
way to the staff pages, reading the secret off the page as an authenticator app would."""

import re

import pytest
from playwright.sync_api import expect

from tests.accounts.helpers import totp_code, wrong_code
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def test_staff_sets_up_totp_before_reaching_staff_pages(live_server, page, staff_without_totp):
    page.goto(f"{live_server.url}/accounts/login/?next=/manage/")
    page.get_by_label("Email").fill(staff_without_totp.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    # sent to set up TOTP; allauth first asks for the password again
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Access")
    expect(page.locator(".alert-warning")).to_contain_text(
        "Your role requires two-factor authentication."
    )
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate Authenticator App")
    expect(page.locator("img.totp-qr")).to_be_visible()
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)

    # a wrong code is refused with a message at the field
    page.get_by_label("Authenticator code").fill(wrong_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.locator("#id_code_errors")).to_have_text("Incorrect code.")

    # the right code activates it; the recovery codes come next, then the staff page
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery Codes")
    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) == 10
    page.get_by_role("link", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Staff area")
    assert page.url == f"{live_server.url}/manage/"
