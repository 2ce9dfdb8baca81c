"""Every role against every roster and person URL: the right page, a 403 or a 404 —
never another association's data, never a 500."""

import pytest
from django.conf import settings
from django.urls import reverse

from members.models import Membership

pytestmark = pytest.mark.django_db

ROLES = ["hq", "association_admin", "association_staff", "committee", "member", "anonymous"]
STAFF = {"hq", "association_admin", "association_staff"}

# (url name, which record it is about: "own" = the staff's association, "foreign" = the
# other association, None = no record; HTTP method)
URLS = [
    ("members:roster", None, "get"),
    ("members:roster_export", None, "get"),
    ("members:person_create", None, "get"),
    ("members:person_detail", "own", "get"),
    ("members:person_detail", "foreign", "get"),
    ("members:person_edit", "own", "get"),
    ("members:person_edit", "foreign", "get"),
    ("members:membership_create", "own", "get"),
    ("members:membership_create", "foreign", "get"),
    ("members:membership_edit", "own", "get"),
    ("members:membership_edit", "foreign", "get"),
    ("members:membership_renew", "own", "get"),
    ("members:membership_renew", "foreign", "get"),
    ("members:membership_resign", "own", "get"),
    ("members:membership_resign", "foreign", "get"),
    ("members:dues_create", "own", "get"),
    ("members:dues_create", "foreign", "get"),
    ("members:roster_bulk", "own", "post"),
    ("members:roster_bulk", "foreign", "post"),
]
PERSON_URLS = {"members:person_detail", "members:person_edit", "members:membership_create"}


def expected_status(role: str, name: str, scope: str | None, method: str) -> int:
    if role == "anonymous":
        return 302
    if role not in STAFF:
        # Lists and forms without a record say "forbidden"; a record outside one's
        # scope does not exist.
        return 403 if scope is None or name == "members:roster_bulk" else 404
    if scope == "foreign" and role != "hq":
        return 404
    if method == "post":
        return 200  # the bulk export answers with the CSV file
    return 200


def url_for(name: str, scope: str | None, own: Membership, foreign: Membership) -> str:
    membership = {"own": own, "foreign": foreign}.get(scope)
    if membership is None or name == "members:roster_bulk":
        return reverse(name)
    if name in PERSON_URLS:
        return reverse(name, args=[membership.person_id])
    return reverse(name, args=[membership.pk])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "scope", "method"), URLS)
def test_permission_matrix(
    client, users_by_role, member, foreign_member, role, name, scope, method
):
    user = users_by_role[role]
    if user is not None:
        client.force_login(user)
    url = url_for(name, scope, member, foreign_member)
    target = {"own": member, "foreign": foreign_member}.get(scope)

    if method == "post":
        response = client.post(url, {"action": "export", "selected": [target.pk]})
    else:
        response = client.get(url)

    expected = expected_status(role, name, scope, method)
    assert response.status_code == expected, (role, name, scope)
    if expected == 302:
        assert response.url.startswith(reverse(settings.LOGIN_URL))
    if expected in (403, 404):
        assert foreign_member.person.email.encode() not in response.content
        assert member.person.email.encode() not in response.content
    if expected == 200:
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if target is not None:
            assert (
                target.person.family_name_latin.encode() in body
                or target.member_number.encode() in body
            )


@pytest.mark.parametrize("role", ["association_admin", "association_staff"])
def test_staff_cannot_write_to_another_association(client, users_by_role, foreign_member, role):
    client.force_login(users_by_role[role])
    before = Membership.objects.values_list("expires_on", "resigned_on", "chapter_id").get(
        pk=foreign_member.pk
    )

    responses = [
        client.post(reverse("members:membership_renew", args=[foreign_member.pk]), {"years": 1}),
        client.post(
            reverse("members:membership_resign", args=[foreign_member.pk]), {"on": "2026-01-01"}
        ),
        client.post(
            reverse("members:roster_bulk"),
            {"action": "renew", "years": 1, "selected": [foreign_member.pk]},
        ),
        client.post(
            reverse("members:dues_create", args=[foreign_member.pk]),
            {
                "period_start": "2026-01-01",
                "period_end": "2026-12-31",
                "amount": "1",
                "currency": "USD",
                "paid_on": "2026-01-01",
                "method": "card",
            },
        ),
        client.get(
            reverse("members:roster_export"), {"association": foreign_member.association_id}
        ),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404, 200]
    export = b"".join(responses[-1].streaming_content).decode("utf-8-sig")
    assert foreign_member.member_number not in export
    assert foreign_member.payments.count() == 0
    assert (
        Membership.objects.values_list("expires_on", "resigned_on", "chapter_id").get(
            pk=foreign_member.pk
        )
        == before
    )
