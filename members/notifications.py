"""Emails to members about their own affairs.

Each function is called by a service inside its transaction and writes the message as an
outbox row in that same transaction (``kofst.mail``); a worker sends it after commit.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from members.models import JoinApplication


def notify_application_decided(application: JoinApplication) -> None:
    """Tell the applicant their application was approved or declined (with the note)."""
    person = application.person
    address = person.email or (person.user.email if person.user_id else "")
    if not address:
        return
    language = person.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "application": application,
            "person": person,
            "association_name": application.association.name,
            "status": application.status,
            "me_url": settings.SITE_URL + reverse("members:me"),
        }
        subject = render_to_string("emails/application_decided_subject.txt", context).strip()
        body = render_to_string("emails/application_decided.txt", context)

    from kofst.mail.services import mail_enqueue  # the outbox app sits above this one

    mail_enqueue(
        to=address,
        subject=" ".join(subject.split()),
        body_text=body,
        kind="application_decided",
        key=f"members:application:{application.pk}:{application.status}",
        person=person,
        language=language,
        association=application.association,
    )
