"""The holder's own lines — the two names, the number, the code and the link — drawn
straight into the PDF, without WeasyPrint, whose layout of two lines of text cost about
three quarters of a batch certificate's time.

HarfBuzz shapes each line in the fonts ``fonts.runs`` chooses (NanumGothic, or the
fallback on purpose). A ``Chunk`` collects the glyphs every page of a chunk prints; each
face it used is embedded once for the chunk as a Type 0 font: a renumbered subset of the
TrueType program, the glyphs' widths, and a ToUnicode map, so that the text can be copied,
searched and read out. Each line is one text object where design.html leaves room for it,
on the baseline a CSS line box would give it, so that it meets the design's labels.
"""

import hashlib
import zlib
from dataclasses import dataclass

import pikepdf

from kofst.certificates import fonts

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 297 * MM, 210 * MM  # A4 landscape, in pt
CENTRED_MAX_WIDTH = 257 * MM  # a centred line wider than this is printed smaller, to fit
NAVY, GREY = b"0.106 0.165 0.255 rg", b"0.2 g"  # design.html's #1b2a41 and #333


@dataclass(frozen=True)
class Slot:
    """Where one printed value goes: its line box (from the top of the page, in mm), its
    size (pt), weight and colour; centred across the page unless it has a left edge."""

    key: str
    weight: str
    size: float
    top: float
    line: float
    left: float | None = None
    colour: bytes = NAVY


SLOTS = (
    Slot("holder_name_ko", "bold", 30, top=65.5, line=13),
    Slot("holder_name_latin", "regular", 18, top=77.5, line=9),
    # Beside design.html's labels (left 60 mm, top 180 mm, 8.5 pt on 4.2 mm lines).
    Slot("number", "bold", 8.5, top=180, line=4.2, left=60, colour=GREY),
    Slot("code_display", "bold", 8.5, top=184.2, line=4.2, left=60, colour=GREY),
    Slot("verify_url", "regular", 8.5, top=188.4, line=4.2, left=60, colour=GREY),
)

FaceKey = tuple[str, str]  # family, weight
Run = tuple[FaceKey, list[fonts.Glyph]]


def compressed_stream(pdf: pikepdf.Pdf, data: bytes) -> pikepdf.Stream:
    """A Flate-compressed stream (compressed once, not again by each file saving it)."""
    stream = pikepdf.Stream(pdf, b"")
    stream.write(zlib.compress(data, 6), filter=pikepdf.Name.FlateDecode)
    return stream


def shape(text: str, weight: str) -> list[Run]:
    """``text`` shaped, run by run of the same face. Raises fonts.MissingGlyphError."""
    return [
        ((family, weight), fonts.face(family, weight).shape(piece))
        for family, piece in fonts.runs(text)
    ]


class Chunk:
    """The holder's lines of the pages of one document: ``add`` every page, then take
    the fonts' dictionary (``fonts``) and each page's drawing (``operators``)."""

    def __init__(self) -> None:
        self._pages: list[list[tuple[Slot, list[Run]]]] = []
        self._used: dict[FaceKey, dict[int, str]] = {}  # glyph → the text it stands for
        self._embedded: dict[FaceKey, tuple[bytes, dict[int, int]]] = {}  # name, numbering

    def add(self, printed: dict) -> None:
        """Shape the lines of one page. Raises fonts.MissingGlyphError."""
        lines = []
        for slot in SLOTS:
            text = " ".join(str(printed.get(slot.key) or "").split())  # one line
            if not text:
                continue
            runs = shape(text, slot.weight)
            for key, glyphs in runs:
                used = self._used.setdefault(key, {})
                for glyph in glyphs:
                    if not used.get(glyph.gid):
                        used[glyph.gid] = glyph.text
            lines.append((slot, runs))
        self._pages.append(lines)

    def fonts(self, pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
        """A Type 0 font for each face the pages use, by resource name (/KofstF0, …)."""
        resources = pikepdf.Dictionary()
        for index, (key, used) in enumerate(sorted(self._used.items())):
            name = f"/KofstF{index}".encode()
            face = fonts.face(*key)
            program, numbering = face.subset(used)
            resources[name.decode()] = _type0(pdf, face, program, numbering, used)
            self._embedded[key] = (name, numbering)
        return resources

    def operators(self, index: int) -> bytes:
        """The drawing of page ``index``'s lines (after ``fonts``)."""
        return b"\n".join(self._line(slot, runs) for slot, runs in self._pages[index])

    def _line(self, slot: Slot, runs: list[Run]) -> bytes:
        size = slot.size
        width = sum(g.advance for _, glyphs in runs for g in glyphs) * size / 1000
        if slot.left is None and width > CENTRED_MAX_WIDTH:
            size, width = size * CENTRED_MAX_WIDTH / width, CENTRED_MAX_WIDTH
        x = (PAGE_WIDTH - width) / 2 if slot.left is None else slot.left * MM
        # A CSS line box: half the leading above the ascent of the first family's face.
        face = fonts.face(fonts.PRIMARY, slot.weight)
        height = (face.ascent - face.descent) / 1000 * size
        baseline = slot.top * MM + (slot.line * MM - height) / 2 + face.ascent / 1000 * size
        ops = [b"q %s BT 1 0 0 1 %.3f %.3f Tm" % (slot.colour, x, PAGE_HEIGHT - baseline)]
        for key, glyphs in runs:
            name, numbering = self._embedded[key]
            ops.append(b"%s %.3f Tf" % (name, size))
            ops += _shown(fonts.face(*key), glyphs, numbering, size)
        ops.append(b"ET Q")
        return b"\n".join(ops)


def _shown(face: fonts.Face, glyphs: list[fonts.Glyph], numbering: dict, size: float) -> list:
    """TJ operators for ``glyphs``: each glyph's width in the font is corrected to its
    shaped advance (kerning) and the glyph moved by its offset (marks; HarfBuzz also puts
    half of a legacy kerning pair there). The pen ends where the last advance leaves it,
    for the next run."""
    ops, items, rise, move = [], [], 0.0, 0.0  # move: in TJ's units, not yet written

    def flush_move() -> None:
        nonlocal move
        if abs(move) >= 0.005:
            items.append(b"%.2f" % move)
        move = 0.0

    for glyph in glyphs:
        if glyph.y_offset != rise:
            flush_move()
            if items:
                ops.append(b"[%s] TJ" % b" ".join(items))
                items = []
            rise = glyph.y_offset
            ops.append(b"%.3f Ts" % (rise * size / 1000))
        move -= glyph.x_offset
        flush_move()
        items.append(b"<%04x>" % numbering[glyph.gid])
        move = face.width(glyph.gid) - glyph.advance + glyph.x_offset
    flush_move()
    if items:
        ops.append(b"[%s] TJ" % b" ".join(items))
    if rise:
        ops.append(b"0 Ts")
    return ops


def _to_unicode(texts: dict[int, str]) -> bytes:
    """A ToUnicode CMap from glyph numbers (two bytes) to their text."""
    entries = [
        b"<%04x> <%s>" % (gid, text.encode("utf-16-be").hex().encode())
        for gid, text in sorted(texts.items())
        if text
    ]
    blocks = [
        b"%d beginbfchar\n%s\nendbfchar" % (len(part), b"\n".join(part))
        for part in (entries[i : i + 100] for i in range(0, len(entries), 100))
    ]
    return b"\n".join(
        [
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            b"1 begincodespacerange <0000> <ffff> endcodespacerange",
            *blocks,
            b"endcmap CMapName currentdict /CMap defineresource pop end end",
        ]
    )


def _type0(
    pdf: pikepdf.Pdf,
    face: fonts.Face,
    program: bytes,
    numbering: dict[int, int],
    texts: dict[int, str],
) -> pikepdf.Object:
    """The embedded Type 0 font (Identity-H, glyph numbers as codes) for a subset."""
    tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(program).digest()[:6])
    base = pikepdf.Name(f"/{tag}+{face.name}")
    font_file = compressed_stream(pdf, program)
    font_file.Length1 = len(program)
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor,
        FontName=base,
        Flags=4,  # symbolic: the codes are glyph numbers
        FontBBox=list(face.bbox),
        ItalicAngle=0,
        Ascent=face.ascent,
        Descent=face.descent,
        CapHeight=face.cap_height,
        StemV=80,
        FontFile2=font_file,
    )
    old_by_new = sorted(numbering, key=numbering.__getitem__)
    descendant = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.CIDFontType2,
        BaseFont=base,
        CIDSystemInfo=pikepdf.Dictionary(
            Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0
        ),
        FontDescriptor=pdf.make_indirect(descriptor),
        W=[0, [face.width(old) for old in old_by_new]],
        CIDToGIDMap=pikepdf.Name.Identity,
    )
    unicode = {numbering[old]: text for old, text in texts.items()}
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type0,
            BaseFont=base,
            Encoding=pikepdf.Name("/Identity-H"),
            DescendantFonts=[pdf.make_indirect(descendant)],
            ToUnicode=compressed_stream(pdf, _to_unicode(unicode)),
        )
    )
