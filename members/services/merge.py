"""Merging two records of the same human, and marking pairs that are not.

The merge is generic: every row of every model pointing at ``Person`` (found through
``Person._meta.related_objects``, so conference registrations, award nominations and
whatever comes later are included without changes here) is moved from the record that
goes (``drop``) to the one that stays (``keep``). When a move would break a unique
constraint — both people in the same association, on the same committee, nominated in
the same cycle — a resolver for that model combines the two rows (``CLASH_RESOLVERS``);
a clash without a resolver refuses the whole merge with a message naming it, so nothing
is ever lost or half-merged.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ForeignObjectRel, Q
from django.utils.translation import gettext as _

from kofst.common.audit import audit_record
from members.duplicates import carry_over
from members.enums import ApplicationStatus
from members.models import NotDuplicate, Person
from members.services.people import PERSON_FIELDS, person_refresh_search, person_update

# Fields staff choose between when merging: the person's own data and the login account.
MERGE_FIELDS = [*PERSON_FIELDS, "user"]


@dataclass
class Relation:
    """Rows of ``model`` whose ``field_name`` points at a person (or at a combined row)."""

    model: type[models.Model]
    field_name: str
    label: str

    @property
    def model_label(self) -> str:
        return self.model._meta.label_lower

    def rows(self, target: models.Model) -> models.QuerySet:
        return self.model._default_manager.filter(**{self.field_name: target})

    def unique_sets(self) -> list[tuple[tuple[str, ...], Q | None]]:
        """Unique constraints that include the pointing field: (fields, condition)."""
        meta = self.model._meta
        found: list[tuple[tuple[str, ...], Q | None]] = []
        if meta.get_field(self.field_name).unique:
            found.append(((self.field_name,), None))
        for together in meta.unique_together:
            if self.field_name in together:
                found.append((tuple(together), None))
        for constraint in meta.constraints:
            if (
                isinstance(constraint, models.UniqueConstraint)
                and constraint.fields
                and self.field_name in constraint.fields
            ):
                found.append((tuple(constraint.fields), constraint.condition))
        return found


def relations_to(model: type[models.Model], *, skip: tuple[str, ...] = ()) -> Iterator[Relation]:
    """Every (model, field) pointing at ``model``, hidden ones (``related_name="+"``) and
    the link tables of many-to-many fields included."""
    for rel in model._meta.get_fields(include_hidden=True):
        if not isinstance(rel, ForeignObjectRel) or rel.many_to_many:
            continue  # a many-to-many's link table points here with a hidden FK of its own
        related = rel.related_model
        relation = Relation(related, rel.field.name, str(related._meta.verbose_name_plural))
        if relation.model_label not in skip:
            yield relation


def find_clash(relation: Relation, row: models.Model, keep: models.Model) -> models.Model | None:
    """The row already pointing at ``keep`` that ``row`` would collide with once moved."""
    for fields, condition in relation.unique_sets():
        manager = relation.model._default_manager
        if condition is not None and not manager.filter(condition, pk=row.pk).exists():
            continue
        lookup: dict[str, Any] = {relation.field_name: keep}
        for name in fields:
            if name != relation.field_name:
                lookup[relation.model._meta.get_field(name).attname] = getattr(
                    row, relation.model._meta.get_field(name).attname
                )
        clashes = manager.filter(**lookup).exclude(pk=row.pk)
        if condition is not None:
            clashes = clashes.filter(condition)
        clash = clashes.first()
        if clash is not None:
            return clash
    return None


@dataclass
class MergeReport:
    moved: dict[str, int] = field(default_factory=dict)
    combined: list[str] = field(default_factory=list)

    def count(self, label: str, n: int = 1) -> None:
        self.moved[label] = self.moved.get(label, 0) + n


Resolver = Callable[..., None]


def _repoint(target_model, old, new, *, report: MergeReport, actor, skip=()) -> None:
    """Point everything that points at ``old`` at ``new``, resolving clashes."""
    for relation in relations_to(target_model, skip=skip):
        rows = list(relation.rows(old))
        if not rows:
            continue
        checks = relation.unique_sets()
        for row in rows:
            clash = find_clash(relation, row, new) if checks else None
            if clash is not None:
                resolver = CLASH_RESOLVERS.get(relation.model_label)
                if resolver is None and relation.model._meta.auto_created:
                    resolver = _drop_duplicate_link
                if resolver is None:
                    raise ValidationError(
                        _(
                            "Both records have a %(what)s that cannot be combined automatically "
                            "(%(row)s). Resolve it first, then merge."
                        )
                        % {"what": relation.model._meta.verbose_name, "row": row}
                    )
                resolver(row, clash, relation=relation, report=report, actor=actor)
                if not relation.model._default_manager.filter(pk=row.pk).exists():
                    continue
            relation.model._default_manager.filter(pk=row.pk).update(**{relation.field_name: new})
            report.count(relation.label)


def _drop_duplicate_link(row, clash, **kwargs) -> None:
    """A many-to-many link both records had: one is enough."""
    row.delete()


def _combine(row, clash, *, relation: Relation, report: MergeReport, actor) -> None:
    """Move what hangs on ``row`` to ``clash`` and delete ``row``."""
    _repoint(relation.model, row, clash, report=report, actor=actor)
    report.combined.append(
        _("%(what)s %(row)s combined into %(kept)s")
        % {"what": relation.model._meta.verbose_name, "row": row, "kept": clash}
    )
    row.delete()


def _combine_memberships(row, clash, *, relation: Relation, report: MergeReport, actor) -> None:
    """Both people were members of one association: keep the kept person's membership,
    widen its dates to cover both, move the dues and everything else onto it."""
    changes: dict[str, list] = {"merged_member_number": [row.member_number, None]}
    if row.joined_on < clash.joined_on:
        changes["joined_on"] = [clash.joined_on.isoformat(), row.joined_on.isoformat()]
        clash.joined_on = row.joined_on
    if clash.expires_on is not None and (
        row.expires_on is None or row.expires_on > clash.expires_on
    ):
        changes["expires_on"] = [
            clash.expires_on.isoformat(),
            row.expires_on.isoformat() if row.expires_on else None,
        ]
        clash.expires_on = row.expires_on
    if clash.resigned_on is not None and row.resigned_on is None:
        changes["resigned_on"] = [clash.resigned_on.isoformat(), None]
        clash.resigned_on = None
    if clash.chapter_id is None and row.chapter_id is not None:
        clash.chapter_id = row.chapter_id
        changes["chapter"] = [None, str(row.chapter)]
    clash.save(update_fields=["joined_on", "expires_on", "resigned_on", "chapter", "updated_at"])
    _combine(row, clash, relation=relation, report=report, actor=actor)
    audit_record(
        actor=actor,
        action="membership.combine",
        subject=clash,
        person_id=clash.person_id,
        association_id=clash.association_id,
        summary=_("Membership #%(number)s of the merged record combined into #%(kept)s")
        % {"number": row.member_number, "kept": clash.member_number},
        changes=changes,
    )


def _combine_committee_seats(row, clash, *, relation: Relation, report: MergeReport, actor):
    """Both records sat on one committee: one seat, the chair's role wins."""
    if row.role == "chair" and clash.role != "chair":
        clash.role = "chair"
    if row.since and (clash.since is None or row.since < clash.since):
        clash.since = row.since
    clash.save(update_fields=["role", "since"])
    _combine(row, clash, relation=relation, report=report, actor=actor)


def _withdraw_pending_application(row, clash, *, relation, report: MergeReport, actor) -> None:
    """Both records were waiting for the same association: the kept one's application
    stays pending, the other is kept as withdrawn."""
    row.status = ApplicationStatus.WITHDRAWN
    row.decision_note = _("Withdrawn when two records of the same person were merged.")
    row.save(update_fields=["status", "decision_note"])


# model label → how to combine two rows that would clash. Apps may add theirs.
CLASH_RESOLVERS: dict[str, Resolver] = {
    "members.membership": _combine_memberships,
    "associations.committeemember": _combine_committee_seats,
    "members.joinapplication": _withdraw_pending_application,
    "awards.candidate": _combine,
}


def _value_label(person: Person, name: str) -> str:
    if name == "user":
        return str(person.user.email) if person.user_id else ""
    if name == "country":
        return person.country_name
    value = getattr(person, name)
    display = getattr(person, f"get_{name}_display", None)
    if callable(display) and value:
        return str(display())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "" if value is None else str(value)


@dataclass
class FieldChoice:
    name: str
    label: str
    keep_value: str
    drop_value: str
    default: str  # "keep" or "drop"

    @property
    def differs(self) -> bool:
        return self.keep_value != self.drop_value


@dataclass
class MergePreview:
    keep: Person
    drop: Person
    fields: list[FieldChoice]
    moves: list[tuple[str, int]]
    clashes: list[str]
    problems: list[str]


def _refusal(keep: Person, drop: Person) -> str | None:
    if keep.pk == drop.pk:
        return _("A record cannot be merged with itself.")
    for person in (keep, drop):
        if person.erased_at is not None:
            return _("%(name)s (#%(id)s) was erased; erased records cannot be merged.") % {
                "name": person.display_name,
                "id": person.pk,
            }
        if person.merged_into_id is not None:
            return _(
                "Record #%(id)s was already merged into record #%(target)s; merge with that one."
            ) % {"id": person.pk, "target": person.merged_into_id}
    return None


def merge_preview(*, keep: Person, drop: Person) -> MergePreview:
    """What a merge would do, without doing it: the values to choose between, the rows
    that would move and the rows that would be combined or block the merge."""
    problems = [p for p in [_refusal(keep, drop)] if p]
    choices = []
    for name in MERGE_FIELDS:
        keep_value, drop_value = _value_label(keep, name), _value_label(drop, name)
        label = (
            _("login account") if name == "user" else str(Person._meta.get_field(name).verbose_name)
        )
        choices.append(
            FieldChoice(
                name=name,
                label=label,
                keep_value=keep_value,
                drop_value=drop_value,
                default="drop" if (not keep_value and drop_value) else "keep",
            )
        )
    moves: list[tuple[str, int]] = []
    clashes: list[str] = []
    if not problems:
        for relation in relations_to(Person, skip=_SKIP):
            rows = list(relation.rows(drop))
            if not rows:
                continue
            moves.append((relation.label, len(rows)))
            if not relation.unique_sets():
                continue
            for row in rows:
                clash = find_clash(relation, row, keep)
                if clash is None:
                    continue
                if relation.model_label in CLASH_RESOLVERS or relation.model._meta.auto_created:
                    clashes.append(
                        _("Both have %(what)s: %(row)s and %(kept)s will be combined.")
                        % {"what": relation.model._meta.verbose_name, "row": row, "kept": clash}
                    )
                else:
                    problems.append(
                        _(
                            "Both records have a %(what)s that cannot be combined automatically "
                            "(%(row)s). Resolve it first, then merge."
                        )
                        % {"what": relation.model._meta.verbose_name, "row": row}
                    )
    return MergePreview(keep, drop, choices, moves, clashes, problems)


# NotDuplicate marks are re-pointed by hand (their pair is ordered); the merge chain
# (merged_from) is re-pointed generically.
_SKIP = ("members.notduplicate",)


@transaction.atomic
def person_merge(*, keep: Person, drop: Person, take_from_drop: list[str], actor) -> Person:
    """Merge ``drop`` into ``keep``.

    ``take_from_drop`` names the ``MERGE_FIELDS`` whose value comes from ``drop``; the
    others keep ``keep``'s value.

    Side effects: every row pointing at ``drop`` points at ``keep`` (clashing rows
    combined, see ``CLASH_RESOLVERS``); ``drop.merged_into = keep``, its email cleared
    (kept in the history) so the address belongs to the live record only; 'not the same
    person' marks carried over; history entries on both records (``person.merge`` and
    ``person.merged_into``) and ``person.update`` for the values taken over.
    """
    unknown = set(take_from_drop) - set(MERGE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(unknown)})
    locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[keep.pk, drop.pk])}
    if len(locked) < len({keep.pk, drop.pk}):
        raise ValidationError(_("One of the two records no longer exists."))
    keep, drop = locked[keep.pk], locked[drop.pk]
    refusal = _refusal(keep, drop)
    if refusal:
        raise ValidationError(refusal)
    transaction.on_commit(carry_over(person_ids=[drop.pk]))

    report = MergeReport()
    _repoint(Person, drop, keep, report=report, actor=actor, skip=_SKIP)
    _carry_not_duplicate_marks(keep=keep, drop=drop)

    # Values taken from the record that goes. Its email and account are released first,
    # since both are unique.
    old_email = drop.email
    values = {name: getattr(drop, name) for name in take_from_drop if name in PERSON_FIELDS}
    drop_user = drop.user
    drop.email = None
    if "user" in take_from_drop:
        drop.user = keep.user  # the accounts swap; the other one stays with the old record
        keep.user = None
        keep.save(update_fields=["user"])
    drop.merged_into = keep
    drop.save(update_fields=["email", "user", "merged_into", "updated_at"])
    if "user" in take_from_drop:
        keep.user = drop_user
        keep.save(update_fields=["user", "updated_at"])
    if values:
        keep = person_update(person=keep, actor=actor, **values)
    person_refresh_search(person=keep)

    changes = {
        "merged_record": drop.pk,
        "taken_from_merged_record": sorted(take_from_drop),
        "moved": report.moved,
        "combined": report.combined,
    }
    audit_record(
        actor=actor,
        action="person.merge",
        subject=keep,
        person_id=keep.pk,
        summary=_("Record #%(drop)s merged into this one") % {"drop": drop.pk},
        changes=changes,
    )
    audit_record(
        actor=actor,
        action="person.merged_into",
        subject=drop,
        person_id=drop.pk,
        summary=_("Merged into record #%(keep)s") % {"keep": keep.pk},
        changes={"merged_into": [None, keep.pk], "email": [old_email, None], **changes},
    )
    return keep


def _carry_not_duplicate_marks(*, keep: Person, drop: Person) -> None:
    """'drop is not X' becomes 'keep is not X'."""
    marks = NotDuplicate.objects.filter(Q(person_low=drop) | Q(person_high=drop))
    for mark in marks:
        other = mark.person_high_id if mark.person_low_id == drop.pk else mark.person_low_id
        mark.delete()
        if other == keep.pk:
            continue
        low, high = sorted((keep.pk, other))
        NotDuplicate.objects.get_or_create(
            person_low_id=low, person_high_id=high, defaults={"decided_by": mark.decided_by}
        )


@transaction.atomic
def people_mark_not_duplicate(*, first: Person, second: Person, actor) -> NotDuplicate:
    """Record that two records are different people, so the pair is never proposed again.

    Side effects: a ``person.not_duplicate`` history entry on each of the two.
    """
    if first.pk == second.pk:
        raise ValidationError(_("A record cannot be marked as different from itself."))
    low, high = sorted((first.pk, second.pk))
    transaction.on_commit(carry_over(pair=(low, high)))
    mark, created = NotDuplicate.objects.get_or_create(
        person_low_id=low, person_high_id=high, defaults={"decided_by": actor}
    )
    if created:
        for this, other in ((low, high), (high, low)):
            audit_record(
                actor=actor,
                action="person.not_duplicate",
                subject=mark,
                person_id=this,
                summary=_("Not the same person as record #%(other)s") % {"other": other},
            )
    return mark
