from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Waiting for the column mapping")
    PREVIEWING = "previewing", _("Checking the rows")
    PREVIEWED = "previewed", _("Ready to confirm")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    REJECTED = "rejected", _("Nothing imported: invalid rows")
    FAILED = "failed", _("Failed")


# Statuses in which a Celery task is (or will be) working on the job.
WORKING_STATUSES = (ImportStatus.PREVIEWING, ImportStatus.QUEUED, ImportStatus.RUNNING)
FINAL_STATUSES = (ImportStatus.DONE, ImportStatus.REJECTED, ImportStatus.FAILED)


class ImportMode(models.TextChoices):
    ALL_OR_NOTHING = "all", _("All or nothing: import only if every row is valid")
    VALID_ONLY = "valid", _("Import the valid rows and give me the rest as a file")


class FileFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    JSON = "json", "JSON"
