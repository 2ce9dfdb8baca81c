"""Assigning reviewers and conflicts of interest."""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from awards.enums import AssignmentStatus, ConflictSource, ConflictType, SeatRole
from awards.models import Assignment, Candidate, Conflict, Nomination
from awards.services.assignments import (
    assignment_create,
    assignments_auto,
    conflict_declare,
    detect_conflicts,
)
from kofst.mail.models import Message
from tests.awards.conftest import make_member, make_reviewer, nominate
from tests.factories import (
    AssociationFactory,
    ChapterFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.factories.awards import open_cycle

pytestmark = pytest.mark.django_db


def _candidate(cycle, association, nominator_person, *, affiliation, chapter=None):
    """A candidate with one submitted nomination, written directly (arrangement only)."""
    person = PersonFactory(affiliation=affiliation)
    MembershipFactory(person=person, association=association, chapter=chapter)
    candidate = Candidate.objects.create(cycle=cycle, person=person)
    Nomination.objects.create(
        cycle=cycle,
        nominator=nominator_person,
        nominee=person,
        candidate=candidate,
        status="submitted",
        statement_en="x",
        submitted_at=timezone.now(),
    )
    return candidate


@pytest.fixture
def setting():
    association = AssociationFactory(code="ksea-a")
    panel = AssociationFactory(code="panel-a")
    cycle = open_cycle(reviewers_per_nomination=2)
    chair = make_reviewer(cycle, panel, affiliation="Chair U", role=SeatRole.CHAIR)
    nominator = make_member(association, affiliation="Nominating U")
    return cycle, association, panel, chair, nominator


def test_auto_assignment_balances_the_load(setting):
    cycle, association, panel, chair, nominator = setting
    reviewers = [make_reviewer(cycle, panel, affiliation=f"R{i}") for i in range(4)]
    candidates = [
        _candidate(cycle, association, nominator.person, affiliation=f"C{i}") for i in range(6)
    ]

    result = assignments_auto(cycle=cycle, actor=chair)

    assert len(result.created) == 12
    assert result.short == {}
    per_candidate = Counter(a.candidate_id for a in result.created)
    assert per_candidate == {c.pk: 2 for c in candidates}
    load = Counter(a.reviewer_id for a in result.created)
    assert sorted(load.values()) == [3, 3, 3, 3]
    assert chair.pk not in load
    assert set(load) == {r.pk for r in reviewers}


def test_auto_assignment_avoids_conflicts_and_reports_shortfalls(setting):
    cycle, association, panel, chair, nominator = setting
    clean = make_reviewer(cycle, panel, affiliation="Clean U")
    same_lab = make_reviewer(cycle, panel, affiliation="Seoul National University")
    same_association = make_reviewer(cycle, association, affiliation="Other U")
    target = _candidate(
        cycle, association, nominator.person, affiliation="Seoul National University"
    )
    other = _candidate(
        cycle, AssociationFactory(code="third-a"), nominator.person, affiliation="Far Away U"
    )

    result = assignments_auto(cycle=cycle, actor=chair)

    on_target = {a.reviewer_id for a in result.created if a.candidate_id == target.pk}
    assert on_target == {clean.pk}
    assert result.short == {target: 1}
    on_other = {a.reviewer_id for a in result.created if a.candidate_id == other.pk}
    assert on_other == {same_lab.pk, same_association.pk}  # clean is already loaded
    types = set(
        Conflict.objects.filter(candidate=target).values_list("reviewer_id", "type", "source")
    )
    assert types == {
        (same_lab.pk, ConflictType.INSTITUTIONAL, ConflictSource.DETECTED),
        (same_association.pk, ConflictType.INSTITUTIONAL, ConflictSource.DETECTED),
    }


def test_auto_assignment_run_twice_adds_nothing(setting):
    cycle, association, panel, chair, nominator = setting
    for i in range(3):
        make_reviewer(cycle, panel, affiliation=f"R{i}")
    _candidate(cycle, association, nominator.person, affiliation="C")
    assignments_auto(cycle=cycle, actor=chair)

    again = assignments_auto(cycle=cycle, actor=chair)

    assert again.created == []
    assert Assignment.objects.filter(status="active").count() == 2


def test_auto_assignment_emails_each_reviewer_once(setting):
    cycle, association, panel, chair, nominator = setting
    reviewers = [make_reviewer(cycle, panel, affiliation=f"R{i}") for i in range(2)]
    for i in range(3):
        _candidate(cycle, association, nominator.person, affiliation=f"C{i}")

    assignments_auto(cycle=cycle, actor=chair)

    messages = Message.objects.filter(kind="award_reviewer_assigned")
    assert sorted(m.to_email for m in messages) == sorted(r.email for r in reviewers)
    assert all("3 nominations were assigned to you" in m.body_text for m in messages)


def test_conflict_detection_types_and_reasons(setting):
    cycle, association, panel, chair, nominator = setting
    chapter = ChapterFactory(association=association, name_en="Boston")
    candidate = _candidate(
        cycle, association, nominator.person, affiliation="KAIST", chapter=chapter
    )
    nominator_reviewer = make_reviewer(cycle, panel, affiliation="Elsewhere")
    Nomination.objects.filter(candidate=candidate).update(nominator=nominator_reviewer.person)
    cosigner = make_reviewer(cycle, panel, affiliation="Cosign U")
    Nomination.objects.get(candidate=candidate).cosigners.add(cosigner.person)
    colleague = make_reviewer(cycle, panel, affiliation=" kaist ")
    chapter_mate = make_reviewer(cycle, panel, affiliation="Chapter U")
    MembershipFactory(person=chapter_mate.person, association=association, chapter=chapter)
    stranger = make_reviewer(cycle, panel, affiliation="Stranger U")

    assert detect_conflicts(candidate=candidate, reviewer=nominator_reviewer) == {
        ConflictType.NOMINATOR: ["Nominated this candidate."]
    }
    assert detect_conflicts(candidate=candidate, reviewer=cosigner) == {
        ConflictType.NOMINATOR: ["Co-signed a letter supporting this candidate."]
    }
    assert detect_conflicts(candidate=candidate, reviewer=colleague) == {
        ConflictType.INSTITUTIONAL: ["Same affiliation as the nominee: KAIST."]
    }
    assert detect_conflicts(candidate=candidate, reviewer=chapter_mate) == {
        ConflictType.INSTITUTIONAL: [
            f"Same association as the nominee: {association.display_code}.",
            "Same chapter as the nominee: Boston.",
        ]
    }
    assert detect_conflicts(candidate=candidate, reviewer=stranger) == {}


def test_manual_assignment_of_a_conflicted_reviewer_is_refused(setting):
    cycle, association, panel, chair, nominator = setting
    candidate = _candidate(cycle, association, nominator.person, affiliation="KAIST")
    colleague = make_reviewer(cycle, panel, affiliation="KAIST")

    with pytest.raises(ValidationError) as caught:
        assignment_create(candidate=candidate, reviewer=colleague, actor=chair)

    assert "has a conflict of interest" in caught.value.message_dict["reviewer"][0]
    assert "Same affiliation as the nominee: KAIST." in caught.value.message_dict["reviewer"][0]
    assert not Assignment.objects.filter(reviewer=colleague).exists()


def test_manual_assignment_of_a_non_member_is_refused(setting):
    cycle, association, panel, chair, nominator = setting
    candidate = _candidate(cycle, association, nominator.person, affiliation="KAIST")
    outsider = make_member(panel, affiliation="Outside")

    with pytest.raises(ValidationError):
        assignment_create(candidate=candidate, reviewer=outsider, actor=chair)


def test_declared_conflict_removes_the_assignment(setting):
    cycle, association, panel, chair, nominator = setting
    candidate = _candidate(cycle, association, nominator.person, affiliation="KAIST")
    reviewer = make_reviewer(cycle, panel, affiliation="Far U")
    assignment = assignment_create(candidate=candidate, reviewer=reviewer, actor=chair)

    conflict = conflict_declare(
        assignment=assignment, type="advisor_student", reason="My former student.", actor=reviewer
    )

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REMOVED
    assert assignment.removed_reason == "Conflict of interest declared by the reviewer"
    assert (conflict.type, conflict.source, conflict.reason) == (
        "advisor_student",
        "declared",
        "My former student.",
    )
    with pytest.raises(ValidationError):
        assignment_create(candidate=candidate, reviewer=reviewer, actor=chair)


def test_declared_conflict_needs_a_reason(setting):
    cycle, association, panel, chair, nominator = setting
    candidate = _candidate(cycle, association, nominator.person, affiliation="KAIST")
    reviewer = make_reviewer(cycle, panel, affiliation="Far U")
    assignment = assignment_create(candidate=candidate, reviewer=reviewer, actor=chair)

    with pytest.raises(ValidationError) as caught:
        conflict_declare(assignment=assignment, type="personal", reason="  ", actor=reviewer)

    assert caught.value.message_dict == {"reason": ["Say briefly why you are in conflict."]}
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE


def test_reviewer_nominating_an_assigned_candidate_loses_the_assignment(setting):
    cycle, association, panel, chair, nominator = setting
    person = PersonFactory(affiliation="KAIST")
    MembershipFactory(person=person, association=association)
    nominate(cycle=cycle, nominator_user=nominator, nominee=person)
    candidate = Candidate.objects.get(person=person)
    reviewer = make_reviewer(cycle, panel, affiliation="Far U")
    assignment = assignment_create(candidate=candidate, reviewer=reviewer, actor=chair)

    nominate(cycle=cycle, nominator_user=reviewer, nominee=person)

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REMOVED
    assert Conflict.objects.get(reviewer=reviewer).type == ConflictType.NOMINATOR


def test_conflict_declare_view_records_and_redirects(client, world):
    r1 = world.reviewers[0]
    client.force_login(r1)
    candidate = world.candidates[0]

    response = client.post(
        f"/review/candidates/{candidate.pk}/conflict/",
        {"type": "collaborator", "reason": "Co-authors since 2020."},
    )

    assert response.status_code == 302
    assert response["Location"] == "/review/"
    assert client.get(f"/review/candidates/{candidate.pk}/").status_code == 404
    conflict = Conflict.objects.get(reviewer=r1, source="declared")
    assert (conflict.candidate_id, conflict.reason) == (candidate.pk, "Co-authors since 2020.")


def test_conflicted_reviewer_cannot_open_the_nomination(client, world):
    client.force_login(world.conflicted)

    response = client.get(f"/review/candidates/{world.candidates[0].pk}/")

    assert response.status_code == 404
    assert Conflict.objects.filter(
        reviewer=world.conflicted, candidate=world.candidates[0], source="detected"
    ).exists()
