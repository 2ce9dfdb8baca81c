"""Celery tasks of the outbox: thin, short, keyword ids only, safe to run twice."""

from celery import shared_task
from django.conf import settings

from kofst.mail import sending, sweeper
from kofst.mail.services.campaigns import campaign_build
from kofst.mail.services.reminders import renewal_reminders_send


@shared_task(name="mail.send_pending", acks_late=True, ignore_result=True)
def send_pending(*, transactional_only: bool = False) -> int:
    """Send one chunk of due messages, then queue the next chunk as a new task.

    Run twice at once (a duplicated delivery), both take different rows. Inline (the demo,
    most tests) the chunks run one after another in this call.
    """
    claimed = 0
    while True:
        result = sending.send_chunk(transactional_only=transactional_only)
        claimed += result.claimed
        if not result.more:
            return claimed
        if not send_pending.app.conf.task_always_eager:
            send_pending.delay(transactional_only=transactional_only)
            return claimed


@shared_task(name="mail.build_campaign", acks_late=True, ignore_result=True)
def build_campaign(*, campaign_id: int) -> int:
    return campaign_build(campaign_id=campaign_id)


@shared_task(name="mail.sweep", acks_late=True, ignore_result=True)
def sweep() -> dict:
    """Beat, every 30 s: expired leases back to the queue, scheduled campaigns started,
    retries due and lost tasks replaced by new sending tasks."""
    result = sweeper.sweep()
    for campaign_id in result.campaigns_started:
        build_campaign.delay(campaign_id=campaign_id)
    if result.kick:
        for _ in range(settings.MAIL_SENDERS):
            send_pending.delay()
    return {
        "requeued": result.requeued,
        "campaigns_started": result.campaigns_started,
        "campaigns_finished": result.campaigns_finished,
        "kick": result.kick,
    }


@shared_task(name="mail.renewal_reminders", acks_late=True, ignore_result=True)
def renewal_reminders() -> int:
    return renewal_reminders_send()
