"""The import pages (history, upload, mapping, preview, confirm, progress, result, error
report) and the roster download. Adapters: form → permission → one service → redirect."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kofst.common.access import require_perm
from kofst.common.errors import errors_to_messages
from members.filters import RosterFilter
from members.imports import services
from members.imports.columns import COLUMNS_BY_KEY, REPORT_ERRORS_HEADER, REPORT_ROW_HEADER
from members.imports.enums import FileFormat, ImportStatus
from members.imports.files import CONTENT_TYPES, write_table
from members.imports.forms import ConfirmForm, DownloadFormatForm, MappingForm, UploadForm
from members.imports.messages import render as render_message
from members.imports.models import ImportJob
from members.imports.resources import RosterResource
from members.imports.selectors import (
    import_associations_for,
    import_job_for_staff,
    import_jobs_visible_to,
)
from members.imports.uploads import LimitedUploadHandler
from members.selectors import memberships_selected, roster_memberships

PAGE_SIZE = 25
SHOWN_ON_PAGE = 200


def _job(request: HttpRequest, job_id: int) -> ImportJob:
    require_perm(request, "members.import_roster")
    job = import_job_for_staff(user=request.user, job_id=job_id)
    require_perm(request, "members.view_import", job)
    return job


def _error_lines(job: ImportJob, limit: int = SHOWN_ON_PAGE) -> list[dict]:
    """The first stored problems, in the reader's language."""
    lines = []
    for error in job.errors[:limit]:
        column = error.get("header") or ""
        if not column and error.get("column") in COLUMNS_BY_KEY:
            column = COLUMNS_BY_KEY[error["column"]].header
        lines.append(
            {
                "row": error["row"],
                "column": column,
                "message": render_message(error["code"], error.get("params")),
            }
        )
    return lines


def _problem(job: ImportJob) -> str:
    return render_message(job.problem["code"], job.problem.get("params")) if job.problem else ""


def _next_page(job: ImportJob) -> str:
    """Where a job in its current state is looked at."""
    if job.status == ImportStatus.UPLOADED:
        return reverse("members:import_mapping", args=[job.pk])
    if job.status in (ImportStatus.PREVIEWING, ImportStatus.PREVIEWED):
        return reverse("members:import_preview", args=[job.pk])
    if job.status == ImportStatus.FAILED and not job.started_at:
        return reverse("members:import_preview", args=[job.pk])
    return reverse("members:import_result", args=[job.pk])


@login_required
@require_GET
def import_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "members.import_roster")
    jobs = import_jobs_visible_to(user=request.user).order_by("-created_at", "-id")
    page = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "members/imports/list.html", {"page": page, "jobs": page.object_list})


@csrf_exempt  # the CSRF check runs in _upload, after the size-limiting upload handler is in
@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    require_perm(request, "members.import_roster")
    handler = None
    if request.method == "POST":
        handler = LimitedUploadHandler(request)
        request.upload_handlers.insert(0, handler)
    return _upload(request, handler)


@csrf_protect
def _upload(request: HttpRequest, handler: LimitedUploadHandler | None) -> HttpResponse:
    associations = import_associations_for(user=request.user)
    if request.method == "POST":
        form = UploadForm(
            request.POST,
            request.FILES,
            associations=associations,
            refused=bool(handler and handler.refused),
        )
        if form.is_valid():
            association = form.cleaned_data["association"]
            require_perm(request, "members.import_roster", association)
            upload = form.cleaned_data["file"]
            try:
                job = services.import_job_create(
                    association=association,
                    name=upload.name,
                    data=upload.read(),
                    actor=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("members:import_mapping", job.pk)
    else:
        form = UploadForm(associations=associations)
    return render(request, "members/imports/upload.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def import_mapping(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    if job.status not in (ImportStatus.UPLOADED, ImportStatus.PREVIEWED, ImportStatus.FAILED):
        return redirect(_next_page(job))
    form = MappingForm(request.POST or None, headers=job.headers, mapping=job.mapping)
    if request.method == "POST" and form.is_valid():
        require_perm(request, "members.import_roster", job.association)
        try:
            services.import_job_map(
                job=job,
                mapping=form.mapping(),
                remember=form.cleaned_data["remember"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("members:import_preview", job.pk)
    samples = list(zip(*job.samples, strict=False)) if job.samples else []
    rows = [
        {"field": field, "samples": samples[i] if i < len(samples) else ()}
        for i, field in enumerate(form.column_fields())
    ]
    return render(request, "members/imports/mapping.html", {"job": job, "form": form, "rows": rows})


@login_required
@require_GET
def import_preview(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    if job.status not in (ImportStatus.PREVIEWING, ImportStatus.PREVIEWED, ImportStatus.FAILED):
        return redirect(_next_page(job))
    context = {
        "job": job,
        "errors": _error_lines(job),
        "problem": _problem(job),
        "form": ConfirmForm(),
        "mapped": [(h, COLUMNS_BY_KEY[k].label) for h, k in job.mapped_columns],
    }
    return render(request, "members/imports/preview.html", context)


@login_required
@require_POST
def import_confirm(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    require_perm(request, "members.import_roster", job.association)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to import."))
        return redirect("members:import_preview", job.pk)
    try:
        services.import_job_confirm(job=job, mode=form.cleaned_data["mode"], actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
        return redirect(_next_page(job))
    return redirect("members:import_result", job.pk)


@login_required
@require_GET
def import_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress bar, polled by HTMX; when the work is over, it sends the page on."""
    job = _job(request, job_id)
    if not job.is_working:
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = _next_page(job)
            return response
        return redirect(_next_page(job))
    return render(request, "members/partials/import_progress.html", {"job": job})


@login_required
@require_GET
def import_result(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    if job.status in (ImportStatus.UPLOADED, ImportStatus.PREVIEWING, ImportStatus.PREVIEWED):
        return redirect(_next_page(job))
    context = {
        "job": job,
        "errors": _error_lines(job),
        "problem": _problem(job),
        "mapped": [(h, COLUMNS_BY_KEY[k].label) for h, k in job.mapped_columns],
        "keep_days": settings.ROSTER_IMPORT_KEEP_DAYS,
    }
    return render(request, "members/imports/result.html", context)


def _download(content: bytes, file_format: str, stem: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{file_format}"'
    return response


@login_required
@require_GET
def import_errors(request: HttpRequest, job_id: int) -> HttpResponse:
    """The rows that were not (or would not be) imported, as they were in the file, with
    the problems in a first column: fix them and upload this file again."""
    job = _job(request, job_id)
    file_format = DownloadFormatForm(request.GET).file_format(FileFormat.XLSX)
    if file_format == FileFormat.JSON:
        file_format = FileFormat.CSV
    if not job.report:
        return redirect(_next_page(job))
    with job.report.open("rb") as handle:
        report = json.loads(handle.read())
    resource = RosterResource(mapping=job.mapping)
    problems: dict[int, list[str]] = {}
    for error in report["errors"]:
        column = resource.column_header(error["column"]) if error["column"] else ""
        message = render_message(error["code"], error.get("params"))
        problems.setdefault(error["row"], []).append(f"{column}: {message}" if column else message)
    headers = [REPORT_ROW_HEADER, REPORT_ERRORS_HEADER, *report["headers"]]
    rows = [
        [number, "; ".join(texts), *report["rows"].get(str(number), [])]
        for number, texts in sorted(problems.items())
    ]
    stem = f"import-{job.pk}-errors"
    return _download(write_table(headers, rows, file_format), file_format, stem)


@login_required
@require_GET
def roster_download(request: HttpRequest) -> HttpResponse:
    """The roster as filtered on the roster page (or the ``selected`` rows), as CSV,
    XLSX or JSON with the columns the importer reads: it re-imports with no changes."""
    require_perm(request, "members.export_roster")
    file_format = DownloadFormatForm(request.GET).file_format()
    selected = request.GET.getlist("selected")
    if selected:
        memberships = memberships_selected(user=request.user, ids=selected)
    else:
        data = request.GET.copy()
        data.pop("format", None)
        memberships = RosterFilter(
            data or None, queryset=roster_memberships(user=request.user), user=request.user
        ).qs
    dataset = RosterResource().export(memberships)
    content = write_table(dataset.headers, dataset, file_format)
    return _download(content, file_format, f"roster-{timezone.localdate().isoformat()}")
