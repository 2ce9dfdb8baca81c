"""An import job (the uploaded file, its mapping, its counts and progress) and the
column mappings an association saved for next time.

Imported into ``members.models`` so that the ``members`` app owns the tables.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.imports.enums import FileFormat, ImportMode, ImportStatus


def _private_storage():
    from django.core.files.storage import storages  # resolved lazily: settings may change

    return storages["private"]


def import_upload_path(job: "ImportJob", filename: str) -> str:
    return f"imports/{job.association_id}/{filename}"


class ImportJob(models.Model):
    """One uploaded roster file on its way into one association."""

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="import_jobs",
        verbose_name=_("association"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    file = models.FileField(_("file"), upload_to=import_upload_path, storage=_private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    file_format = models.CharField(_("format"), max_length=4, choices=FileFormat.choices)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    delimiter = models.CharField(_("separator"), max_length=2, blank=True)
    # The file's header row, as read; ``mapping`` maps each of them to one of our
    # columns ("" = ignored).
    headers = models.JSONField(_("columns in the file"), default=list)
    mapping = models.JSONField(_("column mapping"), default=dict)
    samples = models.JSONField(default=list, blank=True)  # the first rows, for the mapping page
    mode = models.CharField(
        _("mode"), max_length=5, choices=ImportMode.choices, default=ImportMode.ALL_OR_NOTHING
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    new_count = models.PositiveIntegerField(_("new"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    invalid_count = models.PositiveIntegerField(_("invalid"), default=0)
    # The first invalid rows, for the pages: [{"row", "column", "code", "params"}]. Every
    # row is in the staged file, from which the downloadable error report is written.
    errors = models.JSONField(default=list, blank=True)
    # File-level problem ("no column for Email or Member number"), as code and params.
    problem = models.JSONField(default=dict, blank=True)
    # The checked rows (written by the preview, read by the run) and the invalid rows
    # with their problems (the error report is written from it).
    staged = models.FileField(upload_to="imports/staged/", storage=_private_storage, blank=True)
    report = models.FileField(upload_to="imports/reports/", storage=_private_storage, blank=True)
    previewed_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    preview_seconds = models.FloatField(null=True, blank=True)
    run_seconds = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["association", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.original_name} → {self.association_id} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status in (ImportStatus.DONE, ImportStatus.REJECTED, ImportStatus.PREVIEWED):
            return 100
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_working(self) -> bool:
        return self.status in (
            ImportStatus.PREVIEWING,
            ImportStatus.QUEUED,
            ImportStatus.RUNNING,
        )

    @property
    def is_final(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.REJECTED, ImportStatus.FAILED)

    @property
    def mapped_columns(self) -> list[tuple[str, str]]:
        """(file column, our column key) for the columns that are used."""
        return [(header, field) for header, field in self.mapping.items() if field]


class SavedMapping(models.Model):
    """How an association's files name our columns, remembered for its next import."""

    association = models.OneToOneField(
        "associations.Association", on_delete=models.CASCADE, related_name="saved_mapping"
    )
    # {normalised file header: our column key, or "" for a column to ignore}
    columns = models.JSONField(default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("saved column mapping")
        verbose_name_plural = _("saved column mappings")

    def __str__(self) -> str:
        return f"{self.association_id}: {len(self.columns)} columns"
