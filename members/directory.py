"""The expert directory: people who agreed to be listed, found by their expertise.

Only professional information ever leaves this module (``DIRECTORY_COLUMNS``): never an
email, a phone number or a birth year.
"""

import re

from django.db.models import Q, QuerySet

from members.models import Person

DIRECTORY_COLUMNS = (
    "id",
    "family_name_latin",
    "given_name_latin",
    "family_name_ko",
    "given_name_ko",
    "affiliation",
    "position",
    "field",
    "keywords",
    "country",
    "languages",
)
_NAME_AND_WORK = (
    "family_name_latin",
    "given_name_latin",
    "family_name_ko",
    "given_name_ko",
    "affiliation",
    "position",
    "keywords",
)


def directory_people(
    *,
    user,
    text: str = "",
    field: str = "",
    keyword: str = "",
    country: str = "",
    language: str = "",
) -> QuerySet[Person]:
    """Listed people (opted in, not erased or merged) matching every given criterion.

    ``text`` matches words of names, affiliation, position or keywords (never email);
    ``language`` is a code such as ``ko``, matched as a whole item of the list.
    """
    people = Person.objects.filter(
        consent_directory=True, erased_at__isnull=True, merged_into__isnull=True
    )
    for word in (text or "").split():
        word_match = Q()
        for column in _NAME_AND_WORK:
            word_match |= Q(**{f"{column}__icontains": word})
        people = people.filter(word_match)
    if field:
        people = people.filter(field=field)
    if keyword.strip():
        people = people.filter(keywords__icontains=keyword.strip())
    if country:
        people = people.filter(country=country.upper())
    if language:
        pattern = rf"(^|,)\s*{re.escape(language)}\s*(,|$)"
        people = people.filter(languages__iregex=pattern)
    return people.only(*DIRECTORY_COLUMNS).order_by("family_name_latin", "given_name_latin", "id")
