"""The outbox: every email the product sends is first a ``Message`` row.

A row is written in the same transaction as the event that caused it and carries a
unique ``key``, so that the same event can never produce a second message. Workers claim
rows (``state`` → sending, with a lease) before they talk to the SMTP server; see
``kofst.mail.sending`` and the README ("Email: outbox and campaigns").
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kofst.mail.enums import (
    AudienceKind,
    CampaignState,
    MessageState,
    Priority,
    SkipReason,
)


class Campaign(models.Model):
    """Bulk mail written by staff to an audience built from filters."""

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mail_campaigns",
        verbose_name=_("association"),
        help_text=_("Empty for a KOFST-wide campaign (headquarters only)."),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("Seen by staff only."))
    audience_kind = models.CharField(
        _("audience"), max_length=20, choices=AudienceKind.choices, default=AudienceKind.MEMBERS
    )
    # The audience filters as chosen in the form (ids and codes), see kofst.mail.audience.
    audience = models.JSONField(_("audience filters"), default=dict, blank=True)
    newsletter = models.BooleanField(
        _("newsletter"),
        default=True,
        help_text=_(
            "Only people who agreed to receive the newsletter get it. Untick for messages "
            "members must receive (e.g. a general assembly notice); unsubscribed people are "
            "always left out."
        ),
    )
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_en = models.TextField(_("message (English)"), blank=True)
    subject_ko = models.CharField(_("subject (Korean)"), max_length=200, blank=True)
    body_ko = models.TextField(_("message (Korean)"), blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=CampaignState.choices, default=CampaignState.DRAFT
    )
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "scheduled_at"])]

    def __str__(self) -> str:
        return self.name

    def languages(self) -> list[str]:
        """The languages this campaign is written in (subject and body both given)."""
        written = []
        if self.subject_en.strip() and self.body_en.strip():
            written.append("en")
        if self.subject_ko.strip() and self.body_ko.strip():
            written.append("ko")
        return written

    def language_for(self, preferred: str) -> str:
        """The recipient's language when the campaign has it, otherwise the other one."""
        written = self.languages()
        if preferred in written:
            return preferred
        return written[0] if written else "en"

    def content(self, language: str) -> tuple[str, str]:
        if language == "ko":
            return self.subject_ko, self.body_ko
        return self.subject_en, self.body_en

    @property
    def display_subject(self) -> str:
        if (get_language() or "").startswith("ko") and self.subject_ko:
            return self.subject_ko
        return self.subject_en or self.subject_ko


class Message(models.Model):
    """One email to one recipient: what it says, and what became of it."""

    # Indexes are few on purpose: every claim and every mark rewrites the row and all its
    # index entries. ``campaign`` and ``association`` are covered by the composite ones.
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("campaign"),
        db_index=False,
    )
    # Which association's staff may look this message up (empty: headquarters only).
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("association"),
        db_index=False,
    )
    person = models.ForeignKey(
        "members.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mail_messages",
        verbose_name=_("person"),
    )
    user = models.ForeignKey(  # not indexed: deleting a login is rare, sending is not
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    to_email = models.CharField(_("recipient"), max_length=254, blank=True)
    to_name = models.CharField(_("recipient name"), max_length=200, blank=True)
    # Campaign rows are rendered when they are sent (subject and text then stored here; the
    # HTML part is that text in the layout), so that queuing a campaign to every member
    # stays fast; other rows are rendered when queued.
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    body_text = models.TextField(_("text"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    kind = models.CharField(_("kind"), max_length=60)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.TRANSACTIONAL
    )
    # Placeholder values of a campaign row, fixed when the audience was built.
    context = models.JSONField(default=dict, blank=True)
    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    message_id = models.CharField(_("Message-ID"), max_length=200)  # a uuid: unique anyway
    state = models.CharField(
        _("state"), max_length=10, choices=MessageState.choices, default=MessageState.QUEUED
    )
    skip_reason = models.CharField(
        _("skipped because"), max_length=20, choices=SkipReason.choices, blank=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    lease_token = models.CharField(max_length=32, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    smtp_reply = models.CharField(_("SMTP reply"), max_length=500, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-id"]  # newest first (ids grow with time)
        indexes = [
            # The claim: due rows in priority order, read in index order up to a chunk.
            models.Index(
                fields=["priority", "next_attempt_at", "id"],
                condition=Q(state__in=["queued", "deferred"]),
                name="mail_message_due",
            ),
            # The sweeper: claims whose lease ran out.
            models.Index(
                fields=["lease_expires_at"],
                condition=Q(state="sending"),
                name="mail_message_leased",
            ),
            models.Index(fields=["campaign", "state"], name="mail_message_campaign_state"),
            models.Index(fields=["association", "-id"], name="mail_message_association"),
            models.Index(Upper("to_email"), name="mail_message_to_upper"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="sending") | Q(lease_expires_at__isnull=False),
                name="mail_message_sending_has_lease",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to_email or '—'}: {self.subject or self.kind}"

    @property
    def is_bulk(self) -> bool:
        return self.priority == Priority.BULK


class MessageEvent(models.Model):
    """One step in a message's history (claimed, sent, deferred, re-queued, …)."""

    message = models.ForeignKey(  # indexed by ``mail_event_message``
        Message, on_delete=models.CASCADE, related_name="events", db_index=False
    )
    at = models.DateTimeField(default=timezone.now)
    state = models.CharField(_("state"), max_length=10, choices=MessageState.choices)
    attempt = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=120, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("message event")
        verbose_name_plural = _("message events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["message", "at"], name="mail_event_message")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.state} {self.detail}"


class Unsubscription(models.Model):
    """An address that asked for no more bulk mail. Transactional mail still goes."""

    email = models.CharField(_("email"), max_length=254, unique=True)  # lower-cased
    person = models.ForeignKey(
        "members.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    one_click = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("unsubscribed"), default=timezone.now)

    class Meta:
        verbose_name = _("unsubscription")
        verbose_name_plural = _("unsubscriptions")

    def __str__(self) -> str:
        return self.email
