import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from awards.enums import AttachmentKind, NominationStatus, Outcome
from awards.models.cycles import AwardCycle

MAX_ATTACHMENTS = 3
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class Candidate(models.Model):
    """A nominee in one cycle: every submitted nomination for the same person is grouped
    here, and the committee assigns, reviews and decides candidates, not single letters."""

    cycle = models.ForeignKey(AwardCycle, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(
        "members.Person", on_delete=models.PROTECT, related_name="award_candidacies"
    )
    # True once every nomination for this person in the cycle has been withdrawn.
    is_withdrawn = models.BooleanField(_("withdrawn"), default=False)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )
    citation_en = models.TextField(_("citation (English)"), blank=True)
    citation_ko = models.TextField(_("citation (Korean)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["cycle", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "person"], name="candidate_person_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.cycle}"

    @property
    def citation(self) -> str:
        korean = (get_language() or "").startswith("ko")
        return (self.citation_ko if korean else self.citation_en) or (
            self.citation_en or self.citation_ko
        )


class Nomination(models.Model):
    """One member's nomination of one person in one cycle."""

    cycle = models.ForeignKey(AwardCycle, on_delete=models.CASCADE, related_name="nominations")
    nominator = models.ForeignKey(
        "members.Person", on_delete=models.PROTECT, related_name="nominations_made"
    )
    nominee = models.ForeignKey(
        "members.Person", on_delete=models.PROTECT, related_name="nominations_received"
    )
    # RESTRICT: a candidate goes only together with its cycle (and so its nominations).
    candidate = models.ForeignKey(
        Candidate, on_delete=models.RESTRICT, null=True, blank=True, related_name="nominations"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NominationStatus.choices,
        default=NominationStatus.DRAFT,
    )
    relationship = models.CharField(
        _("your relationship to the nominee"), max_length=300, blank=True
    )
    statement_en = models.TextField(_("statement (English)"), blank=True)
    statement_ko = models.TextField(_("statement (Korean)"), blank=True)
    achievements_en = models.TextField(_("achievements (English)"), blank=True)
    achievements_ko = models.TextField(_("achievements (Korean)"), blank=True)
    cosigners = models.ManyToManyField(
        "members.Person",
        blank=True,
        related_name="nominations_cosigned",
        verbose_name=_("co-signers of support letters"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "nominator", "nominee"],
                condition=~Q(status="withdrawn"),
                name="nomination_once_per_nominator",
            )
        ]
        indexes = [models.Index(fields=["cycle", "status"])]

    def __str__(self) -> str:
        return f"{self.nominee} ← {self.nominator} ({self.cycle})"

    @property
    def is_draft(self) -> bool:
        return self.status == NominationStatus.DRAFT

    @property
    def is_submitted(self) -> bool:
        return self.status == NominationStatus.SUBMITTED


class Attachment(models.Model):
    """A PDF of a nomination, kept in the private storage under a random name."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(
        _("kind"), max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.OTHER
    )
    storage_name = models.CharField(max_length=200, editable=False)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["nomination", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
