"""Writes of the roster import: upload, mapping, preview, confirm, run; and the one-shot
``roster_import`` the benchmark and scripts use.

Reading and checking the file (the slow part) happens once, in the preview; the run
writes the checked rows the preview staged, after matching them again inside its
transaction (the database may have changed in between). Both run in Celery.
"""

import logging
import time
import uuid
from dataclasses import dataclass
from pathlib import PurePath

import tablib
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.results import Result

from associations.models import Association
from kofst.common.audit import audit_record
from members.imports import rules as _rules  # noqa: F401  (registers the permissions)
from members.imports.columns import (
    COLUMNS_BY_KEY,
    guess_mapping,
    mapping_problem,
    normalize_header,
)
from members.imports.enums import ImportMode, ImportStatus
from members.imports.files import dump_report, dump_valid, load_checked
from members.imports.messages import FileProblem, render
from members.imports.models import ImportJob, SavedMapping
from members.imports.progress import ProgressWriter
from members.imports.reading import Table, read_table
from members.imports.resources import Checked, RosterResource
from members.imports.selectors import saved_mapping_for

logger = logging.getLogger(__name__)
SHOWN_ERRORS = 1000  # the pages show this many; the error report has all


@dataclass
class ImportOutcome:
    result: Result
    checked: Checked
    written: bool
    seconds: float

    @property
    def totals(self) -> dict[str, int]:
        return dict(self.result.totals)


def _check_permission(actor, association: Association) -> None:
    if not actor.has_perm("members.import_roster", association):
        raise PermissionDenied


def _dataset(table: Table) -> tablib.Dataset:
    return tablib.Dataset(*table.rows, headers=table.headers)


def _summary(job_or_name, association: Association) -> str:
    name = getattr(job_or_name, "original_name", job_or_name)
    return _("Imported into %(association)s from %(file)s") % {
        "association": association.display_code,
        "file": name,
    }


# --- one shot ---------------------------------------------------------------------


def roster_import(
    *,
    association: Association,
    data: bytes,
    filename: str,
    actor,
    mapping: dict[str, str] | None = None,
    valid_only: bool = False,
    dry_run: bool = False,
) -> ImportOutcome:
    """Read, check and (unless ``dry_run``) import a roster file in this process.

    ``mapping`` defaults to the guess (saved mapping, then known headers). All or nothing
    unless ``valid_only``. Raises ``FileProblem`` for a file that cannot be read or
    mapped. Side effects: people and memberships written, one history entry per row
    written and one for the import.
    """
    _check_permission(actor, association)
    started = time.perf_counter()
    table = read_table(data, filename)
    mapping = mapping or guess_mapping(table.headers, saved_mapping_for(association=association))
    problem = mapping_problem(mapping)
    if problem:
        raise FileProblem(problem)
    resource = RosterResource(association=association, mapping=mapping)
    with transaction.atomic():
        Association.objects.select_for_update().filter(pk=association.pk).first()
        result = resource.import_data(
            _dataset(table),
            dry_run=dry_run,
            raise_errors=False,
            collect_failed_rows=True,
            row_numbers=table.row_numbers,
            rows=table.rows,
            valid_only=valid_only,
            actor=actor,
            summary=_summary(filename, association),
        )
        written = not dry_run and (valid_only or not resource.checked.errors)
        if written:
            _audit_import(actor, association, filename, result)
    return ImportOutcome(result, resource.checked, written, time.perf_counter() - started)


def _audit_import(actor, association: Association, name: str, result: Result, job=None) -> None:
    totals = result.totals
    audit_record(
        actor=actor,
        action="roster.import",
        subject=job,
        association_id=association.pk,
        summary=_(
            "%(file)s: %(new)s new, %(updated)s updated, %(unchanged)s unchanged, "
            "%(invalid)s not imported"
        )
        % {
            "file": name,
            "new": totals["new"],
            "updated": totals["update"],
            "unchanged": totals["skip"],
            "invalid": totals["invalid"],
        },
        changes={"totals": dict(totals)},
    )


# --- the job flow -------------------------------------------------------------------


def import_job_create(*, association: Association, name: str, data: bytes, actor) -> ImportJob:
    """Store an uploaded file for import into ``association`` and guess its mapping.

    Raises ``ValidationError`` (on ``file``) for a file that cannot be read; then nothing
    is stored.
    """
    _check_permission(actor, association)
    try:
        table = read_table(data, name)
    except FileProblem as problem:
        raise ValidationError({"file": str(problem)}) from None
    suffix = PurePath(name).suffix.lower()[:6] or f".{table.file_format}"
    job = ImportJob(
        association=association,
        created_by=actor,
        original_name=PurePath(name).name[:255] or "roster",
        size=len(data),
        file_format=table.file_format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        headers=table.headers,
        total_rows=len(table.rows),
        samples=[[_sample(cell) for cell in row] for row in table.rows[:3]],
        mapping=guess_mapping(table.headers, saved_mapping_for(association=association)),
    )
    job.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(data), save=False)
    job.save()
    return job


def _sample(cell) -> str:
    text = "" if cell is None else str(cell)
    return text if len(text) <= 60 else text[:59] + "…"


def _validate_mapping(job: ImportJob, mapping: dict[str, str]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    used: dict[str, str] = {}
    for header in job.headers:
        key = mapping.get(header) or ""
        if key and key not in COLUMNS_BY_KEY:
            key = ""
        if key and key in used:
            raise ValidationError(
                render("duplicate_mapping", {"column": COLUMNS_BY_KEY[key].label}),
                code="duplicate_mapping",
            )
        if key:
            used[key] = header
        cleaned[header] = key
    problem = mapping_problem(cleaned)
    if problem:
        raise ValidationError(render(problem), code=problem)
    return cleaned


@transaction.atomic
def import_job_map(*, job: ImportJob, mapping: dict[str, str], remember: bool, actor) -> ImportJob:
    """Set the column mapping and queue the preview.

    Side effects: the association's saved mapping updated when ``remember``; the
    preview task queued on commit.
    """
    _check_permission(actor, job.association)
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status not in (ImportStatus.UPLOADED, ImportStatus.PREVIEWED, ImportStatus.FAILED):
        raise ValidationError(_("This import is already under way."), code="busy")
    job.mapping = _validate_mapping(job, mapping)
    job.status = ImportStatus.PREVIEWING
    job.processed_rows = 0
    job.problem = {}
    job.save(update_fields=["mapping", "status", "processed_rows", "problem"])
    if remember:
        saved, _created = SavedMapping.objects.select_for_update().get_or_create(
            association=job.association
        )
        saved.columns = {
            **saved.columns,
            **{normalize_header(h): k for h, k in job.mapping.items() if normalize_header(h)},
        }
        saved.updated_by = actor
        saved.save()
    _enqueue("import_preview", job.pk)
    return job


def _enqueue(task_name: str, job_id: int) -> None:
    # The tasks module imports this one (tasks are thin wrappers around these services).
    from members.imports import tasks

    task = getattr(tasks, task_name)
    transaction.on_commit(lambda: task.delay(job_id=job_id))


def _read_job_file(job: ImportJob) -> Table:
    with job.file.open("rb") as handle:
        return read_table(handle.read(), job.original_name)


def _save_file(field, name: str, content: bytes) -> None:
    if field:
        field.delete(save=False)
    field.save(name, ContentFile(content), save=False)


def _stored_errors(resource: RosterResource, checked: Checked) -> list[dict]:
    errors = []
    for error in sorted(checked.errors, key=lambda e: e.row)[:SHOWN_ERRORS]:
        errors.append(
            {
                "row": error.row,
                "column": error.column,
                "header": resource.column_header(error.column) if error.column else "",
                "code": error.code,
                "params": error.params,
            }
        )
    return errors


def import_job_preview(*, job_id: int) -> None:
    """Check every row of a job's file and count what the import would do; write
    nothing but the job and its staged files. Runs in the preview task."""
    job = ImportJob.objects.select_related("association").filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.PREVIEWING:
        return
    started = time.perf_counter()
    progress = ProgressWriter(job, start=0.0, end=0.9)
    try:
        table = _read_job_file(job)
        resource = RosterResource(association=job.association, mapping=job.mapping)
        result = resource.import_data(
            _dataset(table),
            dry_run=True,
            raise_errors=False,
            row_numbers=table.row_numbers,
            rows=table.rows,
            progress=progress,
        )
    except FileProblem as problem:
        _fail(job, problem.code, problem.params)
        return
    finally:
        progress.close()
    checked = resource.checked
    _save_file(job.staged, f"{uuid.uuid4().hex}.json", dump_valid(checked))
    _save_file(job.report, f"{uuid.uuid4().hex}.json", dump_report(checked))
    _set_counts(job, result)
    job.errors = _stored_errors(resource, checked)
    job.total_rows = result.total_rows
    job.processed_rows = job.total_rows
    job.status = ImportStatus.PREVIEWED
    job.previewed_at = timezone.now()
    job.preview_seconds = time.perf_counter() - started
    job.save()


def _set_counts(job: ImportJob, result: Result) -> None:
    job.new_count = result.totals["new"]
    job.updated_count = result.totals["update"]
    job.unchanged_count = result.totals["skip"]
    job.invalid_count = result.totals["invalid"]


def _fail(job: ImportJob, code: str, params: dict | None = None) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.FAILED,
        problem={"code": code, "params": params or {}},
        finished_at=timezone.now(),
    )


@transaction.atomic
def import_job_confirm(*, job: ImportJob, mode: str, actor) -> ImportJob:
    """Queue the import of a previewed job. Side effects: the run task queued on commit."""
    _check_permission(actor, job.association)
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportStatus.PREVIEWED:
        raise ValidationError(_("Check the file (preview) before importing it."), code="state")
    job.mode = ImportMode(mode)
    job.status = ImportStatus.QUEUED
    job.processed_rows = 0
    job.confirmed_by = actor
    job.save(update_fields=["mode", "status", "processed_rows", "confirmed_by"])
    _enqueue("import_run", job.pk)
    return job


def _raw_lookup(job: ImportJob):
    """The file's cells of a row by its number, read again only if needed (a row that
    turned invalid between the preview and the run)."""
    cache: dict[int, list] = {}

    def lookup(number: int) -> list:
        if not cache:
            table = _read_job_file(job)
            cache.update(zip(table.row_numbers, table.rows, strict=True))
        return list(cache.get(number, []))

    return lookup


def import_job_run(*, job_id: int) -> None:
    """Write a confirmed job's checked rows: all or nothing, or the valid ones only.

    Runs in the import task; safe to run twice (a second run of a finished job does
    nothing; a run after a crash starts again, as the crashed one wrote nothing).
    Side effects: people and memberships written; history entries (one per row written,
    one for the import); the job's counts, status and error report.
    """
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
            return
        job.status = ImportStatus.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["status", "started_at"])
    job = ImportJob.objects.select_related("association", "confirmed_by").get(pk=job_id)
    started = time.perf_counter()
    progress = ProgressWriter(job, start=0.0, end=1.0)
    try:
        with job.staged.open("rb") as valid, job.report.open("rb") as report:
            checked = load_checked(valid.read(), report.read())
        errors_before = len(checked.errors)
        with transaction.atomic():
            # One import at a time per association: member numbers are unique in it.
            Association.objects.select_for_update().filter(pk=job.association_id).first()
            if ImportJob.objects.filter(pk=job.pk, status=ImportStatus.DONE).exists():
                return
            resource = RosterResource(association=job.association, mapping=job.mapping)
            resource.raw_lookup = _raw_lookup(job)
            valid_only = job.mode == ImportMode.VALID_ONLY
            result = resource.import_checked(
                checked,
                dry_run=False,
                lock=True,
                valid_only=valid_only,
                actor=job.confirmed_by,
                summary=_summary(job, job.association),
                progress=progress,
            )
            progress.close()
            written = valid_only or not checked.errors
            if written:
                _audit_import(job.confirmed_by, job.association, job.original_name, result, job)
            if len(checked.errors) != errors_before:
                _save_file(job.report, f"{uuid.uuid4().hex}.json", dump_report(checked))
                job.errors = _stored_errors(resource, checked)
            _set_counts(job, result)
            job.status = ImportStatus.DONE if written else ImportStatus.REJECTED
            job.processed_rows = job.total_rows
            job.finished_at = timezone.now()
            job.run_seconds = time.perf_counter() - started
            job.save()
    except (OperationalError, InterfaceError):
        # Transient (the database went away): the task retries; nothing was written.
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.QUEUED)
        raise
    except Exception:
        logger.exception("import %s failed", job_id)
        _fail(job, "failed")
        raise
    finally:
        progress.close()
