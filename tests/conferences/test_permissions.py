"""Every role meets every conference URL: the answer is the expected one, never a 500.

"staff" and "admin" work for the organising association (KSEA); "other_staff" works for
another association (VeKNI) and must not see KSEA's conference (404, not 403: it is out
of their scope, as if it did not exist).
"""

import pytest
from django.urls import reverse

from tests.conftest import give_totp
from tests.factories import PersonFactory, StaffRoleFactory
from tests.factories.conferences import (
    ConferenceFactory,
    QuestionFactory,
    RegistrationCategoryFactory,
    SessionFactory,
    make_registration,
)

ROLES = ["hq", "association_admin", "association_staff", "other_staff", "committee", "member",
         "anonymous"]  # fmt: skip
MANAGERS = {"hq", "association_admin", "association_staff"}
STAFF_ANYWHERE = MANAGERS | {"other_staff"}


def expect_public(role):
    return 200


def expect_draft(role):
    return 200 if role in MANAGERS else 404


def expect_signed_in(role):
    return "login" if role == "anonymous" else 200


def expect_register(role):
    # The member is registered already: the page sends them to their ticket.
    return {"anonymous": "login", "member": 302}.get(role, 403)


def expect_own(role, ok=200):
    return {"anonymous": "login", "member": ok}.get(role, 404)


def expect_staff_area(role):
    if role == "anonymous":
        return "login"
    return 200 if role in STAFF_ANYWHERE else 403


def expect_conference_staff(role, ok=200):
    if role == "anonymous":
        return "login"
    if role in MANAGERS:
        return ok
    return 404 if role == "other_staff" else 403


@pytest.fixture
def world(db, association, other_association, users_by_role):
    conference = ConferenceFactory(organisers=[association], slug="ukc-2026", capacity=1)
    draft = ConferenceFactory(organisers=[association], slug="ukc-draft", status="draft")
    category = RegistrationCategoryFactory(conference=conference)
    question = QuestionFactory(conference=conference)
    session = SessionFactory(conference=conference)
    member = users_by_role["member"]
    mine = make_registration(conference=conference, category=category, person=member.person)
    waiting = make_registration(conference=conference, category=category, person=PersonFactory())
    other_staff = StaffRoleFactory(association=other_association, role="staff").user
    give_totp(other_staff)
    users = {**users_by_role, "other_staff": other_staff}
    return {
        "users": users,
        "c": conference.slug,
        "draft": draft.slug,
        "series": conference.series.code,
        "category": category.pk,
        "question": question.pk,
        "session": session.pk,
        "mine": mine.pk,
        "waiting": waiting.pk,
    }


def urls(w):
    """(method, url, expectation function) for every URL of the conferences app."""
    c = w["c"]

    def u(name, *args):
        return reverse(f"conferences:{name}", args=args)

    def staff_post(role):
        return expect_conference_staff(role, ok=302)

    return [
        ("get", u("list"), expect_public),
        ("get", u("series", w["series"]), expect_public),
        ("get", u("detail", c), expect_public),
        ("get", u("programme", c), expect_public),
        ("get", u("programme_ics", c), expect_public),
        ("get", u("session_ics", c, w["session"]), expect_public),
        ("get", u("detail", w["draft"]), expect_draft),
        ("get", u("programme", w["draft"]), expect_draft),
        ("get", u("register", c), expect_register),
        ("get", u("my_registrations"), expect_signed_in),
        ("get", u("my_registration", w["mine"]), expect_own),
        ("get", u("my_answers", w["mine"]), expect_own),
        ("get", u("my_cancel", w["mine"]), expect_own),
        ("get", u("my_ticket_png", w["mine"]), expect_own),
        ("post", u("my_accept", w["mine"]), lambda r: expect_own(r, ok=302)),
        ("get", u("manage_list"), expect_staff_area),
        ("get", u("conference_create"), expect_staff_area),
        ("get", u("series_create"), expect_staff_area),
        ("get", u("manage_detail", c), expect_conference_staff),
        ("get", u("conference_edit", c), expect_conference_staff),
        ("get", u("category_create", c), expect_conference_staff),
        ("get", u("category_edit", c, w["category"]), expect_conference_staff),
        ("get", u("question_create", c), expect_conference_staff),
        ("get", u("question_edit", c, w["question"]), expect_conference_staff),
        ("post", u("question_delete", c, w["question"]), staff_post),
        ("get", u("session_create", c), expect_conference_staff),
        ("get", u("session_edit", c, w["session"]), expect_conference_staff),
        ("post", u("session_delete", c, w["session"]), staff_post),
        ("get", u("registrants", c), expect_conference_staff),
        ("get", u("registrants_csv", c), expect_conference_staff),
        ("get", u("registrants_xlsx", c), expect_conference_staff),
        ("get", u("registration_add", c), expect_conference_staff),
        ("get", u("registration_manage", c, w["mine"]), expect_conference_staff),
        ("post", u("registration_promote", c, w["waiting"]), staff_post),
        ("post", u("registration_cancel", c, w["waiting"]), staff_post),
        ("get", u("checkin", c), expect_conference_staff),
        ("post", u("checkin", c), expect_conference_staff),
        ("get", u("attendance", c), expect_conference_staff),
        ("get", u("manage_detail", w["draft"]), expect_conference_staff),
    ]


def answer(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return "login"
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_every_conference_url_answers_each_role_as_expected(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)

    actual, expected = {}, {}
    for method, url, expectation in urls(world):
        key = f"{method.upper()} {url}"
        actual[key] = answer(getattr(client, method)(url))
        expected[key] = expectation(role)

    assert actual == expected


def test_another_associations_staff_cannot_act_on_a_registration(client, world):
    """The 404 above is not only a page: the write did not happen either."""
    client.force_login(world["users"]["other_staff"])

    client.post(reverse("conferences:registration_cancel", args=[world["c"], world["waiting"]]))

    from conferences.models import Registration

    assert Registration.objects.get(pk=world["waiting"]).status == "waitlisted"
