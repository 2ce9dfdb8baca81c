"""Merging two records of one person: nothing is lost, everything is recorded."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from associations.models import CommitteeMember
from awards.models import Candidate, Nomination
from kofst.common.models import AuditEntry
from members.models import DuesPayment, JoinApplication, Membership, NotDuplicate, Person
from members.services.merge import merge_preview, person_merge
from tests.factories import (
    AssociationFactory,
    AwardCycleFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from tests.factories.associations import CommitteeFactory
from tests.factories.roster import DuesPaymentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def keep(association):
    person = PersonFactory(
        family_name_latin="Lee",
        given_name_latin="Ji-eun",
        family_name_ko="이",
        given_name_ko="지은",
        email="jieun.lee@example.org",
        affiliation="",
        phone="",
    )
    MembershipFactory(person=person, association=association, member_number="KSEA-1")
    return person


@pytest.fixture
def drop(other_association):
    person = PersonFactory(
        family_name_latin="Rhee",
        given_name_latin="Jieun",
        family_name_ko="이",
        given_name_ko="지은",
        email="j.rhee@example.de",
        affiliation="TU Berlin",
        phone="+49 30 1234",
    )
    MembershipFactory(person=person, association=other_association, member_number="VK-9")
    return person


def test_merge_keeps_every_membership_payment_application_and_seat(
    keep, drop, association, other_association, hq_user
):
    third = AssociationFactory(code="cksea")
    DuesPaymentFactory(membership=drop.memberships.get())
    DuesPaymentFactory(membership=keep.memberships.get())
    application = JoinApplication.objects.create(person=drop, association=third)
    committee = CommitteeFactory(association=other_association)
    seat = CommitteeMember.objects.create(committee=committee, person=drop, role="chair")

    kept = person_merge(keep=keep, drop=drop, take_from_drop=[], actor=hq_user)

    assert sorted(kept.memberships.values_list("member_number", flat=True)) == ["KSEA-1", "VK-9"]
    assert DuesPayment.objects.filter(membership__person=kept).count() == 2
    application.refresh_from_db()
    seat.refresh_from_db()
    assert (application.person_id, seat.person_id) == (kept.pk, kept.pk)
    drop.refresh_from_db()
    assert drop.merged_into_id == kept.pk
    assert drop.email is None
    assert Membership.objects.filter(person=drop).count() == 0


def test_merge_moves_award_candidacies_and_nominations_generically(keep, drop, hq_user):
    cycle = AwardCycleFactory()
    nominator = PersonFactory(family_name_ko="", given_name_ko="")
    candidate_keep = Candidate.objects.create(cycle=cycle, person=keep)
    candidate_drop = Candidate.objects.create(cycle=cycle, person=drop)
    nomination = Nomination.objects.create(
        cycle=cycle, nominator=nominator, nominee=drop, candidate=candidate_drop
    )
    nomination.cosigners.add(keep, drop)

    person_merge(keep=keep, drop=drop, take_from_drop=[], actor=hq_user)

    nomination.refresh_from_db()
    assert nomination.nominee_id == keep.pk
    assert nomination.candidate_id == candidate_keep.pk
    assert list(Candidate.objects.filter(cycle=cycle).values_list("pk", flat=True)) == [
        candidate_keep.pk
    ]
    assert list(nomination.cosigners.values_list("pk", flat=True)) == [keep.pk]


def test_merge_in_the_same_association_combines_memberships_and_keeps_dues(association, hq_user):
    today = timezone.localdate()
    keep = PersonFactory(family_name_ko="", given_name_ko="")
    drop = PersonFactory(family_name_ko="", given_name_ko="")
    kept_membership = MembershipFactory(
        person=keep,
        association=association,
        member_number="KSEA-10",
        joined_on=today - dt.timedelta(days=100),
        expires_on=today + dt.timedelta(days=30),
    )
    gone_membership = MembershipFactory(
        person=drop,
        association=association,
        member_number="KSEA-20",
        joined_on=today - dt.timedelta(days=3000),
        expires_on=today + dt.timedelta(days=300),
    )
    DuesPaymentFactory(membership=kept_membership)
    DuesPaymentFactory(membership=gone_membership, reference="old payment")

    person_merge(keep=keep, drop=drop, take_from_drop=[], actor=hq_user)

    [membership] = Membership.objects.filter(person=keep)
    assert membership.pk == kept_membership.pk
    assert membership.joined_on == today - dt.timedelta(days=3000)
    assert membership.expires_on == today + dt.timedelta(days=300)
    assert sorted(membership.payments.values_list("reference", flat=True)) == ["", "old payment"]
    combine = AuditEntry.objects.get(action="membership.combine")
    assert combine.association_id == association.pk
    assert combine.changes["merged_member_number"] == ["KSEA-20", None]


def test_merge_takes_the_picked_values_and_the_login(keep, drop, hq_user):
    account = UserFactory(email="j.rhee@example.de")
    drop.user = account
    drop.save()

    kept = person_merge(
        keep=keep, drop=drop, take_from_drop=["email", "affiliation", "user"], actor=hq_user
    )

    kept.refresh_from_db()
    assert (kept.email, kept.affiliation, kept.user_id) == (
        "j.rhee@example.de",
        "TU Berlin",
        account.pk,
    )
    assert kept.phone == ""  # not picked: the kept record's value stays
    assert "vk-9" in kept.search_text and "tu berlin" in kept.search_text


def test_merge_records_history_on_both_records(keep, drop, hq_user):
    person_merge(keep=keep, drop=drop, take_from_drop=[], actor=hq_user)

    on_keep = AuditEntry.objects.get(person_id=keep.pk, action="person.merge")
    on_drop = AuditEntry.objects.get(person_id=drop.pk, action="person.merged_into")
    assert on_keep.actor == hq_user and on_drop.actor == hq_user
    assert on_keep.changes["merged_record"] == drop.pk
    assert on_drop.changes["email"] == ["j.rhee@example.de", None]


def test_merge_carries_not_duplicate_marks_over(keep, drop, hq_user):
    stranger = PersonFactory()
    low, high = sorted((drop.pk, stranger.pk))
    NotDuplicate.objects.create(person_low_id=low, person_high_id=high)

    person_merge(keep=keep, drop=drop, take_from_drop=[], actor=hq_user)

    low, high = sorted((keep.pk, stranger.pk))
    assert list(NotDuplicate.objects.values_list("person_low_id", "person_high_id")) == [
        (low, high)
    ]


def test_merge_with_itself_is_refused(keep, hq_user):
    with pytest.raises(ValidationError, match="cannot be merged with itself"):
        person_merge(keep=keep, drop=keep, take_from_drop=[], actor=hq_user)


def test_merge_with_an_already_merged_record_is_refused(keep, drop, hq_user):
    third = PersonFactory()
    person_merge(keep=keep, drop=drop, take_from_drop=[], actor=hq_user)
    drop.refresh_from_db()

    with pytest.raises(ValidationError, match="already merged into record"):
        person_merge(keep=third, drop=drop, take_from_drop=[], actor=hq_user)
    assert Person.objects.get(pk=drop.pk).merged_into_id == keep.pk


def test_merge_with_an_erased_record_is_refused(keep, drop, hq_user):
    drop.erased_at = timezone.now()
    drop.save()

    with pytest.raises(ValidationError, match="erased"):
        person_merge(keep=keep, drop=drop, take_from_drop=[], actor=hq_user)
    assert Membership.objects.filter(person=drop).count() == 1


def test_merge_preview_lists_differences_moves_and_combinations(keep, drop, association):
    MembershipFactory(person=drop, association=association, member_number="KSEA-2")

    preview = merge_preview(keep=keep, drop=drop)

    differing = {
        f.name: (f.keep_value, f.drop_value, f.default) for f in preview.fields if f.differs
    }
    assert differing["affiliation"] == ("", "TU Berlin", "drop")
    assert differing["email"] == ("jieun.lee@example.org", "j.rhee@example.de", "keep")
    assert ("memberships", 2) in preview.moves
    assert len(preview.clashes) == 1 and preview.problems == []


def test_merge_preview_of_one_record_says_why_not(keep):
    assert merge_preview(keep=keep, drop=keep).problems == [
        "A record cannot be merged with itself."
    ]


# --- through the pages ------------------------------------------------------------------


def test_compare_page_shows_both_records_side_by_side(client, keep, drop, association_staff):
    client.force_login(association_staff)

    response = client.get(reverse("members:duplicate_compare", args=[keep.pk, drop.pk]))

    content = response.content.decode()
    assert response.context["preview"].problems == []
    assert "TU Berlin" in content and "jieun.lee@example.org" in content
    assert 'name="pick_affiliation"' in content


def test_merge_page_merges_with_the_picked_values(client, keep, drop, association_staff):
    client.force_login(association_staff)
    url = reverse("members:duplicate_merge", args=[keep.pk, drop.pk])

    response = client.post(
        url,
        {
            "keep": keep.pk,
            "pick_email": "keep",
            "pick_affiliation": "drop",
            "pick_phone": "drop",
            "pick_family_name_latin": "keep",
            "pick_given_name_latin": "keep",
        },
    )

    assert response.status_code == 302
    keep.refresh_from_db()
    assert (keep.affiliation, keep.phone, keep.email) == (
        "TU Berlin",
        "+49 30 1234",
        "jieun.lee@example.org",
    )
    assert Person.objects.get(pk=drop.pk).merged_into_id == keep.pk


def test_merge_page_with_the_same_record_twice_shows_the_refusal(client, keep, hq_user):
    client.force_login(hq_user)

    response = client.post(
        reverse("members:duplicate_merge", args=[keep.pk, keep.pk]), {"keep": keep.pk}
    )

    assert response.status_code == 400
    assert "cannot be merged with itself" in response.content.decode()


def test_merge_page_with_a_merged_record_shows_the_refusal(client, keep, drop, hq_user):
    third = PersonFactory(family_name_ko="", given_name_ko="")
    person_merge(keep=keep, drop=drop, take_from_drop=[], actor=hq_user)
    client.force_login(hq_user)

    response = client.post(
        reverse("members:duplicate_merge", args=[third.pk, drop.pk]), {"keep": third.pk}
    )

    assert response.status_code == 400
    assert "already merged into record" in response.content.decode()
