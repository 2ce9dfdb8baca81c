import pytest
from django.core.cache import cache

from kofst.certificates import codes, services
from kofst.certificates.enums import CertificateKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


@pytest.fixture
def certificate(design, membership):
    return services.certificate_issue(
        kind=CertificateKind.MEMBERSHIP, subject=membership, person=membership.person, actor=None
    )


def test_valid_code_shows_what_is_printed(client, certificate):
    response = client.get(f"/verify/{codes.display_code(certificate.code)}/")

    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-result="valid"' in body
    assert "김철수" in body and "Chul-soo Kim" in body
    assert certificate.number in body
    # Nothing beyond the certificate: no email, no member's affiliation.
    assert certificate.holder.email not in body
    assert certificate.holder.affiliation not in body


def test_revoked_code_says_revoked_and_when(client, certificate, hq_user):
    services.certificate_revoke(certificate=certificate, actor=hq_user, reason="Issued in error")

    response = client.get(f"/verify/{codes.display_code(certificate.code)}/")

    assert response.status_code == 200
    assert 'data-result="revoked"' in response.content.decode()


def test_unknown_code_is_not_found(client, certificate):
    unknown = codes.new_code()

    response = client.get(f"/verify/{codes.display_code(unknown)}/")

    assert response.status_code == 404
    assert 'data-result="unknown"' in response.content.decode()


def test_tampered_code_is_not_found_without_a_lookup(
    client, certificate, django_assert_max_num_queries
):
    code = certificate.code
    tampered = code[:-1] + ("0" if code[-1] != "0" else "1")

    with django_assert_max_num_queries(2):  # session/auth at most; no certificate query
        response = client.get(f"/verify/{tampered}/")

    assert response.status_code == 404
    assert 'data-result="unknown"' in response.content.decode()


def test_verification_is_rate_limited_per_address(client, certificate):
    url = f"/verify/{codes.display_code(certificate.code)}/"
    statuses = [client.get(url).status_code for _ in range(31)]

    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429


def test_verify_form_redirects_to_the_code_page(client, certificate):
    response = client.get("/verify/", {"code": certificate.code.lower()})

    assert response.status_code == 302
    assert response["Location"] == f"/verify/{codes.display_code(certificate.code)}/"
