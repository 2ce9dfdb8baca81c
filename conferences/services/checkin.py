"""Check-in at the door: one attendance per ticket, however many volunteers scan it."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.enums import RegistrationStatus
from conferences.models import Conference, Registration
from conferences.tickets import BadTicket, read_ticket
from kofst.common.audit import audit_record


@dataclass(frozen=True)
class CheckIn:
    registration: Registration
    newly_checked_in: bool  # False: it was already checked in (``checked_in_at`` says when)


def registration_check_in(
    *, conference: Conference, value: str, actor, now: dt.datetime | None = None
) -> CheckIn:
    """Mark the ticket's holder as attending, once.

    ``value`` is the scanned (signed) or typed code. The conditional UPDATE makes the
    first of two simultaneous scans win; the second learns when it happened.
    Side effects: a history entry for a new check-in.
    """
    now = now or timezone.now()
    try:
        code = read_ticket(value)
    except BadTicket as error:
        if str(error) == "signature":
            raise ValidationError(
                _("This QR code was not issued by us (its signature is wrong)."), code="signature"
            ) from error
        raise ValidationError(
            _("That is not a ticket code. Codes look like ABCDE-FGHJK."), code="format"
        ) from error
    registration = (
        Registration.objects.select_related("person", "category", "checked_in_by")
        .filter(conference=conference, code=code)
        .first()
    )
    if registration is None:
        raise ValidationError(
            _("No registration for this conference has this code."), code="unknown"
        )
    registration.conference = conference
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            _("Not admitted: this registration is “%(status)s”.")
            % {"status": registration.get_status_display()},
            code="not_confirmed",
        )
    with transaction.atomic():
        updated = Registration.objects.filter(
            pk=registration.pk,
            status=RegistrationStatus.CONFIRMED,
            checked_in_at__isnull=True,
        ).update(checked_in_at=now, checked_in_by=actor, updated_at=now)
        if updated:
            audit_record(
                actor=actor,
                action="conference.registration.checked_in",
                subject=registration,
                person_id=registration.person_id,
                association_id=conference.primary_organiser_id,
                summary=f"{conference.slug}: checked in",
            )
    fresh = (
        Registration.objects.select_related("person", "category", "checked_in_by")
        .filter(pk=registration.pk)
        .first()
    )
    if fresh is None or fresh.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("This registration was just cancelled."), code="cancelled")
    fresh.conference = conference
    return CheckIn(registration=fresh, newly_checked_in=bool(updated))
