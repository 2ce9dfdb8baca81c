"""A signed-in scientist's own person record."""

from allauth.account.models import EmailAddress
from django.db import transaction

from kofst.common.audit import audit_record
from kofst.common.roles import forget_roles
from members.models import Person
from members.services.people import person_refresh_search

# What members may change on their own record (the email comes from their account).
OWN_PROFILE_FIELDS = [
    "family_name_latin",
    "given_name_latin",
    "family_name_ko",
    "given_name_ko",
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


def _live(person: Person) -> Person:
    """Follow merges to the record that is kept."""
    seen = set()
    while person.merged_into_id is not None and person.pk not in seen:
        seen.add(person.pk)
        person = Person.objects.get(pk=person.merged_into_id)
    return person


def _verified(user, email: str) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@transaction.atomic
def person_for_user(*, user) -> Person:
    """The person record of a signed-in user, created on first use.

    An existing record with the account's verified email and no account yet (e.g. one
    imported by an association) is linked rather than duplicated. A record merged into
    another leads to the one kept.

    Side effects: on creation a ``person.create`` history entry, on linking a
    ``person.link_account`` one.
    """
    person = Person.objects.filter(user=user).first()
    if person is not None:
        return _live(person)
    email = user.email
    unclaimed = (
        Person.objects.select_for_update()
        .filter(email__iexact=email, user__isnull=True, merged_into__isnull=True)
        .filter(erased_at__isnull=True)
        .first()
    )
    if unclaimed is not None and _verified(user, email):
        unclaimed.user = user
        unclaimed.save(update_fields=["user", "updated_at"])
        forget_roles(user)
        audit_record(
            actor=user,
            action="person.link_account",
            subject=unclaimed,
            person_id=unclaimed.pk,
            summary=str(unclaimed.display_name),
        )
        return unclaimed
    taken = Person.objects.filter(email__iexact=email).exists()
    person = Person(
        user=user,
        email=None if taken else email,
        preferred_language=user.preferred_language or "en",
    )
    person_refresh_search(person=person, save=False)
    person.save()
    forget_roles(user)
    audit_record(
        actor=user,
        action="person.create",
        subject=person,
        person_id=person.pk,
        summary=email,
        changes={"email": [None, person.email]},
    )
    return person
