"""Finding likely duplicates: which pairs are proposed, to whom, and at what cost."""

import pytest
from django.urls import reverse
from django.utils import timezone

from members.duplicates import (
    MAX_GROUP,
    all_candidates,
    candidates_visible_to,
    family_key,
    find_candidates,
    given_key,
    latin_name_key,
)
from members.models import NotDuplicate
from members.services.merge import people_mark_not_duplicate
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db
DUPLICATES = reverse("members:duplicates")


def pairs(candidates) -> set[tuple[int, int]]:
    return {(c.low_id, c.high_id) for c in candidates}


def pair_of(a, b) -> tuple[int, int]:
    return tuple(sorted((a.pk, b.pk)))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Lee", "Yi"),
        ("Lee", "Rhee"),
        ("Rhie", "I"),
        ("Park", "Pak"),
        ("Park", "Bak"),
        ("Choi", "Choe"),
        ("Choi", "Choy"),
        ("Jung", "Chung"),
        ("Jeong", "Jung"),
        ("Kang", "Gang"),
        ("Cho", "Jo"),
        ("Yoon", "Yun"),
        ("Shin", "Sin"),
        ("Lim", "Im"),
        ("Rim", "Lim"),
        ("Kwon", "Gwon"),
        ("Oh", "O"),
        ("Seo", "Suh"),
        ("Hwang", "Whang"),
        ("Yoo", "Yu"),
        ("You", "Yoo"),
        ("Ahn", "An"),
        ("Jang", "Chang"),
        ("Jeon", "Chun"),
        ("Jun", "Jeon"),
    ],
)
def test_family_key_folds_romanisations(first, second):
    assert family_key(first) == family_key(second)


def test_family_key_keeps_different_names_apart():
    assert family_key("Kim") != family_key("Lee")
    assert family_key("Park") != family_key("Baek")
    assert family_key("Jang") != family_key("Jung")


@pytest.mark.parametrize("spelling", ["Min-su", "Min Su", "minsu", "MINSU", "Min-soo", "Min Soo"])
def test_given_key_ignores_hyphens_spaces_case_and_vowel_spellings(spelling):
    assert given_key(spelling) == given_key("Minsu")


def test_latin_name_key_needs_both_parts():
    assert latin_name_key("", "Minsu") == ""
    assert latin_name_key("Kim", "") == ""
    assert latin_name_key("Rhee", "Min-Su") == latin_name_key("Lee", "Minsu")


def _row(pid, email="", fko="", gko="", flat="", glat="", year=None, affiliation=""):
    return (pid, email, fko, gko, flat, glat, year, affiliation)


def test_find_candidates_email_ignores_case():
    rows = [_row(1, "A.Kim@Example.org"), _row(2, "a.kim@example.org"), _row(3, "other@x.org")]

    found = find_candidates(rows, set()).candidates

    assert [(c.low_id, c.high_id, c.reasons) for c in found] == [(1, 2, ("email",))]


def test_find_candidates_name_needs_birth_year_or_affiliation():
    rows = [
        _row(1, fko="김", gko="민수", year=1985),
        _row(2, fko="김", gko="민수", year=1985),
        _row(3, fko="김", gko="민수", year=1990),
        _row(4, flat="Lee", glat="Ji-eun", affiliation="Seoul National University"),
        _row(5, flat="Rhee", glat="Jieun", affiliation="seoul national university."),
        _row(6, flat="Yi", glat="Jieun", affiliation="KAIST"),
    ]

    found = {(c.low_id, c.high_id): c.reasons for c in find_candidates(rows, set()).candidates}

    assert found == {(1, 2): ("hangul_year",), (4, 5): ("latin_affiliation",)}


def test_find_candidates_same_name_and_place_but_other_birth_year_is_not_a_pair():
    rows = [
        _row(1, flat="Kim", glat="Minjun", year=1990, affiliation="KAIST"),
        _row(2, flat="Kim", glat="Min-jun", year=1975, affiliation="KAIST"),
        _row(3, flat="Gim", glat="Minjun", year=None, affiliation="KAIST"),
    ]

    found = find_candidates(rows, set()).candidates

    assert sorted((c.low_id, c.high_id) for c in found) == [(1, 3), (2, 3)]


def test_find_candidates_skips_names_too_common_to_mean_anything():
    crowd = [_row(i, fko="김", gko="민준", year=1994) for i in range(1, MAX_GROUP + 2)]
    twins = [_row(100, fko="황", gko="보름", year=1980), _row(101, fko="황", gko="보름", year=1980)]

    found = find_candidates(crowd + twins, set())

    assert [(c.low_id, c.high_id) for c in found.candidates] == [(100, 101)]
    assert found.too_common == 1


def test_find_candidates_leaves_out_excluded_pairs():
    rows = [_row(1, "same@x.org"), _row(2, "same@x.org")]

    assert find_candidates(rows, {(1, 2)}).candidates == []


def test_candidates_skip_merged_erased_and_not_duplicate(django_user_model):
    a = PersonFactory(email="a@x.org", family_name_latin="Park", given_name_latin="Jisoo")
    b = PersonFactory(email="b@x.org", family_name_latin="Pak", given_name_latin="Ji-soo")
    c = PersonFactory(email="c@x.org", family_name_latin="Bak", given_name_latin="Jisoo")
    d = PersonFactory(email="d@x.org", family_name_latin="Park", given_name_latin="Jisu")
    c.merged_into = a
    c.save()
    d.erased_at = timezone.now()
    d.save()
    assert pair_of(a, b) in pairs(all_candidates().candidates)

    NotDuplicate.objects.create(person_low_id=min(a.pk, b.pk), person_high_id=max(a.pk, b.pk))

    assert pairs(all_candidates().candidates) == set()


GIVEN_NAMES = ["Sun-hee", "Ji-woo", "Min-jun", "Seo-yeon", "Ha-eun", "Do-yun"] * 3


def _twins(association, other_association=None, n=1, start=0):
    """``n`` pairs of records of one person: Lee Sun-hee and Rhee Sunhee, born the same
    year; the first of each pair in ``association``, the second in ``other_association``
    (or the same)."""
    made = []
    for i in range(start, start + n):
        common = {"family_name_ko": "", "given_name_ko": "", "birth_year": 1970 + i}
        given = GIVEN_NAMES[i]
        a = PersonFactory(family_name_latin="Lee", given_name_latin=given, **common)
        b = PersonFactory(
            family_name_latin="Rhee", given_name_latin=given.replace("-", ""), **common
        )
        MembershipFactory(person=a, association=association)
        MembershipFactory(person=b, association=other_association or association)
        made.append((a, b))
    return made


def test_candidates_for_staff_include_pairs_with_one_of_theirs(
    association, other_association, association_staff, hq_user
):
    [(ours, theirs)] = _twins(association, other_association)
    [(elsewhere_a, elsewhere_b)] = _twins(other_association, start=4)

    staff_pairs = pairs(candidates_visible_to(user=association_staff))
    hq_pairs = pairs(candidates_visible_to(user=hq_user))

    assert staff_pairs == {pair_of(ours, theirs)}
    assert hq_pairs == {pair_of(ours, theirs), pair_of(elsewhere_a, elsewhere_b)}


def test_candidates_for_member_are_empty(association, member_user):
    _twins(association)

    assert candidates_visible_to(user=member_user) == []


def test_duplicates_page_lists_pairs_with_reasons(client, association, association_staff):
    [(a, b)] = _twins(association)
    client.force_login(association_staff)

    response = client.get(DUPLICATES)

    rows = response.context["rows"]
    assert [(r.low.pk, r.high.pk) for r in rows] == [pair_of(a, b)]
    assert "same name in Latin letters" in response.content.decode()
    assert reverse("members:duplicate_compare", args=pair_of(a, b)) in response.content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_duplicates_page_query_count_is_constant(
    client, association, association_staff, django_assert_max_num_queries, n
):
    _twins(association, n=n)
    client.force_login(association_staff)

    with django_assert_max_num_queries(14):
        response = client.get(DUPLICATES)

    assert len(response.context["rows"]) == n


def test_not_duplicate_removes_the_pair_for_good(client, association, association_staff):
    [(a, b)] = _twins(association)
    client.force_login(association_staff)

    response = client.post(reverse("members:duplicate_dismiss", args=pair_of(a, b)))

    assert response.status_code == 302
    assert NotDuplicate.objects.filter(person_low=min(a, b, key=lambda p: p.pk)).exists()
    assert client.get(DUPLICATES).context["rows"] == []


def test_not_duplicate_with_self_is_refused(association, hq_user):
    person = PersonFactory()

    with pytest.raises(Exception, match="itself"):
        people_mark_not_duplicate(first=person, second=person, actor=hq_user)


def test_compare_page_of_foreign_pair_is_404_for_staff(
    client, association, other_association, association_staff
):
    [(a, b)] = _twins(other_association)
    client.force_login(association_staff)

    response = client.get(reverse("members:duplicate_compare", args=pair_of(a, b)))

    assert response.status_code == 404


def test_a_decision_keeps_the_other_cached_pairs_without_computing_again(
    client, association, association_staff, django_capture_on_commit_callbacks
):
    [(a, b), (c, d)] = _twins(association, n=2)
    client.force_login(association_staff)
    before = client.get(DUPLICATES).context["computed_at"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:duplicate_dismiss", args=pair_of(a, b)))
    after = client.get(DUPLICATES)

    assert [(r.low.pk, r.high.pk) for r in after.context["rows"]] == [pair_of(c, d)]
    assert after.context["computed_at"] == before
