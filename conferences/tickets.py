"""Ticket codes: short random codes a volunteer can type, signed for the QR code.

The QR code holds ``<code>:<signature>`` (Django's ``Signer`` with our own salt), so a
code cannot be made up and printed; typing the bare code at the door is accepted too,
since codes are random and unguessable (10 characters of a 31-letter alphabet).
"""

import base64
import io
import re
import secrets

import segno
from django.core import signing

# No 0/O, 1/I/L: nothing a volunteer can misread.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
_SALT = "conferences.ticket"
_CODE_RE = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")


class BadTicket(Exception):
    """The scanned or typed value is not a ticket code of ours."""


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """``ABCDE-FGHJK``: easier to read aloud and to type."""
    return f"{code[:5]}-{code[5:]}"


def sign_code(code: str) -> str:
    return signing.Signer(salt=_SALT).sign(code)


def read_ticket(value: str) -> str:
    """The bare code from a scanned (signed) or typed value; ``BadTicket`` otherwise."""
    value = (value or "").strip()
    if ":" in value:
        try:
            code = signing.Signer(salt=_SALT).unsign(value)
        except signing.BadSignature as error:
            raise BadTicket("signature") from error
    else:
        code = value.upper().replace("-", "").replace(" ", "")
    if not _CODE_RE.match(code):
        raise BadTicket("format")
    return code


def qr_svg_data_uri(code: str) -> str:
    """The signed code as a QR code, an SVG ``data:`` URI (the CSP allows ``data:`` images)."""
    qr = segno.make(sign_code(code), error="m")
    return qr.svg_data_uri(scale=6, border=4)


def qr_png_bytes(code: str, *, scale: int = 6) -> bytes:
    buffer = io.BytesIO()
    segno.make(sign_code(code), error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_png_data_uri(code: str) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png_bytes(code)).decode("ascii")
