"""Korean and English: the switcher on every page, remembered on the account."""

import re

import pytest
from django.conf import settings

from tests.factories import PASSWORD, UserFactory

COOKIE = settings.LANGUAGE_COOKIE_NAME


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


@pytest.mark.django_db
def test_switcher_for_visitor_sets_cookie_only(client):
    response = client.post("/i18n/setlang/", {"language": "ko", "next": "/accounts/login/"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert response.cookies[COOKIE].value == "ko"
    page = client.get("/accounts/login/")
    assert html_lang(page) == "ko"
    assert '<h1 class="h3 mb-3">\n        로그인\n    </h1>' in page.content.decode()


@pytest.mark.django_db
def test_switcher_for_signed_in_user_saves_account_language(client, member_user):
    client.force_login(member_user)

    response = client.post("/i18n/setlang/", {"language": "ko", "next": "/accounts/email/"})

    member_user.refresh_from_db()
    assert member_user.preferred_language == "ko"
    assert response.cookies[COOKIE].value == "ko"
    assert html_lang(client.get("/accounts/email/")) == "ko"


@pytest.mark.django_db
def test_switcher_ignores_unknown_language(client, member_user):
    client.force_login(member_user)

    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/"})

    member_user.refresh_from_db()
    assert member_user.preferred_language == "en"
    assert response["Location"] == "/"
    assert response.cookies[COOKIE].value == "en"  # the account's, not the unknown one


@pytest.mark.django_db
def test_account_language_applies_on_a_new_device(client):
    user = UserFactory(preferred_language="ko")

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    page = client.get("/")

    assert response.status_code == 302
    assert html_lang(page) == "ko"
    assert page["Content-Language"] == "ko"
    assert page.cookies[COOKIE].value == "ko"  # kept after signing out on this device


@pytest.mark.django_db
def test_account_language_wins_over_a_cookie_left_on_the_device(client):
    user = UserFactory(preferred_language="en")
    client.cookies[COOKIE] = "ko"  # someone else chose Korean on this browser
    client.force_login(user)

    page = client.get("/accounts/email/")

    assert html_lang(page) == "en"
    assert page.cookies[COOKIE].value == "en"


@pytest.mark.django_db
def test_signing_up_in_korean_stores_korean_on_the_account(client):
    client.post("/i18n/setlang/", {"language": "ko", "next": "/"})

    client.post(
        "/accounts/signup/",
        {"email": "Minji.Lee@Example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    from kofst.accounts.models import User

    user = User.objects.get()
    assert (user.email, user.preferred_language) == ("minji.lee@example.org", "ko")


@pytest.mark.django_db
def test_visitor_without_cookie_follows_browser_language(client):
    page = client.get("/accounts/login/", headers={"accept-language": "ko-KR,ko;q=0.9"})

    assert html_lang(page) == "ko"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_page_title_names_the_page_before_the_site(client, language):
    # The home page had no title of its own: " · KOFST Global Network".
    client.cookies[COOKIE] = language
    for url in ("/", "/accounts/login/"):
        title = re.search(r"<title>([^<]*)</title>", client.get(url).content.decode()).group(1)
        assert title.strip() and not title.startswith((" ", "·")), (url, title)
