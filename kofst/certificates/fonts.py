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

from functools import cache
from pathlib import Path

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
