from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import (
    AssignmentMethod,
    AssignmentStatus,
    ConflictSource,
    ConflictType,
    ReviewStatus,
)
from awards.models.cycles import Criterion
from awards.models.nominations import Candidate


class Assignment(models.Model):
    """A committee member asked to review one candidate. Removed, never deleted."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="award_assignments"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ACTIVE,
    )
    method = models.CharField(
        _("method"), max_length=10, choices=AssignmentMethod.choices, default="manual"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(_("reason for removal"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["candidate", "assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "reviewer"],
                condition=Q(status="active"),
                name="assignment_active_unique",
            )
        ]
        indexes = [models.Index(fields=["reviewer", "status"])]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.candidate}"

    @property
    def is_active(self) -> bool:
        return self.status == AssignmentStatus.ACTIVE


class Conflict(models.Model):
    """A conflict of interest between a committee member and a candidate.

    Detected rows are written by the system from the data (same association, chapter or
    affiliation as the nominee; the reviewer nominated or co-signed); declared rows by the
    reviewer, with a reason. Either keeps the reviewer away from the candidate.
    """

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="award_conflicts"
    )
    type = models.CharField(_("type"), max_length=20, choices=ConflictType.choices)
    source = models.CharField(_("source"), max_length=10, choices=ConflictSource.choices)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["candidate", "reviewer", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "reviewer", "type"],
                condition=Q(source="detected"),
                name="conflict_detected_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} ✕ {self.candidate}: {self.get_type_display()}"


class Review(models.Model):
    """One reviewer's scores for one candidate (through their assignment)."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.assignment} ({self.get_status_display()})"

    @property
    def is_submitted(self) -> bool:
        return self.status == ReviewStatus.SUBMITTED


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.RESTRICT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="review_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


class ReviewRevision(models.Model):
    """What a review said at each submission: the first and every later revision."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField()
    # {"<criterion id>": {"score": int, "comment": str}}
    scores = models.JSONField(default=dict)
    weighted_total = models.DecimalField(max_digits=6, decimal_places=3)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review revision")
        verbose_name_plural = _("review revisions")
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="review_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.review_id} #{self.number}"
