"""Two-factor: staff and committee members must set up TOTP (allauth's real flow) before
their pages open, and sign in with a code from then on."""

import re
from urllib.parse import quote

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail

from tests.accounts.helpers import totp_code, wrong_code
from tests.factories import PASSWORD, CommitteeSeatFactory, StaffRoleFactory, UserFactory

ACTIVATE = "/accounts/2fa/totp/activate/"


def activation_url(next_url: str) -> str:
    return f"{ACTIVATE}?next={quote(next_url, safe='')}"


def sign_in(client, user, next_url: str = ""):
    url = "/accounts/login/" + (f"?next={quote(next_url, safe='')}" if next_url else "")
    return client.post(url, {"login": user.email, "password": PASSWORD})


@pytest.fixture
def hq_without_totp(db):
    return UserFactory(is_hq_staff=True)


@pytest.fixture
def committee_without_totp(db):
    return CommitteeSeatFactory(role="member").user


@pytest.fixture
def admin_without_totp(db, association):
    return StaffRoleFactory(association=association, role="admin").user


@pytest.mark.parametrize(
    "who", ["staff_without_totp", "admin_without_totp", "hq_without_totp", "committee_without_totp"]
)
@pytest.mark.parametrize("path", ["/manage/", "/review/anything/", "/admin/"])
def test_role_without_totp_is_sent_to_set_it_up(client, request, who, path):
    client.force_login(request.getfixturevalue(who))

    response = client.get(path, {"page": "2"})

    assert response.status_code == 302
    assert response["Location"] == activation_url(f"{path}?page=2")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "Your role requires two-factor authentication. Set up an authenticator app to continue."
    ]


def test_member_is_not_asked_for_two_factor(client, member_user):
    client.force_login(member_user)

    response = client.get("/manage/")

    assert response.status_code == 403  # not staff: refused, not sent to set up TOTP
    assert b"Your account does not have access to this page." in response.content


def test_demo_without_required_two_factor_lets_staff_in(client, settings, staff_without_totp):
    settings.KOFST_REQUIRE_2FA = False
    client.force_login(staff_without_totp)

    response = client.get("/manage/")

    assert response.status_code == 200
    assert b"Staff area" in response.content


def _activate(client, user, *, code_for=None) -> tuple[str, object]:
    """Sign in, open /manage/, follow allauth to the activation form; returns the secret
    and the response to posting the code (``code_for(secret)``)."""
    assert sign_in(client, user)["Location"] == "/"
    to_activation = client.get("/manage/")
    assert to_activation["Location"] == activation_url("/manage/")
    # allauth asks for the password again before a security change (reauthentication)
    to_reauth = client.get(to_activation["Location"])
    assert to_reauth["Location"].startswith("/accounts/reauthenticate/?next=")
    back = client.post(to_reauth["Location"], {"password": PASSWORD})
    assert back["Location"] == activation_url("/manage/")
    form = client.get(back["Location"])
    assert form.status_code == 200
    assert b'<input type="hidden" name="next" value="/manage/">' in form.content
    secret = client.session["mfa.totp.secret"]
    code = code_for(secret) if code_for else totp_code(secret)
    return secret, client.post(ACTIVATE, {"code": code, "next": "/manage/"})


def test_totp_activation_with_correct_code_opens_staff_pages(client, staff_without_totp):
    _, response = _activate(client, staff_without_totp)

    # first the new recovery codes, with the way on to the page that asked for TOTP
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/recovery-codes/?next=%2Fmanage%2F"
    codes_page = client.get(response["Location"]).content.decode()
    assert '<a class="btn btn-primary" href="/manage/" id="continue-after-2fa">' in codes_page
    codes = re.search(r'<textarea class="form-control font-monospace"[^>]*>([^<]*)<', codes_page)
    assert len(codes.group(1).split()) == 10
    types = set(
        Authenticator.objects.filter(user=staff_without_totp).values_list("type", flat=True)
    )
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    staff_page = client.get("/manage/")
    assert staff_page.status_code == 200
    assert b'<h1 class="h3 mb-3">Staff area</h1>' in staff_page.content


def test_totp_activation_with_wrong_code_is_refused(client, staff_without_totp):
    _, response = _activate(client, staff_without_totp, code_for=wrong_code)

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(
        r'<div class="invalid-feedback d-block" id="id_code_errors">\s*<div>Incorrect code.</div>',
        html,
    )
    assert not Authenticator.objects.filter(user=staff_without_totp).exists()
    assert client.get("/manage/")["Location"] == activation_url("/manage/")


def test_next_login_after_activation_asks_for_the_code(client, settings, staff_without_totp):
    secret, activated = _activate(client, staff_without_totp)
    assert activated.status_code == 302
    client.post("/accounts/logout/")
    mail.outbox.clear()

    password_step = sign_in(client, staff_without_totp, next_url="/manage/")

    assert password_step["Location"] == "/accounts/2fa/authenticate/"
    # between the password and the code the user is not signed in
    assert client.get("/manage/")["Location"] == "/accounts/login/?next=/manage/"
    sign_in(client, staff_without_totp, next_url="/manage/")
    refused = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert refused.status_code == 200
    assert "Incorrect code." in refused.content.decode()
    # The code used to activate may not be used again; a phone would show the next one.
    # Accept one period of clock drift so the test need not wait for it.
    settings.MFA_TOTP_TOLERANCE = 1
    accepted = client.post(
        "/accounts/2fa/authenticate/", {"code": totp_code(secret, steps_ahead=1)}
    )
    assert accepted["Location"] == "/manage/"
    assert client.get("/manage/").status_code == 200


def test_django_admin_signs_in_through_allauth(client):
    response = client.get("/admin/login/", {"next": "/admin/"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


@pytest.mark.django_db
def test_failed_logins_are_rate_limited(client):
    user = UserFactory()
    for _ in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong"})

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session
