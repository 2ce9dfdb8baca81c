"""Emails about associations' staff.

Called by services inside their transaction; the one place that decides how a message
leaves (today Django's ``send_mail`` after commit; later an outbox row).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from associations.models import StaffInvitation


def notify_staff_invited(invitation: StaffInvitation, token: str) -> None:
    """Send the invitation with its accept link to the invited address."""
    context = {
        "invitation": invitation,
        "association_name": invitation.association.name,
        "inviter": invitation.invited_by,
        "accept_url": settings.SITE_URL
        + reverse("associations:invitation_accept", kwargs={"token": token}),
    }
    subject = render_to_string("emails/staff_invitation_subject.txt", context).strip()
    body = render_to_string("emails/staff_invitation.txt", context)
    address = invitation.email

    def send() -> None:
        send_mail(subject, body, None, [address])

    transaction.on_commit(send)
