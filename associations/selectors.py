"""Reads of associations, their chapters, committees, staff and partners.

Association profiles are public; what is only for an association's admins (staff list,
invitations) is read here for a given association once the view checked the permission.
"""

import datetime as dt

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from associations.enums import CommitteeRole
from associations.models import (
    Association,
    Chapter,
    Committee,
    CommitteeMember,
    CooperationAgreement,
    PartnerOrganization,
    StaffInvitation,
    StaffRole,
)
from members.models import Membership, Person

# Committee seats: the chair first, then by name.
SEAT_ORDER = (
    Case(When(role=CommitteeRole.CHAIR, then=Value(0)), default=Value(1)),
    "person__family_name_latin",
    "person__given_name_latin",
    "person__family_name_ko",
    "id",
)
# Agreements that end within this many days are highlighted on the partners page.
EXPIRING_SOON_DAYS = 90


def _current_memberships(today: dt.date) -> QuerySet[Membership]:
    return Membership.objects.with_status_in(["active", "grace"], today=today).filter(
        person__merged_into__isnull=True
    )


def _count_of(queryset: QuerySet, group_by: str) -> Subquery:
    counted = (
        queryset.filter(**{group_by: OuterRef("pk")})
        .order_by()
        .values(group_by)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def associations_public() -> QuerySet[Association]:
    """Every association with its number of current members and of chapters (one query)."""
    today = timezone.localdate()
    return Association.objects.annotate(
        member_count=_count_of(_current_memberships(today), "association"),
        chapter_count=_count_of(Chapter.objects.all(), "association"),
    ).order_by("code")


def association_public(*, code: str) -> Association:
    """One association's profile: members, chapters (with their members), committees with
    their chair and members. A fixed number of queries."""
    today = timezone.localdate()
    seats = CommitteeMember.objects.select_related("person").order_by(*SEAT_ORDER)
    chapters = Chapter.objects.annotate(
        member_count=_count_of(_current_memberships(today), "chapter")
    ).order_by("name_en")
    committees = Committee.objects.prefetch_related(Prefetch("seats", queryset=seats)).order_by(
        "name_en"
    )
    association = (
        associations_public()
        .prefetch_related(
            Prefetch("chapters", queryset=chapters),
            Prefetch("committees", queryset=committees),
        )
        .filter(code=(code or "").lower())
        .first()
    )
    if association is None:
        raise Http404
    return association


def association_by_code(*, code: str) -> Association:
    association = Association.objects.filter(code=(code or "").lower()).first()
    if association is None:
        raise Http404
    return association


def staff_of_association(*, association: Association) -> QuerySet[StaffRole]:
    return (
        StaffRole.objects.filter(association=association)
        .select_related("user", "granted_by")
        .order_by("role", "user__email")
    )


def open_invitations(*, association: Association) -> QuerySet[StaffInvitation]:
    return (
        StaffInvitation.objects.filter(
            association=association,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


def chapter_of(*, association: Association, chapter_id: int) -> Chapter:
    chapter = Chapter.objects.filter(association=association, pk=chapter_id).first()
    if chapter is None:
        raise Http404
    return chapter


def committee_of(*, association: Association, committee_id: int) -> Committee:
    seats = CommitteeMember.objects.select_related("person").order_by(*SEAT_ORDER)
    committee = (
        Committee.objects.filter(association=association, pk=committee_id)
        .prefetch_related(Prefetch("seats", queryset=seats))
        .first()
    )
    if committee is None:
        raise Http404
    return committee


def staff_role_of(*, association: Association, role_id: int) -> StaffRole:
    role = StaffRole.objects.filter(association=association, pk=role_id).select_related("user")
    found = role.first()
    if found is None:
        raise Http404
    return found


def invitation_of(*, association: Association, invitation_id: int) -> StaffInvitation:
    invitation = StaffInvitation.objects.filter(association=association, pk=invitation_id).first()
    if invitation is None:
        raise Http404
    return invitation


def partners_with_agreements() -> QuerySet[PartnerOrganization]:
    """Every partner with its agreements (newest first) and their association (2 queries)."""
    agreements = CooperationAgreement.objects.select_related("association").order_by(
        "-signed_on", "-id"
    )
    return PartnerOrganization.objects.prefetch_related(
        Prefetch("agreements", queryset=agreements)
    ).order_by("acronym")


def agreements_expiring(*, today: dt.date | None = None) -> QuerySet[CooperationAgreement]:
    """Agreements that end within ``EXPIRING_SOON_DAYS`` (or ended less than that ago)."""
    today = today or timezone.localdate()
    window = dt.timedelta(days=EXPIRING_SOON_DAYS)
    return (
        CooperationAgreement.objects.filter(
            Q(expires_on__gte=today - window) & Q(expires_on__lte=today + window)
        )
        .select_related("partner", "association")
        .order_by("expires_on")
    )


def partner_by_id(*, partner_id: int) -> PartnerOrganization:
    partner = PartnerOrganization.objects.filter(pk=partner_id).first()
    if partner is None:
        raise Http404
    return partner


def agreement_by_id(*, agreement_id: int) -> CooperationAgreement:
    agreement = CooperationAgreement.objects.select_related("partner").filter(pk=agreement_id)
    found = agreement.first()
    if found is None:
        raise Http404
    return found


def association_member_lookup(*, association: Association, text: str) -> Person | None:
    """The live person with this email or member number in the association, or None."""
    value = (text or "").strip()
    if not value:
        return None
    people = Person.objects.filter(merged_into__isnull=True, erased_at__isnull=True)
    if "@" in value:
        return people.filter(email__iexact=value, memberships__association=association).first()
    return people.filter(
        memberships__association=association, memberships__member_number__iexact=value
    ).first()
