from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from kofst.certificates.models import Certificate, CertificateBatch, CertificateDesign
from kofst.common.roles import roles_of


def certificates_visible_to(*, user) -> QuerySet[Certificate]:
    """Staff see their associations' certificates, HQ all, anyone else none."""
    roles = roles_of(user)
    queryset = Certificate.objects.select_related("holder", "association")
    if roles.hq:
        return queryset
    return queryset.filter(association_id__in=roles.staff_of)


def certificates_of(*, user) -> QuerySet[Certificate]:
    """A member's own certificates."""
    roles = roles_of(user)
    if roles.person_id is None:
        return Certificate.objects.none()
    return Certificate.objects.filter(holder_id=roles.person_id).select_related("association")


def certificate_for_staff(*, user, pk: int) -> Certificate:
    return get_object_or_404(certificates_visible_to(user=user), pk=pk)


def batches_visible_to(*, user) -> QuerySet[CertificateBatch]:
    roles = roles_of(user)
    queryset = CertificateBatch.objects.select_related("association", "requested_by")
    if roles.hq:
        return queryset
    return queryset.filter(association_id__in=roles.staff_of)


def designs_visible_to(*, user) -> QuerySet[CertificateDesign]:
    roles = roles_of(user)
    queryset = CertificateDesign.objects.select_related("association", "subject_type")
    if roles.hq:
        return queryset
    return queryset.filter(association_id__in=roles.staff_of)
