"""Every allauth page renders in the site's own layout with Bootstrap markup."""

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from tests.conftest import give_totp
from tests.factories import PASSWORD, UserFactory

SITE_LAYOUT = 'class="navbar-brand fw-semibold"'


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index('<main class="') : html.index("</main>")]


def assert_site_look(response, heading: str) -> str:
    html = response.content.decode()
    assert SITE_LAYOUT in html  # the site's base.html, not allauth's bare layout
    assert 'id="language-switcher"' in html
    main = main_of(response)
    assert re.search(rf'<h1 class="h3 mb-3">\s*{re.escape(heading)}\s*</h1>', main), main
    # no bare allauth markup: every visible input is a Bootstrap control
    for tag in re.findall(r"<input [^>]*>", main):
        if 'type="hidden"' in tag:
            continue
        assert re.search(r'class="[^"]*(form-control|form-check-input)', tag), tag
    for tag in re.findall(r"<button[^>]*>", main):
        assert 'class="btn' in tag or "dropdown-item" in tag, tag
    return main


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/accounts/login/", "Sign In"),
        ("/accounts/signup/", "Sign Up"),
        ("/accounts/password/reset/", "Password Reset"),
        ("/accounts/confirm-email/", "Verify Your Email Address"),
        ("/accounts/confirm-email/not-a-key/", "Confirm Email Address"),
    ],
)
def test_entrance_pages_use_site_layout(client, url, heading):
    response = client.get(url)

    assert response.status_code == 200
    main = assert_site_look(response, heading)
    assert 'class="card shadow-sm mx-auto allauth-entrance"' in main


@pytest.mark.django_db
def test_login_form_fields_are_bootstrap_floating_fields(client):
    main = main_of(client.get("/accounts/login/"))

    assert re.search(r'<div class="form-floating mb-3">\s*<input type="email" name="login"', main)
    assert 'class="form-control"' in main
    assert '<input type="checkbox" name="remember" class="form-check-input"' in main
    assert 'class="btn btn-primary w-100 py-2"' in main


@pytest.mark.django_db
def test_login_error_shows_next_to_form(client):
    user = UserFactory()

    response = client.post("/accounts/login/", {"login": user.email, "password": "wrong"})

    assert response.status_code == 200
    main = main_of(response)
    assert re.search(
        r'<div class="alert alert-danger" role="alert">\s*<div>The email address and/or '
        r"password you specified are not correct.</div>",
        main,
    )


@pytest.mark.django_db
def test_signup_error_is_shown_at_the_field(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "short", "password2": "short"},
    )

    main = main_of(response)
    assert 'class="form-control is-invalid"' in main
    assert re.search(r'<div class="invalid-feedback d-block" id="id_password1_errors">', main)
    assert "This password is too short." in main


@pytest.fixture
def signed_in(client, db):
    """A member signed in through the real login form (so allauth records how)."""
    user = UserFactory()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return user


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/accounts/email/", "Email Address"),
        ("/accounts/password/change/", "Change Password"),
        ("/accounts/2fa/", "Two-Factor Authentication"),
        ("/accounts/reauthenticate/", "Confirm Access"),
    ],
)
def test_account_pages_use_site_layout(client, signed_in, url, heading):
    response = client.get(url)

    assert response.status_code == 200
    main = assert_site_look(response, heading)
    if url != "/accounts/reauthenticate/":
        assert 'aria-label="Account settings"' in main  # the account side menu


def test_totp_activation_page_shows_qr_and_secret(client, signed_in):
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})

    response = client.get("/accounts/2fa/totp/activate/")

    main = assert_site_look(response, "Activate Authenticator App")
    secret = client.session["mfa.totp.secret"]
    assert re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="' + secret, main)
    assert f'value="{secret}"' in main
    assert re.search(r'<input type="text" name="code"[^>]*class="form-control"', main)


def test_mfa_pages_of_a_user_with_totp_use_site_layout(client, signed_in):
    give_totp(signed_in)
    RecoveryCodes.activate(signed_in)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})

    index = assert_site_look(client.get("/accounts/2fa/"), "Two-Factor Authentication")
    codes = assert_site_look(client.get("/accounts/2fa/recovery-codes/"), "Recovery Codes")
    deactivate = assert_site_look(
        client.get("/accounts/2fa/totp/deactivate/"), "Deactivate Authenticator App"
    )

    assert "Authentication using an authenticator app is active." in index
    assert "There are 10 out of 10 recovery codes available." in index
    assert '<textarea class="form-control font-monospace"' in codes
    assert 'class="btn btn-danger"' in deactivate


@pytest.mark.django_db
def test_two_factor_step_at_login_uses_site_layout(client):
    user = UserFactory()
    give_totp(user)

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    page = client.get("/accounts/2fa/authenticate/")

    main = assert_site_look(page, "Two-Factor Authentication")
    assert re.search(r'<input type="text" name="code"[^>]*class="form-control"', main)


@pytest.mark.django_db
def test_login_page_lists_demo_logins_when_demo(client, settings):
    from kofst.common.demo import DEMO_LOGINS, DEMO_PASSWORD

    settings.KOFST_DEMO = True
    settings.KOFST_REQUIRE_2FA = False

    main = main_of(client.get("/accounts/login/"))

    assert "Two-factor authentication is switched off for the demo" in main
    assert f"<code>{DEMO_PASSWORD}</code>" in main
    listed = re.findall(r'data-email="([^"]+)"', main)
    assert listed == [email for email, _ in DEMO_LOGINS]


@pytest.mark.django_db
def test_login_page_has_no_demo_notice_in_production(client, settings):
    settings.KOFST_DEMO = False

    main = main_of(client.get("/accounts/login/"))

    assert 'id="demo-logins"' not in main
    assert "kofst-demo" not in main
