"""Every role meets every foundation URL: what it may open, and where it is sent otherwise
(a sign-in redirect, 403 or 404; never a 500)."""

import pytest

from kofst.common.navigation import navigation_for
from kofst.common.roles import ANONYMOUS
from tests.conftest import give_totp
from tests.factories import UserFactory

LOGIN = "/accounts/login/?next="
ROLES = ["hq", "association_admin", "association_staff", "committee", "member", "anonymous"]
STAFF = {"hq", "association_admin", "association_staff", "committee"}


def expected(url: str, role: str) -> tuple[int, str]:
    """(status, Location for redirects / a text of the page for 200 and 403)."""
    signed_in = role != "anonymous"
    if url == "/manage/":
        if role in STAFF:
            return 200, "Staff area"
        return (403, "does not have access") if signed_in else (302, LOGIN + "/manage/")
    if url == "/admin/":
        # no role here has Django's is_staff: the admin sends them to its login, which
        # goes through allauth (and refuses signed-in non-staff with 403)
        return 302, "/admin/login/?next=/admin/"
    if url == "/admin/login/?next=/admin/":
        return (403, "") if signed_in else (302, "/accounts/login/?next=%2Fadmin%2F")
    if url == "/accounts/2fa/authenticate/":
        # only in the middle of a sign-in: otherwise back to the start
        return 302, "/" if signed_in else "/accounts/login/"
    if url.startswith("/accounts/") and url != "/accounts/login/":
        titles = {
            "/accounts/email/": "Email Address",
            "/accounts/password/change/": "Change Password",
            "/accounts/2fa/": "Two-Factor Authentication",
        }
        return (200, titles[url]) if signed_in else (302, LOGIN + url)
    if url == "/accounts/login/":
        return (302, "/") if signed_in else (200, "Sign In")
    if url == "/manage/no-such-page/":
        return 404, "Page not found"
    raise AssertionError(url)


URLS = [
    "/manage/",
    "/admin/",
    "/admin/login/?next=/admin/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/login/",
    "/accounts/2fa/authenticate/",
    "/manage/no-such-page/",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", URLS)
def test_foundation_url_for_role(client, users_by_role, role, url):
    user = users_by_role[role]
    if user is not None:
        client.force_login(user)
    status, what = expected(url, role)

    response = client.get(url)

    assert response.status_code == status, (role, url, response.get("Location"))
    if status in (301, 302):
        assert response["Location"] == what
    elif what:
        assert what in response.content.decode()


def test_superuser_with_totp_opens_django_admin(client, db):
    user = UserFactory(is_superuser=True, is_staff=True)
    give_totp(user)
    client.force_login(user)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "Site administration" in response.content.decode()


def test_staff_landing_page_lists_only_the_role_tools(client, committee_member):
    client.force_login(committee_member)

    response = client.get("/manage/")

    tools = {item.url for item in response.context["tools"]}
    menu = {item.url for item in response.context["navigation"]}
    for_everyone = {item.url for item in navigation_for(ANONYMOUS, signed_in=True)}
    assert tools <= menu  # nothing the role's own menu does not offer
    assert not tools & for_everyone  # and only the staff tools of it
    assert "You sit on an award committee." in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_user_menu_links_staff_area_only_for_staff_roles(client, users_by_role, role):
    if users_by_role[role] is not None:
        client.force_login(users_by_role[role])

    html = client.get("/").content.decode()

    link = '<a class="dropdown-item" href="/manage/">Staff area</a>'
    assert (link in html) == (role in STAFF)
