"""The pages: public, a scientist registering, staff managing, the door."""

import datetime as dt
import io
import re
from decimal import Decimal
from email.utils import parseaddr

import pytest
import zxingcpp
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone
from PIL import Image

from conferences import tickets
from conferences.enums import ConferenceStatus, RegistrationStatus
from conferences.models import Conference, Registration, Session
from kofst.common.models import AuditEntry
from tests.factories import MembershipFactory, PersonFactory
from tests.factories.conferences import (
    ConferenceFactory,
    QuestionFactory,
    RegistrationCategoryFactory,
    SessionFactory,
    make_registration,
)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- Public pages ----------------------------------------------------------------------


def test_conference_list_shows_published_and_hides_drafts(client, association):
    ConferenceFactory(organisers=[association], title_en="UKC 2026 Public")
    ConferenceFactory(
        organisers=[association], title_en="Secret draft", status=ConferenceStatus.DRAFT
    )

    response = client.get(reverse("conferences:list"))

    assert [c.title_en for c in response.context["upcoming"]] == ["UKC 2026 Public"]
    assert b"Secret draft" not in response.content


@pytest.mark.parametrize("count", [1, 3])
def test_conference_list_costs_a_fixed_number_of_queries(
    client, association, count, django_assert_max_num_queries
):
    for _ in range(count):
        ConferenceFactory(organisers=[association])

    with django_assert_max_num_queries(4):
        response = client.get(reverse("conferences:list"))

    assert len(response.context["upcoming"]) == count


def test_conference_detail_of_a_draft_is_404_for_the_public(client, association):
    draft = ConferenceFactory(organisers=[association], status=ConferenceStatus.DRAFT)

    response = client.get(reverse("conferences:detail", args=[draft.slug]))

    assert response.status_code == 404


def test_conference_detail_of_a_draft_is_shown_to_its_staff(client, association, association_staff):
    draft = ConferenceFactory(organisers=[association], status=ConferenceStatus.DRAFT)
    client.force_login(association_staff)

    response = client.get(reverse("conferences:detail", args=[draft.slug]))

    assert response.context["conference"] == draft
    assert b"only the organisers can see this page" in response.content


def test_series_page_lists_its_editions(client, conference):
    response = client.get(reverse("conferences:series", args=[conference.series.code]))

    assert response.context["upcoming"] == [conference]


def test_programme_shows_times_in_the_venue_time_zone(client, conference):
    starts = dt.datetime(2026, 9, 10, 9, 30, tzinfo=conference.tz)
    SessionFactory(
        conference=conference,
        title_en="Batteries",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
    )

    response = client.get(reverse("conferences:programme", args=[conference.slug]))

    day = response.context["days"][0]
    assert day["day"] == dt.date(2026, 9, 10)
    assert "09:30–10:30" in response.content.decode()


# --- A scientist registering ------------------------------------------------------------


def test_register_page_offers_eligible_categories_and_explains_the_others(
    client, member_user, conference, association
):
    open_category = RegistrationCategoryFactory(conference=conference, name_en="Non-member")
    members_only = RegistrationCategoryFactory(
        conference=conference, name_en="Member", membership_rule="organiser"
    )
    client.force_login(member_user)

    response = client.get(reverse("conferences:register", args=[conference.slug]))

    assert [o.category for o in response.context["available"]] == [open_category]
    unavailable = response.context["unavailable"]
    assert [o.category for o in unavailable] == [members_only]
    assert unavailable[0].reasons == ["Only for current members of an organising association."]
    assert "Only for current members of an organising association." in response.content.decode()


def test_register_post_confirms_and_shows_the_ticket(
    client, member_user, conference, category, django_capture_on_commit_callbacks
):
    client.force_login(member_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("conferences:register", args=[conference.slug]),
            {"category": category.pk},
            follow=True,
        )

    registration = Registration.objects.get(person=member_user.person)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert response.redirect_chain[-1][0] == reverse(
        "conferences:my_registration", args=[registration.pk]
    )
    assert messages_of(response) == ["You are registered. Your ticket is below."]
    assert tickets.format_code(registration.code) in response.content.decode()
    assert "You owe 150.00 USD." in response.content.decode()
    assert [[parseaddr(to)[1] for to in m.to] for m in mail.outbox] == [[member_user.person.email]]


def test_register_post_twice_keeps_one_registration_and_says_so(
    client, member_user, conference, category
):
    client.force_login(member_user)
    url = reverse("conferences:register", args=[conference.slug])
    client.post(url, {"category": category.pk}, follow=True)

    response = client.post(url, {"category": category.pk}, follow=True)

    assert Registration.objects.filter(person=member_user.person).count() == 1
    assert messages_of(response) == ["You are already registered for this conference."]


def test_register_post_after_the_deadline_is_refused_with_a_message(
    client, member_user, association
):
    now = timezone.now()
    conference = ConferenceFactory(
        organisers=[association],
        registration_opens_at=now - dt.timedelta(days=10),
        registration_closes_at=now - dt.timedelta(minutes=1),
    )
    category = RegistrationCategoryFactory(conference=conference)
    client.force_login(member_user)

    response = client.post(
        reverse("conferences:register", args=[conference.slug]), {"category": category.pk}
    )

    assert response.context["form"].non_field_errors() == [
        "Registration closed: the deadline has passed."
    ]
    assert not Registration.objects.exists()


def test_register_post_when_full_puts_on_the_waiting_list(client, member_user, association):
    conference = ConferenceFactory(organisers=[association], capacity=1)
    category = RegistrationCategoryFactory(conference=conference)
    make_registration(conference=conference, category=category)
    client.force_login(member_user)

    response = client.post(
        reverse("conferences:register", args=[conference.slug]),
        {"category": category.pk},
        follow=True,
    )

    assert messages_of(response) == [
        "The conference is full, so you are on the waiting list (number 1)."
    ]
    assert response.context["waitlist_position"] == 1
    assert response.context["qr"] is None


def test_register_post_without_a_required_answer_shows_the_field_error(
    client, member_user, conference, category
):
    question = QuestionFactory(conference=conference, label_en="Dietary needs", required=True)
    client.force_login(member_user)

    response = client.post(
        reverse("conferences:register", args=[conference.slug]), {"category": category.pk}
    )

    assert response.context["form"].errors == {f"q_{question.pk}": ["This field is required."]}
    assert not Registration.objects.exists()


def test_register_by_a_user_without_a_person_is_told_to_complete_the_profile(
    client, conference, category
):
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    response = client.get(reverse("conferences:register", args=[conference.slug]))

    assert response.status_code == 403
    assert b"scientist profile is missing" in response.content


def test_ticket_qr_code_decodes_to_the_signed_registration_code(client, member_user, conference):
    registration = make_registration(conference=conference, person=member_user.person)
    client.force_login(member_user)

    response = client.get(reverse("conferences:my_ticket_png", args=[registration.pk]))

    image = Image.open(io.BytesIO(response.content))
    decoded = [r.text for r in zxingcpp.read_barcodes(image)]
    assert decoded == [tickets.sign_code(registration.code)]
    assert tickets.read_ticket(decoded[0]) == registration.code


def test_ticket_page_embeds_the_qr_code_inline(client, member_user, conference):
    registration = make_registration(conference=conference, person=member_user.person)
    client.force_login(member_user)

    response = client.get(reverse("conferences:my_registration", args=[registration.pk]))

    assert response.context["qr"].startswith("data:image/svg+xml")
    assert re.search(
        r'<img class="ticket-qr[^"]*" src="data:image/svg\+xml', response.content.decode()
    )


def test_change_answers_saves_them(client, member_user, conference, category):
    question = QuestionFactory(
        conference=conference, kind="choice", choices="Vegetarian\nVegan\nNone"
    )
    registration = make_registration(
        conference=conference,
        category=category,
        person=member_user.person,
        answers={question.answer_key: "None"},
    )
    client.force_login(member_user)

    client.post(
        reverse("conferences:my_answers", args=[registration.pk]), {f"q_{question.pk}": "Vegan"}
    )

    registration.refresh_from_db()
    assert registration.answers == {question.answer_key: "Vegan"}


def test_cancel_frees_the_place_for_the_first_waiting(client, member_user, association):
    conference = ConferenceFactory(organisers=[association], capacity=1)
    category = RegistrationCategoryFactory(conference=conference)
    mine = make_registration(conference=conference, category=category, person=member_user.person)
    waiting = make_registration(conference=conference, category=category)
    client.force_login(member_user)

    response = client.post(reverse("conferences:my_cancel", args=[mine.pk]), follow=True)

    waiting.refresh_from_db()
    assert messages_of(response) == ["Your registration is cancelled."]
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_cancel_after_the_deadline_shows_why(client, member_user, association):
    conference = ConferenceFactory(
        organisers=[association], changes_close_at=timezone.now() - dt.timedelta(hours=1)
    )
    mine = make_registration(conference=conference, person=member_user.person)
    client.force_login(member_user)

    response = client.post(reverse("conferences:my_cancel", args=[mine.pk]))

    mine.refresh_from_db()
    assert response.context["error_message"] == (
        "Cancellation is no longer possible: the deadline has passed."
    )
    assert mine.status == RegistrationStatus.CONFIRMED


def test_ticket_page_with_an_expired_offer_passes_it_on_lazily(client, member_user, association):
    conference = ConferenceFactory(
        organisers=[association], capacity=1, promotion_mode="offer", offer_hours=1
    )
    category = RegistrationCategoryFactory(conference=conference)
    holder = make_registration(conference=conference, category=category)
    mine = make_registration(conference=conference, category=category, person=member_user.person)
    nxt = make_registration(conference=conference, category=category)
    from conferences import services

    services.registration_cancel(registration=holder, actor=None)
    Registration.objects.filter(pk=mine.pk).update(
        offer_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    client.force_login(member_user)

    response = client.get(reverse("conferences:my_registration", args=[mine.pk]))

    nxt.refresh_from_db()
    assert response.context["registration"].status == RegistrationStatus.EXPIRED
    assert nxt.status == RegistrationStatus.OFFERED


def test_accept_offer_confirms(client, member_user, association):
    conference = ConferenceFactory(
        organisers=[association], capacity=1, promotion_mode="offer", offer_hours=24
    )
    category = RegistrationCategoryFactory(conference=conference)
    holder = make_registration(conference=conference, category=category)
    mine = make_registration(conference=conference, category=category, person=member_user.person)
    from conferences import services

    services.registration_cancel(registration=holder, actor=None)
    client.force_login(member_user)

    response = client.post(reverse("conferences:my_accept", args=[mine.pk]), follow=True)

    assert messages_of(response) == ["You accepted the place: your registration is confirmed."]
    assert response.context["registration"].status == RegistrationStatus.CONFIRMED


def test_my_registration_of_someone_else_is_404(client, member_user, conference):
    other = make_registration(conference=conference)
    client.force_login(member_user)

    response = client.get(reverse("conferences:my_registration", args=[other.pk]))

    assert response.status_code == 404


# --- Staff ----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_registrant_list_costs_a_fixed_number_of_queries(
    client, association_staff, conference, category, count, django_assert_max_num_queries
):
    QuestionFactory(conference=conference, kind="yes_no")
    for _ in range(count):
        make_registration(conference=conference, category=category)
    client.force_login(association_staff)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("conferences:registrants", args=[conference.slug]))

    assert len(response.context["page"].object_list) == count


def test_registrant_list_searches_and_filters(client, association_staff, conference, category):
    other_category = RegistrationCategoryFactory(conference=conference, name_en="Student")
    question = QuestionFactory(conference=conference, kind="yes_no")
    jiwoo = make_registration(
        conference=conference,
        category=category,
        person=PersonFactory(family_name_ko="박", given_name_ko="지우", given_name_latin="Jiwoo"),
        answers={question.answer_key: True},
    )
    make_registration(conference=conference, category=other_category)
    client.force_login(association_staff)
    url = reverse("conferences:registrants", args=[conference.slug])

    by_name = client.get(url, {"q": "지우"})
    by_code = client.get(url, {"q": tickets.format_code(jiwoo.code)})
    by_category = client.get(url, {"category": other_category.pk})
    by_answer = client.get(url, {f"a_{question.pk}": "true"})
    by_payment = client.get(url, {"payment": "paid"})

    assert list(by_name.context["page"].object_list) == [jiwoo]
    assert list(by_code.context["page"].object_list) == [jiwoo]
    assert [r.category for r in by_category.context["page"].object_list] == [other_category]
    assert list(by_answer.context["page"].object_list) == [jiwoo]
    assert list(by_payment.context["page"].object_list) == []


def test_registrant_filter_shows_a_bad_value_and_applies_the_others(
    client, association_staff, conference, category
):
    jiwoo = make_registration(
        conference=conference,
        category=category,
        person=PersonFactory(family_name_ko="박", given_name_ko="지우", given_name_latin="Jiwoo"),
    )
    make_registration(conference=conference, category=category)
    client.force_login(association_staff)

    response = client.get(
        reverse("conferences:registrants", args=[conference.slug]),
        {"q": "지우", "category": "not-a-category"},
    )

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [jiwoo]
    page = response.content.decode()
    assert "Select a valid choice." in page
    assert 'class="form-select is-invalid"' in page


def test_registrant_csv_neutralises_formulas(client, association_staff, conference, category):
    make_registration(
        conference=conference,
        category=category,
        person=PersonFactory(affiliation='=HYPERLINK("http://evil")', given_name_latin="+82"),
    )
    client.force_login(association_staff)

    response = client.get(reverse("conferences:registrants_csv", args=[conference.slug]))

    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffcode,status,category")
    assert "'=HYPERLINK" in body
    assert ",'+82," in body
    assert ",=HYPERLINK" not in body


def test_registration_payment_is_recorded_by_staff(client, association_staff, conference, category):
    registration = make_registration(conference=conference, category=category)
    client.force_login(association_staff)

    response = client.post(
        reverse("conferences:registration_manage", args=[conference.slug, registration.pk]),
        {
            "payment_status": "paid",
            "amount_paid": "150.00",
            "paid_on": "2026-05-01",
            "reference": "WIRE-7",
        },
        follow=True,
    )

    registration.refresh_from_db()
    assert messages_of(response) == ["The payment was recorded."]
    assert (registration.payment_status, registration.amount_paid) == ("paid", Decimal("150.00"))
    assert registration.paid_on == dt.date(2026, 5, 1)
    assert response.context["history"][0].action == "conference.registration.payment"


def test_registration_payment_paid_without_amount_shows_field_errors(
    client, association_staff, conference, category
):
    registration = make_registration(conference=conference, category=category)
    client.force_login(association_staff)

    response = client.post(
        reverse("conferences:registration_manage", args=[conference.slug, registration.pk]),
        {"payment_status": "paid", "amount_paid": "", "paid_on": "", "reference": ""},
    )

    assert response.context["form"].errors == {
        "amount_paid": ["Enter the amount."],
        "paid_on": ["Enter the date."],
    }


def test_registration_add_by_staff_registers_a_roster_person(
    client, association_staff, conference, category
):
    person = PersonFactory(email="Speaker@Example.org")
    client.force_login(association_staff)

    client.post(
        reverse("conferences:registration_add", args=[conference.slug]),
        {"email": "speaker@example.org", "category": category.pk},
    )

    registration = Registration.objects.get(person=person)
    assert registration.registered_by == association_staff


def test_registration_add_unknown_email_is_a_field_error(
    client, association_staff, conference, category
):
    client.force_login(association_staff)

    response = client.post(
        reverse("conferences:registration_add", args=[conference.slug]),
        {"email": "nobody@example.org", "category": category.pk},
    )

    assert response.context["form"].errors == {
        "email": ["Nobody with this email address is in the roster."]
    }


def test_check_in_by_typed_code_then_again_says_when(
    client, association_staff, conference, category
):
    registration = make_registration(
        conference=conference,
        category=category,
        person=PersonFactory(family_name_ko="이", given_name_ko="서연", given_name_latin="Seoyeon"),
    )
    client.force_login(association_staff)
    url = reverse("conferences:checkin", args=[conference.slug])

    first = client.post(
        url, {"code": tickets.format_code(registration.code).lower()}, HTTP_HX_REQUEST="true"
    )
    second = client.post(
        url, {"code": tickets.sign_code(registration.code)}, HTTP_HX_REQUEST="true"
    )

    registration.refresh_from_db()
    assert first.templates[0].name == "conferences/partials/checkin_result.html"
    assert first.context["result"].newly_checked_in is True
    assert "이서연" in first.content.decode()
    assert "To pay: 150.00 USD" in first.content.decode()
    assert second.context["result"].newly_checked_in is False
    local = timezone.localtime(registration.checked_in_at, conference.tz)
    when = formats.date_format(local, "DATETIME_FORMAT")
    assert f"Already checked in at {when}." in second.content.decode()
    assert AuditEntry.objects.filter(action="conference.registration.checked_in").count() == 1


def test_check_in_rejects_a_forged_qr_code(client, association_staff, conference, category):
    registration = make_registration(conference=conference, category=category)
    client.force_login(association_staff)

    response = client.post(
        reverse("conferences:checkin", args=[conference.slug]),
        {"code": f"{registration.code}:forged-signature"},
        HTTP_HX_REQUEST="true",
    )

    registration.refresh_from_db()
    assert response.context["error"] == (
        "This QR code was not issued by us (its signature is wrong)."
    )
    assert registration.checked_in_at is None


def test_check_in_of_a_waitlisted_registration_is_refused(client, association_staff, association):
    conference = ConferenceFactory(organisers=[association], capacity=1)
    category = RegistrationCategoryFactory(conference=conference)
    make_registration(conference=conference, category=category)
    waiting = make_registration(conference=conference, category=category)
    client.force_login(association_staff)

    response = client.post(
        reverse("conferences:checkin", args=[conference.slug]),
        {"code": waiting.code},
        HTTP_HX_REQUEST="true",
    )

    assert response.context["error"] == "Not admitted: this registration is “Waiting list”."


def test_check_in_of_another_conferences_ticket_is_unknown(
    client, association_staff, conference, association
):
    other = ConferenceFactory(organisers=[association])
    foreign = make_registration(conference=other)
    client.force_login(association_staff)

    response = client.post(
        reverse("conferences:checkin", args=[conference.slug]), {"code": foreign.code}
    )

    assert response.context["error"] == "No registration for this conference has this code."


@pytest.mark.parametrize("count", [1, 3])
def test_attendance_list_costs_a_fixed_number_of_queries(
    client, association_staff, conference, category, count, django_assert_max_num_queries, hq_user
):
    from conferences import services

    for _ in range(count):
        registration = make_registration(conference=conference, category=category)
        services.registration_check_in(
            conference=conference, value=registration.code, actor=hq_user
        )
    client.force_login(association_staff)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("conferences:attendance", args=[conference.slug]))

    assert len(response.context["page"].object_list) == count


def test_dashboard_shows_statistics(client, association_staff, conference, category, hq_user):
    from conferences import services

    registration = make_registration(conference=conference, category=category)
    make_registration(conference=conference, category=category)
    services.registration_check_in(conference=conference, value=registration.code, actor=hq_user)
    client.force_login(association_staff)

    response = client.get(reverse("conferences:manage_detail", args=[conference.slug]))

    stats = response.context["stats"]
    assert (stats["confirmed"], stats["attended"], stats["attendance_rate"]) == (2, 1, 50)
    assert stats["free"] == conference.capacity - 2
    assert 'id="conference-chart-data"' in response.content.decode()


def test_conference_create_reads_times_in_the_venue_time_zone(
    client, association_staff, association, conference
):
    client.force_login(association_staff)

    response = client.post(
        reverse("conferences:conference_create"),
        {
            "series": conference.series.pk,
            "year": 2027,
            "slug": "ekc-2027",
            "title_en": "EKC 2027",
            "organisers": [association.pk],
            "status": "open",
            "venue": "Technische Universität Wien",
            "city": "Vienna",
            "country": "AT",
            "timezone": "Europe/Vienna",
            "starts_on": "2027-07-20",
            "ends_on": "2027-07-23",
            "registration_opens_at": "2027-01-15T09:00",
            "registration_closes_at": "2027-06-30T23:59",
            "capacity": 400,
            "waitlist_enabled": "on",
            "promotion_mode": "offer",
            "offer_hours": 48,
        },
    )

    created = Conference.objects.get(slug="ekc-2027")
    assert response.status_code == 302
    assert created.registration_closes_at == dt.datetime(2027, 6, 30, 21, 59, tzinfo=dt.UTC)
    assert list(created.organisers.all()) == [association]


def test_conference_create_naming_another_association_is_refused(
    client, association_staff, other_association, conference
):
    client.force_login(association_staff)

    response = client.post(
        reverse("conferences:conference_create"),
        {"slug": "x-2027", "organisers": [other_association.pk]},
    )

    assert "organisers" in response.context["form"].errors
    assert not Conference.objects.filter(slug="x-2027").exists()


def test_session_create_stores_utc_from_venue_time(client, association_staff, conference):
    client.force_login(association_staff)

    client.post(
        reverse("conferences:session_create", args=[conference.slug]),
        {
            "title_en": "Opening plenary",
            "starts_at": "2026-09-10T09:00",
            "ends_at": "2026-09-10T10:30",
        },
    )

    session = Session.objects.get(title_en="Opening plenary")
    assert session.starts_at == dt.datetime(2026, 9, 10, 13, 0, tzinfo=dt.UTC)


def test_category_create_with_eligibility(client, association_staff, conference):
    client.force_login(association_staff)

    client.post(
        reverse("conferences:category_create", args=[conference.slug]),
        {
            "name_en": "Young generation",
            "fee": "50",
            "currency": "usd",
            "membership_rule": "any",
            "career_stages": ["student", "postdoc"],
            "max_age": 39,
            "sales_end": "2026-06-30T23:59",
            "position": 1,
        },
    )

    category = conference.categories.get(name_en="Young generation")
    assert (category.currency, category.career_stages, category.max_age) == (
        "USD",
        ["student", "postdoc"],
        39,
    )
    assert category.sales_end == dt.datetime(2026, 7, 1, 3, 59, tzinfo=dt.UTC)


def test_registration_promote_by_staff_after_raising_capacity(
    client, association_staff, association
):
    conference = ConferenceFactory(organisers=[association], capacity=1, waitlist_enabled=True)
    small = RegistrationCategoryFactory(conference=conference, capacity=1)
    make_registration(conference=conference, category=small)
    waiting = make_registration(conference=conference, category=small)
    client.force_login(association_staff)
    url = reverse("conferences:registration_promote", args=[conference.slug, waiting.pk])

    refused = client.post(url, follow=True)

    assert messages_of(refused) == [
        "No place is free in this conference or category. Raise the number of places first."
    ]


def test_member_with_membership_sees_member_category(client, member_user, conference, association):
    MembershipFactory(person=member_user.person, association=association)
    member_category = RegistrationCategoryFactory(
        conference=conference, membership_rule="organiser"
    )
    client.force_login(member_user)

    response = client.get(reverse("conferences:register", args=[conference.slug]))

    assert [o.category for o in response.context["available"]] == [member_category]


@pytest.mark.parametrize("count", [1, 3])
def test_my_registrations_costs_a_fixed_number_of_queries(
    client, member_user, association, count, django_assert_max_num_queries
):
    for _ in range(count):
        make_registration(conference=ConferenceFactory(organisers=[association]),
                          person=member_user.person)  # fmt: skip
    client.force_login(member_user)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("conferences:my_registrations"))

    assert len(response.context["registrations"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_manage_list_costs_a_fixed_number_of_queries(
    client, association_staff, association, other_association, count,
    django_assert_max_num_queries,
):  # fmt: skip
    mine = [ConferenceFactory(organisers=[association]) for _ in range(count)]
    ConferenceFactory(organisers=[other_association])
    client.force_login(association_staff)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("conferences:manage_list"))

    assert sorted(c.pk for c in response.context["conferences"]) == sorted(c.pk for c in mine)


def test_public_pages_show_korean_titles_to_korean_readers(client, conference, category):
    SessionFactory(conference=conference, title_en="Opening", title_ko="개회식")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"

    detail = client.get(reverse("conferences:detail", args=[conference.slug]))
    programme = client.get(reverse("conferences:programme", args=[conference.slug]))

    assert '<h1 class="h3 mb-1">2026 한미과학기술학술대회</h1>' in detail.content.decode()
    assert "개회식" in programme.content.decode()


def test_registrant_xlsx_neutralises_formulas_and_keeps_hangul(
    client, association_staff, conference, category
):
    from openpyxl import load_workbook

    make_registration(
        conference=conference,
        category=category,
        person=PersonFactory(affiliation="@SUM(A1:A9)", family_name_ko="최", given_name_ko="유나"),
    )
    client.force_login(association_staff)

    response = client.get(reverse("conferences:registrants_xlsx", args=[conference.slug]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, row = rows[0], rows[1]
    assert len(rows) == 2
    assert row[header.index("affiliation")] == "'@SUM(A1:A9)"
    assert (row[header.index("family_name_ko")], row[header.index("given_name_ko")]) == (
        "최",
        "유나",
    )
