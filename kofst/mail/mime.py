"""The bytes of one email, built directly (the SMTP path sends thousands a minute).

``django.core.mail.EmailMessage.message()`` goes through the ``email`` package's header
machinery, which costs more CPU than the rest of sending together; here the message is
written out in one pass: RFC 2047 encoded words for non-ASCII headers, base64 parts,
CRLF line ends. Non-SMTP backends (console, locmem) still get Django's own message.
"""

import base64
import re
import uuid
from dataclasses import dataclass, field
from email.utils import formatdate

_ATEXT = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ .-]*$")


class UnencodableAddress(ValueError):
    """An address this transport cannot put on the wire (no SMTPUTF8)."""


@dataclass
class Outgoing:
    """Everything an email needs, whichever way it leaves."""

    from_name: str
    from_email: str
    to_name: str
    to_email: str
    subject: str
    text: str
    html: str = ""
    headers: dict[str, str] = field(default_factory=dict)


def _single_line(value: str) -> str:
    return " ".join(value.split())


def encode_header(value: str) -> str:
    """ASCII as it is; anything else as UTF-8 base64 encoded words of at most 75 chars."""
    value = _single_line(value)
    if value.isascii():
        return value
    words: list[bytes] = []
    chunk = b""
    for char in value:
        encoded = char.encode("utf-8")
        if len(chunk) + len(encoded) > 45:  # 45 bytes → 60 base64 chars per word
            words.append(chunk)
            chunk = b""
        chunk += encoded
    words.append(chunk)
    return "\r\n ".join(f"=?utf-8?b?{base64.b64encode(word).decode()}?=" for word in words)


def wire_address(email: str) -> str:
    """The address for the envelope and headers: IDNA domain, ASCII local part."""
    local, _, domain = email.strip().rpartition("@")
    if not local or not domain:
        raise UnencodableAddress(f"Not an email address: {email!r}")
    if not local.isascii():
        raise UnencodableAddress(f"The address {email!r} needs SMTPUTF8.")
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise UnencodableAddress(f"The domain of {email!r} cannot be encoded.") from exc
    if any(c in local + domain for c in '<>\r\n" ,;'):
        raise UnencodableAddress(f"Not an email address: {email!r}")
    return f"{local}@{domain}"


def address_header(name: str, email: str) -> str:
    address = wire_address(email)
    name = _single_line(name)
    if not name:
        return address
    if name.isascii() and _ATEXT.match(name):
        return f"{name} <{address}>"
    if name.isascii():
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{quoted}" <{address}>'
    return f"{encode_header(name)} <{address}>"


def _base64_part(content_type: str, text: str) -> bytes:
    body = base64.encodebytes(text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"))
    return (
        f'Content-Type: {content_type}; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode() + body.replace(b"\n", b"\r\n")


def build(message: Outgoing) -> bytes:
    lines = [
        f"From: {address_header(message.from_name, message.from_email)}",
        f"To: {address_header(message.to_name, message.to_email)}",
        f"Subject: {encode_header(message.subject)}",
        f"Date: {formatdate(usegmt=True)}",
        "MIME-Version: 1.0",
    ]
    lines += [f"{name}: {encode_header(value)}" for name, value in message.headers.items()]
    head = "\r\n".join(lines).encode() + b"\r\n"
    if not message.html:
        return head + _base64_part("text/plain", message.text)
    boundary = f"=_kofst_{uuid.uuid4().hex}"
    return b"".join(
        [
            head,
            f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n'.encode(),
            f"--{boundary}\r\n".encode(),
            _base64_part("text/plain", message.text),
            f"--{boundary}\r\n".encode(),
            _base64_part("text/html", message.html),
            f"--{boundary}--\r\n".encode(),
        ]
    )
