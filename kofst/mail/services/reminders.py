"""Renewal reminders: 30 and 7 days before a membership expires, and when it lapses.

Each reminder's key names the membership, its expiry date and the stage, so that it is
sent once and never again for the same expiry (a renewal moves the date: new reminders).
A day the task does not run is caught up: each stage has a window, not a single day.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kofst.mail.models import Message
from kofst.mail.rendering import personal_link
from kofst.mail.services.outbox import mail_enqueue_template
from members.models import Membership, grace_days

CATCH_UP_DAYS = 7


def _windows(today: dt.date) -> list[tuple[str, Q]]:
    day = dt.timedelta(days=1)
    lapsed_since = today - min(CATCH_UP_DAYS, grace_days()) * day
    return [
        ("30", Q(expires_on__gt=today + 7 * day, expires_on__lte=today + 30 * day)),
        ("7", Q(expires_on__gte=today, expires_on__lte=today + 7 * day)),
        ("grace", Q(expires_on__lt=today, expires_on__gte=lapsed_since)),
    ]


def reminder_key(membership: Membership, stage: str) -> str:
    return f"renewal:{membership.pk}:{membership.expires_on:%Y-%m-%d}:{stage}"


def renewal_reminders_send(*, today: dt.date | None = None) -> int:
    """Queue the reminders due today; returns how many were queued.

    Side effects: outbox rows (transactional, one per membership, expiry and stage).
    """
    today = today or timezone.localdate()
    current = Q(resigned_on__isnull=True) | Q(resigned_on__gt=today)
    queued = 0
    for stage, window in _windows(today):
        memberships = list(
            Membership.objects.filter(current, window, expires_on__isnull=False)
            .select_related("person", "association")
            .order_by("pk")
        )
        keys = {reminder_key(m, stage): m for m in memberships}
        done = set(Message.objects.filter(key__in=list(keys)).values_list("key", flat=True))
        with transaction.atomic():
            for key, membership in keys.items():
                if key in done:
                    continue
                person, association = membership.person, membership.association
                language = person.preferred_language or "en"
                mail_enqueue_template(
                    template="renewal_reminder",
                    context={
                        "stage": stage,
                        "name": (person.name_ko if language == "ko" else "")
                        or person.name_latin
                        or person.name_ko,
                        "association_name": association.name_ko
                        if language == "ko"
                        else association.name_en,
                        "member_number": membership.member_number,
                        "expires_on": membership.expires_on,
                        "grace_days": grace_days(),
                        "personal_link": personal_link(),
                    },
                    person=person,
                    language=language,
                    kind=f"renewal_reminder_{stage}",
                    key=key,
                    association=association,
                )
                queued += 1
    return queued
