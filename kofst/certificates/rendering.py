"""HTML → PDF with WeasyPrint, many certificates at a time.

A batch is rendered as documents of ``CHUNK_SIZE`` pages (WeasyPrint's cost per document
is several times its cost per page), then each page is split out as its own PDF. Pages
of one document share its resources, so the split prunes every image a page does not
draw; the font subset is shared by the chunk, which keeps each file small (see the
README for the measured sizes).
"""

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

import segno
import weasyprint
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject

from kofst.certificates import fonts

CHUNK_SIZE = 25

_FONT_CONFIG = weasyprint.text.fonts.FontConfiguration()


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


def qr_data_uri(url: str) -> str:
    # A PNG, not an SVG: WeasyPrint parses SVG paths in Python (~17 ms per QR code),
    # while a small PNG is decoded by Pillow in well under a millisecond.
    return segno.make(url, error="m").png_data_uri(scale=4, border=2)


def page_context(printed: dict) -> dict:
    """Template values for one certificate page, with a font family per printed name."""
    return {
        **printed,
        "name_ko_font": fonts.family_for(printed.get("holder_name_ko", "")),
        "name_latin_font": fonts.family_for(printed.get("holder_name_latin", "")),
        "qr": qr_data_uri(printed["verify_url"]) if printed.get("verify_url") else "",
    }


def certificates_html(pages: Sequence[dict], design: DesignFiles) -> str:
    return render_to_string(
        "certificates/pdf/document.html",
        {"pages": [page_context(p) for p in pages], "design": design},
    )


def render_pdf(html: str) -> bytes:
    return weasyprint.HTML(string=html, base_url="/").write_pdf(font_config=_FONT_CONFIG)


_DO = re.compile(rb"/([A-Za-z0-9_.+-]+)\s+Do\b")


def split_pages(pdf: bytes) -> list[bytes]:
    """One PDF per page, each keeping only the images its page draws."""
    reader = PdfReader(io.BytesIO(pdf))
    out = []
    for page in reader.pages:
        writer = PdfWriter()
        new_page = writer.add_page(page)
        resources = new_page.get("/Resources")
        if resources is not None:
            resources = resources.get_object()
            xobjects = resources.get("/XObject")
            if xobjects is not None:
                used = {b"/" + m for m in _DO.findall(new_page.get_contents().get_data())}
                kept = DictionaryObject(
                    {
                        NameObject(k): v
                        for k, v in xobjects.get_object().items()
                        if k.encode() in used
                    }
                )
                resources[NameObject("/XObject")] = kept
        writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        buffer = io.BytesIO()
        writer.write(buffer)
        out.append(buffer.getvalue())
    return out


def merge_pdfs(parts: Sequence[bytes]) -> bytes:
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
