"""The pages, driven through HTTP as each role uses them."""

import datetime as dt
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.enums import CycleStatus
from awards.models import Assignment, Award, AwardCycle, Candidate, Criterion, Nomination
from kofst.mail.models import Message
from tests.awards.conftest import give_review, make_member
from tests.factories import AssociationFactory, MembershipFactory, PersonFactory, UserFactory
from tests.factories.awards import open_cycle, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def association():
    return AssociationFactory(code="ksea-v")


def test_nominee_search_shows_name_and_affiliation_only(client, association):
    member = make_member(association, affiliation="Mine")
    person = PersonFactory(
        given_name_latin="Hyunwoo", affiliation="Stanford", email="secret-hw@example.org"
    )
    MembershipFactory(person=person, association=association, member_number="KSEA-777")
    client.force_login(member)

    found = client.get("/awards/nominee-search/?q=Hyunwoo").content.decode()
    by_email = client.get("/awards/nominee-search/?q=secret-hw@example.org").content.decode()
    by_number = client.get("/awards/nominee-search/?q=KSEA-777").content.decode()

    assert "Hyunwoo" in found and "Stanford" in found
    assert "secret-hw" not in found and "KSEA-777" not in found
    assert "Hyunwoo" not in by_email
    assert "Hyunwoo" not in by_number


def test_nominee_search_finds_hangul_names(client, association):
    member = make_member(association, affiliation="Mine")
    person = PersonFactory(family_name_ko="박", given_name_ko="지성", affiliation="KAIST")
    MembershipFactory(person=person, association=association)
    client.force_login(member)

    assert "KAIST" in client.get("/awards/nominee-search/?q=지성").content.decode()
    assert "KAIST" in client.get("/awards/nominee-search/?q=박지성").content.decode()


def test_member_nominates_through_the_pages(client, association):
    cycle = open_cycle()
    member = make_member(association, affiliation="Mine")
    nominee = PersonFactory(given_name_latin="Soyeon", affiliation="ETH")
    MembershipFactory(person=nominee, association=association)
    client.force_login(member)
    start = f"/awards/{cycle.award.code}/{cycle.year}/nominate/"

    page = client.get(start, {"q": "Soyeon"}).content.decode()
    assert "Soyeon" in page
    response = client.post(start, {"person": nominee.pk})
    nomination = Nomination.objects.get(nominee=nominee)
    assert response["Location"] == f"/me/nominations/{nomination.pk}/"
    edit = f"/me/nominations/{nomination.pk}/"
    client.post(edit, {"statement_en": "Pioneer of X.", "statement_ko": "X의 개척자"})
    client.post(
        f"{edit}attachments/",
        {"kind": "cv", "file": SimpleUploadedFile("cv.pdf", pdf_bytes(), "application/pdf")},
    )
    client.post(f"{edit}submit/")

    nomination.refresh_from_db()
    assert nomination.status == "submitted"
    assert (nomination.statement_en, nomination.statement_ko) == ("Pioneer of X.", "X의 개척자")
    assert nomination.attachments.count() == 1
    assert Message.objects.filter(kind="award_nomination_received", to_email=member.email).exists()
    page = client.get(edit).content.decode()
    assert "Submitted" in page and "cv.pdf" in page


def test_member_enters_a_new_nominee(client, association):
    cycle = open_cycle(requires_active_membership=False)
    member = make_member(association, affiliation="Mine")
    client.force_login(member)

    response = client.post(
        f"/awards/{cycle.award.code}/{cycle.year}/nominate/",
        {
            "action": "new",
            "new-family_name_latin": "Lee",
            "new-given_name_latin": "Dana",
            "new-email": "dana.lee@example.org",
            "new-affiliation": "Oxford",
            "new-country": "GB",
        },
    )

    nomination = Nomination.objects.get(nominator=member.person)
    assert response["Location"] == f"/me/nominations/{nomination.pk}/"
    assert (nomination.nominee.name_latin, nomination.nominee.affiliation) == ("Dana Lee", "Oxford")
    assert "dana" in nomination.nominee.search_text


def test_ineligible_nominee_gets_a_message(client, association):
    cycle = open_cycle()
    member = make_member(association, affiliation="Mine")
    client.force_login(member)

    response = client.post(
        f"/awards/{cycle.award.code}/{cycle.year}/nominate/",
        {
            "action": "new",
            "new-family_name_latin": "Park",
            "new-given_name_latin": "Out",
            "new-email": "out@example.org",
        },
    )

    assert response.status_code == 200
    assert "does not hold an active membership in an overseas association" in (
        response.content.decode()
    )
    assert Nomination.objects.count() == 0


def test_hq_creates_an_award_and_a_cycle_in_korea_time(client, hq_user):
    client.force_login(hq_user)

    client.post(
        "/manage/awards/new/",
        {"code": "young", "name_en": "Young Scientist Award", "name_ko": "젊은 과학자상"},
    )
    response = client.post(
        "/manage/awards/young/cycles/new/",
        {
            "year": "2027",
            "timezone": "Asia/Seoul",
            "nominations_open_at": "2027-03-01T09:00",
            "nominations_close_at": "2027-03-31T23:59",
            "review_opens_at": "2027-04-01T00:00",
            "review_closes_at": "2027-04-30T23:59",
            "score_min": "1",
            "score_max": "10",
            "reviewers_per_nomination": "3",
            "requires_active_membership": "on",
            "excludes_committee_members": "on",
            "disagreement_threshold": "3",
        },
    )

    cycle = AwardCycle.objects.get(award__code="young")
    assert response["Location"] == f"/manage/awards/cycles/{cycle.pk}/"
    kst = zoneinfo.ZoneInfo("Asia/Seoul")
    assert cycle.nominations_close_at == dt.datetime(2027, 3, 31, 23, 59, 59, 999999, tzinfo=kst)
    assert cycle.nominations_open_at == dt.datetime(2027, 3, 1, 0, 0, tzinfo=dt.UTC)
    assert Award.objects.get(code="young").name_ko == "젊은 과학자상"


def test_hq_sets_criteria_and_the_committee(client, hq_user):
    cycle = AwardCycle.objects.create(award=Award.objects.create(code="c", name_en="C"), year=2030)
    chair = UserFactory(email="chair-x@example.org")
    client.force_login(hq_user)

    bad = client.post(
        f"/manage/awards/cycles/{cycle.pk}/criteria/",
        {
            "criteria-TOTAL_FORMS": "2",
            "criteria-INITIAL_FORMS": "0",
            "criteria-0-name_en": "Research",
            "criteria-0-weight": "60",
            "criteria-1-name_en": "Service",
            "criteria-1-weight": "30",
        },
    )
    assert "they must add up to 100%" in bad.content.decode()
    client.post(
        f"/manage/awards/cycles/{cycle.pk}/criteria/",
        {
            "criteria-TOTAL_FORMS": "2",
            "criteria-INITIAL_FORMS": "0",
            "criteria-0-name_en": "Research",
            "criteria-0-weight": "70",
            "criteria-1-name_en": "Service",
            "criteria-1-weight": "30",
        },
    )
    client.post(
        f"/manage/awards/cycles/{cycle.pk}/committee/",
        {"email": "CHAIR-X@example.org", "role": "chair"},
    )

    assert list(Criterion.objects.filter(cycle=cycle).values_list("name_en", "weight")) == [
        ("Research", 70),
        ("Service", 30),
    ]
    assert cycle.seats.get().user == chair


def test_chair_runs_the_cycle_to_the_announcement(client, world):
    a = world.candidates[0]
    for reviewer in world.reviewers[:2]:
        give_review(reviewer, a, [8, 8, 8])
    client.force_login(world.chair)
    base = f"/manage/awards/cycles/{world.cycle.pk}"

    client.post(f"{base}/discussion/")
    ranking = client.get(f"{base}/ranking/").content.decode()
    client.post(f"{base}/advance/", {"to": CycleStatus.DECIDING})
    data = {"rationale": "Clear first.", f"winner_{a.pk}": "on", f"citation_en_{a.pk}": "For X"}
    client.post(f"{base}/decision/", data)
    client.post(f"{base}/announce/")

    cycle = AwardCycle.objects.get(pk=world.cycle.pk)
    assert cycle.status == CycleStatus.ANNOUNCED
    assert "8.000" in ranking
    assert Candidate.objects.get(pk=a.pk).outcome == "winner"
    public = client.get(f"/awards/{cycle.award.code}/{cycle.year}/").content.decode()
    assert a.person.display_name in public and "For X" in public


def test_chair_assigns_by_hand_and_sees_conflict_message(client, world):
    client.force_login(world.chair)
    a = world.candidates[0]

    response = client.post(
        f"/manage/awards/cycles/{world.cycle.pk}/assignments/",
        {"candidate": a.pk, "reviewer": world.conflicted.pk},
    )

    assert response.status_code == 400
    assert "has a conflict of interest" in response.content.decode()
    assert not Assignment.objects.filter(reviewer=world.conflicted, status="active").exists()


def test_chair_auto_assigns_through_the_page(client, world):
    Assignment.objects.all().delete()
    client.force_login(world.chair)

    client.post(f"/manage/awards/cycles/{world.cycle.pk}/assignments/auto/")

    active = Assignment.objects.filter(status="active")
    assert active.count() == 6
    assert not active.filter(reviewer=world.chair).exists()
    assert not active.filter(reviewer=world.conflicted, candidate=world.candidates[0]).exists()


def test_nominee_search_posts_only_to_our_own_pages(client, association):
    cycle = open_cycle()
    member = make_member(association, affiliation="Mine")
    person = PersonFactory(given_name_latin="Minji", affiliation="Harvard")
    MembershipFactory(person=person, association=association)
    client.force_login(member)
    start = f"/awards/{cycle.award.code}/{cycle.year}/nominate/"

    ours = client.get("/awards/nominee-search/", {"q": "Minji", "action": start})
    theirs = client.get(
        "/awards/nominee-search/", {"q": "Minji", "action": "https://evil.example/steal"}
    )

    assert f'action="{start}"' in ours.content.decode()
    assert "evil.example" not in theirs.content.decode()
    assert 'action=""' in theirs.content.decode()


def test_member_adds_a_cosigner_found_by_name(client, association):
    cycle = open_cycle()
    member = make_member(association, affiliation="Mine")
    nominee = PersonFactory(given_name_latin="Nominee", affiliation="Lab")
    cosigner = PersonFactory(given_name_latin="Cosigner", affiliation="Support U")
    for person in (nominee, cosigner):
        MembershipFactory(person=person, association=association)
    client.force_login(member)
    client.post(f"/awards/{cycle.award.code}/{cycle.year}/nominate/", {"person": nominee.pk})
    nomination = Nomination.objects.get(nominee=nominee)

    page = client.get(f"/me/nominations/{nomination.pk}/", {"cq": "Cosigner"}).content.decode()
    client.post(f"/me/nominations/{nomination.pk}/cosigners/", {"person": cosigner.pk})

    assert "Support U" in page
    assert list(nomination.cosigners.all()) == [cosigner]
