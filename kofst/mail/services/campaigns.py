"""Campaigns: write, test, send (now or later), pause, resume, cancel; build the rows."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kofst.common.audit import audit_record
from kofst.mail.audience import (
    PERSON_FILTERS,
    default_context,
    skip_reason_for,
    source_for,
    summarize,
    with_unsubscribed,
)
from kofst.mail.enums import (
    CLAIMABLE_STATES,
    EDITABLE_CAMPAIGN_STATES,
    CampaignState,
    MessageState,
    Priority,
    SkipReason,
)
from kofst.mail.models import Campaign, Message, MessageEvent
from kofst.mail.rendering import PLACEHOLDERS, render_campaign, unknown_placeholders
from kofst.mail.services.outbox import (
    insert_messages,
    kick_senders_on_commit,
    mail_enqueue,
    new_message_id,
)
from kofst.mail.tokens import unsubscribe_url

CONTENT_FIELDS = ("subject_en", "body_en", "subject_ko", "body_ko")
EDITABLE_FIELDS = (
    "name",
    "association",
    "audience_kind",
    "audience",
    "newsletter",
    *CONTENT_FIELDS,
)
AUDIENCE_KEYS = (
    "associations",
    "chapters",
    "statuses",
    "types",
    "conference",
    "registration_statuses",
    "award_cycle",
    *PERSON_FILTERS,
)
BUILD_BATCH = 2000


def _clean_audience(audience: dict) -> dict:
    return {key: audience[key] for key in AUDIENCE_KEYS if audience.get(key) not in (None, "", [])}


def _validate(campaign: Campaign) -> None:
    """Both parts of a language, known placeholders, at least one language."""
    errors: dict[str, list[str]] = {}
    for subject_field, body_field in (("subject_en", "body_en"), ("subject_ko", "body_ko")):
        subject, body = getattr(campaign, subject_field), getattr(campaign, body_field)
        if subject.strip() and not body.strip():
            errors.setdefault(body_field, []).append(_("Write the message for this subject."))
        if body.strip() and not subject.strip():
            errors.setdefault(subject_field, []).append(_("Write a subject for this message."))
    for name in CONTENT_FIELDS:
        unknown = unknown_placeholders(getattr(campaign, name))
        if unknown:
            errors.setdefault(name, []).append(
                _("Unknown placeholder: %(names)s. Available: %(known)s.")
                % {
                    "names": ", ".join("{{ %s }}" % n for n in unknown),  # noqa: UP031
                    "known": ", ".join("{{ %s }}" % n for n in PLACEHOLDERS),  # noqa: UP031
                }
            )
    if not errors and not campaign.languages():
        errors["subject_en"] = [_("Write the subject and the message in English, Korean or both.")]
    if errors:
        raise ValidationError(errors)


def campaign_create(*, actor, association, name: str, **fields) -> Campaign:  # type: ignore[no-untyped-def]
    """A draft campaign. Side effects: a history entry."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown campaign fields: {sorted(unknown)}")
    with transaction.atomic():
        campaign = Campaign(association=association, name=name, created_by=actor, **fields)
        campaign.audience = _clean_audience(campaign.audience or {})
        _validate(campaign)
        campaign.save()
        audit_record(
            actor=actor,
            action="mail.campaign_created",
            subject=campaign,
            association_id=campaign.association_id,
            summary=f"Campaign “{campaign.name}” written",
        )
    return campaign


def campaign_update(*, campaign: Campaign, actor, **fields) -> Campaign:  # type: ignore[no-untyped-def]
    """Change a draft or scheduled campaign. Side effects: a history entry."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown campaign fields: {sorted(unknown)}")
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.state not in EDITABLE_CAMPAIGN_STATES:
            raise ValidationError(_("This campaign has been sent and can no longer be changed."))
        for name, value in fields.items():
            setattr(campaign, name, value)
        campaign.audience = _clean_audience(campaign.audience or {})
        _validate(campaign)
        campaign.save()
        audit_record(
            actor=actor,
            action="mail.campaign_changed",
            subject=campaign,
            association_id=campaign.association_id,
            summary=f"Campaign “{campaign.name}” changed",
        )
    return campaign


def campaign_people(campaign: Campaign):  # type: ignore[no-untyped-def]
    """Everyone the campaign's filters choose (reachable or not)."""
    return source_for(campaign.audience_kind).people(
        filters=campaign.audience, association_id=campaign.association_id
    )


def campaign_send(*, campaign: Campaign, actor, send_at=None) -> Campaign:  # type: ignore[no-untyped-def]
    """Send now, or at ``send_at``. Side effects: a history entry; on commit, the task that
    builds the rows (now) — or the sweeper starts it when the time comes."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.state not in EDITABLE_CAMPAIGN_STATES:
            raise ValidationError(_("This campaign has already been sent."))
        _validate(campaign)
        if summarize(campaign_people(campaign), newsletter=campaign.newsletter).reachable == 0:
            raise ValidationError(_("Nobody in this audience can be reached by email."))
        now = timezone.now()
        if send_at is not None and send_at > now:
            campaign.state, campaign.scheduled_at = CampaignState.SCHEDULED, send_at
            summary = f"Campaign “{campaign.name}” scheduled for {send_at:%Y-%m-%d %H:%M} UTC"
        else:
            campaign.state, campaign.started_at = CampaignState.BUILDING, now
            campaign.scheduled_at = None
            summary = f"Campaign “{campaign.name}” sent"
        campaign.save(update_fields=["state", "scheduled_at", "started_at", "updated_at"])
        audit_record(
            actor=actor,
            action="mail.campaign_sent",
            subject=campaign,
            association_id=campaign.association_id,
            summary=summary,
        )
        if campaign.state == CampaignState.BUILDING:
            _build_on_commit(campaign.pk)
    return campaign


def _build_on_commit(campaign_id: int) -> None:
    from kofst.mail.tasks import build_campaign  # tasks import the services

    transaction.on_commit(lambda: build_campaign.delay(campaign_id=campaign_id), robust=True)


def campaign_build(*, campaign_id: int) -> int:
    """Write one row per person of the audience (idempotent); the campaign starts sending.

    Runs in a worker. Rows for people who cannot or must not get it are written skipped,
    with the reason, so that the campaign tells what happened to everyone it chose.
    """
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().filter(pk=campaign_id).first()
        if campaign is None or campaign.state != CampaignState.BUILDING:
            return 0
        source = source_for(campaign.audience_kind)
        contexts = source.contexts(
            filters=campaign.audience, association_id=campaign.association_id, person_ids=None
        )
        people = with_unsubscribed(campaign_people(campaign)).values_list(
            "id",
            "email",
            "family_name_latin",
            "given_name_latin",
            "family_name_ko",
            "given_name_ko",
            "preferred_language",
            "consent_newsletter",
            "erased_at",
            "unsubscribed",
        )
        fallback = default_context(campaign.association_id)
        languages = {code: campaign.language_for(code) for code, _ in settings.LANGUAGES}
        now = timezone.now()
        batch: list[dict] = []
        for row in people.order_by("pk").iterator(chunk_size=BUILD_BATCH):
            pk, email, family, given, family_ko, given_ko, language, consent, erased, unsub = row
            reason = skip_reason_for(
                email=email,
                erased=erased is not None,
                consent=consent,
                unsubscribed=unsub,
                newsletter=campaign.newsletter,
            )
            name_latin = " ".join(part for part in (given, family) if part)
            batch.append(
                {
                    "campaign_id": campaign.pk,
                    "association_id": campaign.association_id,
                    "person_id": pk,
                    "to_email": email or "",
                    "to_name": (name_latin or f"{family_ko}{given_ko}")[:200],
                    "language": languages.get(language) or campaign.language_for(language),
                    "kind": "campaign",
                    "priority": Priority.BULK,
                    "context": contexts.get(pk) or fallback,
                    "key": f"campaign:{campaign.pk}:person:{pk}",
                    "message_id": new_message_id(),
                    "state": MessageState.SKIPPED if reason else MessageState.QUEUED,
                    "skip_reason": reason,
                    "error": str(SkipReason(reason).label) if reason else "",
                    "next_attempt_at": now,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            if len(batch) >= BUILD_BATCH:
                insert_messages(batch)
                batch = []
        insert_messages(batch)
        campaign.state = CampaignState.SENDING
        campaign.recipient_count = Message.objects.filter(campaign=campaign).count()
        campaign.save(update_fields=["state", "recipient_count", "updated_at"])
        kick_senders_on_commit(settings.MAIL_SENDERS)
    return campaign.recipient_count or 0


def _transition(  # type: ignore[no-untyped-def]
    *, campaign: Campaign, actor, allowed, to: str, action: str, summary: str
) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.state not in allowed:
        raise ValidationError(
            _("Not possible while the campaign is “%(state)s”.")
            % {"state": campaign.get_state_display()}
        )
    campaign.state = to
    if to == CampaignState.CANCELLED:
        campaign.finished_at = timezone.now()
    campaign.save(update_fields=["state", "finished_at", "updated_at"])
    audit_record(
        actor=actor,
        action=action,
        subject=campaign,
        association_id=campaign.association_id,
        summary=summary % {"name": campaign.name},
    )
    return campaign


def campaign_pause(*, campaign: Campaign, actor) -> Campaign:  # type: ignore[no-untyped-def]
    """Workers stop at their next look (within a few messages); rows stay queued."""
    with transaction.atomic():
        return _transition(
            campaign=campaign,
            actor=actor,
            allowed=(CampaignState.SENDING,),
            to=CampaignState.PAUSED,
            action="mail.campaign_paused",
            summary="Campaign “%(name)s” paused",
        )


def campaign_resume(*, campaign: Campaign, actor) -> Campaign:  # type: ignore[no-untyped-def]
    """Side effects: on commit, sending tasks."""
    with transaction.atomic():
        campaign = _transition(
            campaign=campaign,
            actor=actor,
            allowed=(CampaignState.PAUSED,),
            to=CampaignState.SENDING,
            action="mail.campaign_resumed",
            summary="Campaign “%(name)s” resumed",
        )
        kick_senders_on_commit(settings.MAIL_SENDERS)
    return campaign


def campaign_cancel(*, campaign: Campaign, actor) -> Campaign:  # type: ignore[no-untyped-def]
    """Rows not yet sent are skipped (those being sent this moment still go)."""
    with transaction.atomic():
        campaign = _transition(
            campaign=campaign,
            actor=actor,
            allowed=(
                CampaignState.DRAFT,
                CampaignState.SCHEDULED,
                CampaignState.BUILDING,
                CampaignState.SENDING,
                CampaignState.PAUSED,
            ),
            to=CampaignState.CANCELLED,
            action="mail.campaign_cancelled",
            summary="Campaign “%(name)s” cancelled",
        )
        now = timezone.now()
        pending = Message.objects.filter(campaign=campaign, state__in=CLAIMABLE_STATES)
        ids = list(pending.values_list("id", flat=True))
        for start in range(0, len(ids), BUILD_BATCH):
            part = ids[start : start + BUILD_BATCH]
            Message.objects.filter(id__in=part, state__in=CLAIMABLE_STATES).update(
                state=MessageState.SKIPPED,
                skip_reason=SkipReason.CANCELLED,
                error=str(SkipReason.CANCELLED.label),
                updated_at=now,
            )
            MessageEvent.objects.bulk_create(
                MessageEvent(message_id=pk, at=now, state=MessageState.SKIPPED, detail="cancelled")
                for pk in part
            )
    return campaign


def campaign_render_for(  # type: ignore[no-untyped-def]
    campaign: Campaign, *, person, language: str | None = None, link: str = "", wrap=False
):
    """What ``person`` would receive (for previews and test sends); HTML as a fragment."""
    context = default_context(campaign.association_id)
    if person is not None:
        contexts = source_for(campaign.audience_kind).contexts(
            filters=campaign.audience,
            association_id=campaign.association_id,
            person_ids=[person.pk],
        )
        context = contexts.get(person.pk) or context
    if language is None:
        language = campaign.language_for(getattr(person, "preferred_language", "en"))
    return render_campaign(
        campaign,
        person=person,
        context=context,
        language=language,
        unsubscribe_url=link,
        wrap=wrap,
    )


def campaign_test_send(  # type: ignore[no-untyped-def]
    *, campaign: Campaign, actor, person=None, language: str | None = None
) -> Message:
    """The message ``person`` would get, sent to the actor's own address only.

    Side effects: one transactional outbox row to the actor; a history entry.
    """
    if not actor.email:
        raise ValidationError(_("Your account has no email address."))
    if language is None:
        language = campaign.language_for(getattr(person, "preferred_language", "en"))
    with transaction.atomic():
        link = unsubscribe_url(email=actor.email, campaign_id=campaign.pk)
        rendered = campaign_render_for(campaign, person=person, language=language, link=link)
        message = mail_enqueue(
            to=actor.email,
            subject=f"[{_('Test')}] {rendered.subject}",
            body_text=rendered.text,
            body_html=rendered.html,
            kind="campaign_test",
            key=f"campaign-test:{campaign.pk}:{uuid.uuid4().hex}",
            user=actor,
            association=campaign.association,
            language=language,
        )
        audit_record(
            actor=actor,
            action="mail.campaign_tested",
            subject=campaign,
            association_id=campaign.association_id,
            summary=f"Test of campaign “{campaign.name}” sent to {actor.email}",
        )
    return message
