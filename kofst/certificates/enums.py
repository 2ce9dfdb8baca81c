from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateKind(models.TextChoices):
    ATTENDANCE = "attendance", _("Certificate of attendance")
    PRESENTATION = "presentation", _("Certificate of presentation")
    AWARD = "award", _("Award certificate")
    MEMBERSHIP = "membership", _("Certificate of membership")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
