"""The expert directory: opted-in people, professional information only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from members.directory import directory_people
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("members:directory")


def expert(**fields):
    values = {
        "family_name_ko": "",
        "given_name_ko": "",
        "consent_directory": True,
        "phone": "+1 555 9999",
        "birth_year": 1977,
    }
    values.update(fields)
    return PersonFactory(**values)


def listed(response) -> list[int]:
    return [p.pk for p in response.context["page"].object_list]


def test_directory_lists_only_opted_in_live_people(client, member_user):
    shown = expert(family_name_latin="Han")
    expert(family_name_latin="Hidden", consent_directory=False)
    expert(family_name_latin="Gone", erased_at=timezone.now())
    expert(family_name_latin="Merged", merged_into=shown)
    client.force_login(member_user)

    response = client.get(DIRECTORY)

    assert listed(response) == [shown.pk]


def test_directory_never_shows_email_phone_or_birth_year(client, member_user):
    expert(family_name_latin="Han", email="secret.han@example.org", affiliation="KAIST")
    client.force_login(member_user)

    content = client.get(DIRECTORY).content.decode()

    assert "KAIST" in content
    assert "secret.han@example.org" not in content
    assert "+1 555 9999" not in content and "1977" not in content


def test_directory_searches_by_field_keyword_country_and_language(client, member_user):
    battery = expert(
        family_name_latin="Oh",
        field="materials",
        keywords="batteries, thin films",
        country="DE",
        languages="ko,de",
    )
    expert(
        family_name_latin="Yu", field="materials", keywords="polymers", country="DE", languages="ko"
    )
    expert(
        family_name_latin="Ma", field="physics", keywords="batteries", country="US", languages="en"
    )
    client.force_login(member_user)

    response = client.get(
        DIRECTORY, {"field": "materials", "keyword": "batter", "country": "DE", "language": "de"}
    )

    assert listed(response) == [battery.pk]


def test_directory_language_matches_whole_codes(member_user):
    english = expert(family_name_latin="En", languages="ko, en")

    assert list(directory_people(user=member_user, language="e")) == []
    assert list(directory_people(user=member_user, language="en")) == [english]


def test_directory_text_search_does_not_match_email(client, member_user):
    expert(family_name_latin="Kwon", email="findme@example.org")
    client.force_login(member_user)

    assert listed(client.get(DIRECTORY, {"q": "findme"})) == []
    assert len(listed(client.get(DIRECTORY, {"q": "kwon"}))) == 1


@pytest.mark.parametrize("n", [1, 3])
def test_directory_query_count_is_constant(client, member_user, django_assert_max_num_queries, n):
    for i in range(n):
        expert(family_name_latin=f"Expert{i}")
    client.force_login(member_user)

    with django_assert_max_num_queries(9):
        response = client.get(DIRECTORY)

    assert len(listed(response)) == n


def test_directory_is_paginated(client, member_user):
    for i in range(27):
        expert(family_name_latin=f"E{i:02d}")
    client.force_login(member_user)

    first = client.get(DIRECTORY)
    second = client.get(DIRECTORY, {"page": 2})

    assert (len(listed(first)), len(listed(second))) == (25, 2)
    assert first.context["page"].paginator.count == 27


def test_directory_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(DIRECTORY)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
