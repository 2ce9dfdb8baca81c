"""In a real headless Chromium: a scientist registers for UKC, gets the confirmation at a
real SMTP server, opens the ticket with its QR code and cancels, which promotes (and
emails) the first person waiting; a volunteer checks someone in at the door."""

import io
import time
from email.utils import parseaddr

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from conferences import services, tickets
from conferences.models import Registration
from tests.factories import PersonFactory
from tests.factories.conferences import (
    ConferenceFactory,
    QuestionFactory,
    RegistrationCategoryFactory,
    make_registration,
)
from tests.support.browser import sign_in

pytestmark = pytest.mark.e2e


def wait_for_mail(smtp_server, address: str, subject: str, timeout: float = 15.0):
    """The first message to ``address`` whose subject contains ``subject``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in smtp_server.messages:
            if parseaddr(message["To"])[1] == address and subject in message["Subject"]:
                return message
        time.sleep(0.1)
    raise AssertionError(f"no mail to {address}: {[m['To'] for m in smtp_server.messages]}")


def body_of(message) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content()


def test_member_registers_sees_ticket_cancels_and_the_next_in_line_is_promoted(
    live_server, page, client, settings, smtp_server, association, member_user
):
    for name, value in smtp_server.settings().items():
        setattr(settings, name, value)
    conference = ConferenceFactory(
        organisers=[association], slug="ukc-2026", title_en="UKC 2026", capacity=2
    )
    category = RegistrationCategoryFactory(conference=conference, name_en="Non-member")
    QuestionFactory(
        conference=conference, label_en="Dietary requirements", kind="choice",
        choices="None\nVegetarian", required=True,
    )  # fmt: skip
    make_registration(conference=conference, category=category)
    member = member_user.person
    sign_in(page, client, live_server, member_user, "/conferences/")

    page.goto(f"{live_server.url}/conferences/ukc-2026/")
    page.get_by_role("link", name="Register").click()
    page.get_by_label("Non-member").check()
    page.get_by_label("Dietary requirements").select_option("Vegetarian")
    page.get_by_role("button", name="Register").click()

    expect(page.get_by_text("You are registered. Your ticket is below.")).to_be_visible()
    registration = Registration.objects.get(person=member)
    code = tickets.format_code(registration.code)
    expect(page.get_by_test_id("ticket-code")).to_have_text(code)
    expect(page.get_by_test_id("amount-owed")).to_contain_text("You owe 150.00 USD.")
    source = page.get_by_alt_text("QR code of your ticket").get_attribute("src")
    assert source.startswith("data:image/svg+xml")
    png = page.get_by_alt_text("QR code of your ticket").screenshot()
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]
    assert decoded == [tickets.sign_code(registration.code)]
    confirmation = wait_for_mail(smtp_server, member.email, "Registration confirmed: UKC 2026")
    assert code in body_of(confirmation)

    waiting = services.registration_create(
        conference=conference,
        person=PersonFactory(email="next.in.line@example.org"),
        category=category,
        actor=None,
    )
    assert waiting.status == "waitlisted"

    page.get_by_role("link", name="Cancel my registration").click()
    page.get_by_role("button", name="Yes, cancel").click()

    expect(page.get_by_text("Your registration is cancelled.")).to_be_visible()
    expect(page.get_by_test_id("status")).to_contain_text("Cancelled")
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    promoted = wait_for_mail(smtp_server, "next.in.line@example.org", "you are confirmed")
    assert code not in body_of(promoted)  # their own ticket, not the member's
    cancelled = [m for m in smtp_server.messages if "Registration cancelled" in m["Subject"]]
    assert [parseaddr(m["To"])[1] for m in cancelled] == [member.email]


def test_volunteer_checks_a_registrant_in_at_the_door(
    live_server, page, client, association, association_staff
):
    conference = ConferenceFactory(organisers=[association], slug="ukc-2026")
    category = RegistrationCategoryFactory(conference=conference, name_en="Member")
    registration = make_registration(
        conference=conference,
        category=category,
        person=PersonFactory(family_name_ko="박", given_name_ko="지민", given_name_latin="Jimin",
                             family_name_latin="Park"),
    )  # fmt: skip
    sign_in(page, client, live_server, association_staff, "/manage/conferences/")

    page.goto(f"{live_server.url}/manage/conferences/ukc-2026/check-in/")
    field = page.get_by_label("Ticket code")
    field.fill(tickets.sign_code(registration.code))  # what a scanner types
    field.press("Enter")

    result = page.get_by_test_id("checkin-result")
    expect(result).to_contain_text("Checked in.")
    expect(result).to_contain_text("박지민")
    expect(result).to_contain_text("Jimin Park")
    expect(result).to_contain_text("To pay: 150.00 USD")
    expect(field).to_have_value("")
    expect(field).to_be_focused()

    field.fill(tickets.format_code(registration.code).lower())  # a second volunteer types it
    field.press("Enter")

    expect(result).to_contain_text("Already checked in at")
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert registration.checked_in_by == association_staff

    page.get_by_role("link", name="Attendance").click()
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(page.locator("table tbody tr")).to_contain_text("박지민")
