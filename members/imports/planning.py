"""Matching checked rows to people and memberships, and writing them in bulk.

A row is matched to a person by email (ignoring case), else by member number within the
importing association. An empty cell leaves the stored value as it is. A row is *new*
when it creates the membership in this association, *updated* when it changes anything,
*unchanged* otherwise; only new and updated rows are written, with a handful of bulk
statements whatever the number of rows.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import connection
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils import timezone

from kofst.common.bulk import insert_rows
from kofst.common.models import AuditEntry
from members.enums import MembershipType
from members.imports.columns import COLUMNS_BY_KEY, MEMBERSHIP_KEYS, PERSON_KEYS
from members.imports.widgets import LanguagesWidget
from members.models import Membership, Person
from members.search import person_search_fields

# Fields whose change needs the search columns recomputed.
SEARCH_SOURCES = {
    "family_name_latin",
    "given_name_latin",
    "family_name_ko",
    "given_name_ko",
    "email",
    "affiliation",
}
PERSON_FIELDS = list(PERSON_KEYS)
MEMBERSHIP_FIELDS = {
    "member_number": "member_number",
    "type": "type",
    "chapter": "chapter_id",
    "joined_on": "joined_on",
    "expires_on": "expires_on",
    "resigned_on": "resigned_on",
}
NEW, UPDATED, UNCHANGED = "new", "update", "skip"
Progress = Callable[[int, int], None]


@dataclass
class RowError:
    row: int
    column: str  # our column key ("" for the whole row)
    code: str
    params: dict = field(default_factory=dict)


# A person or membership the plan creates is a dict of its values ({attname: value},
# "id" set once written): making model instances for 18,895 new rows costs more than
# writing them. Stored ones that change are model instances (``bulk_update`` wants them).
PersonRef = Person | dict
MembershipRef = Membership | dict


def pk_of(obj: Person | Membership | dict) -> int | None:
    return obj.get("id") if isinstance(obj, dict) else obj.pk


@dataclass
class Plan:
    outcomes: dict[int, str] = field(default_factory=dict)  # row number → NEW/UPDATED/UNCHANGED
    errors: list[RowError] = field(default_factory=list)
    new_people: list[dict] = field(default_factory=list)
    changed_people: dict[int, tuple[Person, set[str]]] = field(default_factory=dict)
    new_memberships: list[tuple[dict, PersonRef]] = field(default_factory=list)
    changed_memberships: list[tuple[Membership, set[str], Person]] = field(default_factory=list)
    changes: dict[int, dict] = field(default_factory=dict)  # row → {field: [old, new]}
    row_person: dict[int, PersonRef] = field(default_factory=dict)
    row_membership: dict[int, MembershipRef] = field(default_factory=dict)

    def count(self, outcome: str) -> int:
        return sum(1 for value in self.outcomes.values() if value == outcome)


def _chunk_size() -> int:
    return 5000 if connection.vendor == "postgresql" else 500


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _same(key: str, stored, new) -> bool:
    if key == "email":
        return (stored or "").casefold() == (new or "").casefold()
    if key == "languages":
        return LanguagesWidget.same(stored, new)
    return stored == new


def _jsonable(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


PERSON_VALUES = ["id", *PERSON_FIELDS, "search_text", "search_grams"]
MEMBERSHIP_VALUES = ["id", "person_id", *MEMBERSHIP_FIELDS.values()]


def _dicts(queryset, *names: str) -> list[dict]:
    """The rows as dicts, like ``values()``: the query's SQL run on a plain cursor, as
    the ORM's row-by-row iteration costs more than the query itself for the tens of
    thousands of rows an import reads (and none of these columns needs converting)."""
    sql, params = queryset.values_list(*names).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _any_of(texts: list[str]):
    """The right-hand side of ``__in`` for thousands of texts: on PostgreSQL one array
    parameter (the ORM prepares each of thousands of parameters one by one)."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::text[])", (texts,))
    return texts


def _name_of(person: dict) -> str:
    return str(Person(**person).display_name)


def plan_rows(
    *,
    association,
    rows: list[tuple[int, dict]],
    lock: bool = False,
    today: dt.date | None = None,
) -> Plan:
    """Decide, for every checked row, what it creates or changes (nothing is saved).

    Stored people and memberships are read as plain values (model instances are made
    only for the rows that change something). ``lock`` takes row locks on them (for the
    run, inside its transaction).
    """
    plan = Plan()
    today = today or timezone.localdate()
    size = _chunk_size()

    emails = sorted({values["email"].casefold() for _, values in rows if values.get("email")})
    people_by_email: dict[str, dict] = {}
    people = Person.objects.annotate(email_ci=Lower("email"))
    if lock:
        people = people.select_for_update(of=("self",))
    for chunk in _chunks(emails, size):
        found = people.filter(email_ci__in=_any_of(chunk))
        for person in _dicts(found, "email_ci", *PERSON_VALUES):
            people_by_email[person.pop("email_ci")] = person

    memberships = Membership.objects.filter(association=association)
    if lock:
        memberships = memberships.select_for_update()
    by_number: dict[str, dict] = {}
    by_person: dict[int, dict] = {}
    for membership in _dicts(memberships, *MEMBERSHIP_VALUES):
        by_number[membership["member_number"]] = membership
        by_person[membership["person_id"]] = membership

    people_by_id: dict[int, dict] = {p["id"]: p for p in people_by_email.values()}
    missing = sorted(
        {
            by_number[values["member_number"]]["person_id"]
            for _, values in rows
            if values.get("member_number") in by_number
        }
        - set(people_by_id)
    )
    people_qs = Person.objects.select_for_update() if lock else Person.objects.all()
    for chunk in _chunks(missing, size):
        for person in _dicts(people_qs.filter(pk__in=chunk), *PERSON_VALUES):
            people_by_id[person["id"]] = person

    # First pass: who each row is.
    resolved: list[tuple[int, dict, dict | None, dict | None]] = []
    claimed: dict[int, list[int]] = defaultdict(list)
    for number, values in rows:
        email = (values.get("email") or "").casefold()
        member_number = values.get("member_number")
        by_email = people_by_email.get(email) if email else None
        by_num = by_number.get(member_number) if member_number else None
        if by_email is not None and by_num is not None and by_num["person_id"] != by_email["id"]:
            owner = people_by_id.get(by_num["person_id"])
            plan.errors.append(
                RowError(
                    number,
                    "member_number",
                    "number_of_other_person",
                    {"value": member_number, "name": _name_of(owner) if owner else "?"},
                )
            )
            continue
        person = by_email or (people_by_id.get(by_num["person_id"]) if by_num else None)
        membership = by_person.get(person["id"]) if person is not None else None
        if person is not None:
            claimed[person["id"]].append(number)
        resolved.append((number, values, person, membership))

    twice = {pk: numbers for pk, numbers in claimed.items() if len(numbers) > 1}
    for numbers in twice.values():
        for number in numbers:
            other = next(n for n in numbers if n != number)
            plan.errors.append(RowError(number, "", "same_person_twice", {"other": f"{other:,}"}))

    # Second pass: what each row changes.
    instances: dict[int, Person] = {}
    for number, values, person, membership in resolved:
        if person is not None and person["id"] in twice:
            continue
        _plan_row(plan, association, number, values, person, membership, today, instances)
    return plan


def _plan_row(plan, association, number, values, person, membership, today, instances) -> None:
    """``person`` and ``membership``: stored values (dicts), or None for new ones."""
    person_changes: dict[str, list] = {}
    if person is None:
        if not any(
            values.get(k)
            for k in ("family_name_latin", "given_name_latin", "family_name_ko", "given_name_ko")
        ):
            plan.errors.append(RowError(number, "name", "new_person_needs_name"))
            return
    else:
        for key in PERSON_FIELDS:
            # Equal values are the same for ``_same`` too: it is asked only otherwise.
            new = values.get(key, person[key])
            if new != person[key] and not _same(key, person[key], new):
                person_changes[key] = [person[key], new]

    membership_changes: dict[str, list] = {}
    if membership is None:
        if not values.get("member_number"):
            plan.errors.append(RowError(number, "member_number", "new_member_needs_number"))
            return
        joined = values.get("joined_on") or today
        expires = values.get("expires_on")
    else:
        for key, attname in MEMBERSHIP_FIELDS.items():
            if key in values and membership[attname] != values[key]:
                membership_changes[key] = [membership[attname], values[key]]
        joined = values.get("joined_on", membership["joined_on"])
        expires = values.get("expires_on", membership["expires_on"])
    if expires is not None and joined is not None and expires < joined:
        plan.errors.append(
            RowError(
                number,
                "expires_on",
                "expires_before_joined",
                {"expires": expires.isoformat(), "joined": joined.isoformat()},
            )
        )
        return
    if membership is not None and not person_changes and not membership_changes:
        plan.outcomes[number] = UNCHANGED
        return

    # Something is written: make the instances (plain values for new rows).
    instance: PersonRef
    if person is None:
        instance = {k: values[k] for k in PERSON_FIELDS if k in values}
        plan.new_people.append(instance)
    else:
        instance = instances.get(person["id"])
        if instance is None:
            instance = instances[person["id"]] = Person(**person)
        if person_changes:
            for key, (_old, new) in person_changes.items():
                setattr(instance, key, new)
            entry = plan.changed_people.setdefault(instance.pk, (instance, set()))
            entry[1].update(person_changes)
    membership_instance: MembershipRef
    if membership is None:
        membership_instance = {
            "association_id": association.pk,
            "member_number": values["member_number"],
            "type": values.get("type") or MembershipType.REGULAR,
            "chapter_id": values.get("chapter"),
            "joined_on": joined,
            "expires_on": values.get("expires_on"),
            "resigned_on": values.get("resigned_on"),
        }
        plan.new_memberships.append((membership_instance, instance))
        plan.outcomes[number] = NEW
    else:
        membership_instance = Membership(**membership, association=association)
        if membership_changes:
            for key, (_old, new) in membership_changes.items():
                setattr(membership_instance, MEMBERSHIP_FIELDS[key], new)
            plan.changed_memberships.append(
                (membership_instance, set(membership_changes), instance)
            )
        plan.outcomes[number] = UPDATED
    person, membership = instance, membership_instance
    plan.row_person[number] = person
    plan.row_membership[number] = membership
    if person_changes or membership_changes:
        plan.changes[number] = {
            key: [_jsonable(old), _jsonable(new)]
            for key, (old, new) in {**person_changes, **membership_changes}.items()
        }


def write_plan(
    *, plan: Plan, association, actor, summary: str, progress: Progress | None = None
) -> None:
    """Save what ``plan_rows`` decided, in bulk. Call inside a transaction.

    Side effects: people and memberships created or updated; their search fields
    refreshed; one history entry per created or changed row.
    """
    now = timezone.now()
    total = len(plan.new_people) + len(plan.changed_people) + len(plan.new_memberships)
    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, max(total, 1))

    number_of = {id(p): m["member_number"] for m, p in plan.new_memberships}
    blank = {key: "" for key in SEARCH_SOURCES}

    def add_search_fields(people: list[dict]) -> None:
        for values in people:
            numbers = [number_of[id(values)]] if id(values) in number_of else []
            values.update(person_search_fields(SimpleNamespace(**{**blank, **values}), numbers))

    for chunk in _chunks(plan.new_people, 4000):
        insert_rows(Person, chunk, prepare=add_search_fields)
        tick(len(chunk))

    groups: dict[frozenset, list[Person]] = defaultdict(list)
    for person, fields in plan.changed_people.values():
        person.updated_at = now
        groups[frozenset(fields)].append(person)
    for fields, people in groups.items():
        for chunk in _chunks(people, 500):
            Person.objects.bulk_update(chunk, [*sorted(fields), "updated_at"])
            tick(len(chunk))

    for membership, person in plan.new_memberships:
        membership["person_id"] = pk_of(person)
    for chunk in _chunks([m for m, _ in plan.new_memberships], 4000):
        insert_rows(Membership, chunk)
        tick(len(chunk))
    mgroups: dict[frozenset, list[Membership]] = defaultdict(list)
    for membership, fields, _person in plan.changed_memberships:
        membership.updated_at = now
        mgroups[frozenset(MEMBERSHIP_FIELDS[f] for f in fields)].append(membership)
    for fields, items in mgroups.items():
        for chunk in _chunks(items, 500):
            Membership.objects.bulk_update(chunk, [*sorted(fields), "updated_at"])

    _refresh_search(plan)
    _write_history(plan, association=association, actor=actor, summary=summary)


def _refresh_search(plan: Plan) -> None:
    """Existing people whose names, email or affiliation changed, or who got a new or
    renumbered membership: recompute their search fields from all their numbers."""
    people: dict[int, Person] = {}
    for person, fields in plan.changed_people.values():
        if fields & SEARCH_SOURCES:
            people[person.pk] = person
    for _membership, person in plan.new_memberships:
        if not isinstance(person, dict):  # a stored person with a new membership
            people[person.pk] = person
    for _membership, fields, person in plan.changed_memberships:
        if "member_number" in fields:
            people[person.pk] = person
    if not people:
        return
    numbers: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(sorted(people), _chunk_size()):
        for person_id, number in Membership.objects.filter(person_id__in=chunk).values_list(
            "person_id", "member_number"
        ):
            numbers[person_id].append(number)
    changed = []
    for pk, person in people.items():
        fields = person_search_fields(person, sorted(numbers[pk]))
        if any(getattr(person, k) != v for k, v in fields.items()):
            for name, value in fields.items():
                setattr(person, name, value)
            changed.append(person)
    for chunk in _chunks(changed, 500):
        Person.objects.bulk_update(chunk, ["search_text", "search_grams"])


def _write_history(plan: Plan, *, association, actor, summary: str) -> None:
    """One history entry per created or changed row, in bulk (``audit_record`` writes
    one row per call; an import may touch 18,895 people)."""
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    common = {
        "actor_id": actor_id,
        "subject_type": Membership._meta.label_lower,
        "association_id": association.pk,
        "summary": summary[:300],
    }
    entries = []
    for number, outcome in plan.outcomes.items():
        if outcome == UNCHANGED:
            continue
        entries.append(
            {
                **common,
                "action": "membership.import_create"
                if outcome == NEW
                else "membership.import_update",
                "subject_id": pk_of(plan.row_membership[number]),
                "person_id": pk_of(plan.row_person[number]),
                "changes": plan.changes.get(number, {}),
            }
        )
    insert_rows(AuditEntry, entries)


def column_label(key: str) -> str:
    column = COLUMNS_BY_KEY.get(key)
    return column.header if column else ""


__all__ = ["MEMBERSHIP_KEYS", "Plan", "RowError", "plan_rows", "write_plan"]
