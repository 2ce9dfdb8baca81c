"""HTML → PDF with WeasyPrint, many certificates at a time, in two layers.

A certificate is its design — frame or background, issuer and logo, title, statement,
date, signatures, labels: the same on every certificate of a batch — under the holder's
own lines (names, number, code, link) and a QR code. WeasyPrint's cost is per box and per
line, so only the design goes through it: rendered once (``design.html``, cached per text
and files) and laid under each page as a form XObject by qpdf (pikepdf). The holder's lines
are shaped by HarfBuzz and drawn directly (``typeset``), and the QR code as vector squares;
each page is also written as its own PDF. Every file embeds subsets of its fonts only: the
design's, and the holders' lines' shared by the chunk (see the README for the measured
sizes and speed).
"""

import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pikepdf
import weasyprint
import zxingcpp
from django.template.loader import render_to_string

from kofst.certificates import typeset

CHUNK_SIZE = 50

_FONT_CONFIG = weasyprint.text.fonts.FontConfiguration()

# The printed values the design layer shows; everything else is the holder's own.
DESIGN_FIELDS = (
    "issuer_ko",
    "issuer_en",
    "title_ko",
    "title_en",
    "certify_ko",
    "certify_en",
    "statement_ko",
    "statement_en",
    "date_text",
)
MM = typeset.MM
A4_WIDTH, A4_HEIGHT = typeset.PAGE_WIDTH, typeset.PAGE_HEIGHT  # in pt
QR_BOX = ((297 - 18 - 26) * MM, 14 * MM, 26 * MM)  # x, y from the bottom left, side: in pt
QR_QUIET_ZONE = 2  # modules
_DARK_RUN = re.compile(b"\\x00+")  # a run of dark modules in a row of the bitmap


@dataclass(frozen=True)
class DesignFiles:
    """File URLs of the images a design prints (empty when none was uploaded)."""

    background: str = ""
    logo: str = ""
    signer_1_image: str = ""
    signer_1_name: str = ""
    signer_1_title: str = ""
    signer_2_image: str = ""
    signer_2_name: str = ""
    signer_2_title: str = ""


@dataclass(frozen=True)
class Rendered:
    document: bytes  # every certificate, one per page (for printing)
    files: list[bytes]  # one PDF per certificate, in order


def qr_operators(url: str) -> bytes:
    """PDF drawing operators for the QR code of ``url`` in its box: a white square with
    the dark modules as filled rectangles, one per horizontal run. zxing-cpp encodes it
    (level M, best mask) in C++; Pillow and an image XObject per page are not needed."""
    barcode = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = memoryview(barcode.to_image(scale=1, add_quiet_zones=False))
    size = image.shape[0]
    rows = bytes(image)
    x, y, side = QR_BOX
    module = side / (size + 2 * QR_QUIET_ZONE)
    ops = [
        b"q 1 g %.3f %.3f %.3f %.3f re f" % (x, y, side, side),
        b"0 g %.5f 0 0 %.5f %.3f %.3f cm" % (module, module, x, y),
    ]
    for r in range(size):
        top = size + QR_QUIET_ZONE - 1 - r
        for run in _DARK_RUN.finditer(rows, r * size, (r + 1) * size):
            start, end = run.span()
            ops.append(b"%d %d %d 1 re" % (start - r * size + QR_QUIET_ZONE, top, end - start))
    ops.append(b"f Q")
    return b"\n".join(ops)


def _file_stamp(design: DesignFiles) -> tuple:
    """The images' modification times, so that a file replaced under the same name is
    not served from the cache."""
    stamps = []
    for url in (design.background, design.logo, design.signer_1_image, design.signer_2_image):
        try:
            stamps.append(os.stat(url.removeprefix("file://")).st_mtime_ns if url else 0)
        except OSError:
            stamps.append(-1)
    return tuple(stamps)


@lru_cache(maxsize=8)  # a background image can be megabytes
def _design_pdf(shared: tuple, design: DesignFiles, stamp: tuple) -> bytes:
    html = render_to_string(
        "certificates/pdf/design.html",
        {"p": dict(zip(DESIGN_FIELDS, shared, strict=True)), "design": design},
    )
    return weasyprint.HTML(string=html, base_url="/").write_pdf(font_config=_FONT_CONFIG)


def _shared(printed: dict) -> tuple:
    return tuple(str(printed.get(field, "")) for field in DESIGN_FIELDS)


def design_pdf(printed: dict, design: DesignFiles) -> bytes:
    """The design layer for the shared values of ``printed`` (one page)."""
    return _design_pdf(_shared(printed), design, _file_stamp(design))


def _save(pdf: pikepdf.Pdf) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()


def render_certificates(pages: Sequence[dict], design: DesignFiles) -> Rendered:
    """Every certificate of ``pages`` (printed values), as one document and one file each.

    A page is the design layer (a form XObject, one per distinct design text), then the
    holder's lines, then the QR code, each in its own graphics state.

    Raises fonts.MissingGlyphError when no font can draw a character of a printed line.
    """
    if not pages:
        return Rendered(document=b"", files=[])
    lines = typeset.Chunk()
    for printed in pages:
        lines.add(printed)
    pdf = pikepdf.new()
    xobjects = pikepdf.Dictionary()
    forms: dict[tuple, pikepdf.Name] = {}  # one form per distinct design text
    opened = []
    for printed in pages:
        shared = _shared(printed)
        if shared not in forms:
            opened.append(pikepdf.open(io.BytesIO(design_pdf(printed, design))))
            forms[shared] = pikepdf.Name(f"/CertDesign{len(forms)}")
            xobjects[forms[shared]] = pdf.copy_foreign(opened[-1].pages[0].as_form_xobject())
    resources = pdf.make_indirect(pikepdf.Dictionary(XObject=xobjects, Font=lines.fonts(pdf)))
    for index, printed in enumerate(pages):
        qr = qr_operators(printed["verify_url"]) if printed.get("verify_url") else b""
        content = b"q %s Do Q\n%s\n%s" % (
            bytes(forms[_shared(printed)]),
            lines.operators(index),
            qr,
        )
        pdf.pages.append(
            pikepdf.Page(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Page,
                    MediaBox=[0, 0, A4_WIDTH, A4_HEIGHT],
                    Resources=resources,
                    Contents=typeset.compressed_stream(pdf, content),
                )
            )
        )
    files = []
    for page in pdf.pages:
        single = pikepdf.new()
        single.pages.append(page)
        files.append(_save(single))
        single.close()
    document = _save(pdf)
    pdf.close()
    for design_pdf_ in opened:
        design_pdf_.close()
    return Rendered(document=document, files=files)


def render_one(printed: dict, design: DesignFiles) -> bytes:
    return render_certificates([printed], design).files[0]


def merge_pdfs(parts: Sequence[bytes]) -> bytes:
    """The pages of ``parts`` in order, in one PDF (qpdf copies each part's objects)."""
    merged = pikepdf.new()
    opened = []
    for part in parts:
        opened.append(pikepdf.open(io.BytesIO(part)))
        merged.pages.extend(opened[-1].pages)
    document = _save(merged)
    for pdf in opened:
        pdf.close()
    merged.close()
    return document
