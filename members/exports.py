"""The roster as CSV rows: one row per membership, with the person's details.

Column names are stable, machine-readable headers (not translated), so that an export
can be opened in Excel, edited and imported again.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone

from members.models import Membership

ROSTER_COLUMNS = [
    "association",
    "member_number",
    "family_name_latin",
    "given_name_latin",
    "family_name_ko",
    "given_name_ko",
    "email",
    "phone",
    "country",
    "city",
    "affiliation",
    "position",
    "degree",
    "field",
    "keywords",
    "career_stage",
    "birth_year",
    "languages",
    "preferred_language",
    "membership_type",
    "chapter",
    "joined_on",
    "expires_on",
    "resigned_on",
    "status",
    "consent_newsletter",
    "consent_directory",
]


def roster_rows(memberships: Iterable[Membership]) -> Iterator[list[Any]]:
    """Rows in ``ROSTER_COLUMNS`` order (memberships with person, association, chapter)."""
    today = timezone.localdate()
    for m in memberships:
        p = m.person
        yield [
            m.association.code.upper(),
            m.member_number,
            p.family_name_latin,
            p.given_name_latin,
            p.family_name_ko,
            p.given_name_ko,
            p.email or "",
            p.phone,
            p.country,
            p.city,
            p.affiliation,
            p.position,
            p.degree,
            p.field,
            p.keywords,
            p.career_stage,
            p.birth_year,
            p.languages,
            p.preferred_language,
            m.type,
            m.chapter.name_en if m.chapter else "",
            m.joined_on,
            m.expires_on,
            m.resigned_on,
            m.status_on(today).value,
            p.consent_newsletter,
            p.consent_directory,
        ]
