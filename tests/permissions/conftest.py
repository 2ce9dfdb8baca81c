"""One world for the site-wide permission matrix, built once per module.

Two associations: A (``ksea``), whose objects fill every URL, and B (``vekni``), whose
staff must never see them. A has people, memberships with dues, a chapter, a committee,
staff, an open invitation, an application, a likely-duplicate pair, an import job, a
conference it organises with registrations, a membership certificate with a batch, and
a mail campaign written by its staff. KOFST (headquarters) has an award cycle in review
(discussion open) with a nomination by A's member, assigned to the committee member; and
a partner with an agreement. The users mirror ``users_by_role`` (tests/conftest.py), plus B's staff.

The world is written inside one transaction that is rolled back after the module; each
test runs in a savepoint of its own (pytest-django's ``db``), so a request that writes
leaves nothing behind for the next.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone

from associations import services as association_services
from associations.enums import StaffRoleKind
from awards.models import AwardCycle
from awards.services.assignments import assignment_create
from awards.services.cycles import discussion_open
from awards.services.nominations import (
    attachment_add,
    cosigner_add,
    nomination_start,
    nomination_submit,
    nomination_update,
)
from kofst.certificates import services as certificate_services
from kofst.certificates.enums import CertificateKind
from kofst.certificates.models import CertificateDesign
from kofst.mail.services.campaigns import campaign_create
from kofst.mail.tokens import unsubscribe_token
from members.imports import services as import_services
from members.services.applications import application_submit
from members.services.dues import dues_record
from members.services.memberships import membership_create
from members.services.people import person_create
from tests.conftest import give_totp
from tests.factories import (
    AssociationFactory,
    PersonFactory,
    StaffRoleFactory,
    UserFactory,
)
from tests.factories.associations import AgreementFactory, PartnerFactory
from tests.factories.awards import open_cycle, pdf_bytes, seat
from tests.factories.conferences import (
    ConferenceFactory,
    QuestionFactory,
    RegistrationCategoryFactory,
    SessionFactory,
    make_registration,
)
from tests.factories.mail import MessageFactory
from tests.members.imports_support import KOREAN_HEADERS, ROWS, csv_bytes

# Written on A's private records only (email, member number, a campaign's name; names
# are not private: members search them to nominate): a page shown to B's staff, a member,
# a committee member or a visitor must never contain it (compared in lower case).
SECRET = "zzyzx"


@dataclass
class World:
    a: object  # Association A
    b: object  # Association B
    users: dict  # role -> user (None: anonymous)
    objects: dict  # name -> object of A (or KOFST's)
    tokens: dict  # name -> str


def _person(association, *, actor, given: str, email: str, chapter=None, member_number="", **extra):
    """A person on ``association``'s roster, added the way staff add one."""
    values = {
        "family_name_latin": "Kim",
        "given_name_latin": given,
        "family_name_ko": "김",
        "given_name_ko": "민수",
        "email": email,
        "country": "US",
        "affiliation": "Example University",
        **extra,
    }
    person = person_create(actor=actor, association_id=association.pk, **values)
    membership = membership_create(
        person=person,
        association=association,
        actor=actor,
        joined_on=timezone.localdate() - dt.timedelta(days=400),
        expires_on=timezone.localdate() + dt.timedelta(days=200),
        chapter=chapter,
        member_number=member_number,
    )
    return person, membership


def _users(a, b) -> dict:
    """The roles of ``users_by_role``, plus B's staff."""
    hq = UserFactory(email="hq@kofst.example", is_hq_staff=True)
    a_admin = StaffRoleFactory(association=a, role=StaffRoleKind.ADMIN).user
    a_staff = StaffRoleFactory(association=a, role=StaffRoleKind.STAFF).user
    b_staff = StaffRoleFactory(association=b, role=StaffRoleKind.STAFF).user
    committee = UserFactory()
    member = UserFactory()
    for user in (hq, a_admin, a_staff, b_staff):
        give_totp(user)
    return {
        "hq": hq,
        "association_admin": a_admin,
        "association_staff": a_staff,
        "committee": committee,
        "member": member,
        "anonymous": None,
        "other_staff": b_staff,
    }


def _build() -> World:
    a = AssociationFactory(code="ksea", name_en="KSEA", name_ko="재미한인과학기술자협회")
    b = AssociationFactory(
        code="vekni", name_en="VeKNI", name_ko="재독한국과학기술자협회", country="DE"
    )
    users = _users(a, b)
    hq, a_admin, a_staff = users["hq"], users["association_admin"], users["association_staff"]
    member_user, committee_user = users["member"], users["committee"]

    # --- Associations: chapter, committee with a seat, staff, invitation, partner ---
    chapter = association_services.chapter_create(
        association=a, actor=a_admin, name_en="Washington DC", name_ko="워싱턴"
    )
    association_services.chapter_create(association=b, actor=hq, name_en="Berlin", name_ko="베를린")
    committee = association_services.committee_create(
        association=a, actor=a_admin, name_en="Scholarship committee", name_ko="장학위원회"
    )

    # --- People of A (one private record, its likely duplicate) and of B ---
    secret, secret_membership = _person(
        a,
        actor=a_staff,
        given="Private",
        email=f"{SECRET}.kim@example.org",
        chapter=chapter,
        member_number=f"KSEA-{SECRET.upper()}",
    )
    twin, _twin_membership = _person(
        a, actor=a_staff, given="Private", email=f"{SECRET}@example.com"
    )
    _person(
        b,
        actor=users["other_staff"],
        given="Berliner",
        email="berliner@example.de",
        given_name_ko="영희",
    )
    dues = dues_record(
        membership=secret_membership,
        actor=a_staff,
        period_start=timezone.localdate().replace(month=1, day=1),
        period_end=timezone.localdate().replace(month=12, day=31),
        amount=Decimal("100.00"),
        paid_on=timezone.localdate(),
    )
    invitation, invitation_token = association_services.staff_invite(
        association=a, email="new.staff@example.org", role=StaffRoleKind.STAFF, actor=a_admin
    )
    partner = PartnerFactory(acronym="KIST", name_en="Korea Institute of S&T")
    agreement = AgreementFactory(partner=partner)

    # --- The member: on A's roster, signed in, applying to a third association; another
    # person applying to A ---
    member, member_membership = _person(a, actor=a_staff, given="Member", email=member_user.email)
    member.user = member_user
    member.save(update_fields=["user"])
    seat_a = association_services.committee_seat_add(  # committees are public: not the secret
        committee=committee, person=member, role="member", actor=a_admin
    )
    nominee, _nominee_membership = _person(
        a, actor=a_staff, given="Nominee", email="nominee@example.org", given_name_ko="영수"
    )
    third = AssociationFactory(code="kast-h10", name_en="KAST")
    own_application = application_submit(person=member, association=third, actor=member_user)
    applicant_user = UserFactory()
    applicant = PersonFactory(user=applicant_user, email=applicant_user.email)
    application = application_submit(person=applicant, association=a, actor=applicant_user)

    # --- A roster import, mapped and previewed ---
    job = import_services.import_job_create(
        association=a, name="roster.csv", data=csv_bytes(KOREAN_HEADERS, ROWS), actor=a_staff
    )
    import_services.import_job_map(job=job, mapping=job.mapping, remember=False, actor=a_staff)

    # --- A conference organised by A, with the member and the private record registered ---
    conference = ConferenceFactory(organisers=[a], slug="ukc-h10")
    category = RegistrationCategoryFactory(conference=conference, name_en="Regular")
    question = QuestionFactory(conference=conference)
    session = SessionFactory(conference=conference)
    registration = make_registration(
        conference=conference, category=category, person=member, actor=a_staff
    )
    make_registration(conference=conference, category=category, person=secret, actor=a_staff)

    # --- KOFST's award cycle: the member nominates another A member; in discussion ---
    cycle = open_cycle(reviewers_per_nomination=1)
    committee_seat = seat(cycle, user=committee_user)
    give_totp(committee_user)
    nomination = nomination_start(cycle=cycle, nominator=member, nominee=nominee, actor=member_user)
    nomination_update(nomination=nomination, actor=member_user, statement_en="Outstanding.")
    attachment_add(
        nomination=nomination,
        file=SimpleUploadedFile("cv.pdf", pdf_bytes(), "application/pdf"),
        name="cv.pdf",
        kind="cv",
        actor=member_user,
    )
    cosigner, _cosigner_membership = _person(
        a, actor=a_staff, given="Cosigner", email="cosigner@example.org", given_name_ko="지훈"
    )
    cosigner_add(nomination=nomination, person=cosigner, actor=member_user)
    nomination = nomination_submit(nomination=nomination, actor=member_user)
    candidate = nomination.candidate
    assignment = assignment_create(candidate=candidate, reviewer=committee_user, actor=hq)
    now = timezone.now()
    AwardCycle.objects.filter(pk=cycle.pk).update(  # time arranged, as tests/awards do
        status="reviewing",
        nominations_close_at=now - dt.timedelta(days=1),
        review_opens_at=now - dt.timedelta(hours=1),
        review_closes_at=now + dt.timedelta(days=10),
    )
    cycle.refresh_from_db()
    cycle = discussion_open(cycle=cycle, actor=hq)

    # --- A membership certificate of the member; a batch for the private record's ---
    design = CertificateDesign.objects.create(
        association=a, signer_1_name="홍길동 Hong Gildong", signer_1_title="President"
    )
    certificate = certificate_services.certificate_issue(
        kind=CertificateKind.MEMBERSHIP,
        subject=member_membership,
        person=member,
        actor=a_staff,
    )
    batch = certificate_services.batch_create(
        kind=CertificateKind.MEMBERSHIP, subject=secret_membership, actor=a_staff
    )

    # --- A mail campaign of A's staff, and one message to the private record ---
    campaign = campaign_create(
        actor=a_staff,
        association=a,
        name=f"{SECRET} newsletter",
        subject_en="News from {{ association }}",
        body_en="Dear {{ name }},\n\nHere is our news.",
    )
    message = MessageFactory(association=a, to_email=secret.email, person=secret)

    objects = {
        "chapter": chapter,
        "committee": committee,
        "committee_seat_a": seat_a,
        "staff_role": a_staff.staff_roles.get(association=a),
        "invitation": invitation,
        "partner": partner,
        "agreement": agreement,
        "person": secret,
        "twin": twin,
        "membership": secret_membership,
        "dues": dues,
        "member": member,
        "member_membership": member_membership,
        "own_application": own_application,
        "application": application,
        "import_job": job,
        "conference": conference,
        "category": category,
        "question": question,
        "session": session,
        "registration": registration,
        "cycle": cycle,
        "award": cycle.award,
        "committee_seat": committee_seat,
        "nomination": nomination,
        "cosigner": cosigner,
        "attachment": nomination.attachments.get(),
        "candidate": candidate,
        "assignment": assignment,
        "design": design,
        "certificate": certificate,
        "batch": batch,
        "campaign": campaign,
        "message": message,
    }
    tokens = {
        "invitation": invitation_token,
        "unsubscribe": unsubscribe_token(email=member.email, person_id=member.pk),
    }
    return World(a=a, b=b, users=users, objects=objects, tokens=tokens)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, in a transaction rolled back after the module. Files go to a
    temporary private storage; on-commit work (import preview, certificate batch) runs
    while building."""
    from django.conf import settings

    storages = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("private")), "base_url": None},
        },
    }
    with override_settings(STORAGES=storages), django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            built = _build()
        yield built
        transaction.set_rollback(True)
