"""Finding a roster member by part of a name in either script, email, affiliation or
member number, ignoring case and accents (through the same selector the roster uses)."""

import pytest

from members.selectors import roster_memberships
from tests.factories.roster import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(association):
    """Three members of KSEA with distinct names."""
    return {
        "namgung": make_member(
            association,
            family_name_ko="남궁",
            given_name_ko="민수",
            family_name_latin="Namgung",
            given_name_latin="Min-su",
            email="minsu@snu.example",
            affiliation="Seoul National University",
            membership={"member_number": "KSEA-000001"},
        ),
        "kim": make_member(
            association,
            family_name_ko="김",
            given_name_ko="철수",
            family_name_latin="Kim",
            given_name_latin="Cheol-su",
            email="c.kim@mit.example",
            affiliation="Massachusetts Institute of Technology",
            membership={"member_number": "KSEA-000002"},
        ),
        "muller": make_member(
            association,
            family_name_ko="",
            given_name_ko="",
            family_name_latin="Müller",
            given_name_latin="Hélène",
            email="helene.mueller@example.de",
            affiliation="Université de Lyon",
            membership={"member_number": "KSEA-000003"},
        ),
    }


def found(user, text: str) -> list[str]:
    rows = roster_memberships(user=user, search=text)
    return sorted(m.person.family_name_latin for m in rows)


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("철", ["Kim"]),  # one syllable
        ("철수", ["Kim"]),  # two syllables: a given name
        ("김철수", ["Kim"]),  # three syllables: the full name
        ("궁민", ["Namgung"]),  # two syllables across family and given name
        ("남궁민수", ["Namgung"]),
        ("수", ["Kim", "Namgung"]),
        ("김민", []),
    ],
)
def test_search_hangul_name_parts(association_staff, people, term, expected):
    assert found(association_staff, term) == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("cheol", ["Kim"]),
        ("CHEOL-SU", ["Kim"]),
        ("cheolsu", ["Kim"]),  # given name without the hyphen
        ("muller", ["Müller"]),  # accents ignored
        ("MÜLLER", ["Müller"]),
        ("helene", ["Müller"]),
        ("min-su namgung", ["Namgung"]),
        ("namgung min", ["Namgung"]),
    ],
)
def test_search_latin_name_parts_ignoring_case_and_accents(
    association_staff, people, term, expected
):
    assert found(association_staff, term) == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("c.kim@mit", ["Kim"]),  # email
        ("MIT.EXAMPLE", ["Kim"]),
        ("seoul national", ["Namgung"]),  # affiliation, two words ANDed
        ("universite", ["Müller"]),  # affiliation, accent ignored
        ("ksea-000003", ["Müller"]),  # member number
        ("000002", ["Kim"]),
        ("ksea-00000", ["Kim", "Müller", "Namgung"]),
    ],
)
def test_search_email_affiliation_member_number(association_staff, people, term, expected):
    assert found(association_staff, term) == expected


def test_search_words_are_anded(association_staff, people):
    assert found(association_staff, "김 seoul") == []
    assert found(association_staff, "철수 massachusetts") == ["Kim"]


def test_search_never_reaches_other_associations(association_staff, people, foreign_member):
    assert found(association_staff, "영희") == []
    assert found(association_staff, "park") == []
