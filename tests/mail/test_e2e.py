"""In a real browser, with a real worker: staff write a campaign for one chapter, watch
the live count, preview it for a member, send it and watch the progress bar reach 100%."""

import re

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from kofst.mail.models import Campaign
from tests.factories import ChapterFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def browser_login(page, client, live_server, user) -> None:
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_staff_send_a_chapter_campaign_and_watch_it_finish(
    page, client, live_server, mail_workers, smtp_server, association_staff, association, members_of
):
    boston = ChapterFactory(association=association, name_en="Boston")
    chosen = members_of(association, 3, chapter=boston, preferred_language="en")
    members_of(association, 2)  # elsewhere: not in the audience
    mail_workers(MAIL_RATE_PER_SECOND="2")  # slow enough to see it progress
    browser_login(page, client, live_server, association_staff)

    page.goto(f"{live_server.url}/manage/mail/new/")
    page.get_by_label("Name (for staff)").fill("Boston chapter meeting")
    expect(page.locator("#audience-count")).to_have_text("0")  # newsletter: nobody agreed
    page.get_by_label(re.compile("^Newsletter")).uncheck()  # a notice for every member
    expect(page.locator("#audience-count")).to_have_text("5")
    page.get_by_label("Chapters").select_option(str(boston.pk))
    expect(page.locator("#audience-count")).to_have_text("3")
    page.get_by_label("Subject (English)").fill("Boston meeting, {{ name }}")
    page.get_by_label("Message (English)").fill("Dear {{ name }},\n\nSee you on Friday.")
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Boston chapter meeting")
    expect(page.locator("#preview-subject")).to_have_text(re.compile(r"^Boston meeting, "))
    second = sorted(chosen, key=lambda p: (p.family_name_latin, p.given_name_latin, p.pk))[1]
    page.locator(f'#preview-people [data-person="{second.pk}"]').click()
    expect(page.locator("#preview-subject")).to_have_text(f"Boston meeting, {second.name_latin}")
    expect(page.locator("#preview-html")).to_contain_text("See you on Friday.")

    page.get_by_role("button", name="Send campaign").click()
    status = page.locator("#campaign-status")
    expect(status).to_have_attribute("data-state", re.compile("building|sending"))
    expect(status).to_have_attribute("hx-trigger", "every 2s")  # the page polls
    expect(page.locator("#progress-percent")).to_have_text("100%", timeout=30_000)
    expect(status).to_have_attribute("data-state", "done")
    expect(status).not_to_have_attribute("hx-trigger", "every 2s")  # and stops
    expect(page.locator('[data-count="sent"]')).to_have_text("3")
    sent_bar = page.locator("#progress .progress").first
    expect(sent_bar).to_have_attribute("style", re.compile(r"width: 100%"))  # set by mail.js

    assert sorted(m["X-Envelope-To"] for m in smtp_server.messages) == sorted(
        p.email for p in chosen
    )
    assert Campaign.objects.get().state == "done"
