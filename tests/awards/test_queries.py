"""Every list costs a constant number of queries, whatever its length."""

import pytest
from django.utils import timezone

from awards.enums import SeatRole
from awards.models import Assignment, AwardCycle, Candidate, Nomination
from tests.awards.conftest import give_review, make_member, make_reviewer, start_review
from tests.factories import (
    AssociationFactory,
    AwardFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.factories.awards import open_cycle

pytestmark = pytest.mark.django_db

# Measured (session, user and roles included); a list that grows with its rows would
# exceed them at n=3.
MAX_QUERIES = {
    "awards": 2,
    "my_nominations": 9,
    "my_reviews": 7,
    "manage_list": 8,
    "candidates": 9,
    "assignments": 12,
    "ranking": 11,
    "history": 9,
}


def _build(n: int):
    association = AssociationFactory(code="ksea-q")
    panel = AssociationFactory(code="panel-q")
    cycle = open_cycle()
    chair = make_reviewer(cycle, panel, affiliation="Chair U", role=SeatRole.CHAIR)
    reviewer = make_reviewer(cycle, panel, affiliation="Reviewer U")
    nominator = make_member(association, affiliation="Nominator U")
    for i in range(n):
        person = PersonFactory(affiliation=f"Lab {i}")
        MembershipFactory(person=person, association=association)
        candidate = Candidate.objects.create(cycle=cycle, person=person)
        Nomination.objects.create(
            cycle=cycle,
            nominator=nominator.person,
            nominee=person,
            candidate=candidate,
            status="submitted",
            statement_en="x",
            submitted_at=timezone.now(),
        )
        Assignment.objects.create(candidate=candidate, reviewer=reviewer, assigned_by=chair)
        open_cycle(award=AwardFactory(code=f"q-award-{i}"))  # rows of the public lists
    start_review(cycle)
    for candidate in Candidate.objects.filter(cycle=cycle):
        give_review(reviewer, candidate, [7, 6, 5], "ok")
    AwardCycle.objects.filter(pk=cycle.pk).update(discussion_opened_at=timezone.now())
    AwardCycle.objects.exclude(pk=cycle.pk).update(status="nominating")
    return cycle, chair, reviewer, nominator


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("page", list(MAX_QUERIES))
def test_list_query_count_is_constant(client, django_assert_max_num_queries, hq_user, n, page):
    cycle, chair, reviewer, nominator = _build(n)
    user, url = {
        "awards": (None, "/awards/"),
        "my_nominations": (nominator, "/me/nominations/"),
        "my_reviews": (reviewer, "/review/"),
        "manage_list": (hq_user, "/manage/awards/"),
        "candidates": (chair, f"/manage/awards/cycles/{cycle.pk}/candidates/"),
        "assignments": (chair, f"/manage/awards/cycles/{cycle.pk}/assignments/"),
        "ranking": (chair, f"/manage/awards/cycles/{cycle.pk}/ranking/"),
        "history": (chair, f"/manage/awards/cycles/{cycle.pk}/history/"),
    }[page]
    if user is not None:
        client.force_login(user)

    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = client.get(url)

    assert response.status_code == 200
    marker = 'class="card mb-3"' if page == "awards" else "<tr"
    assert response.content.decode().count(marker) >= n + (page != "awards")
