"""The outbox in this process (tasks inline) against a real SMTP server (aiosmtpd)."""

import datetime as dt
import socket

import pytest
from django.db import transaction
from django.utils import timezone

from kofst.mail import sending
from kofst.mail.enums import MessageState, SkipReason
from kofst.mail.models import Message, Unsubscription
from kofst.mail.services import mail_enqueue, mail_enqueue_template
from kofst.mail.tasks import send_pending
from tests.factories import PersonFactory


def _enqueue(capture, **kwargs) -> Message:
    """Queue one message in a committed transaction (its on-commit send runs inline)."""
    defaults = {"subject": "Welcome", "body_text": "Hello.", "kind": "test", "key": "test:1"}
    with capture(execute=True):
        message = mail_enqueue(**{**defaults, **kwargs})
    message.refresh_from_db()
    return message


def _states(message: Message) -> list[str]:
    return list(message.events.values_list("state", flat=True))


def test_mail_enqueue_sends_after_commit_with_reply_and_message_id(
    outbox, django_capture_on_commit_callbacks
):
    message = _enqueue(django_capture_on_commit_callbacks, to="ana@example.org")

    assert message.state == MessageState.SENT
    assert message.smtp_reply == "250 Message accepted for delivery"
    assert message.attempts == 1
    assert _states(message) == ["sending", "sent"]
    [received] = outbox.messages
    assert received["Message-ID"] == message.message_id
    assert received["X-Envelope-To"] == "ana@example.org"
    assert received["Subject"] == "Welcome"
    assert received["Auto-Submitted"] == "auto-generated"
    assert received["List-Unsubscribe"] is None
    assert received.get_body(("plain",)).get_content().strip() == "Hello."
    assert "<p>Hello.</p>" in received.get_body(("html",)).get_content()


def test_mail_enqueue_in_rolled_back_transaction_sends_nothing(
    outbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        mail_enqueue(to="ana@example.org", subject="S", body_text="B", kind="t", key="t:1")
        raise RuntimeError("the registration failed")

    assert callbacks == []
    assert Message.objects.count() == 0
    assert outbox.messages == []


def test_mail_enqueue_same_key_twice_gives_one_message(outbox, django_capture_on_commit_callbacks):
    first = _enqueue(django_capture_on_commit_callbacks, to="ana@example.org", key="app:1:ok")
    second = _enqueue(django_capture_on_commit_callbacks, to="ana@example.org", key="app:1:ok")

    assert second.pk == first.pk
    assert Message.objects.count() == 1
    assert len(outbox.messages) == 1


@pytest.mark.parametrize(
    ("person_fields", "bulk", "reason"),
    [
        ({"email": None}, False, SkipReason.NO_ADDRESS),
        ({"erased_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}, False, SkipReason.ERASED),
        ({"email": "gone@example.org"}, True, SkipReason.UNSUBSCRIBED),
    ],
)
def test_mail_enqueue_skips_with_reason(
    outbox, django_capture_on_commit_callbacks, person_fields, bulk, reason
):
    Unsubscription.objects.create(email="gone@example.org")
    person = PersonFactory(**person_fields)

    message = _enqueue(django_capture_on_commit_callbacks, person=person, bulk=bulk)

    assert (message.state, message.skip_reason) == (MessageState.SKIPPED, reason)
    assert outbox.messages == []


def test_transactional_mail_still_goes_to_unsubscribed_address(
    outbox, django_capture_on_commit_callbacks
):
    Unsubscription.objects.create(email="gone@example.org")

    message = _enqueue(django_capture_on_commit_callbacks, to="Gone@example.org")

    assert message.state == MessageState.SENT
    assert len(outbox.messages) == 1


def test_bulk_mail_carries_unsubscribe_link_and_headers(outbox, django_capture_on_commit_callbacks):
    person = PersonFactory(email="ana@example.org")

    _enqueue(django_capture_on_commit_callbacks, person=person, bulk=True)

    [received] = outbox.messages
    link = received["List-Unsubscribe"].strip()  # the header is folded: it is long
    assert link.startswith("<http://") and "/mail/unsubscribe/" in link
    assert received["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
    text = received.get_body(("plain",)).get_content()
    assert link.strip("<>") in text


@pytest.mark.parametrize(
    ("language", "expected_date"),
    [("ko", "2026년 7월 1일"), ("en", "July 1, 2026")],
)
def test_mail_enqueue_template_renders_in_recipients_language(
    outbox, django_capture_on_commit_callbacks, language, expected_date
):
    person = PersonFactory(preferred_language=language, email="ana@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        message = mail_enqueue_template(
            template="renewal_reminder",
            context={
                "stage": "30",
                "name": "Ana",
                "association_name": "KSEA",
                "member_number": "M1",
                "expires_on": dt.date(2026, 7, 1),
                "grace_days": 90,
                "personal_link": "http://x/me/",
            },
            person=person,
            kind="renewal_reminder_30",
            key="renewal:1",
        )

    message.refresh_from_db()
    assert message.language == language
    assert expected_date in message.subject  # rendered under the recipient's locale
    assert outbox.messages[0]["Subject"].strip() == message.subject


def test_temporary_refusal_is_deferred_then_delivered(
    outbox, settings, django_capture_on_commit_callbacks
):
    settings.MAIL_RETRY_BASE_SECONDS = 0  # due again at once, for the test
    outbox.handler.fail_next = [(451, "4.3.0 Try again later")]

    message = _enqueue(django_capture_on_commit_callbacks, to="ana@example.org")

    assert message.state == MessageState.DEFERRED
    assert message.smtp_reply == "DATA: 451 4.3.0 Try again later"
    assert "451 4.3.0 Try again later" in message.error
    assert outbox.messages == []

    send_pending()

    message.refresh_from_db()
    assert (message.state, message.attempts) == (MessageState.SENT, 2)
    assert message.error == ""
    assert _states(message) == ["sending", "deferred", "sending", "sent"]
    assert len(outbox.messages) == 1


def test_temporary_refusal_waits_with_exponential_backoff(
    outbox, settings, django_capture_on_commit_callbacks
):
    settings.MAIL_RETRY_BASE_SECONDS = 60
    outbox.handler.fail_next = [(421, "4.7.0 Too many connections")]
    before = timezone.now()

    message = _enqueue(django_capture_on_commit_callbacks, to="ana@example.org")

    assert message.state == MessageState.DEFERRED
    assert dt.timedelta(seconds=59) < message.next_attempt_at - before < dt.timedelta(seconds=70)
    assert [sending.retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert send_pending() == 0  # not due yet: nothing is claimed
    assert outbox.messages == []


def test_permanent_refusal_fails_with_reason_and_is_not_retried(
    outbox, django_capture_on_commit_callbacks
):
    outbox.handler.fail_next = [(550, "5.1.1 No such user")]

    message = _enqueue(django_capture_on_commit_callbacks, to="nobody@example.org")
    send_pending()

    message.refresh_from_db()
    assert message.state == MessageState.FAILED
    assert message.error == "DATA: 550 5.1.1 No such user"
    assert message.attempts == 1
    assert outbox.messages == []


def test_temporary_refusals_fail_after_the_last_attempt(
    outbox, settings, django_capture_on_commit_callbacks
):
    settings.MAIL_RETRY_BASE_SECONDS = 0
    settings.MAIL_MAX_ATTEMPTS = 2
    outbox.handler.fail_next = [(451, "busy"), (451, "still busy")]

    message = _enqueue(django_capture_on_commit_callbacks, to="ana@example.org")
    send_pending()

    message.refresh_from_db()
    assert message.state == MessageState.FAILED
    assert message.error == "Gave up after 2 attempts; last: DATA: 451 still busy"


def test_unreachable_server_defers(outbox, settings, django_capture_on_commit_callbacks):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = sock.getsockname()[1]  # nothing listens there

    message = _enqueue(django_capture_on_commit_callbacks, to="ana@example.org")

    assert message.state == MessageState.DEFERRED
    assert message.error.startswith("connect: ConnectionRefusedError")


def test_chunk_goes_on_after_a_permanent_refusal(outbox, django_capture_on_commit_callbacks):
    outbox.handler.fail_next = [(550, "5.1.1 No such user")]
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            mail_enqueue(to=f"r{n}@example.org", subject="S", body_text="B", kind="t", key=f"k{n}")

    states = dict(Message.objects.values_list("to_email", "state"))
    assert states == {
        "r0@example.org": "failed",
        "r1@example.org": "sent",
        "r2@example.org": "sent",
    }
    assert sorted(m["X-Envelope-To"] for m in outbox.messages) == [
        "r1@example.org",
        "r2@example.org",
    ]


def test_korean_names_and_subjects_are_encoded_for_the_wire(
    outbox, django_capture_on_commit_callbacks
):
    person = PersonFactory(
        email="minsu@example.org",
        family_name_ko="김",
        given_name_ko="민수",
        given_name_latin="",
        family_name_latin="",
    )

    _enqueue(django_capture_on_commit_callbacks, person=person, subject="회원 갱신 안내 " * 4)

    [received] = outbox.messages
    assert received["To"].strip() == "김민수 <minsu@example.org>"
    assert received["Subject"].strip() == ("회원 갱신 안내 " * 4).strip()
    assert received.get_body(("plain",)).get_content().strip() == "Hello."


def test_address_that_needs_smtputf8_fails_permanently(outbox, django_capture_on_commit_callbacks):
    message = _enqueue(django_capture_on_commit_callbacks, to="민수@example.org")

    assert message.state == MessageState.FAILED
    assert "needs SMTPUTF8" in message.error
    assert outbox.messages == []
