"""One connection to the mail server for a chunk of messages, and what its replies mean.

With Django's SMTP backend the conversation (MAIL, RCPT, DATA) is driven here so that the
server's final reply ("250 2.0.0 Ok: queued as …") is kept on the row and every refusal is
classified: 4xx is temporary (deferred, retried later), 5xx permanent (failed), a lost
connection temporary. Other backends (console for the demo, locmem in tests) just take
the message.
"""

import contextlib
import smtplib
from dataclasses import dataclass
from email.utils import formataddr

from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend

from kofst.mail import mime
from kofst.mail.mime import Outgoing, wire_address


@dataclass(eq=False)
class SendError(Exception):
    """The server did not take the message."""

    reason: str
    code: int | None = None
    permanent: bool = False
    connection_lost: bool = False

    def __str__(self) -> str:
        return self.reason


def _reply_text(code: int, response: bytes | str) -> str:
    text = response.decode("utf-8", "replace") if isinstance(response, bytes) else response
    return f"{code} {' '.join(text.split())}"[:500]


def django_message(message: Outgoing) -> EmailMultiAlternatives:
    """The same message for Django's other backends (console in the demo, locmem in tests)."""
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=formataddr((message.from_name, message.from_email)),
        to=[formataddr((message.to_name, message.to_email))],
        headers=message.headers,
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    return email


def refusal(code: int, response: bytes | str, *, stage: str) -> SendError:
    reply = _reply_text(code, response)
    return SendError(
        reason=f"{stage}: {reply}",
        code=code,
        permanent=500 <= code < 600,
        # 421: the server closes the connection; the rest of the chunk must wait.
        connection_lost=code == 421,
    )


class Transport:
    def __init__(self) -> None:
        self.backend = get_connection(fail_silently=False)
        self.is_smtp = isinstance(self.backend, SMTPBackend)

    def open(self) -> None:
        """Connect (and log in); ``SendError(connection_lost=True)`` when that fails."""
        try:
            self.backend.open()
        except smtplib.SMTPResponseException as exc:
            raise refusal(exc.smtp_code, exc.smtp_error, stage="connect") from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise SendError(reason=f"connect: {exc!r}"[:500], connection_lost=True) from exc

    def close(self) -> None:
        with contextlib.suppress(OSError, smtplib.SMTPException):  # gone either way
            self.backend.close()

    def send(self, message: Outgoing) -> str:
        """Hand one message over; returns the server's reply, raises ``SendError``."""
        try:
            if self.is_smtp:
                return self._send_smtp(message)
            if self.backend.send_messages([django_message(message)]) != 1:
                raise SendError(reason="The mail backend did not take the message.")
            return f"250 accepted by {type(self.backend).__module__}"
        except (ValueError, LookupError, UnicodeError) as exc:  # an address or header
            raise SendError(reason=f"cannot encode the message: {exc}", permanent=True) from exc

    def _send_smtp(self, message: Outgoing) -> str:
        smtp = self.backend.connection
        if smtp is None:
            raise SendError(reason="not connected", connection_lost=True)
        sender, recipient = wire_address(message.from_email), wire_address(message.to_email)
        data = mime.build(message)
        try:
            smtp.ehlo_or_helo_if_needed()
            options = [f"size={len(data)}"] if smtp.does_esmtp and smtp.has_extn("size") else []
            code, response = smtp.mail(sender, options)
            if code != 250:
                raise self._reset(refusal(code, response, stage="MAIL FROM"))
            code, response = smtp.rcpt(recipient)
            if code not in (250, 251):
                raise self._reset(refusal(code, response, stage="RCPT TO"))
            code, response = smtp.data(data)
            if code != 250:
                raise self._reset(refusal(code, response, stage="DATA"))
        except smtplib.SMTPResponseException as exc:  # DATA refused before the body
            raise self._reset(refusal(exc.smtp_code, exc.smtp_error, stage="DATA")) from exc
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            # Includes the one ambiguous case: the body went out but no reply came back.
            raise SendError(reason=f"connection lost: {exc!r}"[:500], connection_lost=True) from exc
        return _reply_text(code, response)

    def _reset(self, error: SendError) -> SendError:
        """RSET after a refusal so that the next message starts clean."""
        if not error.connection_lost:
            try:
                self.backend.connection.rset()
            except (smtplib.SMTPException, OSError):
                error.connection_lost = True
        return error
