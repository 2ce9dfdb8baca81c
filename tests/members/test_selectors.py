import pytest
from django.http import Http404

from members.selectors import (
    dues_visible_to,
    membership_for_staff,
    memberships_selected,
    memberships_visible_to,
    people_visible_to,
    person_for_staff,
    person_history,
    roster_memberships,
    roster_result,
)
from members.services.memberships import membership_create, membership_renew
from tests.factories import StaffRoleFactory
from tests.factories.roster import DuesPaymentFactory, make_member

pytestmark = pytest.mark.django_db


def test_memberships_visible_to_staff_only_their_association(
    association_staff, member, foreign_member
):
    assert list(memberships_visible_to(user=association_staff)) == [member]


def test_memberships_visible_to_hq_everything(hq_user, member, foreign_member):
    assert set(memberships_visible_to(user=hq_user)) == {member, foreign_member}


def test_memberships_visible_to_staff_of_two_associations(
    association_staff, other_association, member, foreign_member
):
    StaffRoleFactory(user=association_staff, association=other_association)

    assert set(memberships_visible_to(user=association_staff)) == {member, foreign_member}


@pytest.mark.parametrize("role", ["committee", "member", "anonymous"])
def test_people_visible_to_non_staff_is_empty(users_by_role, member, role):
    from django.contrib.auth.models import AnonymousUser

    user = users_by_role[role] or AnonymousUser()

    assert list(people_visible_to(user=user)) == []
    assert list(memberships_visible_to(user=user)) == []


def test_person_in_both_associations_is_visible_to_both_staffs(
    association_staff, other_association, member, hq_user
):
    membership_create(
        person=member.person,
        association=other_association,
        actor=hq_user,
        joined_on=member.joined_on,
    )
    other_staff = StaffRoleFactory(association=other_association).user

    assert list(people_visible_to(user=association_staff)) == [member.person]
    assert list(people_visible_to(user=other_staff)) == [member.person]


def test_person_for_staff_out_of_scope_is_404(association_staff, foreign_member):
    with pytest.raises(Http404):
        person_for_staff(user=association_staff, person_id=foreign_member.person_id)


def test_person_for_staff_prefetches_every_membership(
    association_staff, other_association, member, hq_user
):
    membership_create(
        person=member.person,
        association=other_association,
        actor=hq_user,
        joined_on=member.joined_on,
    )

    person = person_for_staff(user=association_staff, person_id=member.person_id)

    assert sorted(m.association.code for m in person.memberships.all()) == ["ksea", "vekni"]


def test_membership_for_staff_out_of_scope_is_404(association_staff, foreign_member):
    with pytest.raises(Http404):
        membership_for_staff(user=association_staff, membership_id=foreign_member.pk)


def test_memberships_selected_drops_foreign_ids(association_staff, member, foreign_member):
    selected = memberships_selected(
        user=association_staff, ids=[str(member.pk), str(foreign_member.pk), "x"]
    )

    assert selected == [member]


def test_dues_and_history_of_a_shared_person_are_scoped(
    association_staff, other_association, member, hq_user
):
    other = membership_create(
        person=member.person,
        association=other_association,
        actor=hq_user,
        joined_on=member.joined_on,
        expires_on=member.expires_on,
    )
    own_payment = DuesPaymentFactory(membership=member)
    DuesPaymentFactory(membership=other)
    membership_renew(membership=member, actor=hq_user, years=1)
    membership_renew(membership=other, actor=hq_user, years=1)

    dues = list(dues_visible_to(user=association_staff, person=member.person))
    history = person_history(user=association_staff, person=member.person)

    assert dues == [own_payment]
    assert {e.association_id for e in history} == {member.association_id}
    assert len(person_history(user=hq_user, person=member.person)) == 3


def test_make_member_is_searchable(association):
    member = make_member(association, given_name_ko="하나")

    assert "하나#" in member.person.search_grams


def test_roster_result_small_search_counts_and_orders_by_ids(association_staff, association):
    for name in ["Cho", "Ahn", "Baek"]:
        make_member(association, family_name_latin=name, affiliation="Rare Institute")
    make_member(association, family_name_latin="Other", affiliation="Elsewhere")

    result = roster_result(
        roster_memberships(user=association_staff, search="rare", sort="name_latin"),
        searched=True,
        cap=5,
    )

    assert (result.count, result.capped) == (3, False)
    assert [m.person.family_name_latin for m in result.memberships] == ["Ahn", "Baek", "Cho"]


def test_roster_result_large_search_is_capped(association_staff, association):
    for _ in range(4):
        make_member(association, affiliation="Common University")

    result = roster_result(
        roster_memberships(user=association_staff, search="common"), searched=True, cap=2
    )

    assert (result.count, result.capped) == (2, True)
    assert len(list(result.memberships[:50])) == 4


def test_roster_result_capped_pages_read_ids_then_rows_in_order(association_staff, association):
    for name in ["Dae", "Ahn", "Cho", "Baek", "Eom"]:
        make_member(association, family_name_latin=name, affiliation="Common University")

    result = roster_result(
        roster_memberships(user=association_staff, search="common", sort="name_latin"),
        searched=True,
        cap=2,
    )

    assert [m.person.family_name_latin for m in result.memberships[0:3]] == ["Ahn", "Baek", "Cho"]
    assert [m.person.family_name_latin for m in result.memberships[3:6]] == ["Dae", "Eom"]
    assert result.memberships[6:9] == []


def test_roster_result_without_search_counts_exactly(association_staff, association):
    for _ in range(4):
        make_member(association)

    result = roster_result(roster_memberships(user=association_staff), searched=False, cap=2)

    assert (result.count, result.capped) == (4, False)
