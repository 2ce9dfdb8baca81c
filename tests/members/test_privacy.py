"""Privacy requests: export everything held on a person; erase a person."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.models import Nomination
from kofst.common.models import AuditEntry
from members.models import DuesPayment, JoinApplication, Membership, Person
from members.services.people import person_update
from members.services.privacy import bucket_birth_year, person_erase, person_export
from members.statistics import dashboard_figures
from tests.factories import AwardCycleFactory, PersonFactory, UserFactory
from tests.factories.roster import DuesPaymentFactory, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def subject(association, hq_user):
    """A KSEA member with an account, dues, an application and some history."""
    user = UserFactory(email="minji.seo@example.org")
    membership = make_member(
        association,
        family_name_latin="Seo",
        given_name_latin="Min-ji",
        family_name_ko="서",
        given_name_ko="민지",
        email="minji.seo@example.org",
        phone="+1 555 0100",
        affiliation="MIT",
        keywords="photonics, lasers",
        birth_year=1987,
        country="US",
        field="physics",
        career_stage="postdoc",
        consent_directory=True,
        user=user,
    )
    DuesPaymentFactory(membership=membership, reference="Wire from SEO MINJI")
    JoinApplication.objects.create(
        person=membership.person, association=membership.association, message="Hi, I am Minji"
    )
    person_update(person=membership.person, actor=hq_user, city="Boston")
    return membership.person


def test_export_holds_person_memberships_dues_applications_and_history(subject, hq_user):
    data = person_export(person=subject, actor=hq_user)

    assert data["person"]["email"] == "minji.seo@example.org"
    assert data["person"]["account_email"] == "minji.seo@example.org"
    assert "search_text" not in data["person"]
    [membership] = data["related"]["members.membership.person"]
    assert membership["member_number"] == subject.memberships.get().member_number
    assert membership["members.duespayment"][0]["reference"] == "Wire from SEO MINJI"
    assert data["related"]["members.joinapplication.person"][0]["message"] == "Hi, I am Minji"
    assert [h["action"] for h in data["history"]] == ["person.update"]
    json.dumps(data)  # JSON-ready as it is


def test_export_includes_other_apps_rows_pointing_at_the_person(subject, hq_user):
    cycle = AwardCycleFactory()
    Nomination.objects.create(cycle=cycle, nominator=subject, nominee=PersonFactory())

    data = person_export(person=subject, actor=hq_user)

    assert len(data["related"]["awards.nomination.nominator"]) == 1


def test_export_is_recorded_without_the_data(subject, hq_user):
    person_export(person=subject, actor=hq_user)

    entry = AuditEntry.objects.get(action="person.export")
    assert (entry.person_id, entry.actor, entry.changes) == (subject.pk, hq_user, {})


def test_erase_removes_personal_data_and_deactivates_the_account(subject, hq_user):
    user = subject.user

    person_erase(person=subject, actor=hq_user)

    person = Person.objects.get(pk=subject.pk)
    assert [
        person.family_name_latin,
        person.given_name_latin,
        person.family_name_ko,
        person.given_name_ko,
        person.email,
        person.phone,
        person.city,
        person.affiliation,
        person.keywords,
    ] == ["", "", "", "", None, "", "", "", ""]
    assert (person.birth_year, person.consent_directory, person.user_id) == (1980, False, None)
    assert person.erased_at is not None
    assert "minji" not in person.search_text and "seo" not in person.search_text
    user.refresh_from_db()
    assert not user.is_active and "minji" not in user.email
    assert not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()


def test_erase_clears_free_text_and_history_values(subject, hq_user):
    person_erase(person=subject, actor=hq_user)

    assert JoinApplication.objects.get(person=subject).message == ""
    assert DuesPayment.objects.get(membership__person=subject).reference == ""
    update = AuditEntry.objects.get(person_id=subject.pk, action="person.update")
    assert update.changes == {} and update.summary == ""
    erase = AuditEntry.objects.get(action="person.erase")
    assert "minji" not in json.dumps(erase.changes).lower() + erase.summary.lower()


def test_erase_keeps_the_statistics(subject, association, hq_user):
    before = dashboard_figures(association=association)

    person_erase(person=subject, actor=hq_user)

    after = dashboard_figures(association=association)
    assert Membership.objects.filter(person=subject).count() == 1
    assert (after.people, after.current_memberships) == (before.people, before.current_memberships)
    assert [c.rows for c in after.charts] == [c.rows for c in before.charts]


def test_erase_twice_is_refused(subject, hq_user):
    person_erase(person=subject, actor=hq_user)

    with pytest.raises(ValidationError, match="already erased"):
        person_erase(person=Person.objects.get(pk=subject.pk), actor=hq_user)


def test_erase_also_erases_records_merged_into_the_person(subject, hq_user):
    old = PersonFactory(family_name_latin="Suh", given_name_latin="Minji", merged_into=subject)

    person_erase(person=subject, actor=hq_user)

    old.refresh_from_db()
    assert (old.family_name_latin, old.email, old.erased_at is not None) == ("", None, True)


@pytest.mark.parametrize(("year", "bucket"), [(1987, 1980), (1990, 1990), (None, None)])
def test_bucket_birth_year(year, bucket):
    assert bucket_birth_year(year) == bucket


# --- through the pages ----------------------------------------------------------------


def test_export_view_downloads_json(client, subject, association_staff):
    client.force_login(association_staff)

    response = client.post(reverse("members:person_export", args=[subject.pk]))

    assert response["Content-Disposition"] == f'attachment; filename="person-{subject.pk}.json"'
    assert json.loads(response.content)["person"]["family_name_ko"] == "서"


def test_export_view_of_another_associations_person_is_404(
    client, other_association, association_staff
):
    stranger = make_member(other_association).person
    client.force_login(association_staff)

    response = client.post(reverse("members:person_export", args=[stranger.pk]))

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="person.export").exists()


def test_erase_view_needs_the_typed_confirmation(client, subject, association_admin):
    client.force_login(association_admin)
    url = reverse("members:person_erase", args=[subject.pk])

    refused = client.post(url, {"confirm": "yes"})
    done = client.post(url, {"confirm": "ERASE"})

    assert refused.status_code == 400
    assert "Type ERASE" in refused.content.decode()
    assert done.status_code == 302
    assert Person.objects.get(pk=subject.pk).erased_at is not None


def test_erase_view_is_forbidden_to_plain_staff(client, subject, association_staff):
    client.force_login(association_staff)

    response = client.post(reverse("members:person_erase", args=[subject.pk]), {"confirm": "ERASE"})

    assert response.status_code == 403
    assert Person.objects.get(pk=subject.pk).erased_at is None


def test_person_page_offers_privacy_actions(client, subject, association_admin):
    client.force_login(association_admin)

    response = client.get(reverse("members:person_detail", args=[subject.pk]))

    content = response.content.decode()
    assert reverse("members:person_export", args=[subject.pk]) in content
    assert reverse("members:person_erase", args=[subject.pk]) in content
