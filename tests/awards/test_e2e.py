"""In a real browser: a member nominates a colleague with a PDF; a reviewer declares a
conflict on one nomination and scores another; the chair sees the ranking and announces."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from awards.enums import CycleStatus, SeatRole
from awards.models import AwardCycle, Candidate, Nomination, Review
from awards.services.assignments import assignment_create
from tests.awards.conftest import give_review, make_member, make_reviewer, nominate, start_review
from tests.factories import AssociationFactory, MembershipFactory, PersonFactory
from tests.factories.awards import open_cycle, pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _browser_for(browser, live_server, user):
    """A browser context signed in as ``user`` (a session made by ``force_login``)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="en-US")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_award_cycle_in_the_browser(browser, live_server, tmp_path):
    association = AssociationFactory(code="ksea-e")
    panel = AssociationFactory(code="panel-e", country="DE")
    cycle = open_cycle()
    chair = make_reviewer(cycle, panel, affiliation="Chair U", role=SeatRole.CHAIR)
    reviewer = make_reviewer(cycle, panel, affiliation="Reviewer U")
    second = make_reviewer(cycle, panel, affiliation="Second U")
    member = make_member(association, affiliation="Member U")
    colleague = PersonFactory(
        family_name_latin="Seo", given_name_latin="Yuna", affiliation="Caltech"
    )
    MembershipFactory(person=colleague, association=association)
    other = PersonFactory(family_name_latin="Han", given_name_latin="Joon", affiliation="ETH")
    MembershipFactory(person=other, association=association)
    nominate(cycle=cycle, nominator_user=make_member(association, affiliation="X"), nominee=other)
    pdf = tmp_path / "support-letter.pdf"
    pdf.write_bytes(pdf_bytes(pages=2))

    # The member nominates a colleague found through the roster search, with a PDF.
    page = _browser_for(browser, live_server, member)
    page.goto(f"{live_server.url}/awards/{cycle.award.code}/{cycle.year}/")
    page.get_by_role("link", name="Nominate someone").click()
    page.get_by_placeholder("Name (Hangul or Latin) or affiliation").fill("Yuna")
    results = page.locator("#person-results")
    expect(results).to_contain_text("Caltech")
    results.get_by_role("button", name="Nominate").click()
    expect(page.locator("h1")).to_contain_text("Yuna Seo")
    page.get_by_label("Statement (English)").fill("She built the first Korean-German quantum lab.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".alert-success")).to_contain_text("Your draft was saved.")
    page.locator("input[name=file]").set_input_files(str(pdf))
    page.get_by_label("Kind").select_option("support_letter")
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("#attachments")).to_contain_text("support-letter.pdf")
    page.get_by_role("button", name="Submit the nomination").click()
    expect(page.locator("#nomination-status")).to_have_text("Submitted")
    page.context.close()

    nomination = Nomination.objects.get(nominee=colleague)
    assert nomination.attachments.get().original_name == "support-letter.pdf"
    mine, theirs = Candidate.objects.get(person=colleague), Candidate.objects.get(person=other)
    for candidate in (mine, theirs):
        assignment_create(candidate=candidate, reviewer=reviewer, actor=chair)
        assignment_create(candidate=candidate, reviewer=second, actor=chair)
    start_review(cycle)
    give_review(second, mine, [7, 7, 7], "Solid.")
    give_review(second, theirs, [5, 5, 5], "Fine.")

    # The reviewer declares a conflict on one nomination and scores the other.
    page = _browser_for(browser, live_server, reviewer)
    page.goto(f"{live_server.url}/review/")
    row = page.locator("tr", has_text="Joon Han")
    row.get_by_role("link", name="Declare a conflict").click()
    page.get_by_label("Kind of conflict").select_option("collaborator")
    page.get_by_label("Reason").fill("We co-authored two papers last year.")
    page.get_by_role("button", name="Declare the conflict").click()
    expect(page.locator(".alert-success")).to_contain_text("conflict of interest was recorded")
    expect(page.locator("table")).not_to_contain_text("Joon Han")
    page.locator("tr", has_text="Yuna Seo").get_by_role("link", name="Open").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="support-letter.pdf").click()
    assert download.value.suggested_filename == "support-letter.pdf"
    for select in page.locator("#review-form select").all():
        select.select_option("9")
    page.locator("#review-form textarea").first.fill("Exceptional leadership.")
    expect(page.locator("#peer-reviews-hidden")).to_be_visible()
    page.get_by_role("button", name="Submit the review").click()
    expect(page.locator(".alert-success")).to_contain_text("Your review was submitted.")
    expect(page.locator("#peer-reviews-hidden")).to_be_visible()  # no discussion yet
    page.context.close()
    assert Review.objects.get(assignment__reviewer=reviewer).is_submitted

    # The chair opens the discussion, sees the ranking, decides and announces.
    page = _browser_for(browser, live_server, chair)
    page.goto(f"{live_server.url}/manage/awards/cycles/{cycle.pk}/")
    page.get_by_role("button", name="Open the discussion phase").click()
    page.goto(f"{live_server.url}/manage/awards/cycles/{cycle.pk}/ranking/")
    first_row = page.locator("#ranking tbody tr").first
    expect(first_row).to_contain_text("Yuna Seo")
    expect(first_row).to_contain_text("8.000")  # the mean of 9 and 7
    page.goto(f"{live_server.url}/manage/awards/cycles/{cycle.pk}/")
    page.get_by_role("button", name=re.compile("Move to .Deciding.")).click()
    expect(page.locator("#cycle-status")).to_have_text("Deciding")
    page.get_by_role("link", name="Record the decision").click()
    page.get_by_label("Yuna Seo").check()
    page.get_by_label("Rationale of the decision").fill("Highest in both rankings.")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_role("button", name="Announce the winners").click()
    expect(page.locator("#cycle-status")).to_have_text("Announced")
    page.goto(f"{live_server.url}/awards/{cycle.award.code}/{cycle.year}/")
    expect(page.locator("main")).to_contain_text("Yuna Seo")
    page.context.close()

    assert AwardCycle.objects.get(pk=cycle.pk).status == CycleStatus.ANNOUNCED
