"""Memberships: enrol, edit, renew, resign, move chapter, and the same in bulk."""

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from associations.models import Association, Chapter
from kofst.common.audit import audit_record, diff, snapshot
from members.enums import MembershipType
from members.models import Membership, Person, grace_days
from members.services.people import person_create, person_refresh_search

MEMBERSHIP_FIELDS = ["member_number", "type", "chapter", "joined_on", "expires_on", "resigned_on"]
NUMBER_WIDTH = 6  # digits of a generated member number when the association has none yet
MAX_RENEW_YEARS = 10


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def next_member_number(association: Association) -> str:
    """The association's prefix followed by one more than its highest number."""
    prefix = association.member_number_prefix or ""
    last = (
        Membership.objects.filter(
            association=association, member_number__regex=rf"^{re.escape(prefix)}[0-9]+$"
        )
        .order_by(Length("member_number").desc(), "-member_number")
        .values_list("member_number", flat=True)
        .first()
    )
    if last is None:
        return f"{prefix}{1:0{NUMBER_WIDTH}d}"
    digits = last[len(prefix) :]
    return f"{prefix}{int(digits) + 1:0{len(digits)}d}"


def _label(membership: Membership) -> str:
    return f"{membership.association.display_code} #{membership.member_number}"


def _lock(membership: Membership) -> Membership:
    return (
        Membership.objects.select_for_update(of=("self",))
        .select_related("association", "chapter", "person")
        .get(pk=membership.pk)
    )


def _validate(membership: Membership, errors: dict[str, list] | None = None) -> None:
    errors = dict(errors or {})
    try:
        exclude = ["person", "association"]
        if not membership.member_number:
            exclude.append("member_number")  # will be generated
        membership.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if membership.chapter_id and membership.chapter.association_id != membership.association_id:
        errors.setdefault("chapter", []).append(_("This chapter belongs to another association."))
    joined = membership.joined_on
    if joined and membership.expires_on and membership.expires_on < joined:
        errors.setdefault("expires_on", []).append(
            _("The expiry date cannot be before the date of joining.")
        )
    if joined and membership.resigned_on and membership.resigned_on < joined:
        errors.setdefault("resigned_on", []).append(
            _("The resignation date cannot be before the date of joining.")
        )
    number = membership.member_number
    if number and "member_number" not in errors:
        taken = (
            Membership.objects.filter(
                association_id=membership.association_id, member_number=number
            )
            .exclude(pk=membership.pk)
            .select_related("person")
            .first()
        )
        if taken is not None:
            errors.setdefault("member_number", []).append(
                _("Member number %(number)s is already used by %(name)s in this association.")
                % {"number": number, "name": taken.person.display_name}
            )
    if errors:
        raise ValidationError(errors)


def _save(membership: Membership, **kwargs: Any) -> None:
    """Save; a concurrent duplicate that slipped past the checks hits a constraint."""
    try:
        with transaction.atomic():
            membership.save(**kwargs)
    except IntegrityError as exc:
        if "membership_number_unique" in str(exc):
            raise ValidationError(
                {"member_number": _("This member number is already used in this association.")}
            ) from exc
        if "membership_person_unique" in str(exc):
            raise ValidationError(
                _("This person is already a member of this association.")
            ) from exc
        raise


def _history(membership: Membership, *, actor, action: str, summary: str, changes: dict) -> None:
    audit_record(
        actor=actor,
        action=action,
        subject=membership,
        person_id=membership.person_id,
        association_id=membership.association_id,
        summary=summary,
        changes=changes,
    )


@transaction.atomic
def membership_create(
    *,
    person: Person,
    association: Association,
    actor,
    joined_on: dt.date,
    member_number: str = "",
    type: str = MembershipType.REGULAR,
    chapter: Chapter | None = None,
    expires_on: dt.date | None = None,
) -> Membership:
    """Enrol a person in an association. A blank member number gets the next one.

    Side effects: a ``membership.create`` history entry; the person's search fields
    refreshed (member numbers are searchable).
    """
    # One enrolment at a time per association, so that generated numbers never collide.
    Association.objects.select_for_update().filter(pk=association.pk).exists()
    errors: dict[str, list] = {}
    existing = Membership.objects.filter(association=association, person=person).first()
    if existing is not None:
        errors["__all__"] = [
            _("%(name)s is already a member of %(association)s (member number %(number)s).")
            % {
                "name": person.display_name,
                "association": association.display_code,
                "number": existing.member_number,
            }
        ]
    membership = Membership(
        person=person,
        association=association,
        member_number=(member_number or "").strip() or next_member_number(association),
        type=type,
        chapter=chapter,
        joined_on=joined_on,
        expires_on=expires_on,
    )
    _validate(membership, errors)
    _save(membership)
    person_refresh_search(person=person)
    _history(
        membership,
        actor=actor,
        action="membership.create",
        summary=_label(membership),
        changes=diff(membership, {}, MEMBERSHIP_FIELDS),
    )
    return membership


@transaction.atomic
def person_enrol(
    *, actor, association: Association, person_values: dict[str, Any], **membership: Any
) -> Membership:
    """Create a person and their first membership in ``association``: both or neither.

    The messages of both steps come back together, keyed by field.
    Side effects: those of ``person_create`` and ``membership_create``.
    """
    try:
        with transaction.atomic():
            person = person_create(actor=actor, association_id=association.pk, **person_values)
    except ValidationError as exc:
        errors = exc.message_dict
        try:
            _validate(Membership(association=association, **membership))
        except ValidationError as more:
            for field, messages in more.message_dict.items():
                errors.setdefault(field, []).extend(messages)
        raise ValidationError(errors) from exc
    return membership_create(person=person, association=association, actor=actor, **membership)


@transaction.atomic
def membership_update(*, membership: Membership, actor, **changes: Any) -> Membership:
    """Change some of ``MEMBERSHIP_FIELDS``.

    Side effects: a ``membership.update`` history entry with the diff (none when nothing
    changed); the person's search fields refreshed when the member number changed.
    """
    unknown = set(changes) - set(MEMBERSHIP_FIELDS)
    if unknown:
        raise TypeError(f"not membership fields: {sorted(unknown)}")
    membership = _lock(membership)
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    for name, value in changes.items():
        if name == "member_number":
            value = (value or "").strip()
            if not value:
                raise ValidationError({"member_number": _("Enter a member number.")})
        setattr(membership, name, value)
    _validate(membership)
    changed = diff(membership, before, MEMBERSHIP_FIELDS)
    if not changed:
        return membership
    _save(membership, update_fields=[*changed, "updated_at"])
    if "member_number" in changed:
        person_refresh_search(person=membership.person)
    _history(
        membership,
        actor=actor,
        action="membership.update",
        summary=_label(membership),
        changes=changed,
    )
    return membership


@transaction.atomic
def membership_renew(
    *,
    membership: Membership,
    actor,
    until: dt.date | None = None,
    years: int | None = None,
    today: dt.date | None = None,
) -> Membership:
    """Extend a membership to ``until``, or by ``years``.

    By years, a current membership (active or in grace) is extended from its expiry, so
    that no paid time is lost; a lapsed one from today. Life and honorary memberships
    without an expiry and resigned ones cannot be renewed.

    Side effects: a ``membership.renew`` history entry with the old and new expiry.
    """
    if (until is None) == (years is None):
        raise TypeError("give exactly one of until= or years=")
    today = today or timezone.localdate()
    membership = _lock(membership)
    label = _label(membership)
    if membership.resigned_on is not None:
        raise ValidationError(
            _("%(membership)s was resigned on %(date)s; it cannot be renewed.")
            % {"membership": label, "date": date_format(membership.resigned_on)}
        )
    if membership.expires_on is None:
        raise ValidationError(
            _("%(membership)s does not expire; there is nothing to renew.") % {"membership": label}
        )
    old = membership.expires_on
    if years is not None:
        if not 1 <= years <= MAX_RENEW_YEARS:
            raise ValidationError(
                {"years": _("Renew for 1 to %(max)s years.") % {"max": MAX_RENEW_YEARS}}
            )
        still_current = old >= today - dt.timedelta(days=grace_days())
        new = add_years(old if still_current else today, years)
    else:
        new = until
        if new <= old:
            raise ValidationError(
                {
                    "until": _("The new expiry date must be later than the current one (%(date)s).")
                    % {"date": date_format(old)}
                }
            )
    membership.expires_on = new
    _save(membership, update_fields=["expires_on", "updated_at"])
    _history(
        membership,
        actor=actor,
        action="membership.renew",
        summary=f"{label} → {new.isoformat()}",
        changes={"expires_on": [old.isoformat(), new.isoformat()]},
    )
    return membership


@transaction.atomic
def membership_resign(*, membership: Membership, on: dt.date, actor) -> Membership:
    """Mark a membership resigned from ``on`` (today or a later date at the end of a term).

    Side effects: a ``membership.resign`` history entry.
    """
    membership = _lock(membership)
    label = _label(membership)
    if membership.resigned_on is not None:
        raise ValidationError(
            _("%(membership)s was already resigned on %(date)s.")
            % {"membership": label, "date": date_format(membership.resigned_on)}
        )
    if on < membership.joined_on:
        raise ValidationError(
            {"on": _("The resignation date cannot be before the date of joining.")}
        )
    membership.resigned_on = on
    _save(membership, update_fields=["resigned_on", "updated_at"])
    _history(
        membership,
        actor=actor,
        action="membership.resign",
        summary=f"{label} ({on.isoformat()})",
        changes={"resigned_on": [None, on.isoformat()]},
    )
    return membership


@transaction.atomic
def membership_move_chapter(
    *, membership: Membership, chapter: Chapter | None, actor
) -> Membership:
    """Put a membership in another chapter of its association (or in none).

    Side effects: a ``membership.move_chapter`` history entry (none if unchanged).
    """
    membership = _lock(membership)
    if chapter is not None and chapter.association_id != membership.association_id:
        raise ValidationError(
            {
                "chapter": _("%(chapter)s is not a chapter of %(association)s.")
                % {"chapter": chapter.name, "association": membership.association.display_code}
            }
        )
    old = membership.chapter
    if old == chapter:
        return membership
    membership.chapter = chapter
    _save(membership, update_fields=["chapter", "updated_at"])
    _history(
        membership,
        actor=actor,
        action="membership.move_chapter",
        summary=_label(membership),
        changes={"chapter": [str(old) if old else None, str(chapter) if chapter else None]},
    )
    return membership


def _bulk(memberships: Sequence[Membership], change: Callable[[Membership], Any]) -> int:
    """Apply one change to each membership; if any fails, none is kept and every failure
    is reported, one message per membership."""
    problems: list[str] = []
    for membership in memberships:
        try:
            change(membership)
        except ValidationError as exc:
            problems.append(
                _("%(membership)s (%(name)s): %(problem)s")
                % {
                    "membership": _label(membership),
                    "name": membership.person.display_name,
                    "problem": " ".join(exc.messages),
                }
            )
    if problems:
        raise ValidationError(problems)
    return len(memberships)


@transaction.atomic
def memberships_bulk_renew(
    *,
    memberships: Sequence[Membership],
    actor,
    until: dt.date | None = None,
    years: int | None = None,
) -> int:
    """Renew each selected membership; all or none. Returns how many."""
    return _bulk(
        memberships,
        lambda m: membership_renew(membership=m, actor=actor, until=until, years=years),
    )


@transaction.atomic
def memberships_bulk_move_chapter(
    *, memberships: Sequence[Membership], chapter: Chapter | None, actor
) -> int:
    """Move each selected membership to one chapter; all or none. Returns how many."""
    return _bulk(
        memberships, lambda m: membership_move_chapter(membership=m, chapter=chapter, actor=actor)
    )


@transaction.atomic
def memberships_bulk_resign(*, memberships: Sequence[Membership], on: dt.date, actor) -> int:
    """Mark each selected membership resigned; all or none. Returns how many."""
    return _bulk(memberships, lambda m: membership_resign(membership=m, on=on, actor=actor))
