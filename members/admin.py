"""Read-only admin pages for people and memberships (see ``kofst.common.admin``)."""

from django.contrib import admin

from kofst.common.admin import ReadOnlyAdmin, ReadOnlyInline
from members import models


class MembershipInline(ReadOnlyInline):
    model = models.Membership
    fields = ["association", "member_number", "type", "chapter", "joined_on", "expires_on"]
    readonly_fields = fields


@admin.register(models.Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["family_name_latin", "given_name_latin", "family_name_ko", "given_name_ko"]
    list_display += ["email", "country", "affiliation"]
    search_fields = ["email", "family_name_latin", "given_name_latin", "family_name_ko"]
    exclude = ["search_text", "search_grams"]
    raw_id_fields = ["user", "merged_into"]
    inlines = [MembershipInline]


@admin.register(models.Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["person", "association", "member_number", "type", "joined_on", "expires_on"]
    list_filter = ["association", "type"]
    search_fields = ["member_number", "person__email"]
    raw_id_fields = ["person", "chapter"]


@admin.register(models.DuesPayment)
class DuesPaymentAdmin(ReadOnlyAdmin):
    list_display = ["membership", "period_start", "period_end", "amount", "currency", "paid_on"]
    raw_id_fields = ["membership", "recorded_by"]


@admin.register(models.JoinApplication)
class JoinApplicationAdmin(ReadOnlyAdmin):
    list_display = ["person", "association", "type", "status", "created_at"]
    list_filter = ["status", "association"]
    raw_id_fields = ["person", "decided_by"]


@admin.register(models.ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "association", "created_by", "created_at", "status"]
    list_filter = ["status", "association"]
    exclude = ["samples"]
    raw_id_fields = ["created_by", "confirmed_by"]
