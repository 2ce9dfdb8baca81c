"""Who a campaign goes to: people chosen by filters, from one of several sources.

A source turns the stored filters (``Campaign.audience``, plain ids and codes) into a
query of ``Person`` rows, always inside the campaign's association when it has one, and
gives each recipient's placeholder values (association, member number, expiry). The
sources: members (association, chapter, status, type), registrants of a conference (by
registration status) and nominators of an award cycle. Every source also takes the person
filters (countries, fields, career stages). Merged-away people are never in an audience.

Add a source with ``register(MySource())``; the form shows its kind when ``available()``.
"""

from dataclasses import dataclass
from typing import Protocol

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower

from associations.models import Association
from awards.enums import NominationStatus
from awards.models import Nomination
from conferences.models import Registration
from kofst.mail.enums import AudienceKind, SkipReason
from kofst.mail.models import Unsubscription
from members.models import Membership, Person

PERSON_FILTERS = ("countries", "fields", "career_stages")


class AudienceSource(Protocol):
    kind: str

    def available(self) -> bool: ...

    def people(self, *, filters: dict, association_id: int | None) -> QuerySet[Person]: ...

    def contexts(
        self, *, filters: dict, association_id: int | None, person_ids: list[int] | None
    ) -> dict[int, dict]: ...


def _person_filters(people: QuerySet[Person], filters: dict) -> QuerySet[Person]:
    if filters.get("countries"):
        people = people.filter(country__in=filters["countries"])
    if filters.get("fields"):
        people = people.filter(field__in=filters["fields"])
    if filters.get("career_stages"):
        people = people.filter(career_stage__in=filters["career_stages"])
    return people


class MemberSource:
    """Members by association, chapter, membership status and type."""

    kind = AudienceKind.MEMBERS

    def available(self) -> bool:
        return True

    def memberships(self, *, filters: dict, association_id: int | None):  # type: ignore[no-untyped-def]
        memberships = Membership.objects.all()
        if association_id is not None:
            memberships = memberships.filter(association_id=association_id)
        if filters.get("associations"):
            memberships = memberships.filter(association_id__in=filters["associations"])
        if filters.get("chapters"):
            memberships = memberships.filter(chapter_id__in=filters["chapters"])
        if filters.get("types"):
            memberships = memberships.filter(type__in=filters["types"])
        if filters.get("statuses"):
            memberships = memberships.with_status_in(list(filters["statuses"]))
        return memberships

    def people(self, *, filters: dict, association_id: int | None) -> QuerySet[Person]:
        memberships = self.memberships(filters=filters, association_id=association_id)
        people = Person.objects.filter(
            Exists(memberships.filter(person_id=OuterRef("pk"))), merged_into__isnull=True
        )
        return _person_filters(people, filters)

    def contexts(
        self, *, filters: dict, association_id: int | None, person_ids: list[int] | None
    ) -> dict[int, dict]:
        """One matching membership per person: one without expiry, else the latest."""
        memberships = self.memberships(filters=filters, association_id=association_id)
        if person_ids is not None:
            memberships = memberships.filter(person_id__in=person_ids)
        rows = memberships.order_by("person_id", "id").values_list(
            "person_id",
            "association__name_en",
            "association__name_ko",
            "member_number",
            "expires_on",
        )
        best: dict[int, tuple] = {}
        for row in rows.iterator(chunk_size=5000):
            current = best.get(row[0])
            if current is None or _lasts_longer(row[4], current[4]):
                best[row[0]] = row
        return {
            person_id: {
                "association_en": name_en,
                "association_ko": name_ko,
                "member_number": number,
                "expires_on": expires_on.isoformat() if expires_on else "",
            }
            for person_id, name_en, name_ko, number, expires_on in best.values()
        }


def _lasts_longer(expires_on, other) -> bool:  # type: ignore[no-untyped-def]
    if other is None:
        return False
    return expires_on is None or expires_on > other


class RegistrantSource:
    """People registered for one conference (by registration status); with an
    association, only conferences it organises."""

    kind = AudienceKind.REGISTRANTS

    def available(self) -> bool:
        return True

    def people(self, *, filters: dict, association_id: int | None) -> QuerySet[Person]:
        if not filters.get("conference"):
            return Person.objects.none()
        registrations = Registration.objects.filter(conference_id=filters["conference"])
        if association_id is not None:
            registrations = registrations.filter(conference__organisers=association_id)
        if filters.get("registration_statuses"):
            registrations = registrations.filter(status__in=filters["registration_statuses"])
        people = Person.objects.filter(
            Exists(registrations.filter(person_id=OuterRef("pk"))), merged_into__isnull=True
        )
        return _person_filters(people, filters)

    def contexts(
        self, *, filters: dict, association_id: int | None, person_ids: list[int] | None
    ) -> dict[int, dict]:
        return {}


class NominatorSource:
    """People who submitted a nomination in one award cycle; with an association, only
    its members."""

    kind = AudienceKind.NOMINATORS

    def available(self) -> bool:
        return True

    def people(self, *, filters: dict, association_id: int | None) -> QuerySet[Person]:
        if not filters.get("award_cycle"):
            return Person.objects.none()
        nominations = Nomination.objects.filter(cycle_id=filters["award_cycle"]).exclude(
            status=NominationStatus.DRAFT
        )
        people = Person.objects.filter(
            Exists(nominations.filter(nominator_id=OuterRef("pk"))), merged_into__isnull=True
        )
        if association_id is not None:
            members = Membership.objects.filter(association_id=association_id)
            people = people.filter(Exists(members.filter(person_id=OuterRef("pk"))))
        return _person_filters(people, filters)

    def contexts(
        self, *, filters: dict, association_id: int | None, person_ids: list[int] | None
    ) -> dict[int, dict]:
        return {}


def default_context(association_id: int | None) -> dict:
    """Placeholder values for recipients without a matching membership: the campaign's
    association (or KOFST)."""
    association = Association.objects.filter(pk=association_id).first() if association_id else None
    if association is None:
        return {"association_en": "KOFST", "association_ko": "한국과학기술단체총연합회"}
    return {"association_en": association.name_en, "association_ko": association.name_ko}


_SOURCES: dict[str, AudienceSource] = {}


def register(source: AudienceSource) -> None:
    _SOURCES[str(source.kind)] = source


register(MemberSource())
register(RegistrantSource())
register(NominatorSource())


def source_for(kind: str) -> AudienceSource:
    try:
        return _SOURCES[kind]
    except KeyError:
        return _SOURCES[AudienceKind.MEMBERS]


def available_kinds() -> list[str]:
    return [kind for kind, source in _SOURCES.items() if source.available()]


def audience_people(*, kind: str, filters: dict, association_id: int | None) -> QuerySet[Person]:
    return source_for(kind).people(filters=filters, association_id=association_id)


def unsubscribed_exists() -> Exists:
    return Exists(Unsubscription.objects.filter(email=Lower(OuterRef("email"))))


def with_unsubscribed(people: QuerySet[Person]) -> QuerySet[Person]:
    return people.annotate(unsubscribed=unsubscribed_exists())


def skip_reason(person: Person, *, newsletter: bool, unsubscribed: bool) -> str:
    """Why this person gets no bulk message, or ``""``."""
    return skip_reason_for(
        email=person.email,
        erased=person.erased_at is not None,
        consent=person.consent_newsletter,
        unsubscribed=unsubscribed,
        newsletter=newsletter,
    )


def skip_reason_for(
    *, email: str | None, erased: bool, consent: bool, unsubscribed: bool, newsletter: bool
) -> str:
    if erased:
        return SkipReason.ERASED
    if not email:
        return SkipReason.NO_ADDRESS
    if unsubscribed:
        return SkipReason.UNSUBSCRIBED
    if newsletter and not consent:
        return SkipReason.NO_CONSENT
    return ""


@dataclass(frozen=True)
class AudienceSummary:
    total: int
    reachable: int
    no_address: int
    unsubscribed: int
    no_consent: int


def summarize(people: QuerySet[Person], *, newsletter: bool) -> AudienceSummary:
    """How many people, and how many of them a campaign would reach (one query)."""
    no_address = Q(email__isnull=True) | Q(email="") | Q(erased_at__isnull=False)
    unsubscribed = unsubscribed_exists()
    counts = people.aggregate(
        total=Count("id"),
        no_address=Count("id", filter=no_address),
        unsubscribed=Count("id", filter=Q(unsubscribed, ~no_address)),
        no_consent=Count("id", filter=Q(~Q(unsubscribed), ~no_address, consent_newsletter=False)),
    )
    skipped = counts["no_address"] + counts["unsubscribed"]
    if newsletter:
        skipped += counts["no_consent"]
    return AudienceSummary(
        total=counts["total"],
        reachable=counts["total"] - skipped,
        no_address=counts["no_address"],
        unsubscribed=counts["unsubscribed"],
        no_consent=counts["no_consent"] if newsletter else 0,
    )
