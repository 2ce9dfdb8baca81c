"""Read-only admin pages for conferences and registrations (see ``kofst.common.admin``):
registrations change only through the services that hold the places' locks."""

from django.contrib import admin

from conferences import models
from kofst.common.admin import ReadOnlyAdmin


@admin.register(models.ConferenceSeries)
class ConferenceSeriesAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_en", "name_ko", "kind"]


@admin.register(models.Conference)
class ConferenceAdmin(ReadOnlyAdmin):
    list_display = ["title_en", "series", "year", "city", "starts_on", "status"]
    list_filter = ["status", "series"]
    search_fields = ["title_en", "title_ko", "slug"]


@admin.register(models.Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["code", "person", "conference", "category", "status", "payment_status"]
    list_filter = ["status", "payment_status", "conference"]
    search_fields = ["code", "person__email"]
    raw_id_fields = ["person", "category"]
