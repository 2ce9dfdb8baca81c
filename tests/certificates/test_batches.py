"""A whole conference's attendance certificates by a real Celery worker over Redis."""

import io
import time
import zipfile

import pytest
from django.utils import timezone
from pypdf import PdfReader

from kofst.certificates.models import Certificate, CertificateBatch, CertificateDesign
from tests.factories import PersonFactory
from tests.factories.conferences import ConferenceFactory, make_registration

ATTENDEES = 30


def wait_for(batch_id: int, timeout: float = 90.0) -> CertificateBatch:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        batch = CertificateBatch.objects.get(pk=batch_id)
        if batch.status in ("done", "failed"):
            return batch
        time.sleep(0.3)
    raise AssertionError(f"batch {batch_id} did not finish: {batch.status} {batch.done}")


@pytest.fixture
def conference_with_attendees(association):
    CertificateDesign.objects.create(
        association=association, signer_1_name="이사장 Lee", signer_1_title="President"
    )
    conference = ConferenceFactory(organisers=[association], capacity=ATTENDEES + 5)
    for i in range(ATTENDEES):
        person = PersonFactory(
            family_name_ko="박", given_name_ko=f"{'가나다라마바사아자차'[i % 10]}영"
        )
        registration = make_registration(conference=conference, person=person)
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at"])
    return conference


@pytest.mark.usefixtures("celery_worker_process")
def test_batch_renders_one_pdf_per_attendee_and_one_merged_pdf(
    client, hq_user, conference_with_attendees
):
    client.force_login(hq_user)
    response = client.post(
        "/manage/certificates/batches/",
        {"kind": "attendance", "subject_id": conference_with_attendees.pk},
    )
    batch_id = int(response["Location"].rstrip("/").rsplit("/", 1)[-1])

    batch = wait_for(batch_id)

    assert batch.status == "done", batch.error
    assert batch.done == batch.total == ATTENDEES
    with batch.zip_file.open("rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    assert len(names) == ATTENDEES
    assert all(name.startswith("KOFST-") and name.endswith(".pdf") for name in names)
    with batch.merged_file.open("rb") as handle:
        assert len(PdfReader(io.BytesIO(handle.read())).pages) == ATTENDEES
    sizes = list(Certificate.objects.values_list("file_size", flat=True))
    assert len(sizes) == ATTENDEES and max(sizes) < 100_000

    progress = client.get(f"/manage/certificates/batches/{batch_id}/")
    assert "100%" in progress.content.decode()
    zip_response = client.get(f"/manage/certificates/batches/{batch_id}/zip/")
    assert zip_response["Content-Type"] == "application/zip"
    assert b"".join(zip_response.streaming_content)[:2] == b"PK"
    zip_response.close()

    numbers_before = sorted(Certificate.objects.values_list("number", "code"))
    again = client.post(
        "/manage/certificates/batches/",
        {"kind": "attendance", "subject_id": conference_with_attendees.pk},
    )
    second = wait_for(int(again["Location"].rstrip("/").rsplit("/", 1)[-1]))

    assert second.status == "done"
    assert sorted(Certificate.objects.values_list("number", "code")) == numbers_before
