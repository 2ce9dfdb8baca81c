"""Celery tasks for conferences: thin, each calls one service."""

from celery import shared_task

from conferences import services


@shared_task(name="conferences.expire_offers", acks_late=True)
def expire_offers() -> int:
    """Run by beat: offers past their time pass to the next person in line."""
    return services.offers_expire()
