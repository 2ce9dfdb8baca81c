"""Read-only views of the outbox for superusers; staff use /manage/mail/."""

from django.contrib import admin

from kofst.common.admin import ReadOnlyAdmin
from kofst.mail import models


@admin.register(models.Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["name", "association", "state", "recipient_count", "created_at"]
    list_filter = ["state"]


class MessageEventInline(admin.TabularInline):
    model = models.MessageEvent
    extra = 0
    can_delete = False


@admin.register(models.Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ["to_email", "subject", "kind", "state", "attempts", "created_at"]
    list_filter = ["state", "kind"]
    search_fields = ["to_email", "key", "message_id"]
    raw_id_fields = ["person", "user", "campaign"]
    inlines = [MessageEventInline]


@admin.register(models.Unsubscription)
class UnsubscriptionAdmin(ReadOnlyAdmin):
    list_display = ["email", "person", "one_click", "created_at"]
    search_fields = ["email"]
