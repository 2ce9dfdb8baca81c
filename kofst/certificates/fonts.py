"""Fonts for certificates, chosen on evidence (see the README's certificate figures).

NanumGothic (TrueType, Debian ``fonts-nanum``) covers all 11,172 Hangul syllables and
embeds as a ~20 KB subset; Noto Sans CJK is about four times slower to lay out and embeds
~270 KB. DejaVu Sans is the deliberate fallback for Latin letters with diacritics,
Cyrillic and Greek that NanumGothic lacks.

WeasyPrint falls back on its own to whatever fontconfig finds for a missing glyph, which
can be very slow or draw an empty box. So every name is checked against the fonts'
character maps *before* rendering: a name that no chosen font covers is refused with a
message naming the character, instead of printing a blank.
"""

import hashlib
import io
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONT_FILES = {
    "NanumGothic": [
        "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    ],
    "NanumMyeongjo": [
        "/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf",
    ],
    "DejaVu Sans": [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ],
}
PRIMARY = "NanumGothic"
FALLBACK = "DejaVu Sans"
# The faces of the certificate number, code and link, which are printable ASCII only.
ASCII_FACES = {
    "regular": "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "bold": "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf",
}
ASCII = range(0x20, 0x7F)
ASCII_ALWAYS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"  # numbers and codes: the same subset


class MissingGlyphError(ValueError):
    def __init__(self, text: str, characters: list[str]) -> None:
        self.text = text
        self.characters = characters
        super().__init__(f"No certificate font has {', '.join(characters)!r} (in {text!r})")


@cache
def _cmap(family: str) -> frozenset[int]:
    for path in FONT_FILES.get(family, []):
        if Path(path).exists():
            font = TTFont(path, lazy=True)
            try:
                return frozenset(font.getBestCmap().keys())
            finally:
                font.close()
    return frozenset()


def available(family: str) -> bool:
    return bool(_cmap(family))


@cache
def _covered(families: tuple[str, ...]) -> frozenset[int]:
    return frozenset().union(*(_cmap(f) for f in families))


def uncovered(text: str, families: tuple[str, ...] = (PRIMARY, FALLBACK)) -> list[str]:
    """The characters of ``text`` that none of the families can draw."""
    covered = _covered(families)
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in covered})


def family_for(text: str) -> str:
    """The CSS font-family for one printed value: NanumGothic if it covers everything,
    otherwise the fallback first (with NanumGothic behind it for the Hangul), on purpose.

    Raises MissingGlyphError when no font can draw a character.
    """
    missing = uncovered(text)
    if missing:
        raise MissingGlyphError(text, missing)
    if all(ord(ch) in _cmap(PRIMARY) for ch in text if not ch.isspace()):
        return f"'{PRIMARY}'"
    return f"'{FALLBACK}', '{PRIMARY}'"


@dataclass(frozen=True)
class AsciiFont:
    """A face cut down to printable ASCII, to embed as a simple TrueType font."""

    name: str  # ABCDEF+Family, the PDF name of an embedded subset
    program: bytes  # the subset's TrueType program
    widths: tuple[int, ...]  # advance of each character of ASCII (0 if left out), 1/1000 em
    ascent: int  # hhea ascender and descender, in 1/1000 em: what Pango lays lines out with
    descent: int
    bbox: tuple[int, int, int, int]
    cap_height: int


def ascii_characters(texts) -> str:
    """The characters to keep for ``texts`` (a key for ascii_font: the same for every chunk
    of a site, as the numbers, codes and links differ only in ``ASCII_ALWAYS``).

    Raises ValueError for a character outside printable ASCII."""
    characters = set(ASCII_ALWAYS).union(*texts)
    outside = sorted(ch for ch in characters if ord(ch) not in ASCII)
    if outside:
        raise ValueError(f"not printable ASCII: {outside!r}")
    return "".join(sorted(characters))


@lru_cache(maxsize=16)
def ascii_font(face: str, characters: str) -> AsciiFont:
    """The subset of ``ASCII_FACES[face]`` for ``characters`` (printable ASCII), made once
    per process and character set."""
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5"]  # hinting sources
    font = TTFont(ASCII_FACES[face])
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    program = buffer.getvalue()
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    missing = [ch for ch in characters if ord(ch) not in cmap]
    if missing:
        raise MissingGlyphError(characters, missing)
    head = font["head"]
    tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(program).digest()[:6])
    return AsciiFont(
        name=f"{tag}+{font['name'].getDebugName(6)}",
        program=program,
        widths=tuple(round(font["hmtx"][cmap[c]][0] * scale) if c in cmap else 0 for c in ASCII),
        ascent=round(font["hhea"].ascent * scale),
        descent=round(font["hhea"].descent * scale),
        bbox=tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),
        cap_height=round(getattr(font["OS/2"], "sCapHeight", 0) * scale or font["hhea"].ascent),
    )
