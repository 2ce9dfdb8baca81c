import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kofst.common.models import AuditEntry
from members.enums import MembershipStatus
from members.models import DuesPayment, Membership, Person
from members.services.dues import dues_record
from members.services.memberships import (
    membership_create,
    membership_move_chapter,
    membership_renew,
    membership_resign,
    membership_update,
    memberships_bulk_move_chapter,
    memberships_bulk_renew,
    memberships_bulk_resign,
    next_member_number,
    person_enrol,
)
from members.services.people import person_create, person_update
from tests.factories import AssociationFactory, ChapterFactory, MembershipFactory, PersonFactory
from tests.factories.roster import make_member

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 15)


# --- status derivation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_after_expiry", "expected"),
    [
        (-1, MembershipStatus.ACTIVE),
        (0, MembershipStatus.ACTIVE),  # the expiry day itself
        (1, MembershipStatus.GRACE),  # the day after
        (90, MembershipStatus.GRACE),  # the last day of grace
        (91, MembershipStatus.EXPIRED),  # the next day
    ],
)
def test_membership_status_across_expiry_boundaries(
    association, settings, days_after_expiry, expected
):
    settings.MEMBERSHIP_GRACE_DAYS = 90
    membership = MembershipFactory(
        association=association,
        joined_on=TODAY - dt.timedelta(days=1000),
        expires_on=TODAY - dt.timedelta(days=days_after_expiry),
    )

    in_python = membership.status_on(TODAY)
    in_sql = Membership.objects.with_status(TODAY).get(pk=membership.pk).status_value
    filtered = list(
        Membership.objects.with_status_in([expected], TODAY).values_list("pk", flat=True)
    )

    assert (in_python, in_sql, filtered) == (expected, expected.value, [membership.pk])


@pytest.mark.parametrize(
    ("resigned_days_ago", "expected"),
    [
        (0, MembershipStatus.RESIGNED),
        (10, MembershipStatus.RESIGNED),
        (-5, MembershipStatus.ACTIVE),
    ],
)
def test_membership_status_resigned_from_the_resignation_day(
    association, resigned_days_ago, expected
):
    membership = MembershipFactory(
        association=association,
        joined_on=TODAY - dt.timedelta(days=100),
        expires_on=TODAY + dt.timedelta(days=100),
        resigned_on=TODAY - dt.timedelta(days=resigned_days_ago),
    )

    filtered = list(
        Membership.objects.with_status_in([expected], TODAY).values_list("pk", flat=True)
    )

    assert (membership.status_on(TODAY), filtered) == (expected, [membership.pk])


def test_membership_status_without_expiry_is_active(association):
    membership = MembershipFactory(association=association, expires_on=None, type="life")

    assert membership.status_on(TODAY + dt.timedelta(days=10000)) == MembershipStatus.ACTIVE


# --- people ------------------------------------------------------------------------------


def test_person_create_fills_search_fields_and_history(association, hq_user):
    person = person_create(
        actor=hq_user,
        association_id=association.pk,
        family_name_ko="이",
        given_name_ko="서연",
        family_name_latin="Lee",
        given_name_latin="Seo-yeon",
        email="  Seoyeon.Lee@Example.org ",
    )

    entry = AuditEntry.objects.get(person_id=person.pk)
    assert person.email == "Seoyeon.Lee@Example.org"
    assert "seo-yeon lee" in person.search_text
    assert "서연#" in person.search_grams
    assert (entry.action, entry.actor, entry.association_id) == (
        "person.create",
        hq_user,
        association.pk,
    )
    assert entry.changes["family_name_ko"] == [None, "이"]


def test_person_create_duplicate_email_ignoring_case_is_refused(hq_user):
    PersonFactory(email="someone@example.org")

    with pytest.raises(ValidationError) as caught:
        person_create(actor=hq_user, family_name_latin="Other", email="SomeOne@Example.ORG")

    assert caught.value.message_dict["email"] == [
        "Another person already has the email address SomeOne@Example.ORG."
    ]
    assert Person.objects.count() == 1


def test_person_create_without_any_name_is_refused(hq_user):
    with pytest.raises(ValidationError) as caught:
        person_create(actor=hq_user, email="noname@example.org")

    assert caught.value.message_dict["__all__"] == [
        "Enter the person's name in Hangul or in Latin letters."
    ]


def test_person_update_records_diff_with_actor(member, association_staff):
    person = person_update(
        person=member.person,
        actor=association_staff,
        affiliation="KAIST",
        email="cheolsu@kaist.example",
    )

    entry = AuditEntry.objects.get(action="person.update")
    assert entry.actor == association_staff
    assert entry.changes == {
        "email": ["cheolsu.kim@example.org", "cheolsu@kaist.example"],
        "affiliation": ["Georgia Institute of Technology", "KAIST"],
    }
    assert "kaist" in Person.objects.get(pk=person.pk).search_text
    assert "georgia" not in Person.objects.get(pk=person.pk).search_text


def test_person_update_without_change_writes_no_history(member, hq_user):
    person_update(person=member.person, actor=hq_user, affiliation=member.person.affiliation)

    assert not AuditEntry.objects.filter(action="person.update").exists()


def test_person_update_to_taken_email_is_refused(member, foreign_member, hq_user):
    with pytest.raises(ValidationError) as caught:
        person_update(person=member.person, actor=hq_user, email="YOUNGHEE.PARK@example.de")

    assert "already has the email address" in caught.value.message_dict["email"][0]
    assert Person.objects.get(pk=member.person_id).email == "cheolsu.kim@example.org"


# --- memberships -------------------------------------------------------------------------


def test_membership_create_generates_next_number_with_prefix(hq_user):
    association = AssociationFactory(member_number_prefix="KSEA-")
    MembershipFactory(association=association, member_number="KSEA-000099")
    MembershipFactory(association=association, member_number="KSEA-000100")
    MembershipFactory(association=association, member_number="OLD-7")
    person = PersonFactory()

    membership = membership_create(
        person=person, association=association, actor=hq_user, joined_on=TODAY
    )

    assert membership.member_number == "KSEA-000101"
    assert "ksea-000101" in Person.objects.get(pk=person.pk).search_text


def test_next_member_number_for_an_empty_association():
    association = AssociationFactory(member_number_prefix="VK")

    assert next_member_number(association) == "VK000001"


def test_membership_create_taken_number_is_refused_with_its_holder(member, hq_user):
    person = PersonFactory()

    with pytest.raises(ValidationError) as caught:
        membership_create(
            person=person,
            association=member.association,
            actor=hq_user,
            joined_on=TODAY,
            member_number="KSEA-000101",
        )

    assert caught.value.message_dict["member_number"] == [
        "Member number KSEA-000101 is already used by Cheol-su Kim (김철수) in this association."
    ]


def test_membership_create_same_number_in_another_association_is_fine(
    member, other_association, hq_user
):
    membership = membership_create(
        person=PersonFactory(),
        association=other_association,
        actor=hq_user,
        joined_on=TODAY,
        member_number="KSEA-000101",
    )

    assert membership.member_number == "KSEA-000101"


def test_membership_create_expiry_before_joining_is_refused(association, hq_user):
    with pytest.raises(ValidationError) as caught:
        membership_create(
            person=PersonFactory(),
            association=association,
            actor=hq_user,
            joined_on=TODAY,
            expires_on=TODAY - dt.timedelta(days=1),
        )

    assert caught.value.message_dict["expires_on"] == [
        "The expiry date cannot be before the date of joining."
    ]
    assert not Membership.objects.exists()


def test_membership_create_second_membership_in_same_association_is_refused(member, hq_user):
    with pytest.raises(ValidationError) as caught:
        membership_create(
            person=member.person, association=member.association, actor=hq_user, joined_on=TODAY
        )

    assert "is already a member of KSEA" in caught.value.message_dict["__all__"][0]


def test_membership_create_chapter_of_another_association_is_refused(
    association, other_chapter, hq_user
):
    with pytest.raises(ValidationError) as caught:
        membership_create(
            person=PersonFactory(),
            association=association,
            actor=hq_user,
            joined_on=TODAY,
            chapter=other_chapter,
        )

    assert caught.value.message_dict["chapter"] == ["This chapter belongs to another association."]


def test_person_enrol_creates_both_or_neither(association, hq_user):
    PersonFactory(email="taken@example.org")

    with pytest.raises(ValidationError) as caught:
        person_enrol(
            actor=hq_user,
            association=association,
            person_values={"family_name_latin": "Han", "email": "TAKEN@example.org"},
            joined_on=TODAY,
            expires_on=TODAY - dt.timedelta(days=3),
        )

    errors = caught.value.message_dict
    assert set(errors) == {"email", "expires_on"}
    assert Person.objects.count() == 1
    assert not AuditEntry.objects.exists()


def test_person_enrol_membership_error_rolls_back_the_person(member, hq_user):
    with pytest.raises(ValidationError):
        person_enrol(
            actor=hq_user,
            association=member.association,
            person_values={"family_name_latin": "Han", "email": "han@example.org"},
            joined_on=TODAY,
            member_number=member.member_number,
        )

    assert not Person.objects.filter(email="han@example.org").exists()


def test_membership_update_writes_diff_and_refreshes_search(member, chapter, association_staff):
    membership_update(
        membership=member, actor=association_staff, member_number="KSEA-9", chapter=chapter
    )

    entry = AuditEntry.objects.get(action="membership.update")
    assert entry.changes == {
        "member_number": ["KSEA-000101", "KSEA-9"],
        "chapter": [None, "Washington DC"],
    }
    assert (entry.person_id, entry.association_id) == (member.person_id, member.association_id)
    search_text = Person.objects.get(pk=member.person_id).search_text
    assert "ksea-9" in search_text
    assert "ksea-000101" not in search_text


def test_membership_renew_by_years_extends_from_current_expiry(member, association_staff):
    member.expires_on = TODAY + dt.timedelta(days=10)
    member.save()

    renewed = membership_renew(membership=member, actor=association_staff, years=2, today=TODAY)

    assert renewed.expires_on == dt.date(2028, 6, 25)
    entry = AuditEntry.objects.get(action="membership.renew")
    assert (entry.actor, entry.changes) == (
        association_staff,
        {"expires_on": ["2026-06-25", "2028-06-25"]},
    )


def test_membership_renew_in_grace_keeps_paid_time(member, hq_user, settings):
    settings.MEMBERSHIP_GRACE_DAYS = 90
    member.expires_on = TODAY - dt.timedelta(days=30)
    member.save()

    renewed = membership_renew(membership=member, actor=hq_user, years=1, today=TODAY)

    assert renewed.expires_on == dt.date(2027, 5, 16)


def test_membership_renew_lapsed_starts_from_today(member, hq_user, settings):
    settings.MEMBERSHIP_GRACE_DAYS = 90
    member.joined_on = dt.date(2020, 1, 1)
    member.expires_on = dt.date(2024, 2, 29)
    member.save()

    renewed = membership_renew(membership=member, actor=hq_user, years=1, today=TODAY)

    assert renewed.expires_on == dt.date(2027, 6, 15)


def test_membership_renew_until_not_later_is_refused(member, hq_user):
    with pytest.raises(ValidationError) as caught:
        membership_renew(membership=member, actor=hq_user, until=member.expires_on)

    assert "must be later than the current one" in caught.value.message_dict["until"][0]


def test_membership_renew_resigned_is_refused(member, hq_user):
    membership_resign(membership=member, on=timezone.localdate(), actor=hq_user)

    with pytest.raises(ValidationError) as caught:
        membership_renew(membership=member, actor=hq_user, years=1)

    assert "cannot be renewed" in caught.value.messages[0]


def test_membership_renew_life_membership_is_refused(association, hq_user):
    life = MembershipFactory(association=association, type="life", expires_on=None)

    with pytest.raises(ValidationError) as caught:
        membership_renew(membership=life, actor=hq_user, years=1)

    assert "does not expire" in caught.value.messages[0]


def test_membership_resign_sets_date_and_history(member, association_admin):
    resigned = membership_resign(membership=member, on=TODAY, actor=association_admin)

    assert Membership.objects.get(pk=resigned.pk).resigned_on == TODAY
    entry = AuditEntry.objects.get(action="membership.resign")
    assert (entry.actor, entry.changes) == (
        association_admin,
        {"resigned_on": [None, "2026-06-15"]},
    )


def test_membership_resign_twice_is_refused(member, hq_user):
    membership_resign(membership=member, on=TODAY, actor=hq_user)

    with pytest.raises(ValidationError) as caught:
        membership_resign(membership=member, on=TODAY, actor=hq_user)

    assert "was already resigned on" in caught.value.messages[0]


def test_membership_resign_before_joining_is_refused(member, hq_user):
    with pytest.raises(ValidationError) as caught:
        membership_resign(
            membership=member, on=member.joined_on - dt.timedelta(days=1), actor=hq_user
        )

    assert caught.value.message_dict["on"] == [
        "The resignation date cannot be before the date of joining."
    ]


def test_membership_move_chapter_to_other_association_chapter_is_refused(
    member, other_chapter, hq_user
):
    with pytest.raises(ValidationError) as caught:
        membership_move_chapter(membership=member, chapter=other_chapter, actor=hq_user)

    assert caught.value.message_dict["chapter"] == ["Berlin is not a chapter of KSEA."]


# --- bulk ---------------------------------------------------------------------------------


def test_bulk_renew_renews_every_selected(association, hq_user):
    members = [make_member(association) for _ in range(3)]
    before = {m.pk: m.expires_on for m in members}

    count = memberships_bulk_renew(memberships=members, actor=hq_user, years=1)

    after = dict(Membership.objects.values_list("pk", "expires_on"))
    assert count == 3
    assert all(after[pk] > before[pk] for pk in before)
    assert AuditEntry.objects.filter(action="membership.renew").count() == 3


def test_bulk_renew_with_one_failure_changes_nothing(association, hq_user):
    fine = make_member(association)
    life = make_member(association, membership={"type": "life", "expires_on": None})
    before = fine.expires_on

    with pytest.raises(ValidationError) as caught:
        memberships_bulk_renew(memberships=[fine, life], actor=hq_user, years=1)

    assert Membership.objects.get(pk=fine.pk).expires_on == before
    assert not AuditEntry.objects.filter(action="membership.renew").exists()
    assert caught.value.messages == [
        f"KSEA #{life.member_number} ({life.person.display_name}): "
        f"KSEA #{life.member_number} does not expire; there is nothing to renew."
    ]


def test_bulk_move_chapter_and_resign(association, chapter, hq_user):
    members = [make_member(association) for _ in range(2)]

    memberships_bulk_move_chapter(memberships=members, chapter=chapter, actor=hq_user)
    memberships_bulk_resign(memberships=members, on=TODAY, actor=hq_user)

    assert list(Membership.objects.values_list("chapter_id", "resigned_on").distinct()) == [
        (chapter.pk, TODAY)
    ]


# --- dues ---------------------------------------------------------------------------------


def _dues(member, actor, **overrides):
    values = {
        "membership": member,
        "actor": actor,
        "period_start": dt.date(2026, 1, 1),
        "period_end": dt.date(2026, 12, 31),
        "amount": Decimal("120.00"),
        "paid_on": dt.date(2026, 1, 5),
        "currency": "usd",
        "method": "bank_transfer",
        "reference": "TX-1",
    }
    values.update(overrides)
    return dues_record(**values)


def test_dues_record_saves_payment_and_history(member, association_staff):
    payment = _dues(member, association_staff)

    assert (payment.amount, payment.currency, payment.recorded_by) == (
        Decimal("120.00"),
        "USD",
        association_staff,
    )
    entry = AuditEntry.objects.get(action="dues.record")
    assert entry.changes["amount"] == [None, "120.00 USD"]
    assert (entry.person_id, entry.association_id) == (member.person_id, member.association_id)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"amount": Decimal("-1")}, "amount", "The amount cannot be negative."),
        (
            {"period_end": dt.date(2025, 12, 31)},
            "period_end",
            "The period cannot end before it starts.",
        ),
        (
            {"currency": "dollars"},
            "currency",
            "Enter a three-letter currency code such as USD, EUR or KRW.",
        ),
    ],
)
def test_dues_record_bad_input_is_refused(member, hq_user, overrides, field, message):
    with pytest.raises(ValidationError) as caught:
        _dues(member, hq_user, **overrides)

    assert message in caught.value.message_dict[field]
    assert not DuesPayment.objects.exists()


def test_dues_record_can_extend_the_membership(member, hq_user):
    member.expires_on = dt.date(2026, 3, 1)
    member.save()

    _dues(member, hq_user, extend_membership=True)

    assert Membership.objects.get(pk=member.pk).expires_on == dt.date(2026, 12, 31)
    assert AuditEntry.objects.filter(action="membership.renew").count() == 1


def test_membership_create_with_a_chapter_of_its_association(hq_user):
    chapter = ChapterFactory()

    membership = membership_create(
        person=PersonFactory(),
        association=chapter.association,
        actor=hq_user,
        joined_on=TODAY,
        chapter=chapter,
    )

    assert membership.chapter == chapter
