import csv
import datetime as dt
import html
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kofst.common.models import AuditEntry
from members.models import DuesPayment, Membership, Person
from members.services.memberships import membership_create, membership_renew
from tests.factories import ChapterFactory, StaffRoleFactory
from tests.factories.roster import DuesPaymentFactory, make_member

pytestmark = pytest.mark.django_db
ROSTER = reverse("members:roster")


def roster_names(response) -> list[str]:
    return [row.membership.person.family_name_latin for row in response.context["rows"]]


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


# --- roster list ----------------------------------------------------------------------


def test_roster_lists_only_own_association(client, association_staff, member, foreign_member):
    client.force_login(association_staff)

    response = client.get(ROSTER)

    assert roster_names(response) == ["Kim"]
    assert response.context["total"] == 1
    assert "Association" not in [str(c["label"]) for c in response.context["columns"]]
    assert "association" not in response.context["filter"].form.fields


def test_roster_hq_sees_every_association_with_filter(client, hq_user, member, foreign_member):
    client.force_login(hq_user)

    everything = client.get(ROSTER)
    filtered = client.get(ROSTER, {"association": foreign_member.association_id})

    assert sorted(roster_names(everything)) == ["Kim", "Park"]
    assert roster_names(filtered) == ["Park"]
    assert "VEKNI" in filtered.content.decode()


def test_roster_staff_cannot_filter_to_foreign_association(
    client, association_staff, member, foreign_member
):
    client.force_login(association_staff)

    response = client.get(ROSTER, {"association": foreign_member.association_id})

    assert roster_names(response) == ["Kim"]


def test_roster_staff_of_two_associations_can_pick(
    client, association_staff, other_association, member, foreign_member
):
    StaffRoleFactory(user=association_staff, association=other_association)
    client.force_login(association_staff)

    response = client.get(ROSTER, {"association": other_association.pk})

    assert roster_names(response) == ["Park"]
    assert "association" in response.context["filter"].form.fields


def test_roster_search_by_part_of_hangul_name(client, association_staff, member, association):
    make_member(association, family_name_latin="Lee", family_name_ko="이", given_name_ko="영수")
    client.force_login(association_staff)

    response = client.get(ROSTER, {"q": "철수"})

    assert roster_names(response) == ["Kim"]
    assert "김철수" in response.content.decode()


def test_roster_htmx_returns_only_the_results(client, association_staff, member):
    client.force_login(association_staff)

    response = client.get(
        ROSTER, {"q": "kim"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="roster-results"
    )

    body = response.content.decode()
    assert "<html" not in body
    assert 'id="roster-table"' in body


def test_roster_filters_status_type_chapter(client, association_staff, association, chapter):
    today = timezone.localdate()
    make_member(association, family_name_latin="Active", membership={"chapter": chapter})
    make_member(
        association,
        family_name_latin="Grace",
        membership={"expires_on": today - dt.timedelta(days=5)},
    )
    make_member(
        association,
        family_name_latin="Gone",
        membership={"expires_on": today - dt.timedelta(days=400)},
    )
    make_member(
        association,
        family_name_latin="Life",
        membership={"type": "life", "expires_on": None},
    )
    client.force_login(association_staff)

    def names(**params):
        return sorted(roster_names(client.get(ROSTER, params)))

    assert names(status="grace") == ["Grace"]
    assert names(status=["grace", "expired"]) == ["Gone", "Grace"]
    assert names(status="active") == ["Active", "Life"]
    assert names(type="life") == ["Life"]
    assert names(chapter=chapter.pk) == ["Active"]


def test_roster_chapter_choices_follow_a_rename(client, association_staff, association, chapter):
    client.force_login(association_staff)
    client.get(ROSTER)  # caches the choice lists
    chapter.name_en = "Renamed Chapter"
    chapter.save()
    added = ChapterFactory(association=association, name_en="Brand New Chapter")

    body = client.get(ROSTER).content.decode()

    assert "Renamed Chapter" in body
    assert f'<option value="{added.pk}">Brand New Chapter</option>' in body


def test_roster_filters_person_fields_and_dates(client, association_staff, association):
    make_member(
        association,
        family_name_latin="Young",
        country="DE",
        field="physics",
        career_stage="student",
        consent_newsletter=True,
        membership={"joined_on": dt.date(2024, 3, 1), "expires_on": dt.date(2027, 3, 1)},
    )
    make_member(
        association,
        family_name_latin="Senior",
        country="US",
        field="chemistry",
        career_stage="senior",
        consent_directory=True,
        membership={"joined_on": dt.date(2010, 3, 1), "expires_on": dt.date(2030, 3, 1)},
    )
    client.force_login(association_staff)

    def names(**params):
        return sorted(roster_names(client.get(ROSTER, params)))

    assert names(country="DE") == ["Young"]
    assert names(field="chemistry") == ["Senior"]
    assert names(career_stage="student") == ["Young"]
    assert names(newsletter="true") == ["Young"]
    assert names(directory="false") == ["Young"]
    assert names(joined_from="2020-01-01") == ["Young"]
    assert names(joined_to="2020-01-01") == ["Senior"]
    assert names(expires_from="2028-01-01", expires_to="2031-01-01") == ["Senior"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name_latin", ["Ahn", "Baek", "Cho"]),
        ("-name_latin", ["Cho", "Baek", "Ahn"]),
        ("name_ko", ["Ahn", "Baek", "Cho"]),  # 가 < 나 < 다
        ("member_number", ["Cho", "Ahn", "Baek"]),
        ("-expires", ["Baek", "Ahn", "Cho"]),
        ("joined", ["Baek", "Cho", "Ahn"]),
    ],
)
def test_roster_sorts(client, association_staff, association, sort, expected):
    today = timezone.localdate()
    for name, ko, number, joined, expires in [
        ("Ahn", "가", "M2", 100, 20),
        ("Baek", "나", "M3", 900, 50),
        ("Cho", "다", "M1", 500, 10),
    ]:
        make_member(
            association,
            family_name_latin=name,
            family_name_ko=ko,
            membership={
                "member_number": number,
                "joined_on": today - dt.timedelta(days=joined),
                "expires_on": today + dt.timedelta(days=expires),
            },
        )
    client.force_login(association_staff)

    assert roster_names(client.get(ROSTER, {"sort": sort})) == expected


def test_roster_paginates_fifty_with_total(client, association_staff, association, settings):
    settings.ROSTER_PAGE_SIZE = 2
    for _ in range(5):
        make_member(association)
    client.force_login(association_staff)

    first = client.get(ROSTER)
    last = client.get(ROSTER, {"page": 3})

    assert (len(first.context["rows"]), first.context["total"]) == (2, 5)
    assert len(last.context["rows"]) == 1
    assert "5 members" in first.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_roster_query_count_is_constant(
    client, django_assert_max_num_queries, hq_user, association, other_association, count
):
    chapter = ChapterFactory(association=association)
    for _ in range(count):
        make_member(association, membership={"chapter": chapter})
        make_member(other_association)
    client.force_login(hq_user)
    client.get(ROSTER)  # warm up the session and the user's roles

    with django_assert_max_num_queries(11):
        response = client.get(ROSTER, {"q": "kim", "status": "active", "sort": "-expires"})

    assert len(response.context["rows"]) == 2 * count


# --- bulk actions and exports ------------------------------------------------------------


def test_bulk_renew_selected(client, association_staff, association):
    members = [make_member(association) for _ in range(2)]
    untouched = make_member(association)
    client.force_login(association_staff)

    response = client.post(
        reverse("members:roster_bulk"),
        {"action": "renew", "years": "1", "selected": [m.pk for m in members], "next": ROSTER},
    )

    assert response.status_code == 302
    assert response.url == ROSTER
    for m in members:
        assert Membership.objects.get(pk=m.pk).expires_on.year == m.expires_on.year + 1
    assert Membership.objects.get(pk=untouched.pk).expires_on == untouched.expires_on


def test_bulk_resign_failure_reports_the_row_and_changes_nothing(
    client, association_staff, association
):
    fine = make_member(association)
    early = make_member(association, membership={"joined_on": timezone.localdate()})
    client.force_login(association_staff)

    response = client.post(
        reverse("members:roster_bulk"),
        {
            "action": "resign",
            "on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
            "selected": [fine.pk, early.pk],
        },
        follow=True,
    )

    messages = [str(m) for m in response.context["messages"]]
    assert messages[0] == "Nothing was changed, because:"
    assert messages[1].startswith(f"KSEA #{early.member_number}")
    assert not Membership.objects.filter(resigned_on__isnull=False).exists()


def test_bulk_move_chapter(client, association_staff, association, chapter):
    members = [make_member(association) for _ in range(2)]
    client.force_login(association_staff)

    client.post(
        reverse("members:roster_bulk"),
        {"action": "move_chapter", "chapter": chapter.pk, "selected": [m.pk for m in members]},
    )

    assert set(Membership.objects.values_list("chapter_id", flat=True)) == {chapter.pk}


def test_bulk_on_foreign_membership_is_404_and_changes_nothing(
    client, association_staff, member, foreign_member
):
    client.force_login(association_staff)

    response = client.post(
        reverse("members:roster_bulk"),
        {"action": "resign", "on": "2026-01-01", "selected": [member.pk, foreign_member.pk]},
    )

    assert response.status_code == 404
    assert not Membership.objects.filter(resigned_on__isnull=False).exists()


def test_bulk_export_selection_is_safe_csv(client, association_staff, association):
    evil = make_member(
        association, family_name_latin='=HYPERLINK("http://x")', affiliation="+1 Lab"
    )
    make_member(association, family_name_latin="NotSelected")
    client.force_login(association_staff)

    response = client.post(
        reverse("members:roster_bulk"), {"action": "export", "selected": [evil.pk]}
    )

    rows = read_csv(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [r["family_name_latin"] for r in rows] == ['\'=HYPERLINK("http://x")']
    assert rows[0]["affiliation"] == "'+1 Lab"
    assert rows[0]["member_number"] == evil.member_number
    assert rows[0]["status"] == "active"


def test_export_all_follows_the_filters(client, association_staff, member, association):
    make_member(association, family_name_latin="Other", given_name_ko="다른")
    client.force_login(association_staff)

    response = client.get(reverse("members:roster_export"), {"q": "철수"})

    rows = read_csv(response)
    assert [(r["family_name_ko"], r["given_name_ko"], r["association"]) for r in rows] == [
        ("김", "철수", "KSEA")
    ]


def test_export_menu_follows_an_htmx_search(client, association_staff, member, association):
    make_member(association, family_name_latin="Other", given_name_ko="다른")
    client.force_login(association_staff)

    response = client.get(
        reverse("members:roster"),
        {"q": "철수", "page": "1"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="roster-results",
    )

    body = response.content.decode()
    assert 'id="roster-export" hx-swap-oob="true"' in body  # replaces the stale menu
    xlsx_link = re.search(r'id="roster-export-xlsx" href="([^"]+)"', body).group(1)
    assert "page=" not in xlsx_link
    download = client.get(html.unescape(xlsx_link))
    sheet = load_workbook(io.BytesIO(download.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Kim"]


# --- person page ------------------------------------------------------------------------


def test_person_page_shows_memberships_dues_and_history(client, association_staff, member, hq_user):
    DuesPaymentFactory(membership=member, amount="55.00", currency="EUR")
    membership_renew(membership=member, actor=hq_user, years=1)
    client.force_login(association_staff)

    response = client.get(reverse("members:person_detail", args=[member.person_id]))

    body = response.content.decode()
    assert "KSEA-000101" in body
    assert "55.00 EUR" in body
    assert "Membership renewed" in body
    assert "hq@kofst.example" in body
    assert 'data-status="active"' in body


def test_person_page_hides_details_of_other_associations(
    client, association_staff, member, other_association, hq_user
):
    other = membership_create(
        person=member.person,
        association=other_association,
        actor=hq_user,
        joined_on=member.joined_on,
        member_number="VK-SECRET",
        expires_on=member.expires_on,
    )
    DuesPaymentFactory(membership=other, reference="VK-PAYMENT")
    client.force_login(association_staff)

    body = client.get(reverse("members:person_detail", args=[member.person_id])).content.decode()

    assert "VEKNI" in body
    assert "VK-SECRET" not in body
    assert "VK-PAYMENT" not in body


@pytest.mark.parametrize("count", [1, 3])
def test_person_page_query_count_is_constant(
    client, django_assert_max_num_queries, hq_user, association, count
):
    from tests.factories import AssociationFactory

    member = make_member(association)
    for _ in range(count):
        other = membership_create(
            person=member.person,
            association=AssociationFactory(),
            actor=hq_user,
            joined_on=member.joined_on,
            expires_on=member.expires_on,
        )
        DuesPaymentFactory(membership=other)
        membership_renew(membership=other, actor=hq_user, years=1)
    client.force_login(hq_user)
    url = reverse("members:person_detail", args=[member.person_id])
    client.get(url)

    with django_assert_max_num_queries(10):
        response = client.get(url)

    assert len(response.context["memberships"]) == count + 1
    assert len(response.context["dues"]) == count


# --- forms --------------------------------------------------------------------------------


def test_person_create_form_adds_person_and_membership(client, association_staff, association):
    client.force_login(association_staff)

    response = client.post(
        reverse("members:person_create"),
        {
            "person-family_name_ko": "정",
            "person-given_name_ko": "하늘",
            "person-family_name_latin": "Jung",
            "person-given_name_latin": "Ha-neul",
            "person-email": "haneul@example.org",
            "person-preferred_language": "ko",
            "membership-association": association.pk,
            "membership-type": "regular",
            "membership-joined_on": "2026-01-01",
            "membership-expires_on": "2026-12-31",
        },
    )

    person = Person.objects.get(email="haneul@example.org")
    membership = person.memberships.get()
    assert response.url == reverse("members:person_detail", args=[person.pk])
    assert membership.member_number == "000001"
    assert AuditEntry.objects.filter(person_id=person.pk).count() == 2


def test_person_create_form_shows_every_message(client, association_staff, association, member):
    client.force_login(association_staff)

    response = client.post(
        reverse("members:person_create"),
        {
            "person-family_name_latin": "Jung",
            "person-email": "CHEOLSU.KIM@example.org",
            "person-preferred_language": "en",
            "membership-association": association.pk,
            "membership-type": "regular",
            "membership-member_number": "KSEA-000101",
            "membership-joined_on": "2026-02-01",
            "membership-expires_on": "2026-01-01",
        },
    )

    person_form, enrol_form = response.context["person_form"], response.context["enrol_form"]
    assert person_form.errors["email"] == [
        "Another person already has the email address CHEOLSU.KIM@example.org."
    ]
    assert enrol_form.errors["expires_on"] == [
        "The expiry date cannot be before the date of joining."
    ]
    assert "already used by" in enrol_form.errors["member_number"][0]
    assert Person.objects.count() == 1


def test_person_create_form_refuses_foreign_association(
    client, association_staff, other_association
):
    client.force_login(association_staff)

    response = client.post(
        reverse("members:person_create"),
        {
            "person-family_name_latin": "Jung",
            "person-preferred_language": "en",
            "membership-association": other_association.pk,
            "membership-type": "regular",
            "membership-joined_on": "2026-02-01",
        },
    )

    assert "association" in response.context["enrol_form"].errors
    assert not Person.objects.exists()


def test_person_edit_form_saves_and_records_history(client, association_staff, member):
    client.force_login(association_staff)
    url = reverse("members:person_edit", args=[member.person_id])
    data = {
        "family_name_ko": "김",
        "given_name_ko": "철수",
        "family_name_latin": "Kim",
        "given_name_latin": "Chul-soo",
        "email": "cheolsu.kim@example.org",
        "preferred_language": "en",
        "affiliation": "Georgia Institute of Technology",
        "country": "US",
    }

    response = client.post(url, data)

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="person.update")
    assert entry.changes["given_name_latin"] == ["Cheol-su", "Chul-soo"]
    assert entry.actor == association_staff


def test_membership_edit_form_rejects_expiry_before_joining(client, association_staff, member):
    client.force_login(association_staff)

    response = client.post(
        reverse("members:membership_edit", args=[member.pk]),
        {
            "member_number": member.member_number,
            "type": "regular",
            "joined_on": "2026-05-01",
            "expires_on": "2026-04-01",
        },
    )

    assert response.context["form"].errors["expires_on"] == [
        "The expiry date cannot be before the date of joining."
    ]
    assert Membership.objects.get(pk=member.pk).expires_on == member.expires_on


def test_membership_renew_form(client, association_staff, member):
    client.force_login(association_staff)

    response = client.post(reverse("members:membership_renew", args=[member.pk]), {"years": "2"})

    renewed = Membership.objects.get(pk=member.pk)
    assert renewed.expires_on.year == member.expires_on.year + 2
    page = client.get(response.url).content.decode()
    assert renewed.expires_on.isoformat() in page


def test_membership_renew_form_needs_years_or_date(client, association_staff, member):
    client.force_login(association_staff)

    response = client.post(reverse("members:membership_renew", args=[member.pk]), {})

    assert response.context["form"].non_field_errors() == [
        "Give a number of years or a new expiry date."
    ]


def test_membership_resign_form(client, association_staff, member):
    client.force_login(association_staff)

    client.post(reverse("members:membership_resign", args=[member.pk]), {"on": "2026-07-01"})

    assert Membership.objects.get(pk=member.pk).resigned_on == dt.date(2026, 7, 1)


def test_dues_form_negative_amount_message(client, association_staff, member):
    client.force_login(association_staff)

    response = client.post(
        reverse("members:dues_create", args=[member.pk]),
        {
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "amount": "-10",
            "currency": "USD",
            "paid_on": "2026-01-02",
            "method": "card",
        },
    )

    assert response.context["form"].errors["amount"] == ["The amount cannot be negative."]
    assert not DuesPayment.objects.exists()


def test_dues_form_records_payment(client, association_staff, member):
    client.force_login(association_staff)

    client.post(
        reverse("members:dues_create", args=[member.pk]),
        {
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "amount": "80",
            "currency": "usd",
            "paid_on": "2026-01-02",
            "method": "card",
            "reference": "R-1",
        },
    )

    payment = DuesPayment.objects.get()
    assert (payment.amount, payment.currency, payment.recorded_by) == (80, "USD", association_staff)


def test_membership_create_for_known_person(client, hq_user, member, other_association):
    client.force_login(hq_user)

    client.post(
        reverse("members:membership_create", args=[member.person_id]),
        {
            "association": other_association.pk,
            "type": "student",
            "joined_on": "2026-01-01",
            "expires_on": "2026-12-31",
        },
    )

    assert sorted(member.person.memberships.values_list("association__code", flat=True)) == [
        "ksea",
        "vekni",
    ]
