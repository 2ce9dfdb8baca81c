"""Fonts for certificates, chosen on evidence (see the README's certificate figures).

NanumGothic (TrueType, Debian ``fonts-nanum``) covers all 11,172 Hangul syllables and
embeds as a small subset; Noto Sans CJK is about four times slower to lay out and embeds
~270 KB. DejaVu Sans is the deliberate fallback for Latin letters with diacritics,
Cyrillic and Greek that NanumGothic lacks.

WeasyPrint falls back on its own to whatever fontconfig finds for a missing glyph, which
can be very slow or draw an empty box. So every name is checked against the fonts'
character maps *before* rendering: a name that no chosen font covers is refused with a
message naming the character, instead of printing a blank.

The holder's own lines are not laid out by WeasyPrint at all (see ``typeset``): a
``Face`` shapes text with HarfBuzz and cuts its TrueType program down to the glyphs a
chunk of certificates prints, without fontTools' subsetter (a few milliseconds a chunk
instead of a few hundred).
"""

import struct
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import uharfbuzz
from fontTools.ttLib import TTFont

PRIMARY = "NanumGothic"
FALLBACK = "DejaVu Sans"
# The faces the holder's lines are drawn in (typeset), by family and weight.
FACE_FILES = {
    (PRIMARY, "regular"): "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    (PRIMARY, "bold"): "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf",
    (FALLBACK, "regular"): "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    (FALLBACK, "bold"): "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}


class MissingGlyphError(ValueError):
    def __init__(self, text: str, characters: list[str]) -> None:
        self.text = text
        self.characters = characters
        super().__init__(f"No certificate font has {', '.join(characters)!r} (in {text!r})")


@cache
def _cmap(family: str) -> frozenset[int]:
    """The characters every face of ``family`` has (a line may be drawn in either weight:
    DejaVu Sans Bold lacks 140 of the regular face's characters). HarfBuzz reads the
    character maps in C: fontTools took 0.17 s for NanumGothic, most of a web process's
    first certificate."""
    maps = [
        frozenset(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(path)).unicodes)
        for (face_family, _weight), path in FACE_FILES.items()
        if face_family == family and Path(path).exists()
    ]
    return frozenset.intersection(*maps) if maps else frozenset()


@cache
def _covered(families: tuple[str, ...]) -> frozenset[int]:
    return frozenset().union(*(_cmap(f) for f in families))


def uncovered(text: str, families: tuple[str, ...] = (PRIMARY, FALLBACK)) -> list[str]:
    """The characters of ``text`` that none of the families can draw."""
    covered = _covered(families)
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in covered})


def runs(text: str) -> list[tuple[str, str]]:
    """``text`` as (family, piece) runs: all NanumGothic if it covers every character,
    otherwise each character in the fallback where the fallback has it and in NanumGothic
    (the Hangul) where not — on purpose, never fontconfig's choice. Spaces go with the
    run they are in.

    Raises MissingGlyphError when no font can draw a character.
    """
    missing = uncovered(text)
    if missing:
        raise MissingGlyphError(text, missing)
    primary = _cmap(PRIMARY)
    if all(ord(ch) in primary or ch.isspace() for ch in text):
        return [(PRIMARY, text)] if text else []
    fallback = _cmap(FALLBACK)
    pieces: list[tuple[str, str]] = []
    for ch in text:
        family = pieces[-1][0] if pieces else FALLBACK
        if not ch.isspace():
            family = FALLBACK if ord(ch) in fallback else PRIMARY
        if pieces and pieces[-1][0] == family:
            pieces[-1] = (family, pieces[-1][1] + ch)
        else:
            pieces.append((family, ch))
    return pieces


def needs_fallback(text: str) -> bool:
    """Whether ``text`` prints (partly) in the fallback font. Raises MissingGlyphError."""
    return any(family != PRIMARY for family, _ in runs(text))


@dataclass(frozen=True)
class Glyph:
    """One shaped glyph of a face, in thousandths of an em."""

    gid: int
    advance: float
    x_offset: float
    y_offset: float
    text: str  # the characters it stands for (for copying text out), "" for the rest of a cluster


# TrueType composite glyph flags (the 'glyf' table).
_ARG_WORDS, _HAS_SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO, _INSTRUCTIONS = (
    0x1,
    0x8,
    0x20,
    0x40,
    0x80,
    0x100,
)


class Face:
    """One TrueType face, read once per process: HarfBuzz shapes with it, and ``subset``
    cuts its program down to some glyphs (renumbered from 1, hinting left out)."""

    def __init__(self, path: str) -> None:
        font = TTFont(path, lazy=True)
        reader = font.reader
        self.name = font["name"].getDebugName(6)
        head, hhea = font["head"], font["hhea"]
        self.units = head.unitsPerEm
        scale = 1000 / self.units
        self.ascent = round(hhea.ascent * scale)  # what Pango lays lines out with
        self.descent = round(hhea.descent * scale)
        self.bbox = tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax))
        self.cap_height = round(getattr(font["OS/2"], "sCapHeight", 0) * scale) or self.ascent
        self._head, self._hhea, self._maxp = reader["head"], reader["hhea"], reader["maxp"]
        self._glyf = reader["glyf"]
        count = font["maxp"].numGlyphs
        loca = array("I" if head.indexToLocFormat else "H", reader["loca"])
        if array("H", [1]).tobytes() != b"\x00\x01":
            loca.byteswap()
        self._loca = loca if head.indexToLocFormat else array("I", (2 * o for o in loca))
        metrics = hhea.numberOfHMetrics
        hmtx = reader["hmtx"]
        pairs = struct.unpack(f">{2 * metrics}H", hmtx[: 4 * metrics])
        self._advance = list(pairs[0::2]) + [pairs[-2]] * (count - metrics)
        lsb = [p - 0x10000 if p >= 0x8000 else p for p in pairs[1::2]]
        rest = hmtx[4 * metrics : 4 * metrics + 2 * (count - metrics)]
        self._lsb = lsb + list(struct.unpack(f">{count - metrics}h", rest))
        font.close()
        self._hb = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(path)))

    def width(self, gid: int) -> int:
        """The advance of glyph ``gid`` in thousandths of an em, as a PDF font's /W says."""
        return round(self._advance[gid] * 1000 / self.units)

    def shape(self, text: str) -> list[Glyph]:
        """The glyphs of ``text`` in drawing order (HarfBuzz: kerning, marks, scripts)."""
        buffer = uharfbuzz.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        uharfbuzz.shape(self._hb, buffer, {})
        starts = sorted({info.cluster for info in buffer.glyph_infos})
        ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
        scale = 1000 / self.units
        glyphs, seen = [], set()
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
            cluster = info.cluster
            glyphs.append(
                Glyph(
                    gid=info.codepoint,
                    advance=position.x_advance * scale,
                    x_offset=position.x_offset * scale,
                    y_offset=position.y_offset * scale,
                    text="" if cluster in seen else text[cluster : ends[cluster]],
                )
            )
            seen.add(cluster)
        return glyphs

    def _data(self, gid: int) -> bytes:
        return self._glyf[self._loca[gid] : self._loca[gid + 1]]

    def _components(self, data: bytes) -> list[tuple[int, int, int]]:
        """(offset of its glyph index, its size, the index) for each component of a
        composite glyph."""
        parts, offset, flags = [], 10, _MORE
        while flags & _MORE:
            flags, gid = struct.unpack_from(">HH", data, offset)
            size = 4 + (4 if flags & _ARG_WORDS else 2)
            size += 2 if flags & _HAS_SCALE else 4 if flags & _XY_SCALE else 0
            size += 8 if flags & _TWO_BY_TWO else 0
            parts.append((offset, size, gid))
            offset += size
        return parts

    def subset(self, gids: Iterable[int]) -> tuple[bytes, dict[int, int]]:
        """A TrueType program with glyph 0 and ``gids`` (and the glyphs they are composed
        of), renumbered, without hinting; and the old → new glyph numbers."""
        wanted, queue = {0}, list(gids)
        while queue:
            gid = queue.pop()
            if gid in wanted:
                continue
            wanted.add(gid)
            data = self._data(gid)
            if len(data) >= 10 and struct.unpack_from(">h", data)[0] < 0:
                queue.extend(gid for _, _, gid in self._components(data))
        order = sorted(wanted)
        new = {old: index for index, old in enumerate(order)}
        glyf, loca = bytearray(), array("I")
        for old in order:
            loca.append(len(glyf))
            glyf += self._stripped(self._data(old), new)
            glyf += b"\0" * (-len(glyf) % 4)
        loca.append(len(glyf))
        if array("H", [1]).tobytes() != b"\x00\x01":
            loca.byteswap()
        count = len(order)
        hmtx = struct.pack(
            ">" + "Hh" * count, *(v for old in order for v in (self._advance[old], self._lsb[old]))
        )
        head = bytearray(self._head)
        head[8:12] = b"\0\0\0\0"  # checkSumAdjustment
        head[50:52] = struct.pack(">h", 1)  # long offsets in loca
        hhea = bytearray(self._hhea)
        hhea[34:36] = struct.pack(">H", count)
        maxp = bytearray(self._maxp)
        maxp[4:6] = struct.pack(">H", count)
        tables = {
            b"glyf": bytes(glyf),
            b"head": bytes(head),
            b"hhea": bytes(hhea),
            b"hmtx": hmtx,
            b"loca": loca.tobytes(),
            b"maxp": bytes(maxp),
        }
        return _sfnt(tables), new

    def _stripped(self, data: bytes, new: dict[int, int]) -> bytes:
        """A glyph's data without its instructions, composite glyphs' parts renumbered."""
        if len(data) < 10:
            return b""
        contours = struct.unpack_from(">h", data)[0]
        if contours >= 0:
            at = 10 + 2 * contours
            (length,) = struct.unpack_from(">H", data, at)
            return data[:at] + b"\0\0" + data[at + 2 + length :]
        out = bytearray(data[:10])
        for offset, size, gid in self._components(data):
            part = bytearray(data[offset : offset + size])
            flags = struct.unpack_from(">H", part)[0] & ~_INSTRUCTIONS
            struct.pack_into(">HH", part, 0, flags, new[gid])
            out += part
        return bytes(out)


def _checksum(data: bytes) -> int:
    words = array("I", data + b"\0" * (-len(data) % 4))
    if array("H", [1]).tobytes() != b"\x00\x01":
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def _sfnt(tables: dict[bytes, bytes]) -> bytes:
    """A TrueType file of ``tables`` (tags in order)."""
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(
        ">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, (count - power) * 16
    )
    offset = 12 + 16 * count
    directory, body = bytearray(), bytearray()
    for tag, data in tables.items():
        directory += struct.pack(">4sIII", tag, _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    return header + bytes(directory) + bytes(body)


@cache
def face(family: str, weight: str) -> Face:
    """The face of ``family`` in ``weight`` ("regular" or "bold"), read once per process."""
    return Face(FACE_FILES[family, weight])


def prepare() -> None:
    """Read every character map and face now (a worker does it before its processes fork,
    which then share them)."""
    runs("")
    _covered((PRIMARY, FALLBACK))
    for family, weight in FACE_FILES:
        face(family, weight).shape("가 A")
