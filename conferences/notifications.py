"""Every email about conference registrations, in one place.

Services call these inside their transaction. Each message is rendered in the
registrant's preferred language and written to the outbox (``kofst.mail``) in the same
transaction, so a rolled-back registration sends nothing. Each kind of message goes at
most once per registration (its outbox key), since a registration passes each state once.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from associations.models import Association
from conferences.models import Conference, Registration
from conferences.tickets import format_code
from kofst.mail.services import mail_enqueue


def _ticket_url(registration: Registration) -> str:
    path = reverse("conferences:my_registration", kwargs={"pk": registration.pk})
    return f"{settings.SITE_URL}{path}"


def association_for(conference: Conference) -> Association | None:
    """The association whose staff may look the messages up (cached on the instance)."""
    if not hasattr(conference, "_primary_association"):
        conference._primary_association = Association.objects.filter(
            pk=conference.primary_organiser_id
        ).first()
    return conference._primary_association


def prepare(conference: Conference) -> None:
    """Read ahead (outside the locks) what the messages about this conference need."""
    association_for(conference)


def copy_cache(source: Conference, target: Conference) -> None:
    """Carry what ``prepare`` read over to a fresh (locked) instance of the conference."""
    target._organiser_ids = source.organiser_ids
    if hasattr(source, "_primary_association"):
        target._primary_association = source._primary_association


def _send(registration: Registration, template: str, extra: dict | None = None) -> None:
    person = registration.person
    language = person.preferred_language or settings.LANGUAGE_CODE
    context = {
        "registration": registration,
        "conference": registration.conference,
        "person": person,
        "category": registration.category,
        "code": format_code(registration.code),
        "ticket_url": _ticket_url(registration),
        **(extra or {}),
    }
    with translation.override(language):
        subject = render_to_string(f"conferences/emails/{template}_subject.txt", context)
        body = render_to_string(f"conferences/emails/{template}.txt", context)
    mail_enqueue(
        subject=" ".join(subject.split()),
        body_text=body,
        kind=f"conference_{template}",
        key=f"conferences:registration:{registration.pk}:{template}",
        person=person,
        language=language,
        association=association_for(registration.conference),
    )


def notify_registered(registration: Registration) -> None:
    """Confirmation, or the news that they are on the waiting list."""
    _send(registration, "confirmed" if registration.holds_place else "waitlisted")


def notify_promoted(registration: Registration) -> None:
    """Off the waiting list: confirmed at once, or offered a place to accept."""
    _send(registration, "offered" if registration.status == "offered" else "promoted")


def notify_cancelled(registration: Registration) -> None:
    _send(registration, "cancelled")


def notify_offer_expired(registration: Registration) -> None:
    _send(registration, "offer_expired")
