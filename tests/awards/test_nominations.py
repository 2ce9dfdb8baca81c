"""Nominating: eligibility, PDF checks, the window in the cycle's time zone, grouping."""

import datetime as dt
import io
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from awards.enums import NominationStatus, SeatRole
from awards.models import Attachment, Candidate, Nomination
from awards.pdf import check_pdf
from awards.services.nominations import (
    attachment_add,
    eligibility_problems,
    nomination_start,
    nomination_submit,
    nomination_update,
    nomination_withdraw,
)
from kofst.mail.models import Message
from tests.awards.conftest import make_member, nominate
from tests.factories import AssociationFactory, MembershipFactory, PersonFactory
from tests.factories.awards import open_cycle, pdf_bytes, seat

pytestmark = pytest.mark.django_db
KST = zoneinfo.ZoneInfo("Asia/Seoul")


@pytest.fixture
def association():
    return AssociationFactory(code="ksea-n")


@pytest.fixture
def nominator(association):
    return make_member(association, affiliation="Nominator College")


@pytest.fixture
def nominee(association):
    person = PersonFactory(given_name_latin="Jiwon", affiliation="MIT")
    MembershipFactory(person=person, association=association)
    return person


# --- eligibility ----------------------------------------------------------------------


def test_eligibility_active_member_is_eligible(nominator, nominee):
    cycle = open_cycle()

    assert eligibility_problems(cycle=cycle, nominee=nominee, nominator=nominator.person) == []


def test_eligibility_expired_membership_is_refused(nominator, association):
    cycle = open_cycle()
    lapsed = PersonFactory(given_name_latin="Lapsed")
    MembershipFactory(
        person=lapsed,
        association=association,
        joined_on=dt.date(2010, 1, 1),
        expires_on=dt.date(2015, 1, 1),
    )

    with pytest.raises(ValidationError) as caught:
        nomination_start(cycle=cycle, nominator=nominator.person, nominee=lapsed, actor=nominator)

    assert "does not hold an active membership" in caught.value.message_dict["nominee"][0]
    assert Nomination.objects.count() == 0


def test_eligibility_committee_member_of_the_cycle_is_refused(nominator, association):
    cycle = open_cycle()
    committee_user = make_member(association, affiliation="Panel")
    seat(cycle, user=committee_user, role=SeatRole.MEMBER)

    problems = eligibility_problems(
        cycle=cycle, nominee=committee_user.person, nominator=nominator.person
    )

    assert problems == [
        f"{committee_user.person.display_name} sits on this cycle's committee and cannot be "
        "nominated in it."
    ]


def test_eligibility_committee_member_of_another_cycle_is_eligible(nominator, association):
    cycle = open_cycle()
    committee_user = make_member(association, affiliation="Panel")
    seat(open_cycle(), user=committee_user)

    assert (
        eligibility_problems(cycle=cycle, nominee=committee_user.person, nominator=nominator.person)
        == []
    )


def test_eligibility_self_nomination_refused_unless_allowed(nominator):
    strict = open_cycle()
    lenient = open_cycle(self_nomination_allowed=True)

    assert eligibility_problems(
        cycle=strict, nominee=nominator.person, nominator=nominator.person
    ) == ["This award does not accept self-nominations."]
    assert (
        eligibility_problems(cycle=lenient, nominee=nominator.person, nominator=nominator.person)
        == []
    )


def test_eligibility_checked_again_on_submission(nominator, nominee):
    cycle = open_cycle()
    nomination = nomination_start(
        cycle=cycle, nominator=nominator.person, nominee=nominee, actor=nominator
    )
    nomination_update(nomination=nomination, actor=nominator, statement_en="Great work.")
    nominee.memberships.update(expires_on=dt.date(2000, 1, 1), joined_on=dt.date(1999, 1, 1))

    with pytest.raises(ValidationError):
        nomination_submit(nomination=nomination, actor=nominator)

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DRAFT
    assert Candidate.objects.count() == 0


def test_new_nominee_with_known_email_reuses_the_person(nominator, nominee):
    cycle = open_cycle()

    nomination = nomination_start(
        cycle=cycle,
        nominator=nominator.person,
        new_nominee={"given_name_latin": "J.", "family_name_latin": "Kim", "email": nominee.email},
        actor=nominator,
    )

    assert nomination.nominee_id == nominee.pk


# --- PDFs -------------------------------------------------------------------------------


def _draft(nominator, nominee):
    return nomination_start(
        cycle=open_cycle(), nominator=nominator.person, nominee=nominee, actor=nominator
    )


def test_pdf_valid_is_accepted_and_stored_privately(nominator, nominee, private_storage):
    nomination = _draft(nominator, nominee)
    content = pdf_bytes(pages=2)

    attachment = attachment_add(
        nomination=nomination,
        file=SimpleUploadedFile("My CV.pdf", content, "application/pdf"),
        name="My CV.pdf",
        kind="cv",
        actor=nominator,
    )

    stored = private_storage / attachment.storage_name
    assert stored.read_bytes() == content
    assert attachment.original_name == "My_CV.pdf"
    assert "My" not in attachment.storage_name
    assert attachment.size == len(content)


def test_pdf_renamed_executable_is_refused(nominator, nominee, private_storage):
    nomination = _draft(nominator, nominee)
    executable = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 2000  # a Windows executable header

    with pytest.raises(ValidationError) as caught:
        attachment_add(
            nomination=nomination,
            file=SimpleUploadedFile("letter.pdf", executable, "application/pdf"),
            name="letter.pdf",
            kind="support_letter",
            actor=nominator,
        )

    assert caught.value.message_dict["file"] == [
        "This file is not a PDF (whatever its name says). Upload a PDF document."
    ]
    assert Attachment.objects.count() == 0
    assert not private_storage.exists() or not any(private_storage.rglob("*.pdf"))


def test_pdf_with_magic_but_broken_body_is_refused():
    with pytest.raises(ValidationError) as caught:
        check_pdf(io.BytesIO(b"%PDF-1.7\n" + b"garbage" * 100))

    assert caught.value.code == "unreadable"


def test_pdf_over_ten_megabytes_is_refused(nominator, nominee):
    nomination = _draft(nominator, nominee)
    big = pdf_bytes() + b"%" + b"0" * (10 * 1024 * 1024)

    with pytest.raises(ValidationError) as caught:
        attachment_add(
            nomination=nomination,
            file=SimpleUploadedFile("big.pdf", big, "application/pdf"),
            name="big.pdf",
            kind="cv",
            actor=nominator,
        )

    message = caught.value.message_dict["file"][0].replace("\xa0", " ")
    assert message == "This file is too large (10.0 MB): a PDF may be at most 10.0 MB."


def test_pdf_at_most_three_attachments(nominator, nominee):
    nomination = _draft(nominator, nominee)
    for i in range(3):
        attachment_add(
            nomination=nomination,
            file=io.BytesIO(pdf_bytes()),
            name=f"{i}.pdf",
            kind="cv",
            actor=nominator,
        )

    with pytest.raises(ValidationError) as caught:
        attachment_add(
            nomination=nomination,
            file=io.BytesIO(pdf_bytes()),
            name="4.pdf",
            kind="cv",
            actor=nominator,
        )

    assert caught.value.message_dict["file"] == ["A nomination can have at most 3 attachments."]


def test_pdf_upload_view_shows_message_next_to_the_field(client, nominator, nominee):
    nomination = _draft(nominator, nominee)
    client.force_login(nominator)

    response = client.post(
        f"/me/nominations/{nomination.pk}/attachments/",
        {"kind": "cv", "file": SimpleUploadedFile("cv.pdf", b"#!/bin/sh\necho hi\n")},
    )

    assert response.status_code == 400
    assert "This file is not a PDF (whatever its name says)" in response.content.decode()
    assert nomination.attachments.count() == 0


# --- windows in the cycle's time zone ---------------------------------------------------


def _window_cycle(tz="Asia/Seoul"):
    zone = zoneinfo.ZoneInfo(tz)
    close = dt.datetime(2026, 3, 31, 23, 59, 59, 999999, tzinfo=zone)
    return open_cycle(
        tz=tz,
        nominations_open_at=dt.datetime(2026, 3, 1, tzinfo=zone),
        nominations_close_at=close,
        review_opens_at=close + dt.timedelta(days=1),
        review_closes_at=close + dt.timedelta(days=30),
    )


def _ready_draft(cycle, nominator, nominee):
    nomination = Nomination.objects.create(
        cycle=cycle,
        nominator=nominator.person,
        nominee=nominee,
        statement_en="A strong nomination.",
    )
    return nomination


def test_window_submission_at_2359_korea_time_is_accepted(nominator, nominee):
    cycle = _window_cycle()
    nomination = _ready_draft(cycle, nominator, nominee)

    nomination_submit(
        nomination=nomination,
        actor=nominator,
        now=dt.datetime(2026, 3, 31, 23, 59, 30, tzinfo=KST),
    )

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED


def test_window_submission_a_minute_after_closing_is_refused(nominator, nominee):
    cycle = _window_cycle()
    nomination = _ready_draft(cycle, nominator, nominee)

    with pytest.raises(ValidationError) as caught:
        nomination_submit(
            nomination=nomination,
            actor=nominator,
            now=dt.datetime(2026, 4, 1, 0, 0, 30, tzinfo=KST),
        )

    assert caught.value.messages[0].startswith("The nomination window closed on")
    assert "(Asia/Seoul)" in caught.value.messages[0]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DRAFT


def test_window_in_another_time_zone_follows_that_zone(nominator, nominee):
    cycle = _window_cycle(tz="America/New_York")
    nomination = _ready_draft(cycle, nominator, nominee)
    # 23:59 in New York is already 12:59 the next day in Korea.
    nomination_submit(
        nomination=nomination,
        actor=nominator,
        now=dt.datetime(2026, 3, 31, 23, 59, tzinfo=zoneinfo.ZoneInfo("America/New_York")),
    )

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED


def test_window_close_entered_as_minute_covers_the_whole_minute(hq_user):
    from awards.services.cycles import cycle_save

    cycle = _window_cycle()
    cycle = cycle_save(
        cycle=cycle,
        award=cycle.award,
        actor=hq_user,
        nominations_close_at=dt.datetime(2026, 3, 31, 23, 59, tzinfo=KST),
    )

    assert cycle.nominations_close_at == dt.datetime(2026, 3, 31, 23, 59, 59, 999999, tzinfo=KST)


# --- grouping, withdrawal, receipt -------------------------------------------------------


def test_grouping_two_nominations_of_one_person_make_one_candidate(association, nominee):
    cycle = open_cycle()
    first = make_member(association, affiliation="One")
    second = make_member(association, affiliation="Two")

    a = nominate(cycle=cycle, nominator_user=first, nominee=nominee)
    b = nominate(cycle=cycle, nominator_user=second, nominee=nominee)

    assert a.candidate_id == b.candidate_id
    assert Candidate.objects.filter(cycle=cycle).count() == 1
    assert list(a.candidate.nominations.order_by("id")) == [a, b]


def test_grouping_withdrawing_one_keeps_the_candidate(association, nominee):
    cycle = open_cycle()
    first = make_member(association, affiliation="One")
    second = make_member(association, affiliation="Two")
    a = nominate(cycle=cycle, nominator_user=first, nominee=nominee)
    b = nominate(cycle=cycle, nominator_user=second, nominee=nominee)

    nomination_withdraw(nomination=a, actor=first)
    assert Candidate.objects.get(pk=a.candidate_id).is_withdrawn is False

    nomination_withdraw(nomination=b, actor=second)
    assert Candidate.objects.get(pk=a.candidate_id).is_withdrawn is True


def test_nomination_without_statement_cannot_be_submitted(nominator, nominee):
    cycle = open_cycle()
    nomination = nomination_start(
        cycle=cycle, nominator=nominator.person, nominee=nominee, actor=nominator
    )

    with pytest.raises(ValidationError) as caught:
        nomination_submit(nomination=nomination, actor=nominator)

    assert caught.value.message_dict == {
        "statement_en": ["Write the statement in English or in Korean (or both)."]
    }


def test_nomination_receipt_is_queued_in_the_outbox(nominator, nominee):
    cycle = open_cycle()

    nomination = nominate(cycle=cycle, nominator_user=nominator, nominee=nominee)

    message = Message.objects.get(kind="award_nomination_received")
    assert message.to_email == nominator.email
    assert nominee.display_name in message.body_text
    assert f"/me/nominations/{nomination.pk}/" in message.body_text


def test_nomination_submitted_cannot_be_edited(nominator, nominee):
    nomination = nominate(cycle=open_cycle(), nominator_user=nominator, nominee=nominee)

    with pytest.raises(ValidationError):
        nomination_update(nomination=nomination, actor=nominator, statement_en="Changed")

    nomination.refresh_from_db()
    assert nomination.statement_en == "Outstanding."


def test_nomination_submitted_at_is_now(nominator, nominee):
    before = timezone.now()
    nomination = nominate(cycle=open_cycle(), nominator_user=nominator, nominee=nominee)

    assert nomination.submitted_at >= before
