"""Places at a conference: locks, counting, handing out seats, the waiting list.

Everything here runs inside a transaction that holds the locks taken by
``lock_conference``: the conference row first, then all of its category rows in id
order, always in that order and always at once, so two transactions never wait for each
other in a cycle. With those locks held the counts below cannot change under us (every
writer of a registration's status takes the same locks first).

Counting is a plain read after the locks are held: Django drops ``FOR UPDATE`` from a
queryset that is counted or aggregated, so the locks are taken by their own queries.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from conferences import notifications
from conferences.enums import PromotionMode, RegistrationStatus
from conferences.models import Conference, Registration, RegistrationCategory
from kofst.common.audit import audit_record


@dataclass
class Locked:
    conference: Conference
    categories: dict[int, RegistrationCategory]


@dataclass
class Seating:
    """Who holds which places, read once under the locks."""

    conference_seats: set[int] = field(default_factory=set)
    category_seats: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))

    def place_for(
        self, conference: Conference, category: RegistrationCategory
    ) -> tuple[int, int] | None:
        """``(seat, category_seat)`` free for the category, or None when it is full."""
        if len(self.conference_seats) >= conference.capacity:
            return None
        taken = self.category_seats[category.pk]
        if category.capacity is not None and len(taken) >= category.capacity:
            return None
        return _lowest_free(self.conference_seats), _lowest_free(taken)

    def take(self, category_id: int, seat: int, category_seat: int) -> None:
        self.conference_seats.add(seat)
        self.category_seats[category_id].add(category_seat)


def _lowest_free(taken: set[int]) -> int:
    number = 1
    while number in taken:
        number += 1
    return number


def lock_conference(conference_id: int, *, known: Conference | None = None) -> Locked:
    """Lock the conference row, then its categories in id order. Call inside atomic().

    ``known``: an instance read before, whose cached organisers are reused.
    """
    conference = Conference.objects.select_for_update().get(pk=conference_id)
    if known is not None:
        notifications.copy_cache(known, conference)
    categories = {
        c.pk: c
        for c in RegistrationCategory.objects.select_for_update()
        .filter(conference_id=conference_id)
        .order_by("pk")
    }
    for category in categories.values():
        category.conference = conference
    return Locked(conference=conference, categories=categories)


def read_seating(conference: Conference) -> Seating:
    seating = Seating()
    rows = Registration.objects.filter(conference=conference, seat__isnull=False).values_list(
        "seat", "category_id", "category_seat"
    )
    for seat, category_id, category_seat in rows:
        seating.conference_seats.add(seat)
        if category_seat is not None:
            seating.category_seats[category_id].add(category_seat)
    return seating


def give_place(
    registration: Registration,
    *,
    locked: Locked,
    seating: Seating,
    place: tuple[int, int],
    offer: bool,
    now: dt.datetime,
) -> None:
    seat, category_seat = place
    seating.take(registration.category_id, seat, category_seat)
    registration.seat, registration.category_seat = seat, category_seat
    if offer:
        registration.status = RegistrationStatus.OFFERED
        registration.offer_expires_at = now + dt.timedelta(hours=locked.conference.offer_hours)
    else:
        registration.status = RegistrationStatus.CONFIRMED
        registration.offer_expires_at = None
        registration.confirmed_at = now


def fill_free_places(locked: Locked, *, actor, now: dt.datetime | None = None) -> list[int]:
    """Promote waiting people, first come first served, while places are free.

    A person waits for a place in their own category: when that category is full the
    next person in line whose category has room goes first. Returns the promoted ids.
    """
    now = now or timezone.now()
    conference = locked.conference
    waiting = list(
        Registration.objects.filter(conference=conference, status=RegistrationStatus.WAITLISTED)
        .select_related("person")
        .order_by("waitlisted_at", "id")
    )
    if not waiting:
        return []
    seating = read_seating(conference)
    offer = conference.promotion_mode == PromotionMode.OFFER
    promoted: list[int] = []
    for registration in waiting:
        if len(seating.conference_seats) >= conference.capacity:
            break
        category = locked.categories[registration.category_id]
        place = seating.place_for(conference, category)
        if place is None:
            continue
        registration.conference, registration.category = conference, category
        give_place(registration, locked=locked, seating=seating, place=place, offer=offer, now=now)
        registration.save(
            update_fields=[
                "status",
                "seat",
                "category_seat",
                "offer_expires_at",
                "confirmed_at",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="conference.registration.offered"
            if offer
            else "conference.registration.promoted",
            subject=registration,
            person_id=registration.person_id,
            association_id=conference.primary_organiser_id,
            summary=f"{conference.slug}: {registration.status} (from the waiting list)",
        )
        notifications.notify_promoted(registration)
        promoted.append(registration.pk)
    return promoted


def expire_due_offers(locked: Locked, *, now: dt.datetime) -> list[int]:
    """Offers whose time ran out lose their place (the caller then fills it)."""
    conference = locked.conference
    due = list(
        Registration.objects.filter(
            conference=conference,
            status=RegistrationStatus.OFFERED,
            offer_expires_at__lte=now,
        ).select_related("person", "category")
    )
    for registration in due:
        registration.conference = conference
        registration.status = RegistrationStatus.EXPIRED
        registration.seat = registration.category_seat = None
        registration.cancelled_at = now
        registration.save(
            update_fields=["status", "seat", "category_seat", "cancelled_at", "updated_at"]
        )
        audit_record(
            actor=None,
            action="conference.registration.offer_expired",
            subject=registration,
            person_id=registration.person_id,
            association_id=conference.primary_organiser_id,
            summary=f"{conference.slug}: the offered place was not accepted in time",
        )
        notifications.notify_offer_expired(registration)
    return [r.pk for r in due]
