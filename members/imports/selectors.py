"""Reads of import jobs, scoped to the associations a user runs (out of scope: 404)."""

from django.db.models import QuerySet
from django.http import Http404

from associations.models import Association
from kofst.common.roles import roles_of
from members.imports import rules as _rules  # noqa: F401  (registers the permissions)
from members.imports.models import ImportJob, SavedMapping


def import_associations_for(*, user) -> QuerySet[Association]:
    """The associations the user may import into (all of them for HQ)."""
    roles = roles_of(user)
    associations = Association.objects.order_by("code")
    if roles.hq:
        return associations
    return associations.filter(pk__in=roles.staff_of)


def import_jobs_visible_to(*, user) -> QuerySet[ImportJob]:
    roles = roles_of(user)
    jobs = ImportJob.objects.select_related("association", "created_by")
    if roles.hq:
        return jobs
    return jobs.filter(association_id__in=roles.staff_of)


def import_job_for_staff(*, user, job_id: int) -> ImportJob:
    job = import_jobs_visible_to(user=user).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


def saved_mapping_for(*, association) -> dict[str, str]:
    saved = SavedMapping.objects.filter(association=association).first()
    return dict(saved.columns) if saved else {}
