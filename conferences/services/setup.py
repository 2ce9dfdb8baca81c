"""Setting a conference up: series, editions, categories, questions, programme."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from associations.models import Association
from conferences.models import (
    Conference,
    ConferenceSeries,
    Question,
    RegistrationCategory,
    Session,
)
from conferences.services import places
from kofst.common.audit import audit_record, diff, snapshot
from kofst.common.roles import roles_of

CONFERENCE_FIELDS = [
    "series",
    "slug",
    "year",
    "title_en",
    "title_ko",
    "description_en",
    "description_ko",
    "venue",
    "city",
    "country",
    "timezone",
    "starts_on",
    "ends_on",
    "registration_opens_at",
    "registration_closes_at",
    "changes_close_at",
    "capacity",
    "waitlist_enabled",
    "promotion_mode",
    "offer_hours",
    "status",
    "payment_instructions_en",
    "payment_instructions_ko",
    "contact_email",
    "website",
]
CATEGORY_FIELDS = [
    "name_en",
    "name_ko",
    "description_en",
    "description_ko",
    "fee",
    "currency",
    "membership_rule",
    "students_only",
    "career_stages",
    "min_age",
    "max_age",
    "sales_start",
    "sales_end",
    "capacity",
    "staff_only",
    "position",
]
QUESTION_FIELDS = ["label_en", "label_ko", "kind", "choices", "required", "position"]
SESSION_FIELDS = [
    "title_en",
    "title_ko",
    "track",
    "room",
    "chairs",
    "speakers",
    "abstract",
    "starts_at",
    "ends_at",
]


def _pick(fields: dict, allowed: list[str]) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    return fields


def _check_organisers(organisers: Iterable[Association], actor) -> list[Association]:
    """Association staff may only name associations they work for; HQ any."""
    organisers = list(organisers)
    if not organisers:
        raise ValidationError({"organisers": _("Choose at least one organising association.")})
    roles = roles_of(actor)
    if not roles.hq and any(a.pk not in roles.staff_of for a in organisers):
        raise ValidationError(
            {"organisers": _("You can only name associations you work for as organisers.")}
        )
    return organisers


def series_create(*, actor, **fields) -> ConferenceSeries:
    """A new series. Side effects: a history entry."""
    with transaction.atomic():
        series = ConferenceSeries.objects.create(
            **_pick(fields, ["code", "name_en", "name_ko", "kind", "description_en",
                             "description_ko", "position"])
        )  # fmt: skip
        audit_record(
            actor=actor,
            action="conference.series.created",
            subject=series,
            summary=f"series {series.code}",
        )
    return series


def conference_create(*, organisers: Iterable[Association], actor, **fields) -> Conference:
    """A new edition. Side effects: a history entry."""
    organisers = _check_organisers(organisers, actor)
    with transaction.atomic():
        conference = Conference(**_pick(fields, CONFERENCE_FIELDS))
        conference.full_clean(exclude=["organisers"])
        conference.save()
        conference.organisers.set(organisers)
        audit_record(
            actor=actor,
            action="conference.created",
            subject=conference,
            association_id=min(a.pk for a in organisers),
            summary=f"conference {conference.slug} created",
        )
    return conference


def conference_update(
    *, conference: Conference, actor, organisers: Iterable[Association] | None = None, **fields
) -> Conference:
    """Change an edition. More places (or a waiting list switched on) promote people
    waiting. Side effects: a history entry with the changes; promotion emails."""
    _pick(fields, CONFERENCE_FIELDS)
    if organisers is not None:
        organisers = _check_organisers(organisers, actor)
    with transaction.atomic():
        locked = places.lock_conference(conference.pk)
        conference = locked.conference
        before = snapshot(conference, list(fields))
        for name, value in fields.items():
            setattr(conference, name, value)
        conference.full_clean(exclude=["organisers"])
        conference.save()
        changes = diff(conference, before, list(fields))
        if organisers is not None:
            old = sorted(conference.organiser_ids)
            conference.organisers.set(organisers)
            conference._organiser_ids = frozenset(a.pk for a in organisers)
            if old != sorted(conference._organiser_ids):
                changes["organisers"] = [old, sorted(conference._organiser_ids)]
        audit_record(
            actor=actor,
            action="conference.updated",
            subject=conference,
            association_id=conference.primary_organiser_id,
            summary=f"conference {conference.slug} changed",
            changes=changes,
        )
        places.fill_free_places(locked, actor=actor)
    return conference


def category_save(
    *, conference: Conference, actor, category: RegistrationCategory | None = None, **fields
) -> RegistrationCategory:
    """Create or change a registration category (under the conference's locks, since its
    places matter to registrations in flight). More places promote people waiting.
    Side effects: a history entry; promotion emails."""
    _pick(fields, CATEGORY_FIELDS)
    with transaction.atomic():
        locked = places.lock_conference(conference.pk)
        if category is None:
            category = RegistrationCategory(conference=locked.conference)
            before: dict = {}
        else:
            category = locked.categories[category.pk]
            before = snapshot(category, list(fields))
        for name, value in fields.items():
            setattr(category, name, value)
        category.full_clean()
        category.save()
        category.conference = locked.conference
        locked.categories[category.pk] = category
        audit_record(
            actor=actor,
            action="conference.category.saved",
            subject=category,
            association_id=locked.conference.primary_organiser_id,
            summary=f"{locked.conference.slug}: category {category.name_en}",
            changes=diff(category, before, list(fields)) if before else {},
        )
        places.fill_free_places(locked, actor=actor)
    return category


def question_save(
    *, conference: Conference, actor, question: Question | None = None, **fields
) -> Question:
    """Create or change a custom question. Side effects: a history entry."""
    _pick(fields, QUESTION_FIELDS)
    with transaction.atomic():
        question = question or Question(conference=conference)
        for name, value in fields.items():
            setattr(question, name, value)
        question.full_clean()
        question.save()
        audit_record(
            actor=actor,
            action="conference.question.saved",
            subject=question,
            association_id=conference.primary_organiser_id,
            summary=f"{conference.slug}: question {question.label_en[:80]}",
        )
    return question


def question_delete(*, question: Question, actor) -> None:
    """Remove a question; answers already given stay in the registrations' records."""
    conference = question.conference
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="conference.question.deleted",
            subject=question,
            association_id=conference.primary_organiser_id,
            summary=f"{conference.slug}: question {question.label_en[:80]} removed",
        )
        question.delete()


def session_save(
    *, conference: Conference, actor, session: Session | None = None, **fields
) -> Session:
    """Create or change a programme session. Side effects: a history entry."""
    _pick(fields, SESSION_FIELDS)
    with transaction.atomic():
        session = session or Session(conference=conference)
        before = snapshot(session, list(fields)) if session.pk else {}
        for name, value in fields.items():
            setattr(session, name, value)
        session.full_clean()
        session.save()
        audit_record(
            actor=actor,
            action="conference.session.saved",
            subject=session,
            association_id=conference.primary_organiser_id,
            summary=f"{conference.slug}: session {session.title_en[:80]}",
            changes=diff(session, before, list(fields)) if before else {},
        )
    return session


def session_delete(*, session: Session, actor) -> None:
    """Remove a session from the programme. Side effects: a history entry."""
    conference = session.conference
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="conference.session.deleted",
            subject=session,
            association_id=conference.primary_organiser_id,
            summary=f"{conference.slug}: session {session.title_en[:80]} removed",
        )
        session.delete()
