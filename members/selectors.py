"""Reads of people, memberships, dues and history, scoped to what a user may see.

HQ staff see every association; association staff and admins only their own. A person
is visible to association staff when the person holds a membership in one of their
associations. Out of scope is a 404 (``person_for_staff``, ``membership_for_staff``),
never a 403 that would confirm the record exists.
"""

import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from associations.models import Association, Chapter
from kofst.common.models import AuditEntry
from kofst.common.roles import roles_of
from members.models import DuesPayment, Membership, MembershipQuerySet, Person
from members.search import term_lookup

# The roster's sort keys: URL value → ORDER BY. Every key ends with the primary key so
# that pages are stable.
ROSTER_SORTS: dict[str, tuple[str, ...]] = {
    "name_latin": ("person__family_name_latin", "person__given_name_latin", "id"),
    "-name_latin": ("-person__family_name_latin", "-person__given_name_latin", "-id"),
    "name_ko": ("person__family_name_ko", "person__given_name_ko", "id"),
    "-name_ko": ("-person__family_name_ko", "-person__given_name_ko", "-id"),
    "member_number": ("member_number", "id"),
    "-member_number": ("-member_number", "-id"),
    "joined": ("joined_on", "id"),
    "-joined": ("-joined_on", "-id"),
    "expires": ("expires_on", "id"),
    "-expires": ("-expires_on", "-id"),
    "association": ("association__code", "member_number", "id"),
    "-association": ("-association__code", "-member_number", "-id"),
}
DEFAULT_ROSTER_SORT = "name_latin"
# A search matching more rows than this shows the first ones and says "more than".
SEARCH_RESULT_CAP = 1000


def associations_managed_by(*, user) -> QuerySet[Association]:
    """The associations whose roster the user runs (all of them for HQ)."""
    roles = roles_of(user)
    if roles.hq:
        return Association.objects.all()
    return Association.objects.filter(pk__in=roles.staff_of)


def chapters_managed_by(*, user) -> QuerySet[Chapter]:
    roles = roles_of(user)
    chapters = Chapter.objects.select_related("association").order_by(
        "association__code", "name_en"
    )
    if roles.hq:
        return chapters
    return chapters.filter(association_id__in=roles.staff_of)


# The roster's association and chapter choices, as plain (id, label) pairs cached per
# association set and language: building ~600 model instances on every page load was most
# of the page's time. Saving or deleting an association or a chapter bumps the version
# (``members.apps``); the timeout covers bulk updates, which send no signal.
ROSTER_CHOICES_TIMEOUT = 300
_CHOICES_VERSION_KEY = "members:roster-choices:version"


def roster_choices_changed(**kwargs) -> None:
    """Forget the cached choice lists (a signal receiver)."""
    cache.set(_CHOICES_VERSION_KEY, str(time.time_ns()), None)


def _roster_choices_version() -> str:
    version = cache.get(_CHOICES_VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        cache.add(_CHOICES_VERSION_KEY, version, None)
    return version


@dataclass(frozen=True)
class RosterChoices:
    associations: list[tuple[int, str]]  # "CODE — name"
    chapters: list[tuple[int, str]]  # "CODE · name" when several associations, else "name"


def roster_choices(*, user) -> RosterChoices:
    """The associations and chapters a user may filter the roster by (cached)."""
    roles = roles_of(user)
    several = roles.hq or len(roles.staff_of) > 1
    scope = "all" if roles.hq else ",".join(str(i) for i in sorted(roles.staff_of))
    language = get_language() or ""
    key = f"members:roster-choices:{_roster_choices_version()}:{language}:{scope}"
    choices = cache.get(key)
    if choices is not None:
        return choices
    korean = language.startswith("ko")
    associations = [
        (pk, f"{code.upper()} — {name_ko if korean else name_en}")
        for pk, code, name_en, name_ko in associations_managed_by(user=user)
        .order_by("code")
        .values_list("pk", "code", "name_en", "name_ko")
    ]
    chapters = []
    for pk, code, name_en, name_ko in chapters_managed_by(user=user).values_list(
        "pk", "association__code", "name_en", "name_ko"
    ):
        name = name_ko if korean and name_ko else name_en
        chapters.append((pk, f"{code.upper()} · {name}" if several else name))
    choices = RosterChoices(associations=associations, chapters=chapters)
    cache.set(key, choices, ROSTER_CHOICES_TIMEOUT)
    return choices


def memberships_visible_to(*, user) -> MembershipQuerySet:
    """Memberships of the user's associations, with person, association and chapter."""
    roles = roles_of(user)
    # No filter on ``person.merged_into``: a merge moves every membership to the record
    # that stays, and leaving the join out keeps the roster's count cheap.
    memberships = Membership.objects.select_related("person", "association", "chapter")
    if roles.hq:
        return memberships
    return memberships.filter(association_id__in=roles.staff_of)


def people_visible_to(*, user) -> QuerySet[Person]:
    """People holding a membership in one of the user's associations (everyone for HQ)."""
    roles = roles_of(user)
    people = Person.objects.filter(merged_into__isnull=True)
    if roles.hq:
        return people
    if not roles.staff_of:
        return people.none()
    return people.filter(
        pk__in=Membership.objects.filter(association_id__in=roles.staff_of).values("person_id")
    )


def person_for_staff(*, user, person_id: int) -> Person:
    """One person with their memberships (association and chapter); 404 if out of scope."""
    memberships = Membership.objects.select_related("association", "chapter").order_by(
        "association__code"
    )
    person = (
        people_visible_to(user=user)
        .select_related("user")
        .prefetch_related(Prefetch("memberships", queryset=memberships))
        .filter(pk=person_id)
        .first()
    )
    if person is None:
        raise Http404
    return person


def membership_for_staff(*, user, membership_id: int) -> Membership:
    """One membership of the user's associations; 404 if out of scope."""
    membership = memberships_visible_to(user=user).filter(pk=membership_id).first()
    if membership is None:
        raise Http404
    return membership


def memberships_selected(*, user, ids: Iterable[int | str]) -> list[Membership]:
    """The memberships among ``ids`` the user may see (others are silently left out)."""
    clean_ids = [int(i) for i in ids if str(i).isdigit()]
    if not clean_ids:
        return []
    return list(memberships_visible_to(user=user).filter(pk__in=clean_ids).order_by("id"))


def search_condition(text: str, *, prefix: str = "") -> Q:
    """Every word must match (AND): a part of a name in Hangul or Latin letters, an email,
    an affiliation or a member number, ignoring case and accents."""
    condition = Q()
    for word in (text or "").split():
        field, needle = term_lookup(word)
        if not needle:
            continue
        if field == "search_grams":
            # A gram is a whole space-separated token ("철##"). Searched with the space in
            # front (or at the very start), pg_trgm sees a word bounded on both sides and
            # makes trigrams the index can use; "%철##%" alone gives it none for one syllable.
            condition &= Q(**{f"{prefix}search_grams__contains": " " + needle}) | Q(
                **{f"{prefix}search_grams__startswith": needle}
            )
        else:
            condition &= Q(**{f"{prefix}{field}__contains": needle})
    return condition


def roster_order(memberships: QuerySet, sort: str) -> QuerySet:
    return memberships.order_by(*ROSTER_SORTS.get(sort or "", ROSTER_SORTS[DEFAULT_ROSTER_SORT]))


def roster_memberships(
    *, user, search: str = "", sort: str = DEFAULT_ROSTER_SORT
) -> MembershipQuerySet:
    """The roster rows a user sees, searched and sorted (filters: ``members.filters``)."""
    memberships = memberships_visible_to(user=user).filter(
        search_condition(search, prefix="person__")
    )
    return roster_order(memberships, sort)


@dataclass(frozen=True)
class RosterResult:
    memberships: QuerySet  # ordered; slice it for a page
    count: int
    capped: bool  # the search matched more than ``count`` rows


def roster_result(
    memberships: QuerySet, *, searched: bool, cap: int = SEARCH_RESULT_CAP
) -> RosterResult:
    """The rows to page through and their number, in two cheap queries whatever the size.

    Without a search the count is exact (memberships only, no join). With one, the ids
    of at most ``cap + 1`` matches are read first (no ORDER BY, so the trigram index
    is used). If they are all, the page is read by those ids: PostgreSQL would otherwise
    walk the name index in order hoping to meet 50 matches soon, which is a full scan
    for a rare name clustered in one part of the alphabet. If there are more, the
    matches are dense and the ordered scan is the fast plan; the count says "more than".
    """
    if not searched:
        return RosterResult(memberships=memberships, count=memberships.count(), capped=False)
    ids = list(memberships.order_by().values_list("pk", flat=True)[: cap + 1])
    if len(ids) > cap:
        return RosterResult(memberships=IdsThenRows(memberships), count=cap, capped=True)
    return RosterResult(memberships=_by_ids(ids, memberships), count=len(ids), capped=False)


def _by_ids(ids: list[int], memberships: QuerySet) -> QuerySet:
    """The rows of ``ids`` in the order (and with the deferred fields) of ``memberships``."""
    by_ids = (
        Membership.objects.filter(pk__in=ids)
        .select_related("person", "association", "chapter")
        .order_by(*memberships.query.order_by)
    )
    deferred, is_defer = memberships.query.deferred_loading
    if is_defer and deferred:
        by_ids = by_ids.defer(*deferred)
    return by_ids


class IdsThenRows:
    """A dense search's rows for a paginator: a slice reads its ids first (searched, sorted,
    only the sort and search columns: an index-only scan on PostgreSQL's covering name
    index), then those rows. One query for all would read every wide person row the
    ordered walk passes over until it has met a page of matches."""

    def __init__(self, memberships: QuerySet) -> None:
        self.memberships = memberships

    def __getitem__(self, index: slice) -> list[Membership]:
        if not isinstance(index, slice):
            raise TypeError("IdsThenRows supports slices only")
        ids = list(self.memberships.values_list("pk", flat=True)[index])
        if not ids:
            return []
        return list(_by_ids(ids, self.memberships))


def dues_visible_to(*, user, person: Person) -> QuerySet[DuesPayment]:
    """A person's dues payments in the user's associations, newest first."""
    roles = roles_of(user)
    payments = DuesPayment.objects.select_related("membership__association", "recorded_by").filter(
        membership__person=person
    )
    if not roles.hq:
        payments = payments.filter(membership__association_id__in=roles.staff_of)
    return payments.order_by("-paid_on", "-id")


def person_history(*, user, person: Person, limit: int = 200) -> list[AuditEntry]:
    """History entries about a person: person-wide ones and those of the user's
    associations (HQ: all), newest first."""
    roles = roles_of(user)
    entries = AuditEntry.objects.select_related("actor").filter(person_id=person.pk)
    if not roles.hq:
        entries = entries.filter(
            Q(association_id__isnull=True) | Q(association_id__in=roles.staff_of)
        )
    return list(entries.order_by("-created_at", "-id")[:limit])
