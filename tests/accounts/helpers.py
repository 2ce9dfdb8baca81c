"""Helpers for the account tests."""

import re
import time
from email.message import EmailMessage

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache


def clear_rate_limit_history() -> None:
    """Forget allauth's rate-limit counters (kept in the shared Redis cache), so that one
    test's sign-ins do not count against the next test's. The limits stay switched on."""
    client = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
    for key in client.scan_iter(match=cache.make_key("allauth:rl:*")):
        client.delete(key)


def link_in(message: EmailMessage, path_fragment: str) -> str:
    """The first URL in a plain-text email whose path contains ``path_fragment``."""
    body = message.get_body(preferencelist=("plain",)).get_content()
    for url in re.findall(r"https?://\S+", body):
        if path_fragment in url:
            return url
    raise AssertionError(f"No link containing {path_fragment!r} in:\n{body}")


def totp_code(secret: str, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for ``secret`` now (or ``steps_ahead`` periods on),
    computed with allauth's own HOTP function, as a phone would."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + steps_ahead
    return format_hotp_value(hotp_value(secret, counter))


def wrong_code(secret: str) -> str:
    """A well-formed code that is not the current one."""
    return f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"
