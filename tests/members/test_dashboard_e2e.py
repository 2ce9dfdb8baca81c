"""In a real headless Chromium: the dashboard draws its charts under the site's CSP."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import MembershipFactory, PersonFactory
from tests.support.browser import sign_in as browser_sign_in

pytestmark = pytest.mark.e2e


def sign_in(page, client, live_server, user) -> None:
    browser_sign_in(page, client, live_server, user, warm_up="/manage/dashboard/")


def test_dashboard_draws_every_chart_without_csp_errors(
    live_server, page, client, association, association_staff
):
    for country, year in (("US", 2019), ("US", 2021), ("CA", 2021)):
        MembershipFactory(
            association=association,
            person=PersonFactory(country=country, field="physics", career_stage="student"),
            joined_on=dt.date(year, 1, 10),
            expires_on=timezone.localdate() + dt.timedelta(days=10),
        )
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    sign_in(page, client, live_server, association_staff)

    page.goto(f"{live_server.url}/manage/dashboard/")

    expect(page.locator("[data-total=people]")).to_have_text("3")
    charts = page.locator("canvas[id^=chart-]")
    expect(charts).to_have_count(5)
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('canvas[id^=chart-]')]"
        ".map(c => Boolean(window.Chart.getChart(c)))"
    )
    assert drawn == [True] * 5
    expect(page.locator('[data-chart-table="country"] tbody tr')).to_have_count(2)
    assert problems == []
