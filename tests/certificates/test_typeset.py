"""The holder's lines drawn without WeasyPrint: the font subsets they embed are real
TrueType programs with the original outlines, kerning is kept, and a name too wide for
the frame is printed smaller instead of running off the page."""

import io
import re

import pikepdf
from fontTools.ttLib import TTFont

from kofst.certificates import fonts, typeset


def _outline(font: TTFont, name: str) -> tuple:
    glyph = font["glyf"][name]
    coordinates, ends, _flags = glyph.getCoordinates(font["glyf"])
    return tuple(coordinates), tuple(ends)


def test_subset_keeps_the_glyphs_used_and_the_parts_they_are_made_of():
    face = fonts.face(fonts.FALLBACK, "regular")
    glyphs = face.shape("Nguyễn Ánh")

    program, numbering = face.subset(g.gid for g in glyphs)

    subset = TTFont(io.BytesIO(program))
    original = TTFont(fonts.FACE_FILES[fonts.FALLBACK, "regular"])
    assert subset["maxp"].numGlyphs == len(numbering) < 30
    assert numbering[0] == 0
    old_names, new_names = original.getGlyphOrder(), subset.getGlyphOrder()
    for glyph in glyphs:
        old, new = old_names[glyph.gid], new_names[numbering[glyph.gid]]
        assert _outline(subset, new) == _outline(original, old)
        assert subset["hmtx"][new] == original["hmtx"][old]
    composites = [n for n in new_names if subset["glyf"][n].isComposite()]
    assert composites  # DejaVu builds accented letters from parts: they came along
    for name in composites:
        assert set(subset["glyf"][name].getComponentNames(subset["glyf"])) <= set(new_names)


def test_a_hangul_subset_is_small_and_complete():
    face = fonts.face(fonts.PRIMARY, "bold")
    glyphs = face.shape("남궁독고선우황보")

    program, numbering = face.subset(g.gid for g in glyphs)

    assert len(program) < 8_000
    assert {numbering[g.gid] for g in glyphs} == set(range(1, 9))
    assert [g.text for g in glyphs] == list("남궁독고선우황보")


def test_kerning_is_kept_as_corrections_to_the_fonts_widths():
    face = fonts.face(fonts.PRIMARY, "regular")
    glyphs = face.shape("AVAWA")

    assert any(round(g.advance) != face.width(g.gid) for g in glyphs)
    chunk = typeset.Chunk()
    chunk.add({"holder_name_latin": "AVAWA"})
    chunk.fonts(pikepdf.new())
    assert re.search(rb"\[<0001> -?\d+\.\d\d <0002>", chunk.operators(0))


def _sizes(operators: bytes) -> list[float]:
    return [float(size) for size in re.findall(rb"/KofstF\d+ ([\d.]+) Tf", operators)]


def test_a_name_wider_than_the_frame_is_printed_smaller_to_fit():
    chunk = typeset.Chunk()
    chunk.add({"holder_name_latin": "Kim Chul-soo"})
    chunk.add({"holder_name_latin": " ".join(["Wolfgang Amadeus Mozart-Kim"] * 4)})
    chunk.fonts(pikepdf.new())

    (usual,) = _sizes(chunk.operators(0))
    (smaller,) = _sizes(chunk.operators(1))
    assert usual == 18
    assert 5 < smaller < 18
    x = float(re.search(rb"1 0 0 1 ([\d.]+) [\d.]+ Tm", chunk.operators(1)).group(1))
    assert x >= (typeset.PAGE_WIDTH - typeset.CENTRED_MAX_WIDTH) / 2 - 0.01


def test_a_character_only_one_weight_of_a_font_has_counts_as_uncovered():
    # U+1D5A0 (mathematical sans-serif A) is in DejaVu Sans but not DejaVu Sans Bold, and
    # the Hangul name is drawn in bold: printing it would draw an empty box.
    regular = fonts.Face(fonts.FACE_FILES[fonts.FALLBACK, "regular"])
    bold = fonts.Face(fonts.FACE_FILES[fonts.FALLBACK, "bold"])
    assert regular.shape("\U0001d5a0")[0].gid != 0
    assert bold.shape("\U0001d5a0")[0].gid == 0

    assert fonts.uncovered("김\U0001d5a0") == ["\U0001d5a0"]
