"""Verification codes: eight random characters and four of an HMAC over them, in
Crockford's base32 (no I, L, O, U), shown as ``XXXX-XXXX-XXXX``.

A tampered or mistyped code is rejected by its checksum before any database lookup, so
guessing codes is as hard as guessing 40 random bits *and* forging the HMAC.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TRANSLATE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def _encode(data: bytes, length: int) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    for _ in range(length):
        number, rest = divmod(number, 32)
        chars.append(ALPHABET[rest])
    return "".join(chars)


def _checksum(body: str) -> str:
    key = f"certificate-code:{settings.SECRET_KEY}".encode()
    digest = hmac.new(key, body.encode(), hashlib.sha256).digest()
    return _encode(digest[:5], 4)


def new_code() -> str:
    body = _encode(secrets.token_bytes(5), 8)
    return body + _checksum(body)


def normalize_code(text: str) -> str:
    """Upper-case, without dashes or spaces, with look-alike letters mapped."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum()).translate(_TRANSLATE)


def is_well_formed(code: str) -> bool:
    code = normalize_code(code)
    if len(code) != 12 or any(ch not in ALPHABET for ch in code):
        return False
    return hmac.compare_digest(_checksum(code[:8]), code[8:])


def display_code(code: str) -> str:
    code = normalize_code(code)
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
