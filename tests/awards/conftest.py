"""Fixtures of the awards tests: a private storage per test and a cycle in review."""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from awards.enums import CycleStatus, SeatRole
from awards.models import Assignment, AwardCycle, Candidate, Nomination
from awards.services.assignments import assignment_create
from awards.services.nominations import (
    attachment_add,
    nomination_start,
    nomination_submit,
    nomination_update,
)
from tests.conftest import give_totp
from tests.factories import (
    AssociationFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from tests.factories.awards import open_cycle, pdf_bytes, seat


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Every test writes attachments to a directory of its own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    return tmp_path / "private"


def make_member(association, *, affiliation: str = "", email: str | None = None, **person):
    """A signed-in member: a user, their person and an active membership."""
    user = UserFactory(**({"email": email} if email else {}))
    person_obj = PersonFactory(
        user=user, email=user.email, affiliation=affiliation or f"Lab of {user.pk}", **person
    )
    MembershipFactory(person=person_obj, association=association)
    return user


def make_reviewer(cycle, association, *, affiliation: str, role=SeatRole.MEMBER, **person):
    user = make_member(association, affiliation=affiliation, **person)
    seat(cycle, user=user, role=role)
    give_totp(user)
    return user


def nominate(*, cycle, nominator_user, nominee, pdfs: int = 1, statement: str = "Outstanding."):
    """Start, fill, attach and submit a nomination through the services."""
    nominator = nominator_user.person
    nomination = nomination_start(
        cycle=cycle, nominator=nominator, nominee=nominee, actor=nominator_user
    )
    nomination_update(nomination=nomination, actor=nominator_user, statement_en=statement)
    for i in range(pdfs):
        attachment_add(
            nomination=nomination,
            file=SimpleUploadedFile(f"cv-{i}.pdf", pdf_bytes(), "application/pdf"),
            name=f"cv-{i}.pdf",
            kind="cv",
            actor=nominator_user,
        )
    return nomination_submit(nomination=nomination, actor=nominator_user)


def start_review(cycle: AwardCycle) -> AwardCycle:
    """Close nominations and open the review window now (arranging time, not a service)."""
    now = timezone.now()
    AwardCycle.objects.filter(pk=cycle.pk).update(
        status=CycleStatus.REVIEWING,
        nominations_close_at=now - dt.timedelta(days=1),
        review_opens_at=now - dt.timedelta(hours=1),
        review_closes_at=now + dt.timedelta(days=10),
    )
    cycle.refresh_from_db()
    return cycle


@dataclass
class World:
    cycle: AwardCycle
    association: object
    other_association: object
    chair: object
    reviewers: list  # r1, r2, r3: no conflicts with anybody
    conflicted: object  # same affiliation as candidate A's nominee
    nominator: object
    other_member: object
    candidates: list[Candidate] = field(default_factory=list)
    nominations: list[Nomination] = field(default_factory=list)

    def assignment(self, reviewer, candidate) -> Assignment:
        return Assignment.objects.get(reviewer=reviewer, candidate=candidate, status="active")


@pytest.fixture
def world(db) -> World:
    """A cycle in review: three nominees (A, B, C), each with one submitted nomination
    carrying a PDF; reviewers r1, r2 on A; r2, r3 on B; r1, r3 on C. ``conflicted`` shares
    A's affiliation; the chair does not review."""
    association = AssociationFactory(code="ksea-w", name_en="KSEA")
    other = AssociationFactory(code="vekni-w", name_en="VeKNI", country="DE")
    cycle = open_cycle(reviewers_per_nomination=2)
    chair = make_reviewer(cycle, other, affiliation="Chair University", role=SeatRole.CHAIR)
    reviewers = [
        make_reviewer(cycle, other, affiliation=f"Reviewer Institute {i}") for i in (1, 2, 3)
    ]
    conflicted = make_reviewer(cycle, other, affiliation="Seoul Lab A")
    nominator = make_member(association, affiliation="Nominator College")
    other_member = make_member(association, affiliation="Elsewhere")
    nominees = []
    for letter in "ABC":
        person = PersonFactory(
            given_name_latin=f"Nominee{letter}", affiliation=f"Seoul Lab {letter}"
        )
        MembershipFactory(person=person, association=association)
        nominees.append(person)
    nominations = [
        nominate(cycle=cycle, nominator_user=nominator, nominee=p, statement=f"About {p}")
        for p in nominees
    ]
    candidates = [n.candidate for n in nominations]
    r1, r2, r3 = reviewers
    for reviewer, candidate in [
        (r1, candidates[0]),
        (r2, candidates[0]),
        (r2, candidates[1]),
        (r3, candidates[1]),
        (r1, candidates[2]),
        (r3, candidates[2]),
    ]:
        assignment_create(candidate=candidate, reviewer=reviewer, actor=chair)
    start_review(cycle)
    return World(
        cycle=cycle,
        association=association,
        other_association=other,
        chair=chair,
        reviewers=reviewers,
        conflicted=conflicted,
        nominator=nominator,
        other_member=other_member,
        candidates=candidates,
        nominations=nominations,
    )


def give_review(reviewer, candidate, scores: list[int], comment: str = "", *, submit=True):
    """Score a candidate through the service, criteria in order."""
    from awards.services.reviews import ScoreInput, review_save

    assignment = Assignment.objects.get(reviewer=reviewer, candidate=candidate, status="active")
    criteria = list(candidate.cycle.criteria.all())
    return review_save(
        assignment=assignment,
        scores={
            c.pk: ScoreInput(score=s, comment=f"{comment} {c.name_en}".strip())
            for c, s in zip(criteria, scores, strict=True)
        },
        submit=submit,
        actor=reviewer,
    )


def get_urls(world: World) -> dict[str, str]:
    """Every page (GET) of the awards, with the world's objects filled in."""
    cycle, award = world.cycle, world.cycle.award
    a, b, _c = world.candidates
    attachment = world.nominations[0].attachments.get()
    return {
        "list": "/awards/",
        "award": f"/awards/{award.code}/",
        "cycle": f"/awards/{award.code}/{cycle.year}/",
        "nominate": f"/awards/{award.code}/{cycle.year}/nominate/",
        "nominee_search": "/awards/nominee-search/?q=Nominee",
        "file_a": f"/awards/files/{attachment.public_id}/",
        "my_nominations": "/me/nominations/",
        "nomination_a": f"/me/nominations/{world.nominations[0].pk}/",
        "my_reviews": "/review/",
        "review_a": f"/review/candidates/{a.pk}/",
        "review_b": f"/review/candidates/{b.pk}/",
        "conflict_a": f"/review/candidates/{a.pk}/conflict/",
        "manage_list": "/manage/awards/",
        "award_create": "/manage/awards/new/",
        "award_edit": f"/manage/awards/{award.code}/edit/",
        "cycle_create": f"/manage/awards/{award.code}/cycles/new/",
        "cycle_manage": f"/manage/awards/cycles/{cycle.pk}/",
        "cycle_edit": f"/manage/awards/cycles/{cycle.pk}/edit/",
        "criteria": f"/manage/awards/cycles/{cycle.pk}/criteria/",
        "committee": f"/manage/awards/cycles/{cycle.pk}/committee/",
        "candidates": f"/manage/awards/cycles/{cycle.pk}/candidates/",
        "candidate_a": f"/manage/awards/candidates/{a.pk}/",
        "assignments": f"/manage/awards/cycles/{cycle.pk}/assignments/",
        "ranking": f"/manage/awards/cycles/{cycle.pk}/ranking/",
        "ranking_csv": f"/manage/awards/cycles/{cycle.pk}/ranking.csv",
        "decision": f"/manage/awards/cycles/{cycle.pk}/decision/",
        "history": f"/manage/awards/cycles/{cycle.pk}/history/",
    }


def post_urls(world: World) -> dict[str, str]:
    """Every action (POST) of the awards."""
    cycle = world.cycle
    nomination = world.nominations[0]
    attachment = nomination.attachments.get()
    assignment = world.assignment(world.reviewers[0], world.candidates[0])
    seat_id = cycle.seats.get(user=world.reviewers[0]).pk
    base = f"/manage/awards/cycles/{cycle.pk}"
    return {
        "attachment_upload": f"/me/nominations/{nomination.pk}/attachments/",
        "attachment_delete": (
            f"/me/nominations/{nomination.pk}/attachments/{attachment.public_id}/delete/"
        ),
        "cosigner_add": f"/me/nominations/{nomination.pk}/cosigners/",
        "cosigner_remove": f"/me/nominations/{nomination.pk}/cosigners/1/remove/",
        "nomination_submit": f"/me/nominations/{nomination.pk}/submit/",
        "nomination_withdraw": f"/me/nominations/{nomination.pk}/withdraw/",
        "review_post": f"/review/candidates/{world.candidates[0].pk}/",
        "conflict_post": f"/review/candidates/{world.candidates[0].pk}/conflict/",
        "seat_remove": f"{base}/committee/{seat_id}/remove/",
        "advance": f"{base}/advance/",
        "discussion": f"{base}/discussion/",
        "auto": f"{base}/assignments/auto/",
        "assignment_remove": f"/manage/awards/assignments/{assignment.pk}/remove/",
        "announce": f"{base}/announce/",
        "decision_post": f"{base}/decision/",
        "committee_post": f"{base}/committee/",
        "criteria_post": f"{base}/criteria/",
        "cycle_edit_post": f"{base}/edit/",
        "award_create_post": "/manage/awards/new/",
    }
