"""In a real browser: an attendee downloads their certificate and checks its code."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from kofst.certificates import services
from kofst.certificates.models import Certificate
from tests.certificates.conftest import pdf_text, render_png
from tests.factories.conferences import ConferenceFactory, make_registration

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def browser_login(page, client, live_server, user) -> None:
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_attendee_downloads_certificate_and_verifies_it(
    page, client, live_server, settings, holder, association, design, hq_user, tmp_path
):
    settings.SITE_URL = live_server.url
    conference = ConferenceFactory(organisers=[association], title_en="UKC 2026")
    registration = make_registration(conference=conference, person=holder)
    registration.checked_in_at = timezone.now()
    registration.save(update_fields=["checked_in_at"])
    browser_login(page, client, live_server, holder.user)

    page.goto(f"{live_server.url}/me/certificates/")
    row = page.locator("li", has_text="UKC 2026")
    row.get_by_role("button").click()
    page.wait_for_selector(".alert-success")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").first.click()
    pdf = Path(download_info.value.path()).read_bytes()

    text = pdf_text(pdf, tmp_path)
    certificate = Certificate.objects.get(holder=holder, kind="attendance")
    assert "김철수" in text and "Chul-soo Kim" in text
    assert certificate.number in text
    assert render_png(pdf, "attendance-certificate-e2e").exists()

    page.get_by_role("link", name="Verification page").first.click()
    assert page.locator("#verify-result").get_attribute("data-result") == "valid"
    assert page.get_by_text(certificate.number).is_visible()

    services.certificate_revoke(certificate=certificate, actor=hq_user, reason="Test revocation")
    page.reload()
    assert page.locator("#verify-result").get_attribute("data-result") == "revoked"
