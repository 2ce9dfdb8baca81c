"""Splitting a name given as one field into family and given name, in either script.

Hangul: the family name is the first syllable, or the first two for the two-syllable
family names (남궁, 선우, 제갈, 황보, …) when at least one syllable is left for the given
name; a space, when there is one, decides ("김 철수", "남궁 민").

Latin letters, in this order of precedence:
1. a comma means "Family, Given" ("Kim, Chul-soo");
2. a word in capitals among words that are not ("KIM Chul Soo", "Chul Soo KIM") is
   the family name;
3. a first word that is a common Korean family name while the last word is not
   ("Kim Chulsoo") is the family name (Korean order);
4. otherwise the last word is the family name ("Chul-soo Kim", "Anna Schmidt").

A name with both scripts, such as "김철수 (Chul-soo Kim)", is split into both.
"""

import re

from members.search import is_hangul

TWO_SYLLABLE_FAMILY_NAMES = frozenset(
    ["남궁", "선우", "제갈", "황보", "독고", "사공", "서문", "동방", "어금", "망절", "장곡"]
)
# Romanisations of the commonest Korean family names (several spellings each).
# fmt: off
KOREAN_FAMILY_NAMES_LATIN = frozenset(
    [
        "kim", "gim", "lee", "yi", "rhee", "rhie", "park", "bak", "pak", "choi", "choe", "choy",
        "jung", "jeong", "chung", "cheong", "kang", "gang", "cho", "jo", "yoon", "yun", "youn",
        "jang", "chang", "lim", "im", "yim", "han", "oh", "o", "seo", "suh", "shin", "sin",
        "kwon", "gwon", "hwang", "ahn", "an", "song", "yoo", "yu", "you", "ryu", "jeon", "chun",
        "jun", "hong", "ko", "koh", "go", "moon", "mun", "yang", "son", "sohn", "bae", "bai",
        "baek", "paik", "back", "heo", "huh", "hur", "nam", "noh", "roh", "no", "ha", "kwak",
        "gwak", "sung", "seong", "cha", "joo", "ju", "woo", "wu", "min", "ryoo", "won", "chae",
        "chai", "cheon", "bang", "byun", "byeon", "pyo", "yeom", "yum", "tak",
        "namgung", "sunwoo", "seonu", "jegal", "hwangbo", "dokgo", "sagong",
    ]
)
# fmt: on

_SPACES = re.compile(r"\s+")
_PARENS = re.compile(r"^(?P<outer>[^()]*)\((?P<inner>[^()]*)\)\s*$")


def split_hangul(name: str) -> tuple[str, str]:
    """(family, given) of a Hangul name."""
    name = _SPACES.sub(" ", name.strip())
    if " " in name:
        family, given = name.split(" ", 1)
        return family, given.replace(" ", "")
    if len(name) >= 3 and name[:2] in TWO_SYLLABLE_FAMILY_NAMES:
        return name[:2], name[2:]
    if len(name) <= 1:
        return name, ""
    return name[0], name[1:]


def split_latin(name: str) -> tuple[str, str]:
    """(family, given) of a name in Latin letters."""
    name = _SPACES.sub(" ", name.strip())
    if not name:
        return "", ""
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return family, given
    words = name.split(" ")
    if len(words) == 1:
        return words[0], ""
    capitals = [w for w in words if len(w) > 1 and w.isupper()]
    if capitals and len(capitals) < len(words):
        family = capitals[0]
        given = " ".join(w for w in words if w is not family)
        return family.capitalize(), given
    first, last = words[0].casefold(), words[-1].casefold()
    if first in KOREAN_FAMILY_NAMES_LATIN and last not in KOREAN_FAMILY_NAMES_LATIN:
        return words[0], " ".join(words[1:])
    return words[-1], " ".join(words[:-1])


def split_name(name: str) -> dict[str, str]:
    """The name parts found in one field: any of ``family_name_ko``, ``given_name_ko``,
    ``family_name_latin``, ``given_name_latin``."""
    name = (name or "").strip()
    if not name:
        return {}
    parts: dict[str, str] = {}
    match = _PARENS.match(name)
    pieces = [match["outer"], match["inner"]] if match else [name]
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if is_hangul(piece):
            if "family_name_ko" not in parts:
                parts["family_name_ko"], parts["given_name_ko"] = split_hangul(piece)
        elif "family_name_latin" not in parts:
            parts["family_name_latin"], parts["given_name_latin"] = split_latin(piece)
    return parts
