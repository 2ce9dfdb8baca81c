"""In a real headless Chromium: a staff member finds a member by part of the Hangul
name (live search), renews the membership and sees the new expiry."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.services.memberships import add_years
from tests.factories.roster import make_member
from tests.support.browser import sign_in as browser_sign_in

pytestmark = pytest.mark.e2e


def sign_in(page, client, live_server, user) -> None:
    browser_sign_in(page, client, live_server, user, warm_up="/manage/roster/")


def test_staff_finds_member_by_hangul_name_part_and_renews(
    live_server, page, client, association, association_staff
):
    expires = timezone.localdate() + dt.timedelta(days=20)
    member = make_member(
        association,
        family_name_ko="김",
        given_name_ko="철수",
        family_name_latin="Kim",
        given_name_latin="Cheol-su",
        membership={"member_number": "KSEA-000777", "expires_on": expires},
    )
    make_member(association, family_name_ko="이", given_name_ko="영희", family_name_latin="Lee")
    make_member(association, family_name_ko="김", given_name_ko="민수", family_name_latin="Kim")
    sign_in(page, client, live_server, association_staff)

    page.goto(f"{live_server.url}/manage/roster/")
    expect(page.locator("#roster-table tbody tr")).to_have_count(3)
    page.get_by_label("Search").fill("철수")  # two syllables of the given name, live search
    expect(page.locator("#roster-table tbody tr")).to_have_count(1)
    expect(page).to_have_url(
        f"{live_server.url}/manage/roster/?q=%EC%B2%A0%EC%88%98&sort=name_latin"
    )
    page.get_by_role("link", name="김철수").click()

    expect(page.locator("#person-name")).to_contain_text("김철수")
    row = page.locator(f"#membership-{member.pk}")
    expect(row.locator("[data-expires]")).to_have_text(expires.isoformat())
    row.get_by_role("link", name="Renew").click()

    page.get_by_label("Renew for (years)").fill("1")
    page.get_by_role("button", name="Renew").click()

    new_expiry = add_years(expires, 1)
    expect(page.locator(".alert-success")).to_contain_text("now expires on")
    expect(row.locator("[data-expires]")).to_have_text(new_expiry.isoformat())
    expect(row.locator("[data-status]")).to_have_text("Active")
