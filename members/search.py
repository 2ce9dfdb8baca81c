"""How people are found by name, email, affiliation or member number.

``search_text`` holds everything searchable, lower-cased and without accents; it is
searched with ``LIKE '%term%'`` backed by a trigram GIN index on PostgreSQL.

pg_trgm cannot use its index for a pattern shorter than three characters, and Hangul
given names are typically two syllables (철수). So ``search_grams`` also holds every
Hangul syllable and every pair of adjacent syllables of the names, each as its own token
padded to three characters with ``#`` ("철##", "철수#"). A one- or two-syllable Hangul
term is searched as that padded token at a word start (``members.selectors.search_condition``
adds the leading space), which gives pg_trgm trigrams its index can use.
"""

import functools
import re
import unicodedata
from collections.abc import Iterable

GRAM_PAD = "#"
_HANGUL_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
_ASCII_OR_HANGUL = re.compile(r"[\x00-\x7f\uac00-\ud7a3]*")
_SPACES = re.compile(r"\s+")


def is_hangul(text: str) -> bool:
    return bool(_HANGUL_SYLLABLE.search(text or ""))


@functools.lru_cache(maxsize=65536)  # imports normalise the same names thousands of times
def normalize(text: str) -> str:
    """Lower-case and strip accents, leaving Hangul syllables whole.

    NFKD would decompose Hangul syllables into jamo, so it is applied only to the other
    characters.
    """
    folded = (text or "").casefold()
    if _ASCII_OR_HANGUL.fullmatch(folded):  # nothing to decompose (most names and emails)
        return _SPACES.sub(" ", folded).strip()
    out = []
    for char in folded:
        if _HANGUL_SYLLABLE.match(char):
            out.append(char)
            continue
        for part in unicodedata.normalize("NFKD", char):
            if not unicodedata.combining(part):
                out.append(part)
    return _SPACES.sub(" ", "".join(out)).strip()


def build_search_text(
    *,
    family_name_latin: str = "",
    given_name_latin: str = "",
    family_name_ko: str = "",
    given_name_ko: str = "",
    email: str | None = "",
    affiliation: str = "",
    member_numbers: Iterable[str] = (),
) -> str:
    parts = [
        f"{given_name_latin} {family_name_latin}",
        f"{family_name_latin} {given_name_latin}",
        given_name_latin.replace("-", ""),
        f"{family_name_ko}{given_name_ko}",
        email or "",
        affiliation,
        *member_numbers,
    ]
    return " | ".join(normalize(p) for p in parts if p and p.strip())


def build_search_grams(*hangul_texts: str) -> str:
    tokens: list[str] = []
    for text in hangul_texts:
        for run in _HANGUL_RUN.findall(text or ""):
            for i, syllable in enumerate(run):
                tokens.append(syllable + GRAM_PAD * 2)
                if i + 1 < len(run):
                    tokens.append(run[i : i + 2] + GRAM_PAD)
    return " ".join(dict.fromkeys(tokens))


def person_search_fields(person, member_numbers: Iterable[str] = ()) -> dict[str, str]:
    """The values of ``search_text`` and ``search_grams`` for a person (not saved)."""
    return {
        "search_text": build_search_text(
            family_name_latin=person.family_name_latin,
            given_name_latin=person.given_name_latin,
            family_name_ko=person.family_name_ko,
            given_name_ko=person.given_name_ko,
            email=person.email,
            affiliation=person.affiliation,
            member_numbers=member_numbers,
        ),
        "search_grams": build_search_grams(
            f"{person.family_name_ko}{person.given_name_ko}", person.given_name_ko
        ),
    }


def term_lookup(term: str) -> tuple[str, str]:
    """``(field, needle)`` to search with ``field__contains=needle``.

    One- and two-syllable Hangul terms go to the padded grams; everything else to the
    normalised text.
    """
    needle = normalize(term)
    if _HANGUL_RUN.fullmatch(needle) and len(needle) <= 2:
        return "search_grams", needle + GRAM_PAD * (3 - len(needle))
    return "search_text", needle
