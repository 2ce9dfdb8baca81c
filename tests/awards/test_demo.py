"""The demo awards: a cycle in review with PDFs, assignments and scores; re-runnable."""

from io import StringIO

import pytest
from django.core.files.storage import storages
from django.core.management import call_command

from awards.models import Attachment, AwardCycle, Candidate, Conflict, Nomination, Review
from awards.pdf import check_pdf

SMALL = 600


def seed(*args: str) -> None:
    call_command("seed_demo", "--people", str(SMALL), *args, stdout=StringIO())


@pytest.mark.django_db
def test_demo_awards_cycle_in_review_with_pdfs_and_scores():
    seed()

    cycle = AwardCycle.objects.get(award__code="overseas-scientist-of-the-year")
    assert (cycle.status, cycle.review_open(), cycle.discussion_open) == ("reviewing", True, False)
    assert sum(cycle.criteria.values_list("weight", flat=True)) == 100
    assert Nomination.objects.filter(cycle=cycle, status="submitted").count() == 8
    assert Candidate.objects.filter(cycle=cycle).count() == 7
    for attachment in Attachment.objects.filter(nomination__cycle=cycle):
        with storages["private"].open(attachment.storage_name) as handle:
            assert check_pdf(handle) == attachment.sha256
    assert Review.objects.filter(assignment__candidate__cycle=cycle, status="submitted").exists()
    assert Conflict.objects.filter(candidate__cycle=cycle, source="declared").count() == 1
    young = AwardCycle.objects.filter(award__code="young-scientist")
    assert sorted(young.values_list("status", flat=True)) == ["announced", "nominating"]


@pytest.mark.django_db
def test_demo_awards_reset_rebuilds_them():
    seed()

    seed("--reset")

    assert Nomination.objects.count() == 8
    assert AwardCycle.objects.filter(award__code="young-scientist").count() == 2
