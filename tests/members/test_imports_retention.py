"""Uploaded roster files are deleted after ``ROSTER_IMPORT_KEEP_DAYS``; the history stays."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from members.imports import services
from members.imports.models import ImportJob
from members.imports.retention import import_files_purge
from tests.members.imports_support import KOREAN_HEADERS, ROWS, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def previewed_job(association, hq_user, django_capture_on_commit_callbacks):
    rows = [list(r) for r in ROWS]
    rows[2][KOREAN_HEADERS.index("가입일")] = "31/02/2021"
    job = services.import_job_create(
        association=association,
        name="회원명단.csv",
        data=csv_bytes(KOREAN_HEADERS, rows, encoding="cp949"),
        actor=hq_user,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.import_job_map(job=job, mapping=job.mapping, remember=False, actor=hq_user)
    job.refresh_from_db()
    assert job.status == "previewed" and job.file and job.staged and job.report
    return job


def _stored(job: ImportJob) -> list[bool]:
    return [field.storage.exists(field.name) for field in (job.file, job.staged, job.report)]


def test_recent_imports_keep_their_files(previewed_job, settings):
    settings.ROSTER_IMPORT_KEEP_DAYS = 30

    purged = import_files_purge(now=timezone.now() + dt.timedelta(days=29))

    assert purged == 0
    assert _stored(previewed_job) == [True, True, True]


def test_an_unconfirmed_import_is_closed_and_its_files_deleted(
    client, hq_user, previewed_job, settings, django_capture_on_commit_callbacks
):
    settings.ROSTER_IMPORT_KEEP_DAYS = 30
    before = ImportJob.objects.get(pk=previewed_job.pk)

    with django_capture_on_commit_callbacks(execute=True):
        purged = import_files_purge(now=timezone.now() + dt.timedelta(days=31))

    job = ImportJob.objects.get(pk=previewed_job.pk)
    assert purged == 1
    assert _stored(before) == [False, False, False]
    assert (job.file.name, job.staged.name, job.report.name) == ("", "", "")
    assert job.status == "failed" and job.problem["code"] == "expired"
    # the history keeps what happened
    assert (job.original_name, job.invalid_count, job.mapping) == (
        "회원명단.csv",
        1,
        before.mapping,
    )
    client.force_login(hq_user)
    page = client.get(reverse("members:import_result", args=[job.pk])).content.decode()
    assert "This import was not confirmed within 30 days, so its file was deleted." in page
    assert "were deleted 30 days after the import" in page
    report = client.get(reverse("members:import_errors", args=[job.pk]))
    assert report.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert import_files_purge(now=timezone.now() + dt.timedelta(days=60)) == 0


def test_a_finished_import_loses_its_files_but_not_its_outcome(
    previewed_job, hq_user, settings, django_capture_on_commit_callbacks
):
    settings.ROSTER_IMPORT_KEEP_DAYS = 7
    with django_capture_on_commit_callbacks(execute=True):
        services.import_job_confirm(job=previewed_job, mode="valid", actor=hq_user)
    done = ImportJob.objects.get(pk=previewed_job.pk)
    assert done.status == "done" and done.new_count == 2

    with django_capture_on_commit_callbacks(execute=True):
        import_files_purge(now=done.finished_at + dt.timedelta(days=8))

    job = ImportJob.objects.get(pk=previewed_job.pk)
    assert _stored(done) == [False, False, False]
    assert (job.status, job.new_count, job.invalid_count) == ("done", 2, 1)
