"""The demo data command: the real figures, re-runs without duplicates, working logins."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db.models import Count

from associations.models import Association, Chapter, Committee, CommitteeMember
from awards.models import AwardCycle, CommitteeSeat
from kofst.accounts.models import User
from kofst.common.demo import DEMO_LOGINS, DEMO_PASSWORD
from kofst.common.demo.seed import AWARD_CODE, LOGIN_ROLES
from kofst.common.roles import roles_of
from members.models import DuesPayment, Membership, Person
from members.search import term_lookup
from tests.accounts.helpers import clear_rate_limit_history

SMALL = 300  # enough for every association, logins and two-association people


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "associations": Association.objects.count(),
        "chapters": Chapter.objects.count(),
        "committees": Committee.objects.count(),
        "committee members": CommitteeMember.objects.count(),
        "people": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "dues": DuesPayment.objects.count(),
        "users": User.objects.count(),
        "emails": EmailAddress.objects.count(),
        "seats": CommitteeSeat.objects.count(),
    }


@pytest.mark.django_db
def test_seed_demo_builds_the_real_federation_once():
    first_output = seed()
    first = counts()

    second_output = seed()

    assert first["associations"] == 18
    assert Association.objects.values("country").distinct().count() == 18
    assert first["people"] == 18_895
    assert counts() == first
    assert "18,895" in first_output
    assert "already there" in second_output
    assert DEMO_PASSWORD in second_output
    largest = (
        Membership.objects.values("association__code")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    assert largest["association__code"] == "ksea"
    assert largest["n"] > 6000


@pytest.mark.django_db
def test_seed_demo_reset_rebuilds_the_same_data_without_duplicates():
    seed("--people", str(SMALL))
    before = counts()
    people_before = _names()

    output = seed("--people", str(SMALL), "--reset")

    assert counts() == before
    assert _names() == people_before
    assert "Demo data built" in output


def _names() -> list[str]:
    rows = Person.objects.values_list("email", "family_name_ko", "given_name_ko", "birth_year")
    return sorted(map(repr, rows))


@pytest.mark.django_db
def test_seed_demo_with_another_size_replaces_its_own_data():
    seed("--people", str(SMALL))

    seed("--people", str(SMALL + 50))

    assert Person.objects.count() == SMALL + 50
    assert Association.objects.count() == 18


@pytest.mark.django_db
def test_seed_demo_refuses_to_overwrite_associations_it_did_not_make():
    Association.objects.create(code="ksea", name_en="KSEA", name_ko="재미과협", country="US")

    with pytest.raises(CommandError, match="--reset"):
        seed("--people", str(SMALL))

    assert Association.objects.count() == 1


@pytest.mark.django_db
def test_seed_demo_logins_sign_in_through_the_login_form(client):
    seed("--people", str(SMALL))
    clear_rate_limit_history()

    signed_in = {}
    for email, _label in DEMO_LOGINS:
        client.logout()
        client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
        signed_in[email] = client.session.get("_auth_user_id")

    expected = {email: str(User.objects.get(email=email).pk) for email, _ in DEMO_LOGINS}
    assert signed_in == expected
    assert EmailAddress.objects.filter(
        email__in=expected, verified=True, primary=True
    ).count() == len(DEMO_LOGINS)


@pytest.mark.django_db
def test_seed_demo_logins_have_their_roles():
    seed("--people", str(SMALL))
    ksea = Association.objects.get(code="ksea")
    vekni = Association.objects.get(code="vekni")
    cycle = AwardCycle.objects.get(award__code=AWARD_CODE)

    roles = {email: roles_of(User.objects.get(email=email)) for email, _ in DEMO_LOGINS}

    by_kind = {LOGIN_ROLES[email][0] + LOGIN_ROLES[email][1]: r for email, r in roles.items()}
    assert by_kind["hq"].hq is True
    assert by_kind["adminksea"].admin_of == {ksea.pk}
    assert (by_kind["staffksea"].staff_of, by_kind["staffksea"].admin_of) == ({ksea.pk}, set())
    assert by_kind["staffvekni"].staff_of == {vekni.pk}
    assert cycle.pk in by_kind["committee"].committee_cycles
    assert not by_kind["committee"].chair_cycles
    assert cycle.pk in by_kind["chair"].chair_cycles
    assert by_kind["member"].person_id is not None
    assert not any(r.hq for kind, r in by_kind.items() if kind != "hq")
    assert not any(r.staff_of for kind, r in by_kind.items() if not kind.startswith(("ad", "st")))


@pytest.mark.django_db
def test_seed_demo_member_login_is_one_person_in_two_associations():
    seed("--people", str(SMALL))
    member = User.objects.get(email="member@demo.kofst.example")

    person = Person.objects.get(user=member)

    codes = sorted(person.memberships.values_list("association__code", flat=True))
    assert len(codes) == 2
    assert "ksea" in codes
    assert Person.objects.filter(email__iexact=person.email).count() == 1


@pytest.mark.django_db
def test_seed_demo_people_in_two_associations_are_single_people():
    seed("--people", str(SMALL))

    doubles = Person.objects.annotate(n=Count("memberships")).filter(n=2)

    assert doubles.count() >= 5
    person = doubles.first()
    assert Membership.objects.filter(person=person).values("association").distinct().count() == 2


@pytest.mark.django_db
def test_seed_demo_people_are_findable_by_member_number_and_hangul_given_name():
    seed("--people", str(SMALL))
    person = Person.objects.exclude(given_name_ko="").order_by("pk").first()
    number = person.memberships.first().member_number

    by_number = Person.objects.filter(**dict([_lookup(number)]))
    by_given_name = Person.objects.filter(**dict([_lookup(person.given_name_ko)]))

    assert person in by_number
    assert person in by_given_name


def _lookup(term: str) -> tuple[str, str]:
    field, needle = term_lookup(term)
    return f"{field}__contains", needle


@pytest.mark.django_db
def test_seed_demo_award_committee_sits_on_the_current_cycle():
    seed("--people", str(SMALL))

    cycle = AwardCycle.objects.get(award__code=AWARD_CODE)
    seats = dict(CommitteeSeat.objects.filter(cycle=cycle).values_list("user__email", "role"))

    assert cycle.award.name_ko == "올해의 재외 과학기술인상"
    assert seats["chair@demo.kofst.example"] == "chair"
    assert seats["committee@demo.kofst.example"] == "member"
