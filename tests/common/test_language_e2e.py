"""The language chosen while signed in follows the account to another browser."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.allauth-form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/")


def test_korean_chosen_signed_in_is_used_in_a_new_browser(live_server, browser, member_user):
    first = browser.new_context(locale="en-US")
    page = first.new_page()
    sign_in(page, live_server.url, member_user.email)
    page.goto(f"{live_server.url}/accounts/password/change/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change Password")
    page.locator("#language-switcher").get_by_role("button", name="한국어").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("비밀번호 변경")
    first.close()

    # another browser, English by its own settings and without any cookie of ours
    second = browser.new_context(locale="en-US")
    page = second.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    sign_in(page, live_server.url, member_user.email)
    page.goto(f"{live_server.url}/accounts/password/change/")

    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", level=1)).to_have_text("비밀번호 변경")
    second.close()
