"""HTML → PDF with WeasyPrint, many certificates at a time, in two layers.

A certificate is its design — frame or background, issuer and logo, title, statement,
date, signatures, labels: the same on every certificate of a batch — under the holder's
own lines (names, number, code, link) and a QR code. WeasyPrint's cost is per box and per
line, so the design is rendered once (``design.html``, cached per text and files) and the
holders' lines once per certificate, ``CHUNK_SIZE`` to a document (``holders.html``).
qpdf (pikepdf) then lays each holder's page over the design as a form XObject, draws the
QR code as vector squares and writes each page as its own PDF. Every file embeds subsets
of its fonts: the design's, and the holders' layer's shared by the chunk (see the
README for the measured sizes and speed).
"""

import io
import os
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pikepdf
import weasyprint
import zxingcpp
from django.template.loader import render_to_string

from kofst.certificates import fonts

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
LONG_NAME = {"holder_name_ko": 16, "holder_name_latin": 40}  # characters, then a smaller size

MM = 72 / 25.4
A4_HEIGHT_MM = 210  # landscape
A4_WIDTH, A4_HEIGHT = 297 * MM, A4_HEIGHT_MM * MM  # in pt
# The number, code and link: three lines of printable ASCII where design.html's labels are
# (left 60 mm, top 180 mm, 8.5 pt on 4.2 mm lines, #333), in NanumGothic (bold, bold, regular).
NUMBERS_LEFT, NUMBERS_TOP, NUMBERS_LINE = 60 * MM, 180 * MM, 4.2 * MM
NUMBERS_SIZE = 8.5
NUMBERS_LINES = (("number", "bold"), ("code_display", "bold"), ("verify_url", "regular"))
NUMBERS_FONTS = {"bold": pikepdf.Name("/KofstAsciiBold"), "regular": pikepdf.Name("/KofstAscii")}
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


def numbers_operators(printed: dict, faces: dict[str, fonts.AsciiFont]) -> bytes:
    """PDF text operators for the number, code and link, without WeasyPrint (each of its
    lines costs about as much as the rest of the holder's layer). Each line's baseline is
    where a CSS line box puts it — half the leading above the font's ascent, as Pango
    does — so that it meets its label in the design layer. ``faces`` are the subsets the
    page's resources embed (``NUMBERS_FONTS``), which have every character printed.
    """
    ops = [b"q 0.2 g BT"]
    for index, (key, face) in enumerate(NUMBERS_LINES):
        text = str(printed.get(key, ""))
        font = faces[face]
        height = (font.ascent - font.descent) / 1000 * NUMBERS_SIZE
        baseline = NUMBERS_TOP + index * NUMBERS_LINE + (NUMBERS_LINE - height) / 2
        baseline += font.ascent / 1000 * NUMBERS_SIZE
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(
            b"%s %.1f Tf 1 0 0 1 %.3f %.3f Tm (%s) Tj"
            % (
                bytes(NUMBERS_FONTS[face]),
                NUMBERS_SIZE,
                NUMBERS_LEFT,
                A4_HEIGHT - baseline,
                escaped.encode("ascii"),
            )
        )
    ops.append(b"ET Q")
    return b"\n".join(ops)


def numbers_faces(pages: Sequence[dict]) -> dict[str, fonts.AsciiFont]:
    """The ASCII subsets for the number lines of ``pages`` (made once per process and
    site: see fonts.ascii_characters).

    Raises ValueError for a character outside printable ASCII.
    """
    return {
        face: fonts.ascii_font(
            face,
            fonts.ascii_characters(
                str(p.get(key, "")) for p in pages for key, f in NUMBERS_LINES if f == face
            ),
        )
        for face in NUMBERS_FONTS
    }


def _ascii_font_dict(pdf: pikepdf.Pdf, font: fonts.AsciiFont) -> pikepdf.Dictionary:
    """The embedded simple TrueType font for an ASCII subset (WinAnsi codes, which are the
    characters themselves for printable ASCII)."""
    program = _stream(pdf, font.program)
    program.Length1 = len(font.program)
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor,
        FontName=pikepdf.Name("/" + font.name),
        Flags=32,  # non-symbolic
        FontBBox=list(font.bbox),
        ItalicAngle=0,
        Ascent=font.ascent,
        Descent=font.descent,
        CapHeight=font.cap_height,
        StemV=80,
        FontFile2=program,
    )
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.TrueType,
            BaseFont=pikepdf.Name("/" + font.name),
            FirstChar=fonts.ASCII.start,
            LastChar=fonts.ASCII.stop - 1,
            Widths=list(font.widths),
            Encoding=pikepdf.Name.WinAnsiEncoding,
            FontDescriptor=pdf.make_indirect(descriptor),
        )
    )


def _name_class(printed: dict, key: str) -> str:
    """Extra CSS classes for one printed name: the fallback font first when NanumGothic
    lacks a letter, a smaller size when long. Classes, not style attributes: WeasyPrint
    parses each style attribute as a stylesheet of its own."""
    name = printed.get(key, "")
    classes = ""
    if fonts.family_for(name) != f"'{fonts.PRIMARY}'":
        classes += " fallback"
    if len(name) > LONG_NAME[key]:
        classes += " long"
    return classes


def holder_context(printed: dict) -> dict:
    """Template values for one holder's page.

    Raises fonts.MissingGlyphError when no font can draw a character of a name.
    """
    return {
        **printed,
        "name_ko_class": _name_class(printed, "holder_name_ko"),
        "name_latin_class": _name_class(printed, "holder_name_latin"),
    }


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


def holders_pdf(pages: Sequence[dict]) -> bytes:
    """One tall page holding every holder's block, one A4-landscape area each, top down."""
    html = render_to_string(
        "certificates/pdf/holders.html",
        {
            "pages": [holder_context(p) for p in pages],
            # A millimetre to spare, so that rounding never spills a block onto a second page.
            "page_height_mm": A4_HEIGHT_MM * len(pages) + 1,
        },
    )
    return weasyprint.HTML(string=html, base_url="/").write_pdf(font_config=_FONT_CONFIG)


def _is_op(instruction, name: str) -> bool:
    return str(instruction.operator) == name


def holder_blocks(page: pikepdf.Page, count: int) -> list[bytes]:
    """The drawing of each holder's block of the tall page, as the content of an A4 page.

    Each block of holders.html is clipped to itself (``overflow: hidden``), which WeasyPrint
    draws as a group ``q … re W n … Q``. Each block's piece is that group, behind the
    graphics state (``q`` and ``cm``) open where it starts, moved down onto an A4 page. So
    a holder's file holds only that holder's lines. Raises ValueError if the page draws
    anything outside such a group, or not one group per holder: the layer would be wrong.
    """
    instructions = pikepdf.parse_content_stream(page)
    top = float(page.mediabox[3])
    blocks: list[bytes] = []
    levels: list[list] = [[]]  # the q … cm instructions open at each graphics-state level
    i = 0
    while i < len(instructions):
        instruction = instructions[i]
        if (
            _is_op(instruction, "q")
            and i + 3 < len(instructions)
            and [str(x.operator) for x in instructions[i + 1 : i + 4]] == ["re", "W", "n"]
        ):
            depth, end = 0, i
            for end in range(i, len(instructions)):
                if _is_op(instructions[end], "q"):
                    depth += 1
                elif _is_op(instructions[end], "Q"):
                    depth -= 1
                    if depth == 0:
                        break
            shift = -(top - (len(blocks) + 1) * A4_HEIGHT)  # this block's bottom onto y = 0
            state = [x for level in levels for x in level]
            blocks.append(
                b"q 1 0 0 1 0 %.6f cm\n" % shift
                + pikepdf.unparse_content_stream([*state, *instructions[i : end + 1]])
                + b"\nQ" * (len(levels) - 1)
                + b"\nQ"
            )
            i = end + 1
            continue
        if _is_op(instruction, "q"):
            levels.append([instruction])
        elif _is_op(instruction, "Q"):
            levels.pop()
        elif _is_op(instruction, "cm"):
            levels[-1].append(instruction)
        else:
            raise ValueError(f"holders' layer draws outside a block: {instruction}")
        i += 1
    if len(blocks) != count:
        raise ValueError(f"holders' layer has {len(blocks)} blocks for {count} certificates")
    return blocks


def _save(pdf: pikepdf.Pdf) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()


def _stream(pdf: pikepdf.Pdf, data: bytes) -> pikepdf.Stream:
    """A Flate-compressed stream (compressed once, not again for each file saving it)."""
    stream = pikepdf.Stream(pdf, b"")
    stream.write(zlib.compress(data, 6), filter=pikepdf.Name.FlateDecode)
    return stream


def render_certificates(pages: Sequence[dict], design: DesignFiles) -> Rendered:
    """Every certificate of ``pages`` (printed values), as one document and one file each.

    A page is the design layer (a form XObject, one per distinct design text), then the
    holder's block of the holders' layer, then the number, code and link, then the QR code,
    each in its own graphics state.
    """
    if not pages:
        return Rendered(document=b"", files=[])
    pdf = pikepdf.open(io.BytesIO(holders_pdf(pages)))
    if len(pdf.pages) != 1:
        raise ValueError("the holders' layer spilled onto a second page")
    tall = pdf.pages[0]
    blocks = holder_blocks(tall, len(pages))
    holder_resources = tall.obj.get("/Resources", pikepdf.Dictionary())
    xobjects = holder_resources.get("/XObject", pikepdf.Dictionary())
    forms: dict[tuple, pikepdf.Name] = {}  # one form per distinct design text
    opened = []
    for printed in pages:
        shared = _shared(printed)
        if shared not in forms:
            opened.append(pikepdf.open(io.BytesIO(design_pdf(printed, design))))
            forms[shared] = pikepdf.Name(f"/CertDesign{len(forms)}")
            xobjects[forms[shared]] = pdf.copy_foreign(opened[-1].pages[0].as_form_xobject())
    faces = numbers_faces(pages)
    font_dicts = holder_resources.get("/Font", pikepdf.Dictionary())
    for face, name in NUMBERS_FONTS.items():
        font_dicts[name] = _ascii_font_dict(pdf, faces[face])
    resources = pdf.make_indirect(
        pikepdf.Dictionary(
            {**dict(holder_resources.items()), "/XObject": xobjects, "/Font": font_dicts}
        )
    )
    for block, printed in zip(blocks, pages, strict=True):
        qr = qr_operators(printed["verify_url"]) if printed.get("verify_url") else b""
        content = b"q %s Do Q\n%s\n%s\n%s" % (
            bytes(forms[_shared(printed)]),
            block,
            numbers_operators(printed, faces),
            qr,
        )
        pdf.pages.append(
            pikepdf.Page(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Page,
                    MediaBox=[0, 0, A4_WIDTH, A4_HEIGHT],
                    Resources=resources,
                    Contents=_stream(pdf, content),
                )
            )
        )
    del pdf.pages[0]  # the tall page; only its blocks are kept
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
