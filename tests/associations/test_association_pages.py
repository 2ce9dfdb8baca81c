"""Association pages: the public list and profile; admins running chapters and
committees; HQ's partners and agreements."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from associations.models import Chapter, Committee, CommitteeMember, PartnerOrganization
from kofst.common.models import AuditEntry
from tests.factories import AssociationFactory, ChapterFactory, MembershipFactory
from tests.factories.associations import (
    AgreementFactory,
    CommitteeFactory,
    CommitteeMemberFactory,
    PartnerFactory,
)
from tests.factories.roster import make_member

pytestmark = pytest.mark.django_db
LIST = reverse("associations:list")
PARTNERS = reverse("associations:partners")


def detail(association) -> str:
    return reverse("associations:detail", args=[association.code])


def manage(association) -> str:
    return reverse("associations:manage", args=[association.code])


# --- public pages ----------------------------------------------------------------------


def test_list_shows_every_association_with_current_member_count(client, association):
    make_member(association)
    make_member(association)
    expired = make_member(association)
    expired.expires_on = timezone.localdate() - dt.timedelta(days=400)
    expired.save()
    ChapterFactory(association=association)

    response = client.get(LIST)

    [row] = response.context["associations"]
    assert (row.code, row.member_count, row.chapter_count) == ("ksea", 2, 1)
    assert "재미한인과학기술자협회" in response.content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(client, django_assert_max_num_queries, n):
    for i in range(n):
        association = AssociationFactory(code=f"x{i}")
        MembershipFactory(association=association)
        ChapterFactory(association=association)

    with django_assert_max_num_queries(3):
        response = client.get(LIST)

    assert len(response.context["associations"]) == n


def test_profile_shows_names_chapters_and_committees_with_chair(client, association):
    chapter = ChapterFactory(association=association, name_en="Boston", city="Boston")
    MembershipFactory(association=association, chapter=chapter)
    committee = CommitteeFactory(association=association, name_en="Awards committee")
    chair = CommitteeMemberFactory(
        committee=committee, person__family_name_latin="Zeta", role="chair"
    )
    CommitteeMemberFactory(committee=committee, person__family_name_latin="Alpha")

    response = client.get(detail(association))

    content = response.content.decode()
    assert response.context["association"].member_count == 1
    assert "KSEA" in content and "재미한인과학기술자협회" in content and "Boston" in content
    seats = list(response.context["association"].committees.all()[0].seats.all())
    assert seats[0] == chair  # the chair first, whatever the name
    assert "Chair" in content


@pytest.mark.parametrize("n", [1, 3])
def test_profile_query_count_is_constant(client, association, django_assert_max_num_queries, n):
    for _ in range(n):
        ChapterFactory(association=association)
        committee = CommitteeFactory(association=association)
        CommitteeMemberFactory(committee=committee)
        CommitteeMemberFactory(committee=committee)

    with django_assert_max_num_queries(5):
        response = client.get(detail(association))

    assert len(response.context["association"].committees.all()) == n


def test_unknown_association_is_404(client):
    assert client.get(reverse("associations:detail", args=["nope"])).status_code == 404


# --- chapters and committees (admins) -----------------------------------------------------


def test_admin_adds_edits_and_deletes_a_chapter(client, association, association_admin):
    client.force_login(association_admin)

    added = client.post(
        reverse("associations:chapter_create", args=[association.code]),
        {"name_en": "Atlanta", "name_ko": "애틀랜타", "city": "Atlanta"},
    )
    chapter = Chapter.objects.get(association=association, name_en="Atlanta")
    edited = client.post(
        reverse("associations:chapter_edit", args=[association.code, chapter.pk]),
        {"name_en": "Atlanta GA", "name_ko": "애틀랜타", "city": "Atlanta"},
    )
    deleted = client.post(
        reverse("associations:chapter_delete", args=[association.code, chapter.pk])
    )

    assert [r.status_code for r in (added, edited, deleted)] == [302, 302, 302]
    assert not Chapter.objects.filter(pk=chapter.pk).exists()
    assert list(
        AuditEntry.objects.filter(association_id=association.pk)
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["chapter.create", "chapter.update", "chapter.delete"]


def test_chapter_with_a_duplicate_name_gets_a_message(client, association, association_admin):
    ChapterFactory(association=association, name_en="Boston")
    client.force_login(association_admin)

    response = client.post(
        reverse("associations:chapter_create", args=[association.code]), {"name_en": "boston"}
    )

    assert response.status_code == 400
    assert "already has a chapter of that name" in " ".join(
        response.context["form"].errors["name_en"]
    )


def test_chapter_with_members_is_not_deleted(client, association, association_admin):
    chapter = ChapterFactory(association=association)
    MembershipFactory(association=association, chapter=chapter)
    client.force_login(association_admin)

    response = client.post(
        reverse("associations:chapter_delete", args=[association.code, chapter.pk]), follow=True
    )

    assert Chapter.objects.filter(pk=chapter.pk).exists()
    assert "Move them to another chapter first" in response.content.decode()


def test_admin_creates_a_committee_and_seats_a_chair_by_member_number(
    client, association, association_admin
):
    member = make_member(association, membership={"member_number": "KSEA-777"})
    client.force_login(association_admin)

    client.post(
        reverse("associations:committee_create", args=[association.code]),
        {"name_en": "Young Generation", "name_ko": "차세대", "description": ""},
    )
    committee = Committee.objects.get(association=association)
    response = client.post(
        reverse("associations:seat_add", args=[association.code, committee.pk]),
        {"person": "ksea-777", "role": "chair"},
    )

    assert response.status_code == 302
    seat = CommitteeMember.objects.get(committee=committee)
    assert (seat.person_id, seat.role) == (member.person_id, "chair")


def test_seating_a_non_member_or_a_second_chair_is_refused(
    client, association, other_association, association_admin
):
    foreign = make_member(other_association, email="foreign@example.org")
    ours = make_member(association, email="ours@example.org")
    committee = CommitteeFactory(association=association)
    CommitteeMemberFactory(committee=committee, role="chair")
    client.force_login(association_admin)
    url = reverse("associations:seat_add", args=[association.code, committee.pk])

    not_member = client.post(url, {"person": foreign.person.email, "role": "member"})
    second_chair = client.post(url, {"person": ours.person.email, "role": "chair"})

    assert not_member.status_code == 400
    assert "No member of this association" in not_member.content.decode()
    assert second_chair.status_code == 400
    assert "already chairs this committee" in second_chair.content.decode()
    assert committee.seats.count() == 1


def test_admin_removes_a_seat(client, association, association_admin):
    committee = CommitteeFactory(association=association)
    seat = CommitteeMemberFactory(committee=committee)
    client.force_login(association_admin)

    client.post(reverse("associations:seat_remove", args=[association.code, committee.pk, seat.pk]))

    assert not CommitteeMember.objects.filter(pk=seat.pk).exists()


def test_admin_of_one_association_cannot_touch_another(
    client, other_association, association_admin
):
    chapter = ChapterFactory(association=other_association)
    client.force_login(association_admin)

    response = client.post(
        reverse("associations:chapter_delete", args=[other_association.code, chapter.pk])
    )

    assert response.status_code == 403
    assert Chapter.objects.filter(pk=chapter.pk).exists()


# --- partners (HQ) ------------------------------------------------------------------------


def test_partners_page_highlights_agreements_expiring_soon(client, hq_user):
    today = timezone.localdate()
    soon = AgreementFactory(
        partner=PartnerFactory(acronym="AAAS"), expires_on=today + dt.timedelta(days=20)
    )
    later = AgreementFactory(
        partner=PartnerFactory(acronym="CAST"), expires_on=today + dt.timedelta(days=900)
    )
    client.force_login(hq_user)

    response = client.get(PARTNERS)

    assert [a.pk for a in response.context["expiring"]] == [soon.pk]
    content = response.content.decode()
    assert f'data-expiring="{soon.pk}"' in content
    assert f'data-expiring="{later.pk}"' not in content


@pytest.mark.parametrize("n", [1, 3])
def test_partners_query_count_is_constant(client, hq_user, django_assert_max_num_queries, n):
    for i in range(n):
        AgreementFactory(
            partner=PartnerFactory(acronym=f"P{i}"), association=AssociationFactory(code=f"c{i}")
        )
    client.force_login(hq_user)

    with django_assert_max_num_queries(9):
        response = client.get(PARTNERS)

    assert len(response.context["partners"]) == n


def test_hq_adds_a_partner_and_an_agreement(client, hq_user, association):
    client.force_login(hq_user)

    client.post(
        reverse("associations:partner_create"),
        {"acronym": "VUSTA", "name_en": "Vietnam Union of S&T Associations", "country": "VN"},
    )
    partner = PartnerOrganization.objects.get(acronym="VUSTA")
    response = client.post(
        reverse("associations:agreement_create", args=[partner.pk]),
        {
            "title": "MoU on S&T exchange",
            "association": association.pk,
            "signed_on": "2024-03-01",
            "expires_on": "2027-02-28",
            "scope": "Joint seminars",
        },
    )

    assert response.status_code == 302
    agreement = partner.agreements.get()
    assert (agreement.association, agreement.expires_on) == (association, dt.date(2027, 2, 28))


def test_agreement_that_expires_before_it_was_signed_gets_a_message(client, hq_user):
    partner = PartnerFactory()
    client.force_login(hq_user)

    response = client.post(
        reverse("associations:agreement_create", args=[partner.pk]),
        {"title": "Backwards", "signed_on": "2024-03-01", "expires_on": "2023-01-01"},
    )

    assert response.status_code == 400
    assert "cannot expire before it was signed" in " ".join(
        response.context["form"].errors["expires_on"]
    )
    assert not partner.agreements.exists()


def test_partner_with_a_taken_acronym_gets_a_message(client, hq_user):
    PartnerFactory(acronym="CAST")
    client.force_login(hq_user)

    response = client.post(
        reverse("associations:partner_create"),
        {"acronym": "cast", "name_en": "Again", "country": "CN"},
    )

    assert response.status_code == 400
    assert "acronym exists already" in response.content.decode()
