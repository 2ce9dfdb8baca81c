"""Creating and editing people, and keeping their search fields current."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kofst.common.audit import audit_record, diff, snapshot
from kofst.common.countries import COUNTRIES
from members.models import Person
from members.search import person_search_fields

# What staff may set on a person (everything but the account, search and merge fields).
PERSON_FIELDS = [
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
    "consent_newsletter",
    "consent_directory",
]
_STRIPPED = [
    name for name in PERSON_FIELDS if name not in ("birth_year",) and "consent" not in name
]


def person_refresh_search(*, person: Person, save: bool = True) -> None:
    """Recompute ``search_text``/``search_grams`` from the names, email, affiliation and
    every member number of the person. Call after any change to those."""
    numbers = list(person.memberships.values_list("member_number", flat=True)) if person.pk else []
    fields = person_search_fields(person, numbers)
    changed = [name for name, value in fields.items() if getattr(person, name) != value]
    for name, value in fields.items():
        setattr(person, name, value)
    if save and changed and person.pk:
        Person.objects.filter(pk=person.pk).update(**fields)


def _clean_values(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"not person fields: {sorted(unknown)}")
    cleaned = dict(values)
    for name in _STRIPPED:
        if name in cleaned and isinstance(cleaned[name], str):
            cleaned[name] = cleaned[name].strip()
    if "email" in cleaned:
        cleaned["email"] = cleaned["email"] or None
    if "country" in cleaned and cleaned["country"]:
        cleaned["country"] = cleaned["country"].upper()
    return cleaned


def _validate(person: Person) -> None:
    """Field shapes (choices, lengths, email syntax) plus our own rules; raise with every
    message keyed by field."""
    errors: dict[str, list] = {}
    try:
        person.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not any(
        (
            person.family_name_latin,
            person.given_name_latin,
            person.family_name_ko,
            person.given_name_ko,
        )
    ):
        errors.setdefault("__all__", []).append(
            _("Enter the person's name in Hangul or in Latin letters.")
        )
    if person.country and person.country not in COUNTRIES:
        errors.setdefault("country", []).append(_("Choose a country from the list."))
    this_year = dt.date.today().year
    if person.birth_year is not None and not 1900 <= person.birth_year <= this_year:
        errors.setdefault("birth_year", []).append(
            _("Enter a birth year between 1900 and %(year)s.") % {"year": this_year}
        )
    if person.email and "email" not in errors:
        taken = Person.objects.filter(email__iexact=person.email).exclude(pk=person.pk)
        if taken.exists():
            errors.setdefault("email", []).append(
                _("Another person already has the email address %(email)s.")
                % {"email": person.email}
            )
    if errors:
        raise ValidationError(errors)


def _save(person: Person, **kwargs: Any) -> None:
    """Save; a concurrent duplicate email that slipped past the check hits the constraint."""
    try:
        with transaction.atomic():
            person.save(**kwargs)
    except IntegrityError as exc:
        if "person_email_ci_unique" in str(exc):
            raise ValidationError(
                {
                    "email": _("Another person already has the email address %(email)s.")
                    % {"email": person.email}
                }
            ) from exc
        raise


@transaction.atomic
def person_create(*, actor, association_id: int | None = None, **values: Any) -> Person:
    """Create a person from ``PERSON_FIELDS`` values.

    Side effects: a ``person.create`` history entry (tagged with ``association_id`` when
    the person is created for one association's roster); search fields filled.
    """
    person = Person(**_clean_values(values))
    _validate(person)
    person_refresh_search(person=person, save=False)
    _save(person)
    audit_record(
        actor=actor,
        action="person.create",
        subject=person,
        person_id=person.pk,
        association_id=association_id,
        summary=str(person.display_name),
        changes={
            name: [None, _jsonable(getattr(person, name))]
            for name in PERSON_FIELDS
            if getattr(person, name) not in (None, "", False)
        },
    )
    return person


@transaction.atomic
def person_update(*, person: Person, actor, **changes: Any) -> Person:
    """Change some of ``PERSON_FIELDS`` on a person.

    Side effects: a ``person.update`` history entry with the field diff (none when nothing
    changed); search fields refreshed when names, email or affiliation changed.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    cleaned = _clean_values(changes)
    before = snapshot(person, PERSON_FIELDS)
    for name, value in cleaned.items():
        setattr(person, name, value)
    _validate(person)
    changed = diff(person, before, PERSON_FIELDS)
    if not changed:
        return person
    person_refresh_search(person=person, save=False)
    _save(person, update_fields=[*changed, "search_text", "search_grams", "updated_at"])
    audit_record(
        actor=actor,
        action="person.update",
        subject=person,
        person_id=person.pk,
        summary=str(person.display_name),
        changes=changed,
    )
    return person


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
