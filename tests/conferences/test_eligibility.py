"""Who may choose a category, and the windows, at their boundaries (venue time)."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conferences import services
from conferences.eligibility import category_refusals, eligibility_refusals, person_facts
from conferences.models import Registration
from tests.factories import MembershipFactory, PersonFactory
from tests.factories.conferences import ConferenceFactory, RegistrationCategoryFactory

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def refusals(category, person):
    return eligibility_refusals(category, person_facts(person))


@pytest.fixture
def member_category(conference):
    return RegistrationCategoryFactory(conference=conference, membership_rule="organiser")


def test_active_member_of_an_organiser_is_eligible(association, member_category):
    person = PersonFactory()
    MembershipFactory(person=person, association=association)

    assert refusals(member_category, person) == []


def test_member_in_grace_period_is_still_eligible(association, member_category, settings):
    settings.MEMBERSHIP_GRACE_DAYS = 90
    person = PersonFactory()
    today = timezone.localdate()
    MembershipFactory(
        person=person, association=association, expires_on=today - dt.timedelta(days=90)
    )

    assert refusals(member_category, person) == []


def test_member_past_grace_is_not_eligible(association, member_category, settings):
    settings.MEMBERSHIP_GRACE_DAYS = 90
    person = PersonFactory()
    today = timezone.localdate()
    MembershipFactory(
        person=person, association=association, expires_on=today - dt.timedelta(days=91)
    )

    assert refusals(member_category, person) == [
        "Only for current members of an organising association."
    ]


def test_resigned_member_is_not_eligible(association, member_category):
    person = PersonFactory()
    MembershipFactory(person=person, association=association, resigned_on=timezone.localdate())

    assert refusals(member_category, person) == [
        "Only for current members of an organising association."
    ]


def test_member_of_another_association_fits_any_association_only(
    conference, other_association, member_category
):
    person = PersonFactory()
    MembershipFactory(person=person, association=other_association)
    any_member = RegistrationCategoryFactory(conference=conference, membership_rule="any")

    assert refusals(member_category, person) == [
        "Only for current members of an organising association."
    ]
    assert refusals(any_member, person) == []


def test_students_by_career_stage_or_student_membership(conference, association):
    students = RegistrationCategoryFactory(conference=conference, students_only=True)
    by_stage = PersonFactory(career_stage="student")
    by_membership = PersonFactory(career_stage="")
    MembershipFactory(person=by_membership, association=association, type="student")
    senior = PersonFactory(career_stage="senior")

    assert refusals(students, by_stage) == []
    assert refusals(students, by_membership) == []
    assert refusals(students, senior) == ["Only for students."]


def test_career_stage_limits(conference):
    early = RegistrationCategoryFactory(
        conference=conference, career_stages=["postdoc", "early_career"]
    )

    assert refusals(early, PersonFactory(career_stage="postdoc")) == []
    assert refusals(early, PersonFactory(career_stage="senior")) == [
        "Only for these career stages: Postdoctoral researcher, Early-career."
    ]


@pytest.mark.parametrize(
    ("age", "expected"),
    [(39, []), (40, ["Only up to age 39."]), (18, []), (17, ["Only from age 18."])],
)
def test_age_limits_at_their_boundaries(conference, age, expected):
    young = RegistrationCategoryFactory(conference=conference, min_age=18, max_age=39)
    person = PersonFactory(birth_year=conference.starts_on.year - age)

    assert refusals(young, person) == expected


def test_age_limit_without_birth_year_asks_for_it(conference):
    young = RegistrationCategoryFactory(conference=conference, max_age=39)

    assert refusals(young, PersonFactory(birth_year=None)) == [
        "Has an age limit: add your birth year to your profile."
    ]


def test_early_bird_sale_ends_at_midnight_venue_time(conference):
    end = dt.datetime(2026, 7, 1, 0, 0, tzinfo=NEW_YORK)  # 04:00 UTC
    conference.registration_opens_at = end - dt.timedelta(days=60)
    conference.registration_closes_at = end + dt.timedelta(days=30)
    early = RegistrationCategoryFactory(conference=conference, sales_end=end)
    early.conference = conference
    facts = person_facts(PersonFactory())

    just_before = category_refusals(early, facts, now=end - dt.timedelta(seconds=1))
    at_end = category_refusals(early, facts, now=end)

    assert just_before == []
    assert at_end == ["Sales ended at July 1, 2026, midnight (America/New_York)."]


def test_sale_not_started_says_when_in_venue_time(conference):
    start = dt.datetime(2026, 3, 1, 9, 0, tzinfo=NEW_YORK)
    conference.registration_opens_at = start - dt.timedelta(days=30)
    late = RegistrationCategoryFactory(conference=conference, sales_start=start)
    late.conference = conference

    result = category_refusals(late, person_facts(PersonFactory()), now=start - dt.timedelta(1))

    assert result == ["On sale from March 1, 2026, 9 a.m. (America/New_York)."]


def test_registration_window_closes_exactly_at_its_deadline(association):
    closes = dt.datetime(2026, 6, 30, 23, 59, tzinfo=NEW_YORK)
    conference = ConferenceFactory(
        organisers=[association],
        registration_opens_at=closes - dt.timedelta(days=60),
        registration_closes_at=closes,
    )
    category = RegistrationCategoryFactory(conference=conference)

    before = services.registration_create(
        conference=conference,
        person=PersonFactory(),
        category=category,
        actor=None,
        now=closes - dt.timedelta(microseconds=1),
    )
    with pytest.raises(ValidationError) as error:
        services.registration_create(
            conference=conference, person=PersonFactory(), category=category, actor=None, now=closes
        )

    assert before.status == "confirmed"
    assert error.value.code == "closed"
    assert Registration.objects.count() == 1


def test_registration_before_it_opens_is_refused(association):
    opens = timezone.now() + dt.timedelta(days=1)
    conference = ConferenceFactory(
        organisers=[association],
        registration_opens_at=opens,
        registration_closes_at=opens + dt.timedelta(days=30),
    )
    category = RegistrationCategoryFactory(conference=conference)

    with pytest.raises(ValidationError) as error:
        services.registration_create(
            conference=conference, person=PersonFactory(), category=category, actor=None
        )

    assert error.value.messages == ["Registration has not opened yet."]


def test_registration_in_a_category_one_is_not_eligible_for_is_refused(conference, member_category):
    with pytest.raises(ValidationError) as error:
        services.registration_create(
            conference=conference, person=PersonFactory(), category=member_category, actor=None
        )

    assert error.value.messages == ["Only for current members of an organising association."]


def test_registration_in_a_draft_conference_is_refused(association):
    conference = ConferenceFactory(organisers=[association], status="draft")
    category = RegistrationCategoryFactory(conference=conference)

    with pytest.raises(ValidationError) as error:
        services.registration_create(
            conference=conference, person=PersonFactory(), category=category, actor=None
        )

    assert error.value.messages == ["Registration for this conference is not open."]
