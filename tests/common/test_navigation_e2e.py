"""In a real headless Chromium: the navigation bar keeps to one row for the busiest role
(HQ staff), with the staff tools in a "Manage" menu and one's own pages in the account
menu."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.support.browser import sign_in

pytestmark = pytest.mark.e2e


def test_hq_navigation_fits_one_row_and_reaches_the_roster(live_server, page, client, hq_user):
    sign_in(page, client, live_server, hq_user, warm_up="/manage/roster/")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/conferences/")
    nav = page.get_by_role("navigation", name="Main navigation")

    brand = nav.get_by_role("link", name="KOFST Global Network").bounding_box()
    conferences = nav.get_by_role("link", name="Conferences", exact=True).bounding_box()
    assert abs(conferences["y"] - brand["y"]) < brand["height"]  # the same row
    assert nav.bounding_box()["height"] < 80
    shot = settings.BASE_DIR / "var" / "navigation-hq.png"  # for a person to look at
    shot.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(shot))

    nav.get_by_role("button", name="Manage").click()
    nav.get_by_role("link", name="Roster").click()
    expect(page).to_have_url(f"{live_server.url}/manage/roster/")
    nav.get_by_role("button", name=hq_user.get_short_name()).click()
    expect(nav.get_by_role("link", name="My profile")).to_be_visible()
