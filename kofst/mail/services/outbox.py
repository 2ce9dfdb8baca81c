"""Writing messages into the outbox, and unsubscribing from bulk mail."""

import logging
import uuid
from email.utils import parseaddr
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kofst.common.audit import audit_record
from kofst.mail.enums import MessageState, Priority, SkipReason
from kofst.mail.models import Message, Unsubscription
from kofst.mail.rendering import (
    plain_to_html,
    render_template_email,
    unsubscribe_footer_text,
    wrap_html,
)
from kofst.mail.tokens import read_unsubscribe_token, unsubscribe_url
from members.models import Person

logger = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def _domain(from_email: str) -> str:
    return parseaddr(from_email)[1].rpartition("@")[2] or "kofst.example"


def new_message_id() -> str:
    """A Message-ID fixed when the row is written: a resend after a crash carries the same."""
    return f"<{uuid.uuid4().hex}@{_domain(settings.DEFAULT_FROM_EMAIL)}>"


def insert_messages(rows: list[dict]) -> None:
    """Insert many outbox rows (field name → value), skipping keys that exist.

    On PostgreSQL with psycopg2 one multi-row ``INSERT … ON CONFLICT DO NOTHING`` per
    batch, without the ORM's per-value preparation: queuing a campaign to every member
    must take seconds. Elsewhere (the SQLite demo) ``bulk_create``.
    """
    if not rows:
        return
    if connection.vendor != "postgresql" or connection.Database.__name__ != "psycopg2":
        Message.objects.bulk_create([Message(**row) for row in rows], ignore_conflicts=True)
        return
    from psycopg2.extras import Json, execute_values  # only with the psycopg2 driver

    fields = [f for f in Message._meta.concrete_fields if not f.primary_key]
    defaults = {f.name: f.get_default() for f in fields}
    columns = ", ".join(f'"{f.column}"' for f in fields)
    values = [
        tuple(
            Json(value) if field.name == "context" else value
            for field in fields
            for value in [row.get(field.attname, row.get(field.name, defaults[field.name]))]
        )
        for row in rows
    ]
    sql = (
        f'INSERT INTO "{Message._meta.db_table}" ({columns}) VALUES %s '  # noqa: S608 (model names)
        'ON CONFLICT ("key") DO NOTHING'
    )
    with connection.cursor() as cursor:
        execute_values(cursor.cursor, sql, values, page_size=len(values))


def _kick_senders(count: int = 1, *, transactional_only: bool = False) -> None:
    """Queue sending tasks (called on commit). A lost kick only delays: the sweeper kicks too."""
    from kofst.mail.tasks import send_pending  # tasks import the services: no cycle at import

    try:
        for _ in range(count):
            send_pending.delay(transactional_only=transactional_only)
    except Exception:  # noqa: BLE001 (the broker is down: the rows wait for the sweeper)
        logger.exception("Could not queue the mail sender; the sweeper will pick the rows up")


def kick_senders_on_commit(count: int = 1, *, transactional_only: bool = False) -> None:
    """Once per transaction (and savepoint) however many messages it queues."""
    current = set(connection.savepoint_ids)
    for savepoints, func, _robust in getattr(connection, "run_on_commit", []):
        if savepoints == current and getattr(func, "kofst_mail_kick", None) == (
            count,
            transactional_only,
        ):
            return

    def kick() -> None:
        _kick_senders(count, transactional_only=transactional_only)

    kick.kofst_mail_kick = (count, transactional_only)  # type: ignore[attr-defined]
    transaction.on_commit(kick)


def _skip_reason(*, address: str, person, bulk: bool) -> str:  # type: ignore[no-untyped-def]
    if person is not None and person.erased_at is not None:
        return SkipReason.ERASED
    if not address:
        return SkipReason.NO_ADDRESS
    if bulk and Unsubscription.objects.filter(email=address.lower()).exists():
        return SkipReason.UNSUBSCRIBED
    return ""


def mail_enqueue(
    *,
    to: str | None = None,
    subject: str,
    body_text: str,
    body_html: str | None = None,
    kind: str,
    key: str,
    person=None,  # type: ignore[no-untyped-def]
    user=None,  # type: ignore[no-untyped-def]
    to_name: str = "",
    language: str = "",
    association=None,  # type: ignore[no-untyped-def]
    bulk: bool = False,
    send_after=None,  # type: ignore[no-untyped-def]
) -> Message:
    """Write one message into the outbox; it is sent after the caller's transaction commits.

    ``key`` makes it idempotent: a second call with the same key returns the first row and
    sends nothing more. ``to`` defaults to the person's address. ``body_html`` is an HTML
    fragment placed inside the common layout (without it, the text is made into HTML).
    ``bulk`` messages get an unsubscribe link and headers and are skipped for addresses
    that unsubscribed; transactional ones (the default) always go. ``association`` decides
    whose staff may look the message up. Side effects: one ``Message`` row; on commit, a
    sending task.
    """
    address = (to if to is not None else (person.email if person is not None else "")) or ""
    address = address.strip()
    if not language:
        language = getattr(person, "preferred_language", "") or settings.LANGUAGE_CODE
    if not to_name and person is not None:
        to_name = person.name_latin or person.name_ko
    reason = _skip_reason(address=address, person=person, bulk=bulk)
    inner_html = body_html if body_html is not None else plain_to_html(body_text)
    link = ""
    if bulk and not reason:
        link = unsubscribe_url(email=address, person_id=getattr(person, "pk", None))
        body_text = (
            f"{body_text.rstrip()}\n\n-- \n"
            f"{unsubscribe_footer_text(language=language, unsubscribe_url=link)}"
        )
    now = timezone.now()
    row = Message(
        to_email=address,
        to_name=to_name[:200],
        person=person,
        user=user,
        association=association,
        subject=" ".join(subject.split())[:500],
        body_text=body_text,
        body_html=wrap_html(inner=inner_html, language=language, unsubscribe_url=link),
        language=language,
        kind=kind[:60],
        priority=Priority.BULK if bulk else Priority.TRANSACTIONAL,
        key=key[:200],
        message_id=new_message_id(),
        state=MessageState.SKIPPED if reason else MessageState.QUEUED,
        skip_reason=reason,
        error=str(SkipReason(reason).label) if reason else "",
        context={"unsubscribe_url": link} if link else {},
        next_attempt_at=send_after or now,
        created_at=now,
        updated_at=now,
    )
    Message.objects.bulk_create([row], ignore_conflicts=True)
    stored = Message.objects.get(key=row.key)
    if stored.message_id == row.message_id and stored.state == MessageState.QUEUED:
        kick_senders_on_commit(transactional_only=not bulk)
    return stored


def mail_enqueue_template(
    *,
    template: str,
    context: dict,
    kind: str,
    key: str,
    person=None,  # type: ignore[no-untyped-def]
    to: str | None = None,
    language: str = "",
    **options,  # type: ignore[no-untyped-def]
) -> Message:
    """``mail_enqueue`` with ``templates/emails/<template>/subject.txt``, ``body.txt`` and
    (optional) ``body.html`` rendered in the recipient's language (``person``'s preferred
    language unless ``language`` is given). ``person`` is in the context as ``person``."""
    if not language:
        language = getattr(person, "preferred_language", "") or settings.LANGUAGE_CODE
    rendered = render_template_email(template, {"person": person, **context}, language=language)
    return mail_enqueue(
        to=to,
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
        kind=kind,
        key=key,
        person=person,
        language=language,
        **options,
    )


def unsubscribe_record(*, token: str, one_click: bool = False) -> Unsubscription:
    """Stop bulk mail to the address in a signed token; records when. Idempotent.

    Raises ``ValidationError`` for a tampered or expired token. Side effects: an
    ``Unsubscription`` row, the person's newsletter consent switched off, a history entry.
    """
    try:
        claim = read_unsubscribe_token(token)
    except signing.SignatureExpired as exc:
        raise ValidationError(
            _("This unsubscribe link has expired. Use the link in a more recent message."),
            code="expired",
        ) from exc
    except signing.BadSignature as exc:
        raise ValidationError(_("This unsubscribe link is not valid."), code="invalid") from exc
    with transaction.atomic():
        person = None
        if claim.person_id is not None:
            person = Person.objects.filter(pk=claim.person_id).first()
        unsubscription, created = Unsubscription.objects.get_or_create(
            email=claim.email,
            defaults={
                "person": person,
                "campaign_id": claim.campaign_id,
                "one_click": one_click,
            },
        )
        if created:
            if person is not None and person.consent_newsletter:
                Person.objects.filter(pk=person.pk).update(consent_newsletter=False)
            audit_record(
                actor=None,
                action="mail.unsubscribed",
                subject=unsubscription,
                person_id=claim.person_id,
                summary=f"{claim.email} unsubscribed from bulk mail",
            )
    return unsubscription
