"""Who may choose a registration category, and why not.

Membership counts when it is current (active or in its grace period), as read through
``Membership.objects.with_status_in``. Ages are the age reached in the conference's year,
from the person's birth year (the only date of birth we keep).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from conferences.enums import MembershipRule
from conferences.models import Conference, RegistrationCategory
from members.enums import CareerStage, MembershipStatus, MembershipType
from members.models import Membership, Person

CURRENT = [MembershipStatus.ACTIVE.value, MembershipStatus.GRACE.value]


@dataclass(frozen=True)
class PersonFacts:
    """What eligibility needs to know about a person, read once."""

    person: Person
    current_association_ids: frozenset[int]
    has_student_membership: bool

    @property
    def is_student(self) -> bool:
        return self.person.career_stage == CareerStage.STUDENT or self.has_student_membership


def person_facts(person: Person, *, today: dt.date | None = None) -> PersonFacts:
    rows = list(
        Membership.objects.filter(person=person)
        .with_status_in(CURRENT, today=today)
        .values_list("association_id", "type")
    )
    return PersonFacts(
        person=person,
        current_association_ids=frozenset(a for a, _t in rows),
        has_student_membership=any(t == MembershipType.STUDENT for _a, t in rows),
    )


def _when(value: dt.datetime, conference: Conference) -> str:
    local = timezone.localtime(value, conference.tz)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({conference.timezone})"


def sale_refusal(category: RegistrationCategory, *, now: dt.datetime) -> str | None:
    """Why the category cannot be bought at ``now`` (None when it can)."""
    conference = category.conference
    start, end = category.sale_window()
    if now < start:
        return _("On sale from %(when)s.") % {"when": _when(start, conference)}
    if now >= end:
        return _("Sales ended at %(when)s.") % {"when": _when(end, conference)}
    return None


def eligibility_refusals(category: RegistrationCategory, facts: PersonFacts) -> list[str]:
    """Every reason the person may not choose the category (empty: eligible)."""
    conference = category.conference
    reasons: list[str] = []
    if category.membership_rule == MembershipRule.ORGANISER:
        if not facts.current_association_ids & conference.organiser_ids:
            reasons.append(_("Only for current members of an organising association."))
    elif (
        category.membership_rule == MembershipRule.ANY_ASSOCIATION
        and not facts.current_association_ids
    ):
        reasons.append(_("Only for current members of an association."))
    if category.students_only and not facts.is_student:
        reasons.append(_("Only for students."))
    if category.career_stages and facts.person.career_stage not in category.career_stages:
        reasons.append(
            _("Only for these career stages: %(stages)s.")
            % {"stages": ", ".join(category.career_stage_labels)}
        )
    if category.min_age is not None or category.max_age is not None:
        birth_year = facts.person.birth_year
        if birth_year is None:
            reasons.append(_("Has an age limit: add your birth year to your profile."))
        else:
            age = conference.starts_on.year - birth_year
            if category.min_age is not None and age < category.min_age:
                reasons.append(_("Only from age %(age)s.") % {"age": category.min_age})
            if category.max_age is not None and age > category.max_age:
                reasons.append(_("Only up to age %(age)s.") % {"age": category.max_age})
    return reasons


def category_refusals(
    category: RegistrationCategory, facts: PersonFacts, *, now: dt.datetime
) -> list[str]:
    """Eligibility and sale window together: what a registrant is told."""
    reasons = eligibility_refusals(category, facts)
    sale = sale_refusal(category, now=now)
    if sale:
        reasons.append(sale)
    return reasons
