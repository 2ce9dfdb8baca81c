"""Uploaded rosters are personal data: their files are kept only while staff need them.

``ROSTER_IMPORT_KEEP_DAYS`` after an import finished (or after its upload, for one never
confirmed), the uploaded file, the checked rows and the error report are deleted. The
import's row stays in the history: who, when, the file's name, the mapping, the counts
and the first problems. An import left unconfirmed that long is closed as failed, saying
why, so that nobody confirms it from a file that is gone.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from members.imports.enums import FINAL_STATUSES, ImportStatus
from members.imports.models import ImportJob

FILE_FIELDS = ("file", "staged", "report")
# Unconfirmed imports that a person, not a worker, must move on.
_WAITING = (ImportStatus.UPLOADED, ImportStatus.PREVIEWED)


def import_files_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the files of imports older than the retention period; returns how many
    imports lost their files."""
    now = now or timezone.now()
    days = settings.ROSTER_IMPORT_KEEP_DAYS
    cutoff = now - dt.timedelta(days=days)
    with_files = Q()
    for name in FILE_FIELDS:
        with_files |= ~Q(**{name: ""})
    old = Q(status__in=FINAL_STATUSES, finished_at__lt=cutoff) | Q(
        status__in=_WAITING, created_at__lt=cutoff
    )
    purged = 0
    for job_id in ImportJob.objects.filter(with_files, old).values_list("pk", flat=True):
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().get(pk=job_id)
            if job.status in _WAITING:
                job.status = ImportStatus.FAILED
                job.problem = {"code": "expired", "params": {"days": days}}
                job.finished_at = now
            files = [getattr(job, name) for name in FILE_FIELDS if getattr(job, name)]
            for name in FILE_FIELDS:
                setattr(job, name, "")
            job.save(update_fields=[*FILE_FIELDS, "status", "problem", "finished_at"])
            # The files go once the row no longer names them.
            transaction.on_commit(lambda files=files: _delete(files))
        purged += 1
    return purged


def _delete(files) -> None:  # type: ignore[no-untyped-def]
    for field_file in files:
        field_file.storage.delete(field_file.name)
