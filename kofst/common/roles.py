"""The product's roles, decided here and nowhere else.

Roles: KOFST headquarters staff (everything); association admin and association staff,
each scoped to one association (a user may hold roles in several); award committee
member; member (a scientist with a ``Person``); anonymous. Apps combine these
predicates in their own ``rules.py``; views and templates ask those permissions.

A user's roles are read once per request and cached on the user object.
"""

from dataclasses import dataclass, field

import rules
from django.conf import settings


@dataclass(frozen=True)
class Roles:
    hq: bool = False
    admin_of: frozenset[int] = field(default_factory=frozenset)
    staff_of: frozenset[int] = field(default_factory=frozenset)  # admins included
    committee_cycles: frozenset[int] = field(default_factory=frozenset)
    chair_cycles: frozenset[int] = field(default_factory=frozenset)
    person_id: int | None = None

    @property
    def is_staff_anywhere(self) -> bool:
        return self.hq or bool(self.staff_of)

    @property
    def needs_two_factor(self) -> bool:
        return self.is_staff_anywhere or bool(self.committee_cycles)


ANONYMOUS = Roles()


def roles_of(user) -> Roles:
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_kofst_roles", None)
    if cached is not None:
        return cached
    from django.db.models import CharField, Value

    from associations.models import StaffRole  # roles are read across the apps by design
    from awards.models import CommitteeSeat
    from members.models import Person

    # One query on every request that has a user, not three.
    def tagged(rows, kind: str, *fields: str):  # type: ignore[no-untyped-def]
        return (
            rows.filter(user=user)
            .annotate(kind=Value(kind, output_field=CharField()))
            .values_list("kind", *fields)
        )

    rows = list(
        tagged(StaffRole.objects, "staff", "association_id", "role").union(
            tagged(CommitteeSeat.objects, "seat", "cycle_id", "role"),
            tagged(
                Person.objects.annotate(no_role=Value("", output_field=CharField())),
                "person",
                "id",
                "no_role",
            ),
            all=True,
        )
    )
    staff_rows = [(key, role) for kind, key, role in rows if kind == "staff"]
    seats = [(key, role) for kind, key, role in rows if kind == "seat"]
    person_id = next((key for kind, key, _role in rows if kind == "person"), None)
    roles = Roles(
        hq=bool(user.is_hq_staff or user.is_superuser),
        admin_of=frozenset(a for a, r in staff_rows if r == "admin"),
        staff_of=frozenset(a for a, _ in staff_rows),
        committee_cycles=frozenset(c for c, _ in seats),
        chair_cycles=frozenset(c for c, r in seats if r == "chair"),
        person_id=person_id,
    )
    user._kofst_roles = roles
    return roles


def forget_roles(user) -> None:
    """Drop the cached roles after a role was granted or removed in this request."""
    if hasattr(user, "_kofst_roles"):
        del user._kofst_roles


def _association_id(target) -> int | None:
    """The association a target object belongs to (an Association, or anything with one)."""
    if target is None:
        return None
    if isinstance(target, int):
        return target
    if target.__class__.__name__ == "Association":
        return target.pk
    return getattr(target, "association_id", None)


@rules.predicate
def is_hq_staff(user) -> bool:
    return roles_of(user).hq


@rules.predicate
def is_association_staff(user) -> bool:
    """Staff or admin of at least one association."""
    return bool(roles_of(user).staff_of)


@rules.predicate
def is_staff_anywhere(user) -> bool:
    return roles_of(user).is_staff_anywhere


@rules.predicate
def is_staff_of(user, target) -> bool:
    """Staff (or admin) of the association the target belongs to."""
    association_id = _association_id(target)
    return association_id is not None and association_id in roles_of(user).staff_of


@rules.predicate
def is_admin_of(user, target) -> bool:
    association_id = _association_id(target)
    return association_id is not None and association_id in roles_of(user).admin_of


@rules.predicate
def is_committee_member(user) -> bool:
    return bool(roles_of(user).committee_cycles)


@rules.predicate
def is_member(user) -> bool:
    """A signed-in scientist with a person record."""
    return roles_of(user).person_id is not None


is_authenticated = rules.is_authenticated


def two_factor_required() -> bool:
    return bool(getattr(settings, "KOFST_REQUIRE_2FA", True))
