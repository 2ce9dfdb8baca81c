from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageState(models.TextChoices):
    """The life of one outbox row.

    queued → sending (claimed by a worker, under a lease) → sent | deferred | failed |
    skipped. Deferred rows return to sending when their next attempt is due; a row whose
    lease expired (its worker died) is put back to queued by the sweeper.
    """

    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DEFERRED = "deferred", _("Deferred")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")


# Rows a worker may claim (when due).
CLAIMABLE_STATES = (MessageState.QUEUED, MessageState.DEFERRED)
# Rows not finished yet: what a progress bar calls "remaining".
OPEN_STATES = (MessageState.QUEUED, MessageState.SENDING, MessageState.DEFERRED)
FINAL_STATES = (MessageState.SENT, MessageState.FAILED, MessageState.SKIPPED)


class Priority(models.IntegerChoices):
    """Transactional mail goes before campaign mail waiting in the same outbox."""

    TRANSACTIONAL = 0, _("Transactional")
    BULK = 1, _("Bulk")


class SkipReason(models.TextChoices):
    NO_ADDRESS = "no_address", _("No email address")
    ERASED = "erased", _("Person erased")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    NO_CONSENT = "no_consent", _("No newsletter consent")
    CANCELLED = "cancelled", _("Campaign cancelled")


class CampaignState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    BUILDING = "building", _("Preparing recipients")
    SENDING = "sending", _("Sending")
    PAUSED = "paused", _("Paused")
    DONE = "done", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


EDITABLE_CAMPAIGN_STATES = (CampaignState.DRAFT, CampaignState.SCHEDULED)
ACTIVE_CAMPAIGN_STATES = (CampaignState.BUILDING, CampaignState.SENDING, CampaignState.PAUSED)


class AudienceKind(models.TextChoices):
    MEMBERS = "members", _("Members")
    REGISTRANTS = "registrants", _("Conference registrants")
    NOMINATORS = "nominators", _("Award nominators")
