from django.db import models
from django.utils.translation import gettext_lazy as _


class CycleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    NOMINATING = "nominating", _("Nominating")
    REVIEWING = "reviewing", _("Reviewing")
    DECIDING = "deciding", _("Deciding")
    ANNOUNCED = "announced", _("Announced")


# The only moves a cycle makes, in order.
CYCLE_TRANSITIONS: dict[str, str] = {
    CycleStatus.DRAFT: CycleStatus.NOMINATING,
    CycleStatus.NOMINATING: CycleStatus.REVIEWING,
    CycleStatus.REVIEWING: CycleStatus.DECIDING,
    CycleStatus.DECIDING: CycleStatus.ANNOUNCED,
}


class SeatRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AttachmentKind(models.TextChoices):
    CV = "cv", _("Curriculum vitae")
    SUPPORT_LETTER = "support_letter", _("Letter of support")
    PUBLICATIONS = "publications", _("List of publications")
    OTHER = "other", _("Other")


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    REMOVED = "removed", _("Removed")


class AssignmentMethod(models.TextChoices):
    MANUAL = "manual", _("By hand")
    AUTOMATIC = "automatic", _("Automatic")


class ConflictType(models.TextChoices):
    INSTITUTIONAL = "institutional", _("Institutional")
    COLLABORATOR = "collaborator", _("Collaborator")
    ADVISOR_STUDENT = "advisor_student", _("Advisor / student")
    PERSONAL = "personal", _("Personal")
    NOMINATOR = "nominator", _("Nominator")


class ConflictSource(models.TextChoices):
    DETECTED = "detected", _("Detected by the system")
    DECLARED = "declared", _("Declared by the reviewer")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Not decided")
    WINNER = "winner", _("Winner")
    NOT_SELECTED = "not_selected", _("Not selected")
