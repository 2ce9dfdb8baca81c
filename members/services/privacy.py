"""Privacy requests: export everything held on a person, and erase a person.

Both are generic over the models pointing at ``Person`` (``relations_to``), so
registrations, nominations, certificates and whatever comes later are exported without
changes here. Erasure removes what identifies the human and keeps what the statistics
need (memberships with their dates and types, country, field, career stage, the decade
of birth), so counts and charts stay right.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from kofst.common.audit import audit_record
from kofst.common.models import AuditEntry
from members.duplicates import carry_over
from members.models import DuesPayment, Person
from members.services.merge import relations_to
from members.services.people import person_refresh_search

# Never exported: derived search columns and secrets.
_NOT_EXPORTED = {"search_text", "search_grams", "token_hash", "password"}
# Relations not worth exporting as "data held on the person" (bookkeeping of decisions).
_EXPORT_SKIP = ("members.notduplicate",)

# What erasure clears on the person, and the value it is cleared to.
ERASED_VALUES: dict[str, Any] = {
    "family_name_latin": "",
    "given_name_latin": "",
    "family_name_ko": "",
    "given_name_ko": "",
    "email": None,
    "phone": "",
    "city": "",
    "affiliation": "",
    "position": "",
    "keywords": "",
    "languages": "",
    "consent_newsletter": False,
    "consent_directory": False,
}
# Keys that may hold personal data in history entries' ``changes``.
_PERSONAL_KEYS = {*ERASED_VALUES, "birth_year", "user", "message", "reference", "decision_note"}


def _value(field: models.Field, obj: models.Model) -> Any:
    if field.is_relation:
        return getattr(obj, field.attname)  # the id; "_description" says what it is
    value = getattr(obj, field.attname)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def _row(obj: models.Model) -> dict[str, Any]:
    data = {
        field.attname if field.is_relation else field.name: _value(field, obj)
        for field in obj._meta.concrete_fields
        if field.name not in _NOT_EXPORTED
    }
    data["_description"] = str(obj)
    return data


def _nested(obj: models.Model, depth: int) -> dict[str, Any]:
    data = _row(obj)
    if depth <= 0:
        return data
    for relation in relations_to(type(obj)):
        rows = list(relation.rows(obj).order_by("pk"))
        if rows:
            data[relation.model_label] = [_nested(r, depth - 1) for r in rows]
    return data


@transaction.atomic
def person_export(*, person: Person, actor) -> dict[str, Any]:
    """Everything held on a person, as JSON-ready data.

    The person's fields; every row of every model pointing at them (memberships with
    their dues payments, applications, committee seats, registrations, nominations …,
    one level of what hangs on those rows); the history about them and about records
    merged into them.

    Side effects: a ``person.export`` history entry (who exported, not what).
    """
    person_data = _row(person)
    if person.user_id:
        person_data["account_email"] = person.user.email
    related: dict[str, list] = {}
    for relation in relations_to(Person, skip=_EXPORT_SKIP):
        rows = list(relation.rows(person).order_by("pk"))
        if rows:
            key = f"{relation.model_label}.{relation.field_name}"
            related[key] = [_nested(r, 1) for r in rows]
    ids = [person.pk, *Person.objects.filter(merged_into=person).values_list("pk", flat=True)]
    history = [
        {
            "at": entry.created_at.isoformat(),
            "action": entry.action,
            "record": entry.person_id,
            "summary": entry.summary,
            "changes": entry.changes,
        }
        for entry in AuditEntry.objects.filter(person_id__in=ids).order_by("created_at", "id")
    ]
    audit_record(
        actor=actor,
        action="person.export",
        subject=person,
        person_id=person.pk,
        summary=_("Personal data exported"),
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "person": person_data,
        "related": related,
        "history": history,
    }


def bucket_birth_year(year: int | None) -> int | None:
    """The first year of the decade (1987 → 1980): enough for age statistics."""
    return None if year is None else year - year % 10


def _erase_applications(queryset: QuerySet) -> None:
    queryset.update(message="", decision_note="")


def _erase_dues(person_ids: list[int]) -> None:
    DuesPayment.objects.filter(membership__person_id__in=person_ids).update(reference="")


# model label → how to clear the personal free text of its rows pointing at an erased
# person. Apps with such text may add theirs.
ERASURE_HOOKS: dict[str, Callable[[QuerySet], None]] = {
    "members.joinapplication": _erase_applications,
}


def _erase_account(user) -> None:
    """Deactivate the login and strip it of the address and name."""
    from allauth.account.models import EmailAddress  # the account's addresses live there

    EmailAddress.objects.filter(user=user).delete()
    user.is_active = False
    user.email = f"erased-{user.pk}@erased.invalid"
    user.display_name = ""
    user.set_unusable_password()
    user.save(update_fields=["is_active", "email", "display_name", "password"])


def _scrub_history(person_ids: list[int]) -> None:
    """History entries keep what happened and when, not the personal values."""
    entries = list(AuditEntry.objects.filter(person_id__in=person_ids))
    for entry in entries:
        if entry.action.startswith("person."):
            entry.summary = ""
        entry.changes = {
            key: value for key, value in (entry.changes or {}).items() if key not in _PERSONAL_KEYS
        }
    AuditEntry.objects.bulk_update(entries, ["summary", "changes"], batch_size=500)


@transaction.atomic
def person_erase(*, person: Person, actor) -> Person:
    """Erase a person on their request.

    Names, email, phone, city, affiliation, position, keywords and languages cleared;
    birth year reduced to its decade; consents withdrawn; the login account deactivated,
    stripped and unlinked. Records merged into this one are erased the same way.
    Memberships, dues amounts, country, field, degree and career stage stay, so the
    statistics keep working. Free text about the person (application messages, dues
    references, ``ERASURE_HOOKS``) cleared; history entries about them lose the old
    values but keep the events.

    Side effects: a ``person.erase`` history entry that names no personal data.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        raise ValidationError(_("This person was already erased."))
    if person.merged_into_id is not None:
        raise ValidationError(
            _("This record was merged into record #%(id)s; erase that one instead.")
            % {"id": person.merged_into_id}
        )
    records = [person, *Person.objects.select_for_update().filter(merged_into=person)]
    ids = [p.pk for p in records]
    transaction.on_commit(carry_over(person_ids=ids))
    now = timezone.now()
    for record in records:
        user = record.user
        for name, value in ERASED_VALUES.items():
            setattr(record, name, value)
        record.birth_year = bucket_birth_year(record.birth_year)
        record.user = None
        record.erased_at = now
        record.save()
        if user is not None:
            _erase_account(user)
        person_refresh_search(person=record)
    for relation in relations_to(Person):
        hook = ERASURE_HOOKS.get(relation.model_label)
        if hook is not None:
            hook(relation.model._default_manager.filter(**{f"{relation.field_name}__in": ids}))
    _erase_dues(ids)
    _scrub_history(ids)
    audit_record(
        actor=actor,
        action="person.erase",
        subject=person,
        person_id=person.pk,
        summary=_("Personal data erased on request"),
        changes={"erased_records": ids},
    )
    return person
