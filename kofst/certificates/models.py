from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kofst.certificates.enums import BatchStatus, CertificateKind, CertificateStatus


def private_storage():
    return storages["private"]


class CertificateDesign(models.Model):
    """What a certificate looks like for one subject (a conference, an award cycle) or,
    with no subject, for one association's membership certificates: the background image
    and the signatures. Staff upload these; the layout itself is the kind's template."""

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificate_designs",
        verbose_name=_("issuing association"),
        help_text=_("Empty when KOFST itself issues (e.g. its awards)."),
    )
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_id = models.BigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    background = models.ImageField(
        _("background image"),
        upload_to="certificates/backgrounds/",
        blank=True,
        storage=private_storage,
    )
    signer_1_name = models.CharField(_("first signer's name"), max_length=120, blank=True)
    signer_1_title = models.CharField(_("first signer's title"), max_length=160, blank=True)
    signer_1_image = models.ImageField(
        _("first signature"),
        upload_to="certificates/signatures/",
        blank=True,
        storage=private_storage,
    )
    signer_2_name = models.CharField(_("second signer's name"), max_length=120, blank=True)
    signer_2_title = models.CharField(_("second signer's title"), max_length=160, blank=True)
    signer_2_image = models.ImageField(
        _("second signature"),
        upload_to="certificates/signatures/",
        blank=True,
        storage=private_storage,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("certificate design")
        verbose_name_plural = _("certificate designs")
        # One design per subject, and one default per association. (Partial constraints,
        # not NULLS NOT DISTINCT, which SQLite, the demo's database, lacks.)
        constraints = [
            models.UniqueConstraint(
                fields=["association", "subject_type", "subject_id"],
                condition=Q(association__isnull=False, subject_type__isnull=False),
                name="certificate_design_per_subject",
            ),
            models.UniqueConstraint(
                fields=["subject_type", "subject_id"],
                condition=Q(association__isnull=True, subject_type__isnull=False),
                name="certificate_design_per_kofst_subject",
            ),
            models.UniqueConstraint(
                fields=["association"],
                condition=Q(association__isnull=False, subject_type__isnull=True),
                name="certificate_design_default_per_association",
            ),
        ]

    def __str__(self) -> str:
        issuer = self.association.display_code if self.association else "KOFST"
        return f"{issuer} — {self.subject or _('membership certificates')}"


class Certificate(models.Model):
    """One certificate for one holder and one subject. Its number and code never change;
    regenerating re-renders the same certificate. Revoking keeps the row for /verify."""

    kind = models.CharField(_("kind"), max_length=20, choices=CertificateKind.choices)
    holder = models.ForeignKey(
        "members.Person", on_delete=models.PROTECT, related_name="certificates"
    )
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("issuing association"),
        help_text=_("Empty when KOFST itself issues (e.g. its awards)."),
    )
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.BigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    number = models.CharField(_("certificate number"), max_length=40, unique=True, null=True)
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    # Exactly what is printed, frozen at issue: /verify shows this and nothing else.
    printed = models.JSONField(default=dict)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.CharField(_("reason"), max_length=300, blank=True)
    replaces = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaced_by"
    )
    file = models.FileField(upload_to="certificates/pdf/", blank=True, storage=private_storage)
    file_size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "holder", "subject_type", "subject_id"],
                condition=Q(status="valid"),
                name="one_valid_certificate_per_holder_subject",
            )
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id", "kind"])]

    def __str__(self) -> str:
        return self.number or self.code

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.VALID


class CertificateBatch(models.Model):
    """A staff request to issue and render every certificate of one subject."""

    kind = models.CharField(_("kind"), max_length=20, choices=CertificateKind.choices)
    association = models.ForeignKey(
        "associations.Association", on_delete=models.CASCADE, null=True, related_name="+"
    )
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.BigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    chunks_total = models.PositiveIntegerField(default=0)
    chunks_done = models.PositiveIntegerField(default=0)
    certificate_ids = models.JSONField(default=list)
    zip_file = models.FileField(
        upload_to="certificates/batches/", blank=True, storage=private_storage
    )
    merged_file = models.FileField(
        upload_to="certificates/batches/", blank=True, storage=private_storage
    )
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} × {self.total}"

    @property
    def percent(self) -> int:
        return (
            int(100 * self.done / self.total)
            if self.total
            else (100 if self.status == "done" else 0)
        )
