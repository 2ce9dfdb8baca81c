"""Every role on every certificate URL: only the holder and staff get files."""

import pytest

from kofst.certificates import services
from kofst.certificates.enums import CertificateKind
from kofst.certificates.models import CertificateBatch
from tests.factories import StaffRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(design, membership):
    return services.certificate_issue(
        kind=CertificateKind.MEMBERSHIP, subject=membership, person=membership.person, actor=None
    )


@pytest.fixture
def batch(certificate, association, hq_user):
    return CertificateBatch.objects.create(
        kind="membership",
        association=association,
        subject_type=certificate.subject_type,
        subject_id=certificate.subject_id,
        requested_by=hq_user,
    )


@pytest.fixture
def other_staff(other_association):
    from tests.conftest import give_totp

    user = StaffRoleFactory(association=other_association).user
    give_totp(user)
    return user


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


# (role, expected status) for the certificate file of a KSEA member.
DOWNLOAD = [
    ("hq", 200),
    ("association_admin", 200),
    ("association_staff", 200),
    ("committee", 404),
    ("anonymous", 302),
]


@pytest.mark.parametrize(("role", "expected"), DOWNLOAD)
def test_download_only_for_holder_and_staff(client, users_by_role, certificate, role, expected):
    response = client_for(client, users_by_role[role]).get(
        f"/certificates/{certificate.pk}/download/"
    )

    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
    if expected == 302:
        assert response["Location"].startswith("/accounts/login/")


def test_holder_downloads_own_certificate(client, certificate):
    client.force_login(certificate.holder.user)

    response = client.get(f"/certificates/{certificate.pk}/download/")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_another_member_cannot_download(client, certificate, users_by_role):
    from tests.factories import PersonFactory, UserFactory

    stranger = UserFactory()
    PersonFactory(user=stranger, email=stranger.email)
    client.force_login(stranger)

    assert client.get(f"/certificates/{certificate.pk}/download/").status_code == 404


def test_other_associations_staff_cannot_download_or_manage(client, certificate, other_staff):
    client.force_login(other_staff)

    assert client.get(f"/certificates/{certificate.pk}/download/").status_code == 404
    assert client.get(f"/manage/certificates/{certificate.pk}/").status_code == 404
    response = client.post(f"/manage/certificates/{certificate.pk}/revoke/", {"reason": "x"})
    assert response.status_code == 404
    certificate.refresh_from_db()
    assert certificate.status == "valid"


STAFF_PAGES = ["/manage/certificates/", "/manage/certificates/{cert}/"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("hq", 200),
        ("association_admin", 200),
        ("association_staff", 200),
        ("committee", 403),
        ("member", 403),
        ("anonymous", 302),
    ],
)
@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_pages_by_role(client, users_by_role, certificate, role, expected, page):
    response = client_for(client, users_by_role[role]).get(page.format(cert=certificate.pk))

    assert response.status_code == expected
    if expected == 200:
        assert certificate.number in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("hq", 200), ("association_staff", 200), ("member", 403), ("anonymous", 302)],
)
def test_batch_and_design_pages_by_role(client, users_by_role, batch, design, role, expected):
    c = client_for(client, users_by_role[role])

    statuses = {
        c.get(f"/manage/certificates/batches/{batch.pk}/").status_code,
        c.get(f"/manage/certificates/designs/{design.pk}/").status_code,
    }

    assert statuses == {expected}


def test_public_pages_for_anonymous(client, certificate):
    assert client.get("/verify/").status_code == 200
    assert client.get("/me/certificates/").status_code == 302


def test_staff_list_costs_a_fixed_number_of_queries(
    client, hq_user, design, association, django_assert_max_num_queries
):
    from tests.factories import MembershipFactory

    for _ in range(3):
        membership = MembershipFactory(association=association)
        services.certificate_issue(
            kind="membership", subject=membership, person=membership.person, actor=None
        )
    client.force_login(hq_user)

    with django_assert_max_num_queries(14):
        response = client.get("/manage/certificates/")

    assert response.status_code == 200
    assert response.content.decode().count("KOFST-") >= 3


def test_member_requests_and_downloads_own_membership_certificate(client, design, membership):
    client.force_login(membership.person.user)

    page = client.get("/me/certificates/")
    response = client.post(f"/me/certificates/request/membership/{membership.pk}/")

    assert "KSEA" in page.content.decode()
    assert response.status_code == 302
    certificate = membership.person.certificates.get()
    assert certificate.number in client.get(response["Location"]).content.decode()
    pdf = client.get(f"/certificates/{certificate.pk}/download/?attachment=1")
    assert pdf.content.startswith(b"%PDF-")
    assert pdf["Content-Disposition"].startswith("attachment;")


def test_member_cannot_request_someone_elses_membership_certificate(
    client, design, membership, users_by_role
):
    from tests.factories import PersonFactory, UserFactory

    stranger = UserFactory()
    PersonFactory(user=stranger, email=stranger.email)
    client.force_login(stranger)

    response = client.post(f"/me/certificates/request/membership/{membership.pk}/")

    assert response.status_code == 404
    assert not membership.person.certificates.exists()


def test_staff_open_their_associations_default_design(client, association_staff, association):
    client.force_login(association_staff)

    response = client.get(f"/manage/certificates/designs/open/?association={association.pk}")

    assert response.status_code == 302
    design = association.certificate_designs.get()
    assert response["Location"] == f"/manage/certificates/designs/{design.pk}/"


def test_staff_cannot_open_another_associations_design(
    client, association_staff, other_association
):
    client.force_login(association_staff)

    response = client.get(f"/manage/certificates/designs/open/?association={other_association.pk}")

    assert response.status_code == 404
    assert not other_association.certificate_designs.exists()


def test_batch_error_does_not_redirect_off_site(client, hq_user, membership):
    client.force_login(hq_user)

    response = client.post(
        "/manage/certificates/batches/",
        {"kind": "membership", "subject_id": membership.pk, "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/manage/certificates/"
