"""Reads of membership applications, scoped to who may see them."""

from django.db.models import QuerySet
from django.http import Http404

from kofst.common.roles import roles_of
from members.enums import ApplicationStatus
from members.models import DuesPayment, JoinApplication, Membership, Person


def applications_visible_to(
    *, user, status: str = ApplicationStatus.PENDING, association_id: int | None = None
) -> QuerySet[JoinApplication]:
    """Applications to the user's associations (HQ: all), oldest pending first."""
    roles = roles_of(user)
    applications = JoinApplication.objects.select_related(
        "person", "association", "chapter", "decided_by"
    )
    if not roles.hq:
        applications = applications.filter(association_id__in=roles.staff_of)
    if association_id is not None:
        applications = applications.filter(association_id=association_id)
    if status:
        applications = applications.filter(status=status)
    if status == ApplicationStatus.PENDING:
        return applications.order_by("created_at", "id")
    return applications.order_by("-decided_at", "-id")


def application_for_staff(*, user, application_id: int) -> JoinApplication:
    application = applications_visible_to(user=user, status="").filter(pk=application_id).first()
    if application is None:
        raise Http404
    return application


def own_memberships(*, person: Person) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(person=person)
        .select_related("association", "chapter")
        .order_by("association__code")
    )


def own_dues(*, person: Person) -> QuerySet[DuesPayment]:
    return (
        DuesPayment.objects.filter(membership__person=person)
        .select_related("membership__association")
        .order_by("-paid_on", "-id")
    )


def own_applications(*, person: Person) -> QuerySet[JoinApplication]:
    return (
        JoinApplication.objects.filter(person=person)
        .select_related("association", "chapter")
        .order_by("-created_at", "-id")
    )


def own_application(*, user, application_id: int) -> JoinApplication:
    """The user's own application, or 404 (also for a user without a person record)."""
    person_id = roles_of(user).person_id
    application = (
        JoinApplication.objects.filter(person_id=person_id, pk=application_id).first()
        if person_id is not None
        else None
    )
    if application is None:
        raise Http404
    return application
