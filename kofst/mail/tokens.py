"""Signed one-click unsubscribe tokens (RFC 8058), valid without signing in.

A token names the address (and the person and campaign, for the record) and the time it
was issued; it is signed with ``SECRET_KEY`` under a salt of its own and expires after
``MAIL_UNSUBSCRIBE_MAX_AGE_DAYS``.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "kofst.mail.unsubscribe"


@dataclass(frozen=True)
class UnsubscribeClaim:
    email: str
    person_id: int | None
    campaign_id: int | None


class _Signer(signing.TimestampSigner):
    """A timestamp signer that can be told when the token was issued."""

    def __init__(self, *, issued_at: float | None = None) -> None:
        super().__init__(salt=SALT)
        self.issued_at = issued_at

    def timestamp(self) -> str:
        if self.issued_at is None:
            return super().timestamp()
        return signing.b62_encode(int(self.issued_at))


def unsubscribe_token(
    *,
    email: str,
    person_id: int | None = None,
    campaign_id: int | None = None,
    issued_at: dt.datetime | None = None,
) -> str:
    payload = {"e": email.strip().lower(), "p": person_id, "c": campaign_id}
    signer = _Signer(issued_at=issued_at.timestamp() if issued_at else None)
    return signer.sign_object(payload)


def unsubscribe_url(**kwargs) -> str:  # type: ignore[no-untyped-def]
    token = unsubscribe_token(**kwargs)
    return f"{settings.SITE_URL}{reverse('mail:unsubscribe', kwargs={'token': token})}"


def read_unsubscribe_token(token: str) -> UnsubscribeClaim:
    """The claim in a token; ``signing.SignatureExpired``/``BadSignature`` when it is not
    valid (expired is a subclass of bad signature)."""
    max_age = dt.timedelta(days=settings.MAIL_UNSUBSCRIBE_MAX_AGE_DAYS)
    payload = _Signer().unsign_object(token, max_age=max_age)
    if not isinstance(payload, dict) or not payload.get("e"):
        raise signing.BadSignature("Malformed unsubscribe token.")
    return UnsubscribeClaim(
        email=str(payload["e"]), person_id=payload.get("p"), campaign_id=payload.get("c")
    )
