from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SeriesKind(models.TextChoices):
    REGIONAL = "regional", _("Regional conference")
    WORLD_CONGRESS = "world_congress", _("World congress")
    FORUM = "forum", _("Forum")
    TRAINING = "training", _("Training programme")
    EXCHANGE = "exchange", _("Exchange conference")
    OTHER = "other", _("Other")


class ConferenceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", pgettext_lazy("conference status", "Open")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


class PromotionMode(models.TextChoices):
    """What happens to the first person on the waiting list when a place frees up."""

    CONFIRM = "confirm", _("Confirm at once")
    OFFER = "offer", _("Offer the place for a limited time")


class MembershipRule(models.TextChoices):
    NONE = "none", _("Anyone")
    ORGANISER = "organiser", _("Current members of an organising association")
    ANY_ASSOCIATION = "any", _("Current members of any association")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("Waiting list")
    OFFERED = "offered", _("Place offered")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Offer expired")


# Registrations that hold a place (count against capacity) and that block registering again.
HOLDING_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
ACTIVE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.WAITLISTED,
)


class PaymentStatus(models.TextChoices):
    UNPAID = "unpaid", _("Unpaid")
    PAID = "paid", _("Paid")
    WAIVED = "waived", _("Waived")
    REFUNDED = "refunded", _("Refunded")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHOICE = "choice", _("Choice")
    YES_NO = "yes_no", _("Yes / no")
