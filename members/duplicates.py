"""Finding people who are probably the same human (reads only; merging is in
``members.services.merge``).

A pair is proposed when the two share

- the email address, ignoring case; or
- the Hangul name, or the Latin name once romanisation variants are folded together
  (Lee/Yi/Rhee, Park/Pak/Bak, Choi/Choe, Min-Su/Min Su/Minsu …), together with the same
  birth year or the same affiliation. A name alone is not enough: 김민수 is common. Two
  records with the same name and affiliation but two different known birth years are
  two people.

A name shared by more than ``MAX_GROUP`` records with the same birth year (or
affiliation) says nothing about any two of them, so such groups are not paired; their
number is reported instead.

The work is one pass over a few columns of every live person, grouping them by
normalised keys (a dict per key), so it grows linearly with the number of people; only
people inside one group are paired. Pairs marked 'not the same person'
(``NotDuplicate``), merged and erased people are never proposed. The result is cached
for ``CACHE_TIMEOUT``, under a key that changes as soon as people are added, merged or
erased or a pair is marked.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kofst.common.roles import roles_of
from members.models import Membership, NotDuplicate, Person
from members.search import normalize

# Romanisations of the same Korean family name, folded to one key. Revised
# Romanisation, McCune–Reischauer and the spellings people actually use.
_FAMILY_VARIANTS: dict[str, tuple[str, ...]] = {
    "lee": ("lee", "yi", "rhee", "rhie", "i", "ri", "rhi", "lie", "yee", "ee"),
    "park": ("park", "pak", "bak", "bahk", "parck"),
    "choi": ("choi", "choe", "choy", "chey", "choie"),
    "jung": ("jung", "chung", "jeong", "cheong", "joung", "chong", "jong"),
    "kang": ("kang", "gang", "kahng"),
    "cho": ("cho", "jo", "joe", "choh"),
    "yoon": ("yoon", "yun", "youn", "yune"),
    "shin": ("shin", "sin", "shinn", "sheen"),
    "lim": ("lim", "im", "rim", "yim", "lym"),
    "kwon": ("kwon", "gwon", "kwun"),
    "oh": ("oh", "o", "ohe"),
    "han": ("han", "hahn"),
    "seo": ("seo", "suh", "sur"),
    "hwang": ("hwang", "whang"),
    "song": ("song", "soung"),
    "yoo": ("yoo", "yu", "you", "yue"),
    "ahn": ("ahn", "an", "ann"),
    "jang": ("jang", "chang"),
    "jeon": ("jeon", "chun", "jun", "chon", "jeun", "cheon"),
    "kim": ("kim", "gim", "kimm"),
    "noh": ("noh", "no", "roh", "ro", "rho"),
    "moon": ("moon", "mun", "moun"),
    "bae": ("bae", "pae", "bai"),
    "baek": ("baek", "paik", "paek", "baik", "back"),
    "ko": ("ko", "go", "koh"),
    "heo": ("heo", "huh", "hur", "hu"),
    "son": ("son", "sohn"),
    "woo": ("woo", "wu", "u"),
    "jin": ("jin", "chin"),
    "ryu": ("ryu", "ryoo", "rhyu"),
    "ha": ("ha", "hah"),
    "kwak": ("kwak", "gwak"),
    "koo": ("koo", "gu", "ku"),
    "shim": ("shim", "sim"),
    "sung": ("sung", "seong"),
    "joo": ("joo", "ju"),
    "um": ("um", "eom"),
    "byun": ("byun", "byeon", "byon"),
    "hyun": ("hyun", "hyeon"),
    "yeom": ("yeom", "yum"),
    "seok": ("seok", "suk"),
    "seol": ("seol", "sul"),
    "gil": ("gil", "kil"),
    "wi": ("wi", "wee"),
    "ji": ("ji", "chi"),
}
FAMILY_KEY: dict[str, str] = {
    variant: key for key, variants in _FAMILY_VARIANTS.items() for variant in variants
}

# Vowel and consonant spellings that vary within given names (Min-soo/Minsu,
# Seong-hoon/Sunghun, Ji-eun/Jieun). Applied in this order after letters-only folding.
_GIVEN_FOLDS = (("oo", "u"), ("ou", "u"), ("eo", "u"), ("ee", "i"), ("sh", "s"), ("wh", "h"))
_NOT_LETTERS = re.compile(r"[^a-z]")
_NOT_WORD = re.compile(r"[\W_]+")

CACHE_TIMEOUT = 10 * 60
CACHE_KEY = "members:duplicates:v1"
MAX_GROUP = 10
# More pairs than staff could ever work through: the best-founded are kept; the rest show
# up as those are merged or dismissed.
MAX_PAIRS = 20_000


class Reason:
    """Why a pair is proposed (values are stored in the cache; labels for the page)."""

    EMAIL = "email"
    HANGUL_YEAR = "hangul_year"
    HANGUL_AFFILIATION = "hangul_affiliation"
    LATIN_YEAR = "latin_year"
    LATIN_AFFILIATION = "latin_affiliation"

    LABELS = {
        EMAIL: _("same email address"),
        HANGUL_YEAR: _("same Hangul name and birth year"),
        HANGUL_AFFILIATION: _("same Hangul name and affiliation"),
        LATIN_YEAR: _("same name in Latin letters (romanisations folded) and birth year"),
        LATIN_AFFILIATION: _("same name in Latin letters (romanisations folded) and affiliation"),
    }


def _fold(text: str) -> str:
    """Lower-case without accents; the common all-ASCII case without the slow path."""
    return text.lower() if text.isascii() else normalize(text)


@lru_cache(maxsize=65536)
def family_key(family_name_latin: str) -> str:
    letters = _NOT_LETTERS.sub("", _fold(family_name_latin))
    return FAMILY_KEY.get(letters, letters)


@lru_cache(maxsize=65536)
def given_key(given_name_latin: str) -> str:
    letters = _NOT_LETTERS.sub("", _fold(given_name_latin))
    for old, new in _GIVEN_FOLDS:
        letters = letters.replace(old, new)
    return letters


def latin_name_key(family_name_latin: str, given_name_latin: str) -> str:
    """``family|given`` with romanisation variants folded; "" if either part is missing."""
    family, given = family_key(family_name_latin or ""), given_key(given_name_latin or "")
    return f"{family}|{given}" if family and given else ""


def hangul_name_key(family_name_ko: str, given_name_ko: str) -> str:
    family, given = (family_name_ko or "").strip(), (given_name_ko or "").strip()
    return f"{family}{given}".replace(" ", "") if family and given else ""


@lru_cache(maxsize=65536)
def affiliation_key(affiliation: str) -> str:
    return _NOT_WORD.sub(" ", _fold(affiliation)).strip()


class Candidate(NamedTuple):
    """A proposed pair (a named tuple: thousands are cached and read back quickly)."""

    low_id: int
    high_id: int
    reasons: tuple[str, ...]

    @property
    def reason_labels(self) -> list[str]:
        return [str(Reason.LABELS[r]) for r in self.reasons]


@dataclass
class PairRow:
    """A candidate with both people loaded, for the list page."""

    candidate: Candidate
    low: Person
    high: Person
    reasons: list[str] = field(default_factory=list)


# Columns read for every live person: keep this list short, it is the whole cost.
_COLUMNS = (
    "id",
    "email",
    "family_name_ko",
    "given_name_ko",
    "family_name_latin",
    "given_name_latin",
    "birth_year",
    "affiliation",
)


@dataclass
class Found:
    candidates: list[Candidate]  # the best-founded MAX_PAIRS
    too_common: int  # groups larger than MAX_GROUP, not paired
    left_out: int = 0  # pairs beyond MAX_PAIRS
    computed_at: object = None


def find_candidates(rows: Iterable[tuple], excluded: set[tuple[int, int]]) -> Found:
    """Pairs from rows of ``_COLUMNS``, best-founded first (more reasons, then ids)."""
    groups: dict[tuple, list[tuple[int, int | None]]] = defaultdict(list)
    for pid, email, fko, gko, flat, glat, year, affiliation in rows:
        if email:
            groups[(Reason.EMAIL, email.strip().lower())].append((pid, year))
        hangul = hangul_name_key(fko, gko)
        latin = latin_name_key(flat, glat)
        org = affiliation_key(affiliation) if affiliation else ""
        if hangul:
            if year:
                groups[(Reason.HANGUL_YEAR, hangul, year)].append((pid, year))
            if org:
                groups[(Reason.HANGUL_AFFILIATION, hangul, org)].append((pid, year))
        if latin:
            if year:
                groups[(Reason.LATIN_YEAR, latin, year)].append((pid, year))
            if org:
                groups[(Reason.LATIN_AFFILIATION, latin, org)].append((pid, year))

    order = list(Reason.LABELS)
    bits = {reason: 1 << i for i, reason in enumerate(order)}
    masks: dict[tuple[int, int], int] = {}  # pair → the bits of its reasons
    too_common = 0
    for key, members in groups.items():
        if len(members) < 2:
            continue
        reason = key[0]
        if len(members) > MAX_GROUP and reason != Reason.EMAIL:
            too_common += 1
            continue
        bit = bits[reason]
        members.sort()
        by_affiliation = reason in (Reason.HANGUL_AFFILIATION, Reason.LATIN_AFFILIATION)
        for i, (low, low_year) in enumerate(members):
            for high, high_year in members[i + 1 :]:
                if by_affiliation and low_year and high_year and low_year != high_year:
                    continue  # same name at one place, born in different years: two people
                if low != high and (low, high) not in excluded:
                    pair = (low, high)
                    masks[pair] = masks.get(pair, 0) | bit
    # More reasons first, then the strongest reason (email, Hangul …), then the ids.
    ranked = sorted(
        masks.items(), key=lambda item: (-item[1].bit_count(), item[1] & -item[1], item[0])
    )
    return Found(
        candidates=[
            Candidate(low, high, tuple(r for r in order if mask & bits[r]))
            for (low, high), mask in ranked[:MAX_PAIRS]
        ],
        too_common=too_common,
        left_out=max(0, len(ranked) - MAX_PAIRS),
    )


def _live_people():
    return Person.objects.filter(merged_into__isnull=True, erased_at__isnull=True)


def _cache_key() -> str:
    """Changes when people are added, merged or erased, or a pair is marked: the cached
    pairs then never show a merged record. Edits of names and the like show within
    ``CACHE_TIMEOUT``."""
    people = _live_people().aggregate(n=Count("id"), last=Max("id"))
    marks = NotDuplicate.objects.aggregate(n=Count("id"), last=Max("id"))
    return f"{CACHE_KEY}:{people['n']}:{people['last']}:{marks['n']}:{marks['last']}"


def all_candidates() -> Found:
    """Every proposed pair in the federation (cached)."""
    key = _cache_key()
    found = cache.get(key)
    if found is not None:
        return found
    excluded = set(NotDuplicate.objects.values_list("person_low_id", "person_high_id"))
    rows = _live_people().values_list(*_COLUMNS).iterator(chunk_size=5000)
    found = find_candidates(rows, excluded)
    found.computed_at = timezone.now()
    cache.set(key, found, CACHE_TIMEOUT)
    return found


def carry_over(
    *, person_ids: Iterable[int] = (), pair: tuple[int, int] | None = None
) -> Callable[[], None]:
    """For a service about to merge, mark or erase: returns what to run after commit so
    that the cached pairs, minus those the change settles, are kept under the new key
    (instead of computing every pair again at the next visit)."""
    previous = _cache_key()
    gone = set(person_ids)

    def carry() -> None:
        found = cache.get(previous)
        if found is None:
            return
        kept = [
            c
            for c in found.candidates
            if c.low_id not in gone and c.high_id not in gone and (c.low_id, c.high_id) != pair
        ]
        carried = Found(kept, found.too_common, found.left_out, found.computed_at)
        cache.set(_cache_key(), carried, CACHE_TIMEOUT)

    return carry


def candidates_visible_to(*, user, found: Found | None = None) -> list[Candidate]:
    """Pairs where at least one person is in one of the user's associations (HQ: all)."""
    roles = roles_of(user)
    candidates = (found or all_candidates()).candidates
    if roles.hq:
        return candidates
    if not roles.staff_of or not candidates:
        return []
    ours = set(
        Membership.objects.filter(association_id__in=roles.staff_of).values_list(
            "person_id", flat=True
        )
    )
    return [c for c in candidates if c.low_id in ours or c.high_id in ours]


def _people_with_memberships(ids: Iterable[int]) -> dict[int, Person]:
    memberships = Membership.objects.select_related("association", "chapter").order_by(
        "association__code"
    )
    people = Person.objects.filter(pk__in=list(ids)).prefetch_related(
        Prefetch("memberships", queryset=memberships)
    )
    return {p.pk: p for p in people}


def pair_rows(candidates: list[Candidate]) -> list[PairRow]:
    """Load both people of each candidate (two queries whatever the number of pairs)."""
    people = _people_with_memberships({i for c in candidates for i in (c.low_id, c.high_id)})
    return [
        PairRow(candidate=c, low=people[c.low_id], high=people[c.high_id])
        for c in candidates
        if c.low_id in people and c.high_id in people
    ]


def pair_for_staff(*, user, first_id: int, second_id: int) -> tuple[Person, Person]:
    """Two people staff may compare and merge: both exist, and HQ, or at least one of the
    two is in the user's associations. Otherwise 404. Returned lowest id first."""
    roles = roles_of(user)
    if not roles.is_staff_anywhere:
        raise Http404
    low_id, high_id = sorted((int(first_id), int(second_id)))
    people = _people_with_memberships({low_id, high_id})
    if low_id not in people or high_id not in people:
        raise Http404
    low, high = people[low_id], people[high_id]
    if not roles.hq:
        association_ids = {m.association_id for p in (low, high) for m in p.memberships.all()}
        if not association_ids & roles.staff_of:
            raise Http404
    return low, high


def pair_reasons(first: Person, second: Person) -> list[str]:
    """Why two loaded records look alike (empty when they do not)."""
    rows = [tuple(getattr(p, column) for column in _COLUMNS) for p in (first, second)]
    found = find_candidates(rows, set()).candidates
    return found[0].reason_labels if found else []
