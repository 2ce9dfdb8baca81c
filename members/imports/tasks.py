"""Celery tasks of the roster import: thin wrappers around the services."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from members.imports import retention, services

_TRANSIENT = (OperationalError, InterfaceError)


@shared_task(acks_late=True, autoretry_for=_TRANSIENT, retry_backoff=True, max_retries=3)
def import_preview(*, job_id: int) -> None:
    services.import_job_preview(job_id=job_id)


@shared_task(acks_late=True, autoretry_for=_TRANSIENT, retry_backoff=True, max_retries=3)
def import_run(*, job_id: int) -> None:
    services.import_job_run(job_id=job_id)


@shared_task(name="imports.purge_files")
def purge_files() -> int:
    return retention.import_files_purge()
