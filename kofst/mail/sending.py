"""The worker's side of the outbox: claim a chunk, send it over one connection, mark it.

The guarantee (README, "Email: outbox and campaigns"):

* **Never twice, except in one window.** A row is claimed — ``state`` queued/deferred →
  sending, with a lease token and expiry, committed — before a byte goes to the server
  (``SELECT … FOR UPDATE SKIP LOCKED`` so that concurrent workers take different rows).
  A worker sends a claimed row only while its lease has more than ``_SAFETY`` left, and
  marks it with a conditional update on its own token. Nobody else touches a leased row
  until the lease (plus ``MAIL_LEASE_GRACE_SECONDS``) has expired, by which time the
  worker has stopped. The one window: the server accepted the message and the worker
  died (or the connection broke before the server's reply arrived) before the row was
  marked; the sweeper then puts the row back, and it is sent again, with the same
  Message-ID.
* **Never lost.** Every row ends sent, failed or skipped: a dead worker's rows come back
  when the lease expires (``kofst.mail.sweeper``), temporary failures are retried with
  exponential backoff until ``MAIL_MAX_ATTEMPTS``, lost tasks are replaced by the
  sweeper's kick.

Tasks stay short whatever the size of a campaign: one chunk of at most
``MAIL_CHUNK_SIZE`` rows (fewer when the rate limit would make it long), after which the
task queues its own continuation.
"""

import datetime as dt
import logging
import os
import socket
import time
import uuid
from dataclasses import dataclass, field
from email.utils import parseaddr

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from kofst.mail import ratelimit
from kofst.mail.enums import (
    CLAIMABLE_STATES,
    OPEN_STATES,
    CampaignState,
    MessageState,
    Priority,
    SkipReason,
)
from kofst.mail.mime import Outgoing
from kofst.mail.models import Campaign, Message, MessageEvent, Unsubscription
from kofst.mail.rendering import render_campaign
from kofst.mail.tokens import unsubscribe_url
from kofst.mail.transport import SendError, Transport

logger = logging.getLogger(__name__)

PAUSE_CHECK_EVERY = 20  # messages between two looks at the campaigns' state


def worker_name() -> str:
    return f"{socket.gethostname()}/{os.getpid()}"[:120]


def chunk_size() -> int:
    """Rows per claim: ``MAIL_CHUNK_SIZE``, fewer if the rate would make the chunk long."""
    size = settings.MAIL_CHUNK_SIZE
    rate = settings.MAIL_RATE_PER_SECOND
    if rate and rate > 0:
        size = min(size, max(1, int(rate * settings.MAIL_LEASE_SECONDS / 4)))
    return max(1, size)


def _safety() -> float:
    """Seconds of lease a worker must have left to start sending one more message: the
    longest one SMTP conversation may block (``EMAIL_TIMEOUT``), and some to mark it."""
    return float(getattr(settings, "EMAIL_TIMEOUT", None) or 30) + 2


def retry_delay(attempts: int) -> dt.timedelta:
    """Exponential backoff: base, 2×base, 4×base, … capped at a day."""
    seconds = settings.MAIL_RETRY_BASE_SECONDS * (2 ** max(0, attempts - 1))
    return dt.timedelta(seconds=min(seconds, 24 * 3600))


def due_messages(now: dt.datetime, *, transactional_only: bool = False):  # type: ignore[no-untyped-def]
    rows = Message.objects.filter(state__in=CLAIMABLE_STATES, next_attempt_at__lte=now).filter(
        Q(campaign__isnull=True) | Q(campaign__state=CampaignState.SENDING)
    )
    if transactional_only:
        rows = rows.filter(priority=Priority.TRANSACTIONAL)
    return rows


@dataclass
class ChunkResult:
    claimed: int = 0
    limit: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    stopped: bool = False  # connection lost, paused, lease running out

    @property
    def more(self) -> bool:
        """Probably more work waiting: the chunk was full and ran to its end."""
        return self.claimed >= self.limit > 0 and not self.stopped

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


def claim(*, limit: int, token: str, transactional_only: bool = False) -> list[Message]:
    """Take up to ``limit`` due rows for this worker, committed before anything is sent."""
    now = timezone.now()
    lease_until = now + dt.timedelta(seconds=settings.MAIL_LEASE_SECONDS)
    worker = worker_name()
    with transaction.atomic():
        due = (
            due_messages(now, transactional_only=transactional_only)
            .order_by("priority", "next_attempt_at", "id")
            .select_for_update(skip_locked=True, of=("self",))
        )
        ids = list(due.values_list("id", flat=True)[:limit])
        if not ids:
            return []
        Message.objects.filter(id__in=ids, state__in=CLAIMABLE_STATES).update(
            state=MessageState.SENDING,
            lease_token=token,
            lease_expires_at=lease_until,
            updated_at=now,
        )
        rows = list(
            Message.objects.filter(id__in=ids, lease_token=token, state=MessageState.SENDING)
            .select_related("person", "campaign")
            .order_by("priority", "next_attempt_at", "id")
        )
        MessageEvent.objects.bulk_create(
            MessageEvent(
                message=row,
                at=now,
                state=MessageState.SENDING,
                attempt=row.attempts + 1,
                worker=worker,
                detail=f"claimed until {lease_until:%H:%M:%S} UTC",
            )
            for row in rows
        )
    return rows


def _mark(
    row: Message, token: str, *, state: str, detail: str, attempted: bool = True, **fields
) -> bool:
    """Record one row's outcome and its history entry, only if this worker still holds
    its lease. One statement and one commit on PostgreSQL: this runs once per message."""
    now = timezone.now()
    values = {
        "state": state,
        "lease_token": "",
        "lease_expires_at": None,
        "attempts": row.attempts + (1 if attempted else 0),
        "updated_at": now,
        **fields,
    }
    event = {
        "at": now,
        "state": state,
        "attempt": values["attempts"],
        "worker": worker_name(),
        "detail": detail[:500],
    }
    if connection.vendor == "postgresql":
        updated = _mark_in_one_statement(row.pk, token, values, event)
    else:
        with transaction.atomic():
            updated = bool(
                Message.objects.filter(
                    pk=row.pk, lease_token=token, state=MessageState.SENDING
                ).update(**values)
            )
            if updated:
                MessageEvent.objects.create(message_id=row.pk, **event)
    if not updated:
        logger.warning("Message %s: lease lost before it was marked %s", row.pk, state)
    return updated


def _mark_in_one_statement(pk: int, token: str, values: dict, event: dict) -> bool:
    """UPDATE … RETURNING feeding the INSERT of the event: one statement, one commit."""
    message_fields = {f.name: f for f in Message._meta.concrete_fields}
    event_fields = {f.name: f for f in MessageEvent._meta.concrete_fields}
    assignments = ", ".join(f'"{message_fields[name].column}" = %s' for name in values)
    event_columns = ", ".join(f'"{event_fields[name].column}"' for name in event)
    placeholders = ", ".join("%s" for _ in event)
    sql = (
        f'WITH marked AS (UPDATE "{Message._meta.db_table}" SET {assignments} '  # noqa: S608 (names from the models)
        'WHERE "id" = %s AND "lease_token" = %s AND "state" = %s RETURNING "id") '
        f'INSERT INTO "{MessageEvent._meta.db_table}" ("message_id", {event_columns}) '
        f'SELECT "id", {placeholders} FROM marked RETURNING "message_id"'
    )
    params = [
        message_fields[name].get_db_prep_save(value, connection) for name, value in values.items()
    ]
    params += [pk, token, MessageState.SENDING]
    params += [
        event_fields[name].get_db_prep_save(value, connection) for name, value in event.items()
    ]
    if not settings.MAIL_SYNCHRONOUS_MARKS:
        # Committed and visible at once, flushed to disk a moment later: a worker crash
        # loses nothing; only a crash of PostgreSQL itself could lose the last fraction of
        # a second of marks (those messages would be sent again; see the README).
        sql = f"SET LOCAL synchronous_commit TO OFF; {sql}"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() is not None


def _content_fields(row: Message) -> dict:
    """What a campaign row said, kept when it is marked: subject and text. (Its HTML part
    is the same text in the layout; not storing it keeps each mark a small write.)"""
    if row.campaign_id is None:
        return {}
    return {"subject": row.subject, "body_text": row.body_text}


def mark_sent(row: Message, token: str, reply: str) -> bool:
    return _mark(
        row,
        token,
        state=MessageState.SENT,
        detail=reply,
        smtp_reply=reply[:500],
        sent_at=timezone.now(),
        error="",
        **_content_fields(row),
    )


def mark_failed_or_deferred(row: Message, token: str, error: SendError) -> str:
    """Permanent refusals fail at once; temporary ones are retried with backoff until
    ``MAIL_MAX_ATTEMPTS``. Returns the state written."""
    reason = str(error)
    reply = reason[:500] if error.code else ""
    attempts = row.attempts + 1
    if error.permanent or attempts >= settings.MAIL_MAX_ATTEMPTS:
        if not error.permanent:
            reason = f"Gave up after {attempts} attempts; last: {reason}"
        _mark(
            row,
            token,
            state=MessageState.FAILED,
            detail=reason,
            error=reason,
            smtp_reply=reply,
            **_content_fields(row),
        )
        return MessageState.FAILED
    next_at = timezone.now() + retry_delay(attempts)
    _mark(
        row,
        token,
        state=MessageState.DEFERRED,
        detail=f"{reason} — next attempt {next_at:%Y-%m-%d %H:%M:%S} UTC",
        error=reason,
        smtp_reply=reply,
        next_attempt_at=next_at,
        **_content_fields(row),
    )
    return MessageState.DEFERRED


def mark_skipped(row: Message, token: str, reason: str) -> bool:
    return _mark(
        row,
        token,
        state=MessageState.SKIPPED,
        detail=str(SkipReason(reason).label),
        attempted=False,
        skip_reason=reason,
    )


def release(rows: list[Message], token: str, *, why: str) -> int:
    """Give claimed rows back untried (paused, lease running out, connection lost)."""
    if not rows:
        return 0
    now = timezone.now()
    with transaction.atomic():
        ids = [row.pk for row in rows]
        released = Message.objects.filter(
            id__in=ids, lease_token=token, state=MessageState.SENDING
        ).update(
            state=MessageState.QUEUED,
            lease_token="",
            lease_expires_at=None,
            updated_at=now,
        )
        MessageEvent.objects.bulk_create(
            MessageEvent(message_id=pk, at=now, state=MessageState.QUEUED, detail=why[:500])
            for pk in ids
        )
    return released


def build_outgoing(row: Message, *, sender: tuple[str, str]) -> Outgoing:
    """The email for a row; campaign rows are rendered now (and the result kept on the row)."""
    headers = {"Message-ID": row.message_id}
    link = ""
    if row.is_bulk:
        link = row.context.get("unsubscribe_url") or unsubscribe_url(
            email=row.to_email, person_id=row.person_id, campaign_id=row.campaign_id
        )
        headers["List-Unsubscribe"] = f"<{link}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        headers["Precedence"] = "bulk"
    else:
        headers["Auto-Submitted"] = "auto-generated"
    if row.campaign_id is not None:  # rendered at each attempt, the same each time
        rendered = render_campaign(
            row.campaign,
            person=row.person,
            context=row.context,
            language=row.language,
            unsubscribe_url=link,
        )
        row.subject, row.body_text, row.body_html = rendered.subject, rendered.text, rendered.html
    return Outgoing(
        from_name=sender[0],
        from_email=sender[1],
        to_name=row.to_name,
        to_email=row.to_email,
        subject=row.subject,
        text=row.body_text,
        html=row.body_html,
        headers=headers,
    )


def _unsubscribed(rows: list[Message]) -> set[str]:
    emails = {row.to_email.lower() for row in rows if row.is_bulk and row.to_email}
    if not emails:
        return set()
    return set(Unsubscription.objects.filter(email__in=emails).values_list("email", flat=True))


def _halted_campaigns(campaign_ids: set[int]) -> set[int]:
    if not campaign_ids:
        return set()
    return set(
        Campaign.objects.filter(pk__in=campaign_ids)
        .exclude(state=CampaignState.SENDING)
        .values_list("pk", flat=True)
    )


def send_chunk(*, transactional_only: bool = False) -> ChunkResult:
    """Claim one chunk of due rows and send it over one connection."""
    token = uuid.uuid4().hex
    limit = chunk_size()
    rows = claim(limit=limit, token=token, transactional_only=transactional_only)
    result = ChunkResult(claimed=len(rows), limit=limit)
    if not rows:
        return result
    deadline = time.monotonic() + settings.MAIL_LEASE_SECONDS - _safety()
    unsubscribed = _unsubscribed(rows)
    sender = parseaddr(settings.DEFAULT_FROM_EMAIL)
    campaign_ids = {row.campaign_id for row in rows if row.campaign_id}
    transport = Transport()
    try:
        transport.open()
    except SendError as error:
        for row in rows:
            result.count(mark_failed_or_deferred(row, token, error))
        result.stopped = True
        return result
    released: set[int] = set()
    try:
        for index, row in enumerate(rows):
            if index % PAUSE_CHECK_EVERY == 0 and campaign_ids:
                halted = _halted_campaigns(campaign_ids)
                if halted:
                    held = [r for r in rows[index:] if r.campaign_id in halted]
                    release(held, token, why="campaign paused or cancelled")
                    released.update(r.pk for r in held)
                    campaign_ids -= halted
                    result.stopped = True
            if row.pk in released:
                continue
            if row.is_bulk and row.to_email.lower() in unsubscribed:
                mark_skipped(row, token, SkipReason.UNSUBSCRIBED)
                result.count(MessageState.SKIPPED)
                continue
            try:
                outgoing = build_outgoing(row, sender=sender)
            except (ValueError, LookupError) as exc:
                error = SendError(reason=f"cannot build the message: {exc}", permanent=True)
                result.count(mark_failed_or_deferred(row, token, error))
                continue
            ratelimit.take()
            if time.monotonic() > deadline:
                rest = [r for r in rows[index:] if r.pk not in released]
                release(rest, token, why="lease ending")
                result.stopped = True
                break
            try:
                reply = transport.send(outgoing)
            except SendError as error:
                result.count(mark_failed_or_deferred(row, token, error))
                if error.connection_lost:
                    rest = [r for r in rows[index + 1 :] if r.pk not in released]
                    release(rest, token, why="connection lost")
                    result.stopped = True
                    break
                continue
            mark_sent(row, token, reply)
            result.count(MessageState.SENT)
    finally:
        transport.close()
    for campaign_id in {row.campaign_id for row in rows if row.campaign_id}:
        finish_campaign_if_done(campaign_id)
    return result


def finish_campaign_if_done(campaign_id: int) -> bool:
    """A sending campaign whose rows are all final becomes done (one statement)."""
    open_rows = Message.objects.filter(campaign_id=OuterRef("pk"), state__in=OPEN_STATES)
    return bool(
        Campaign.objects.filter(pk=campaign_id, state=CampaignState.SENDING)
        .exclude(Exists(open_rows))
        .update(state=CampaignState.DONE, finished_at=timezone.now())
    )
