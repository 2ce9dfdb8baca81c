"""Emails about associations' staff.

Called by services inside their transaction: each message is an outbox row written in
that same transaction (``kofst.mail``), sent by a worker after commit.
"""

from django.conf import settings
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
    from kofst.mail.services import mail_enqueue  # the outbox app sits above this one

    mail_enqueue(
        to=invitation.email,
        subject=" ".join(subject.split()),
        body_text=body,
        kind="staff_invitation",
        key=f"associations:invitation:{invitation.pk}:{token[:12]}",
        association=invitation.association,
    )
