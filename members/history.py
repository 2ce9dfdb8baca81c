"""How history entries about people read on the staff pages."""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from kofst.common.models import AuditEntry
from members.models import DuesPayment, Membership, Person

# One label per history action written anywhere in the code (a test scans the sources
# for ``action=`` and checks that each has a label here).
ACTION_LABELS = {
    # People
    "person.create": _("Person added"),
    "person.update": _("Person edited"),
    "person.link_account": _("Linked to a user account"),
    "person.merge": _("Merged with another record"),
    "person.merged_into": _("Merged into another record"),
    "person.not_duplicate": _("Marked as not a duplicate"),
    "person.export": _("Personal data exported"),
    "person.erase": _("Personal data erased"),
    # Memberships and dues
    "membership.create": _("Membership added"),
    "membership.update": _("Membership edited"),
    "membership.renew": _("Membership renewed"),
    "membership.resign": _("Membership resigned"),
    "membership.move_chapter": _("Moved to another chapter"),
    "membership.combine": _("Memberships of merged records combined"),
    "membership.import_create": _("Membership added by a roster import"),
    "membership.import_update": _("Membership updated by a roster import"),
    "roster.import": _("Roster imported"),
    "dues.record": _("Dues recorded"),
    # Applications to join
    "application.submit": _("Application to join submitted"),
    "application.withdraw": _("Application to join withdrawn"),
    "application.approve": _("Application to join approved"),
    "application.decline": _("Application to join declined"),
    # Associations: chapters, committees, staff, partners
    "chapter.create": _("Chapter added"),
    "chapter.update": _("Chapter edited"),
    "chapter.delete": _("Chapter deleted"),
    "committee.create": _("Committee added"),
    "committee.update": _("Committee edited"),
    "committee.delete": _("Committee deleted"),
    "committee.seat_add": _("Seat on a committee added"),
    "committee.seat_remove": _("Seat on a committee removed"),
    "staff.invite": _("Staff member invited"),
    "staff.invitation_revoke": _("Staff invitation revoked"),
    "staff.invitation_accept": _("Staff invitation accepted"),
    "staff.remove": _("Staff member removed"),
    "partner.create": _("Partner organisation added"),
    "partner.update": _("Partner organisation edited"),
    "agreement.create": _("Cooperation agreement added"),
    "agreement.update": _("Cooperation agreement edited"),
    # Conferences
    "conference.series.created": _("Conference series created"),
    "conference.created": _("Conference created"),
    "conference.updated": _("Conference edited"),
    "conference.category.saved": _("Registration category saved"),
    "conference.question.saved": _("Registration question saved"),
    "conference.question.deleted": _("Registration question removed"),
    "conference.session.saved": _("Conference session saved"),
    "conference.session.deleted": _("Conference session removed"),
    "conference.registration.created": _("Registered for a conference"),
    "conference.registration.answers_changed": _("Registration answers changed"),
    "conference.registration.cancelled": _("Conference registration cancelled"),
    "conference.registration.offered": _("Place offered from the waiting list"),
    "conference.registration.offer_accepted": _("Offered place accepted"),
    "conference.registration.offer_expired": _("Offered place expired"),
    "conference.registration.promoted": _("Moved off the waiting list"),
    "conference.registration.payment": _("Registration payment recorded"),
    "conference.registration.checked_in": _("Checked in at a conference"),
    # Awards
    "award.create": _("Award created"),
    "award.update": _("Award edited"),
    "cycle.create": _("Award cycle created"),
    "cycle.update": _("Award cycle edited"),
    "cycle.criteria": _("Review criteria set"),
    "cycle.status": _("Award cycle moved to the next phase"),
    "cycle.discussion": _("Committee discussion opened"),
    "cycle.decision": _("Award decision recorded"),
    "cycle.decision_change": _("Award decision changed"),
    "cycle.announce": _("Award winners announced"),
    "committee.add": _("Added to an award committee"),
    "committee.remove": _("Removed from an award committee"),
    "nomination.start": _("Nomination started"),
    "nomination.update": _("Nomination edited"),
    "nomination.cosigner_add": _("Co-signer added to a nomination"),
    "nomination.cosigner_remove": _("Co-signer removed from a nomination"),
    "nomination.attachment_add": _("Attachment added to a nomination"),
    "nomination.attachment_remove": _("Attachment removed from a nomination"),
    "nomination.submit": _("Nomination submitted"),
    "nomination.withdraw": _("Nomination withdrawn"),
    "assignment.create": _("Reviewer assigned"),
    "assignment.auto": _("Reviewers assigned automatically"),
    "assignment.remove": _("Reviewer assignment removed"),
    "conflict.detect": _("Conflict of interest detected"),
    "conflict.declare": _("Conflict of interest declared"),
    "review.draft": _("Review draft saved"),
    "review.submit": _("Review submitted"),
    "review.revise": _("Review revised"),
    # Certificates
    "certificate.issued": _("Certificate issued"),
    "certificate.issued_many": _("Certificates issued"),
    "certificate.revoked": _("Certificate revoked"),
    "certificate.batch_requested": _("Certificates requested for a whole group"),
    # Mail
    "mail.campaign_created": _("Mail campaign written"),
    "mail.campaign_changed": _("Mail campaign edited"),
    "mail.campaign_tested": _("Test of a mail campaign sent"),
    "mail.campaign_sent": _("Mail campaign sent"),
    "mail.campaign_paused": _("Mail campaign paused"),
    "mail.campaign_resumed": _("Mail campaign resumed"),
    "mail.campaign_cancelled": _("Mail campaign cancelled"),
    "mail.unsubscribed": _("Unsubscribed from bulk mail"),
    # Demo data
    "demo.seeded": _("Demo data created"),
}
EXTRA_FIELD_LABELS = {"period": _("period"), "on": _("date")}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: object
    new: object


def field_label(name: str) -> str:
    for model in (Person, Membership, DuesPayment):
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return str(EXTRA_FIELD_LABELS.get(name, name.replace("_", " ")))


def action_label(entry: AuditEntry) -> str:
    """The translated label of the entry's action (an unknown action shows as written)."""
    return str(ACTION_LABELS.get(entry.action, entry.action))


def field_changes(entry: AuditEntry) -> list[FieldChange]:
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    out = []
    for name, pair in changes.items():
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        out.append(FieldChange(label=field_label(name), old=old, new=new))
    return out
