"""Reads. Anything scoped to a user goes through a function here; out of scope is a 404."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower, TruncDate
from django.http import Http404
from django.utils import timezone

from associations.models import Association
from conferences.eligibility import category_refusals, person_facts
from conferences.enums import (
    ACTIVE_STATUSES,
    HOLDING_STATUSES,
    ConferenceStatus,
    PaymentStatus,
    RegistrationStatus,
)
from conferences.models import (
    Conference,
    ConferenceSeries,
    Question,
    Registration,
    RegistrationCategory,
    Session,
)
from kofst.common.models import AuditEntry
from kofst.common.roles import roles_of
from members.models import Person
from members.search import term_lookup


def _base() -> QuerySet[Conference]:
    return Conference.objects.select_related("series").prefetch_related("organisers")


def series_all() -> QuerySet[ConferenceSeries]:
    return ConferenceSeries.objects.all()


def conferences_public(*, user, series_code: str = "") -> QuerySet[Conference]:
    """Published editions (drafts stay with their managers)."""
    qs = _base().exclude(status=ConferenceStatus.DRAFT)
    if series_code:
        qs = qs.filter(series__code=series_code)
    return qs


def conference_public(*, user, slug: str) -> Conference:
    """A published edition, or a draft its managers are looking at; 404 otherwise."""
    conference = _base().filter(slug=slug).first()
    if conference is None or not user_may_view(user, conference):
        raise Http404
    return conference


def user_may_view(user, conference: Conference) -> bool:
    return user.has_perm("conferences.view_conference", conference) if user else False


def conferences_managed_by(*, user) -> QuerySet[Conference]:
    roles = roles_of(user)
    qs = _base()
    if roles.hq:
        return qs
    if not roles.staff_of:
        return qs.none()
    return qs.filter(organisers__in=roles.staff_of).distinct()


def conference_managed(*, user, slug: str) -> Conference:
    """An edition the user manages; 404 for anyone else (another association's staff)."""
    conference = conferences_managed_by(user=user).filter(slug=slug).first()
    if conference is None:
        raise Http404
    return conference


def organiser_choices(*, user) -> QuerySet[Association]:
    """The associations a user may name as organisers: HQ any, staff their own."""
    roles = roles_of(user)
    if roles.hq:
        return Association.objects.all()
    return Association.objects.filter(pk__in=roles.staff_of)


def sessions_of(conference: Conference) -> list[Session]:
    sessions = list(conference.sessions.all())
    for session in sessions:
        session.conference = conference
    return sessions


def categories_of(conference: Conference) -> list[RegistrationCategory]:
    categories = list(conference.categories.all())
    for category in categories:
        category.conference = conference
    return categories


def questions_of(conference: Conference) -> list[Question]:
    return list(conference.questions.all())


@dataclass(frozen=True)
class CategoryOption:
    category: RegistrationCategory
    reasons: list[str]  # why the person may not choose it (empty: they may)
    full: bool  # a registration now would go onto the waiting list

    @property
    def available(self) -> bool:
        return not self.reasons


def category_options(
    *, conference: Conference, person: Person, now: dt.datetime | None = None
) -> list[CategoryOption]:
    """The categories a registrant is shown, each with the reasons it is closed to them."""
    now = now or timezone.now()
    facts = person_facts(person, today=now.date())
    categories = [c for c in categories_of(conference) if not c.staff_only]
    held = dict(
        Registration.objects.filter(conference=conference, status__in=HOLDING_STATUSES)
        .values("category_id")
        .annotate(n=Count("id"))
        .values_list("category_id", "n")
    )
    conference_full = sum(held.values()) >= conference.capacity
    options = []
    for category in categories:
        category_full = category.capacity is not None and held.get(category.pk, 0) >= (
            category.capacity
        )
        options.append(
            CategoryOption(
                category=category,
                reasons=category_refusals(category, facts, now=now),
                full=conference_full or category_full,
            )
        )
    return options


def person_of(user) -> Person | None:
    person_id = roles_of(user).person_id
    if person_id is None:
        return None
    return Person.objects.filter(pk=person_id).first()


def person_by_email(email: str) -> Person | None:
    """For staff registering someone: the (unmerged) person with this email."""
    return (
        Person.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower=email.strip().lower(), merged_into__isnull=True)
        .first()
    )


def active_registration(*, user, conference: Conference) -> Registration | None:
    person_id = roles_of(user).person_id
    if person_id is None:
        return None
    return Registration.objects.filter(
        conference=conference, person_id=person_id, status__in=ACTIVE_STATUSES
    ).first()


def registrations_of_user(*, user) -> QuerySet[Registration]:
    person_id = roles_of(user).person_id
    if person_id is None:
        return Registration.objects.none()
    return (
        Registration.objects.filter(person_id=person_id)
        .select_related("conference__series", "category")
        .order_by("-conference__starts_on", "-created_at")
    )


def registration_of_user(*, user, pk: int) -> Registration:
    """The user's own registration; 404 for anybody else's."""
    registration = registrations_of_user(user=user).select_related("person").filter(pk=pk).first()
    if registration is None:
        raise Http404
    registration.category.conference = registration.conference
    return registration


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first in line; None when the registration is not waiting."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        Q(waitlisted_at__lt=registration.waitlisted_at)
        | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk),
        conference_id=registration.conference_id,
        status=RegistrationStatus.WAITLISTED,
    ).count()
    return ahead + 1


def registrants(
    *,
    conference: Conference,
    search: str = "",
    status: str = "",
    category_id: int | None = None,
    payment: str = "",
    answers: dict[str, str] | None = None,
) -> QuerySet[Registration]:
    """The registrants of a conference the caller manages (check with
    ``conference_managed`` first), filtered, in registration order."""
    qs = Registration.objects.filter(conference=conference).select_related(
        "person", "category", "checked_in_by"
    )
    if status == "attended":
        qs = qs.filter(checked_in_at__isnull=False)
    elif status == "not_attended":
        qs = qs.filter(status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=True)
    elif status:
        qs = qs.filter(status=status)
    if category_id:
        qs = qs.filter(category_id=category_id)
    if payment:
        qs = qs.filter(payment_status=payment)
    for key, value in (answers or {}).items():
        if value in ("true", "false"):
            qs = qs.filter(**{f"answers__{key}": value == "true"})
        elif value:
            qs = qs.filter(**{f"answers__{key}": value})
    search = search.strip()
    if search:
        field, needle = term_lookup(search)
        code = search.upper().replace("-", "").replace(" ", "")
        qs = qs.filter(
            Q(**{f"person__{field}__contains": needle})
            | Q(person__email__icontains=search)
            | Q(person__family_name_latin__icontains=search)
            | Q(person__given_name_latin__icontains=search)
            | Q(person__family_name_ko__contains=search)
            | Q(person__given_name_ko__contains=search)
            | Q(code=code)
        )
    return qs.order_by("created_at", "id")


def registration_managed(*, conference: Conference, pk: int) -> Registration:
    registration = (
        Registration.objects.select_related("person", "category", "checked_in_by", "registered_by")
        .filter(conference=conference, pk=pk)
        .first()
    )
    if registration is None:
        raise Http404
    registration.conference = conference
    registration.category.conference = conference
    return registration


def history_of(registration: Registration) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        subject_type=registration._meta.label_lower, subject_id=registration.pk
    ).select_related("actor")


def attendance(conference: Conference) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(conference=conference, checked_in_at__isnull=False)
        .select_related("person", "category", "checked_in_by")
        .order_by("checked_in_at", "id")
    )


def conference_statistics(conference: Conference) -> dict:
    """Counts by status, category and payment, and registrations per day (venue time)."""
    regs = Registration.objects.filter(conference=conference)
    by_status = dict(regs.values("status").annotate(n=Count("id")).values_list("status", "n"))
    attended = regs.filter(checked_in_at__isnull=False).count()
    categories = categories_of(conference)
    by_category = {
        row["category_id"]: row
        for row in regs.values("category_id").annotate(
            confirmed=Count("id", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waiting=Count("id", filter=Q(status=RegistrationStatus.WAITLISTED)),
            attended=Count("id", filter=Q(checked_in_at__isnull=False)),
        )
    }
    by_payment = dict(
        regs.filter(status__in=HOLDING_STATUSES)
        .values("payment_status")
        .annotate(n=Count("id"))
        .values_list("payment_status", "n")
    )
    per_day = list(
        regs.annotate(day=TruncDate("created_at", tzinfo=conference.tz))
        .values("day")
        .annotate(n=Count("id"))
        .order_by("day")
        .values_list("day", "n")
    )
    held = sum(by_status.get(s, 0) for s in HOLDING_STATUSES)
    confirmed = by_status.get(RegistrationStatus.CONFIRMED, 0)
    return {
        "by_status": [
            (label, by_status.get(value, 0)) for value, label in RegistrationStatus.choices
        ],
        "confirmed": confirmed,
        "held": held,
        "waiting": by_status.get(RegistrationStatus.WAITLISTED, 0),
        "free": max(conference.capacity - held, 0),
        "attended": attended,
        "attendance_rate": round(100 * attended / confirmed) if confirmed else 0,
        "by_category": [
            {
                "category": c,
                "confirmed": by_category.get(c.pk, {}).get("confirmed", 0),
                "waiting": by_category.get(c.pk, {}).get("waiting", 0),
                "attended": by_category.get(c.pk, {}).get("attended", 0),
            }
            for c in categories
        ],
        "by_payment": [(label, by_payment.get(value, 0)) for value, label in PaymentStatus.choices],
        "per_day": [(day.isoformat(), n) for day, n in per_day if day is not None],
    }


def upcoming_and_past(conferences: QuerySet[Conference]) -> tuple[list, list]:
    today = timezone.localdate()
    items = list(conferences)
    upcoming = sorted((c for c in items if c.ends_on >= today), key=lambda c: c.starts_on)
    past = [c for c in items if c.ends_on < today]
    return upcoming, past
