"""Read-only admin pages for certificates (see ``kofst.common.admin``): issuing and
revoking go through the staff pages, which keep numbers and codes stable."""

from django.contrib import admin

from kofst.certificates import models
from kofst.common.admin import ReadOnlyAdmin


@admin.register(models.Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "holder", "association", "status", "issued_at"]
    list_filter = ["kind", "status", "association"]
    search_fields = ["number", "code", "holder__email"]
    raw_id_fields = ["holder", "revoked_by"]


@admin.register(models.CertificateBatch)
class CertificateBatchAdmin(ReadOnlyAdmin):
    list_display = ["kind", "association", "status", "total", "done", "requested_by"]
    list_filter = ["status", "kind"]
    exclude = ["certificate_ids"]
