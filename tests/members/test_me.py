"""A signed-in scientist's own pages: profile, consents, memberships, dues, applying."""

import pytest
from django.urls import reverse

from kofst.common.models import AuditEntry
from members.models import JoinApplication, Person
from members.services.profile import person_for_user
from tests.factories import ChapterFactory, PersonFactory, UserFactory
from tests.factories.roster import DuesPaymentFactory, make_member

pytestmark = pytest.mark.django_db
ME = reverse("members:me")
EDIT = reverse("members:me_edit")
APPLY = reverse("members:me_apply")

PROFILE = {
    "family_name_latin": "Park",
    "given_name_latin": "Seo-yeon",
    "family_name_ko": "박",
    "given_name_ko": "서연",
    "phone": "+82 10 0000 0000",
    "country": "DE",
    "city": "Berlin",
    "affiliation": "Fraunhofer",
    "position": "Researcher",
    "degree": "doctorate",
    "field": "materials",
    "keywords": "batteries, thin films",
    "career_stage": "early_career",
    "birth_year": "1992",
    "languages": ["ko", "de"],
    "preferred_language": "en",
    "consent_directory": "on",
}


def test_first_visit_creates_the_person_with_the_account_email(client):
    user = UserFactory(email="new.scientist@example.org")
    client.force_login(user)

    response = client.get(ME)

    person = Person.objects.get(user=user)
    assert person.email == "new.scientist@example.org"
    assert response.context["person"] == person
    assert response.context["profile_incomplete"] is True
    assert AuditEntry.objects.filter(person_id=person.pk, action="person.create").exists()


def test_first_visit_links_an_imported_record_with_the_verified_email(client, association):
    imported = make_member(association, email="imported@example.org").person
    user = UserFactory(email="imported@example.org")
    client.force_login(user)

    client.get(ME)

    imported.refresh_from_db()
    assert imported.user_id == user.pk
    assert Person.objects.filter(user=user).count() == 1


def test_an_unverified_account_does_not_claim_an_imported_record(association):
    imported = make_member(association, email="claim@example.org").person
    user = UserFactory(email="claim@example.org", verified=False)

    person = person_for_user(user=user)

    assert person.pk != imported.pk and person.email is None
    imported.refresh_from_db()
    assert imported.user_id is None


def test_a_merged_record_leads_to_the_kept_one(member_user):
    kept = PersonFactory()
    Person.objects.filter(user=member_user).update(merged_into=kept)

    assert person_for_user(user=member_user) == kept


def test_me_page_shows_memberships_and_dues(client, association, member_user):
    person = Person.objects.get(user=member_user)
    membership = make_member(association, email="x@example.org")
    membership.person = person
    membership.save()
    DuesPaymentFactory(membership=membership)
    client.force_login(member_user)

    response = client.get(ME)

    assert [(m.pk, str(status)) for m, status in response.context["memberships"]] == [
        (membership.pk, "active")
    ]
    assert len(response.context["dues"]) == 1
    assert membership.member_number in response.content.decode()


def test_editing_the_profile_saves_fields_and_consents(client, member_user):
    client.force_login(member_user)

    response = client.post(EDIT, PROFILE)

    assert response.status_code == 302
    person = Person.objects.get(user=member_user)
    assert (person.name_ko, person.languages, person.consent_directory) == ("박서연", "ko,de", True)
    assert person.consent_newsletter is False
    assert "박서연" in person.search_text
    assert AuditEntry.objects.filter(person_id=person.pk, action="person.update").exists()


def test_editing_the_profile_with_bad_input_shows_messages_by_the_fields(client, member_user):
    client.force_login(member_user)
    bad = {**PROFILE, "birth_year": "1850", "family_name_latin": "", "given_name_latin": ""}
    bad.update(family_name_ko="", given_name_ko="")

    response = client.post(EDIT, bad)

    assert response.status_code == 400
    form = response.context["form"]
    assert "birth_year" in form.errors
    assert "Enter the person's name" in " ".join(form.non_field_errors())


def test_the_email_is_not_editable_on_the_profile(client, member_user):
    client.force_login(member_user)
    before = Person.objects.get(user=member_user).email

    client.post(EDIT, {**PROFILE, "email": "hijack@example.org"})

    assert Person.objects.get(user=member_user).email == before


def test_applying_creates_a_pending_application(client, association, member_user):
    chapter = ChapterFactory(association=association)
    client.force_login(member_user)

    response = client.post(
        APPLY,
        {"association": association.pk, "type": "student", "chapter": chapter.pk, "message": "Hi"},
    )

    assert response.status_code == 302
    application = JoinApplication.objects.get(person__user=member_user)
    assert (application.status, application.type, application.chapter) == (
        "pending",
        "student",
        chapter,
    )


def test_applying_twice_is_refused_with_a_message(client, association, member_user):
    client.force_login(member_user)
    data = {"association": association.pk, "type": "regular"}
    client.post(APPLY, data)

    response = client.post(APPLY, data)

    assert response.status_code == 400
    assert "already waiting for a decision" in " ".join(
        response.context["form"].errors["association"]
    )
    assert JoinApplication.objects.filter(person__user=member_user).count() == 1


def test_applying_where_already_a_member_is_refused(client, association, member_user):
    person = Person.objects.get(user=member_user)
    membership = make_member(association, email="y@example.org")
    membership.person = person
    membership.save()
    client.force_login(member_user)

    response = client.post(APPLY, {"association": association.pk, "type": "regular"})

    assert response.status_code == 400
    assert "already on the roster" in " ".join(response.context["form"].errors["association"])


def test_applying_with_a_chapter_of_another_association_is_refused(
    client, association, other_association, member_user
):
    foreign_chapter = ChapterFactory(association=other_association)
    client.force_login(member_user)

    response = client.post(
        APPLY, {"association": association.pk, "type": "regular", "chapter": foreign_chapter.pk}
    )

    assert response.status_code == 400
    assert "is not a chapter of" in " ".join(response.context["form"].errors["chapter"])


def test_withdrawing_a_pending_application(client, association, member_user):
    client.force_login(member_user)
    client.post(APPLY, {"association": association.pk, "type": "regular"})
    application = JoinApplication.objects.get(person__user=member_user)

    response = client.post(reverse("members:me_application_withdraw", args=[application.pk]))

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_withdrawing_someone_elses_application_is_404(client, association, member_user):
    other = JoinApplication.objects.create(person=PersonFactory(), association=association)
    client.force_login(member_user)

    response = client.post(reverse("members:me_application_withdraw", args=[other.pk]))

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == "pending"


def test_me_pages_send_anonymous_visitors_to_sign_in(client):
    for url in (ME, EDIT, APPLY):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
