"""Staff deciding on applications to join their association."""

from email.utils import parseaddr

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from kofst.common.models import AuditEntry
from members.models import JoinApplication, Membership
from members.services.applications import application_approve, application_decline
from members.services.memberships import add_years
from tests.factories import ChapterFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db
APPLICATIONS = reverse("members:applications")


def apply(association, **kwargs) -> JoinApplication:
    person = kwargs.pop("person", None) or PersonFactory(
        family_name_ko="", given_name_ko="", preferred_language="en"
    )
    return JoinApplication.objects.create(person=person, association=association, **kwargs)


def test_staff_see_only_their_associations_pending_applications(
    client, association, other_association, association_staff
):
    ours = apply(association)
    apply(other_association)
    apply(association, status="declined")
    client.force_login(association_staff)

    response = client.get(APPLICATIONS)

    assert [a.pk for a in response.context["page"].object_list] == [ours.pk]


def test_hq_sees_every_association_and_can_filter(client, association, other_association, hq_user):
    ours = apply(association)
    theirs = apply(other_association)
    client.force_login(hq_user)

    everything = client.get(APPLICATIONS)
    filtered = client.get(APPLICATIONS, {"association": other_association.code})

    assert {a.pk for a in everything.context["page"].object_list} == {ours.pk, theirs.pk}
    assert [a.pk for a in filtered.context["page"].object_list] == [theirs.pk]


@pytest.mark.parametrize("n", [1, 3])
def test_applications_page_query_count_is_constant(
    client, association, association_staff, django_assert_max_num_queries, n
):
    for _ in range(n):
        apply(association, chapter=ChapterFactory(association=association))
    client.force_login(association_staff)

    with django_assert_max_num_queries(10):
        response = client.get(APPLICATIONS)

    assert len(response.context["page"].object_list) == n


def test_approving_enrols_with_the_next_member_number_and_emails_the_applicant(
    client, association, association_staff, django_capture_on_commit_callbacks
):
    association.member_number_prefix = "KSEA-"
    association.save()
    MembershipFactory(association=association, member_number="KSEA-000041")
    chapter = ChapterFactory(association=association)
    application = apply(association, chapter=chapter, type="student")
    client.force_login(association_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:application_decide", args=[application.pk]),
            {"action": "approve", "note": "Welcome aboard"},
        )

    assert response.status_code == 302
    membership = Membership.objects.get(person=application.person, association=association)
    today = timezone.localdate()
    assert (membership.member_number, membership.type, membership.chapter) == (
        "KSEA-000042",
        "student",
        chapter,
    )
    assert (membership.joined_on, membership.expires_on) == (today, add_years(today, 1))
    application.refresh_from_db()
    assert (application.status, application.decided_by) == ("approved", association_staff)
    [message] = mail.outbox
    assert [parseaddr(a)[1] for a in message.to] == [application.person.email]
    assert "approved" in message.body and "Welcome aboard" in message.body
    assert AuditEntry.objects.filter(action="application.approve").count() == 1


def test_declining_records_the_note_and_emails_it_through_smtp(
    association, association_staff, smtp_server, django_capture_on_commit_callbacks
):
    application = apply(association)

    with (
        override_settings(**smtp_server.settings()),
        django_capture_on_commit_callbacks(execute=True),
    ):
        application_decline(
            application=application, actor=association_staff, note="Please apply as student."
        )

    application.refresh_from_db()
    assert (application.status, application.decision_note) == (
        "declined",
        "Please apply as student.",
    )
    [message] = smtp_server.messages
    assert message["To"].addresses[0].addr_spec == application.person.email
    assert "Please apply as student." in message.get_body(preferencelist=("plain",)).get_content()
    assert not Membership.objects.filter(person=application.person).exists()


def test_the_email_is_in_the_applicants_language(
    association, association_staff, django_capture_on_commit_callbacks
):
    person = PersonFactory(preferred_language="ko", family_name_ko="", given_name_ko="")
    application = apply(association, person=person)

    with django_capture_on_commit_callbacks(execute=True):
        application_decline(application=application, actor=association_staff, note="")

    [message] = mail.outbox
    assert [parseaddr(a)[1] for a in message.to] == [person.email]
    assert association.name_ko in message.subject + message.body


def test_no_email_is_sent_when_the_transaction_fails(
    association, association_staff, django_capture_on_commit_callbacks
):
    application = apply(association)
    Membership.objects.create(
        person=application.person,
        association=association,
        member_number="X1",
        joined_on=timezone.localdate(),
    )

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        application_approve(application=application, actor=association_staff)

    assert mail.outbox == []
    application.refresh_from_db()
    assert application.status == "pending"


def test_deciding_twice_is_refused_with_a_message(association, association_staff):
    application = apply(association)
    application_decline(application=application, actor=association_staff, note="No")

    with pytest.raises(ValidationError, match="already declined"):
        application_approve(application=application, actor=association_staff)


def test_declining_without_a_reason_shows_the_field_error(client, association, association_staff):
    application = apply(association)
    client.force_login(association_staff)

    response = client.post(
        reverse("members:application_decide", args=[application.pk]), {"action": "decline"}
    )

    assert response.status_code == 400
    assert "note" in response.context["decline_form"].errors
    application.refresh_from_db()
    assert application.status == "pending"


def test_staff_of_another_association_cannot_decide(client, other_association, association_staff):
    application = apply(other_association)
    client.force_login(association_staff)

    response = client.post(
        reverse("members:application_decide", args=[application.pk]), {"action": "approve"}
    )

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == "pending"
