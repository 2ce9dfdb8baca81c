"""Checking that an uploaded file really is a PDF: by its content, never by its name."""

import hashlib
import logging
from typing import IO

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from awards.models.nominations import MAX_ATTACHMENT_BYTES

PDF_MAGIC = b"%PDF-"
# A PDF header may be preceded by a little junk; readers accept it within the first KB.
_HEADER_WINDOW = 1024


def file_size(file: IO[bytes]) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    return int(size)


def check_pdf(file: IO[bytes], *, max_bytes: int = MAX_ATTACHMENT_BYTES) -> str:
    """Raise ``ValidationError`` unless ``file`` is a readable PDF of at most ``max_bytes``.

    Returns the SHA-256 of the content. The size is checked first, so an oversized file
    is never parsed.
    """
    size = file_size(file)
    if size > max_bytes:
        raise ValidationError(
            _("This file is too large (%(size)s): a PDF may be at most %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    file.seek(0)
    head = file.read(_HEADER_WINDOW)
    if PDF_MAGIC not in head:
        raise ValidationError(
            _("This file is not a PDF (whatever its name says). Upload a PDF document."),
            code="not_pdf",
        )
    file.seek(0)
    try:
        # pypdf logs what it repairs; a broken PDF still raises.
        logging.getLogger("pypdf").setLevel(logging.ERROR)
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("This PDF is password-protected. Upload it without a password."),
                code="encrypted",
            )
        if len(reader.pages) < 1:
            raise ValidationError(_("This PDF has no pages."), code="no_pages")
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ValidationError(
            _("This PDF is damaged and cannot be read. Save it again and upload it."),
            code="unreadable",
        ) from exc
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(64 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()
