"""Emails to members about their own affairs.

Each function is called by a service inside its transaction and is the one place that
decides how the message leaves: today Django's ``send_mail`` after commit; when the
outbox exists, a row written in the same transaction instead.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
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

    def send() -> None:
        send_mail(subject, body, None, [address])

    transaction.on_commit(send)
