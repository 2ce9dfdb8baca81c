"""The beat's look at the outbox: nothing stays stuck (see ``kofst.mail.sending``)."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kofst.mail.enums import CampaignState, MessageState
from kofst.mail.models import Campaign, Message, MessageEvent
from kofst.mail.sending import due_messages, finish_campaign_if_done


@dataclass
class SweepResult:
    requeued: int = 0
    campaigns_started: list[int] = field(default_factory=list)
    campaigns_finished: int = 0
    kick: bool = False


def sweep() -> SweepResult:
    """The beat's look at the outbox: expired leases, scheduled campaigns, due retries.

    Returns what the caller (the task) should do next: start building the campaigns in
    ``campaigns_started``, and kick senders if ``kick``.
    """
    now = timezone.now()
    result = SweepResult()
    expired_before = now - dt.timedelta(seconds=settings.MAIL_LEASE_GRACE_SECONDS)
    with transaction.atomic():
        expired = list(
            Message.objects.filter(state=MessageState.SENDING, lease_expires_at__lt=expired_before)
            .select_for_update(skip_locked=True)
            .values_list("id", flat=True)[:5000]
        )
        if expired:
            result.requeued = Message.objects.filter(
                id__in=expired, state=MessageState.SENDING
            ).update(
                state=MessageState.QUEUED,
                lease_token="",
                lease_expires_at=None,
                next_attempt_at=now,
                updated_at=now,
            )
            MessageEvent.objects.bulk_create(
                MessageEvent(
                    message_id=pk,
                    at=now,
                    state=MessageState.QUEUED,
                    detail="lease expired (worker lost); queued again",
                )
                for pk in expired
            )
    for campaign_id in Campaign.objects.filter(
        state=CampaignState.SCHEDULED, scheduled_at__lte=now
    ).values_list("pk", flat=True):
        if Campaign.objects.filter(pk=campaign_id, state=CampaignState.SCHEDULED).update(
            state=CampaignState.BUILDING, started_at=now, updated_at=now
        ):
            result.campaigns_started.append(campaign_id)
    # A build whose task was lost (broker down at commit) is started again; it is idempotent.
    stale = now - dt.timedelta(minutes=2)
    result.campaigns_started += list(
        Campaign.objects.filter(state=CampaignState.BUILDING, updated_at__lt=stale).values_list(
            "pk", flat=True
        )
    )
    for campaign_id in Campaign.objects.filter(state=CampaignState.SENDING).values_list(
        "pk", flat=True
    ):
        result.campaigns_finished += finish_campaign_if_done(campaign_id)
    # Kick senders when work is due and nobody is sending (running chains keep going).
    nobody_sending = not Message.objects.filter(state=MessageState.SENDING).exists()
    result.kick = bool(result.requeued) or (nobody_sending and due_messages(now).exists())
    return result
