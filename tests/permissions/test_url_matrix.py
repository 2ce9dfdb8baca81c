"""Every role meets every URL of the site.

The URLs are read from the resolver, so a new page joins the matrix by itself (or fails
``test_url_matrix_covers_every_url`` until it is given its kwargs or a reason to be
skipped). For each role and URL: never a 5xx; anonymous visitors on pages that are not
public are sent to sign in; B's staff never get A's objects; members and committee
members never get staff pages; and the roles that may open a page do get it. Pages only
written to (POST) are posted to, with nothing filled in.
"""

from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions.conftest import SECRET, World

LOGIN = "/accounts/login/"

# --- The URLs -------------------------------------------------------------------------

# allauth's own account pages: a few representative ones; the rest are allauth's to test.
ALLAUTH_KEPT = {
    "account_login",
    "account_logout",
    "account_signup",
    "account_email",
    "account_change_password",
    "account_reset_password",
    "mfa_index",
    "mfa_activate_totp",
}


def _walk(resolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            space = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from _walk(entry, prefix + str(entry.pattern), space)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern), list(entry.pattern.converters)


def site_urls() -> dict[str, tuple[str, list[str]]]:
    """``{url name: (route, kwarg names)}`` of every page, first definition of a name
    winning (as ``reverse`` does)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for name, route, kwargs in _walk(get_resolver()):
        if route.startswith("admin/") and name != "admin:index":
            continue  # the Django admin's own pages: only its front door
        if route.startswith("accounts/") and name not in ALLAUTH_KEPT:
            continue
        if route.startswith("static/") or name.startswith("djdt"):
            continue
        found.setdefault(name, (route, kwargs))
    return found


# --- Filling the kwargs from the world --------------------------------------------------

# (namespace, kwarg) -> the world's object whose pk fills it.
KWARG_OBJECTS = {
    ("members", "person_id"): "person",
    ("members", "membership_id"): "membership",
    ("members", "first_id"): "person",
    ("members", "second_id"): "twin",
    ("members", "application_id"): "application",
    ("members", "job_id"): "import_job",
    ("associations", "chapter_id"): "chapter",
    ("associations", "committee_id"): "committee",
    ("associations", "seat_id"): "committee_seat_a",
    ("associations", "invitation_id"): "invitation",
    ("associations", "role_id"): "staff_role",
    ("associations", "partner_id"): "partner",
    ("associations", "agreement_id"): "agreement",
    ("conferences", "pk"): "registration",
    ("awards", "pk"): "cycle",
    ("awards", "seat_id"): "committee_seat",
    ("awards", "person_id"): "member",
    ("mail", "pk"): "campaign",
    ("certificates", "pk"): "certificate",
    ("certificates", "subject_id"): "member_membership",
}
# (url name, kwarg) -> object, where a URL's kwarg names another object than usual.
KWARG_OVERRIDES = {
    ("members:me_application_withdraw", "application_id"): "own_application",
    ("conferences:category_edit", "pk"): "category",
    ("conferences:question_edit", "pk"): "question",
    ("conferences:question_delete", "pk"): "question",
    ("conferences:session_edit", "pk"): "session",
    ("conferences:session_delete", "pk"): "session",
    ("conferences:session_ics", "pk"): "session",
    ("awards:nomination_edit", "pk"): "nomination",
    ("awards:attachment_upload", "pk"): "nomination",
    ("awards:attachment_delete", "pk"): "nomination",
    ("awards:cosigner_add", "pk"): "nomination",
    ("awards:cosigner_remove", "pk"): "nomination",
    ("awards:nomination_submit", "pk"): "nomination",
    ("awards:nomination_withdraw", "pk"): "nomination",
    ("awards:review_candidate", "pk"): "candidate",
    ("awards:conflict_declare", "pk"): "candidate",
    ("awards:candidate_manage", "pk"): "candidate",
    ("awards:assignment_remove", "pk"): "assignment",
    ("mail:message_detail", "pk"): "message",
    ("certificates:design_edit", "pk"): "design",
    ("certificates:design_preview", "pk"): "design",
    ("certificates:batch_detail", "pk"): "batch",
    ("certificates:batch_file", "pk"): "batch",
}
# (namespace, kwarg) -> a value that is not a primary key.
KWARG_VALUES = {
    ("associations", "code"): lambda w: w.a.code,
    ("associations", "token"): lambda w: w.tokens["invitation"],
    ("conferences", "slug"): lambda w: w.objects["conference"].slug,
    ("conferences", "code"): lambda w: w.objects["conference"].series.code,
    ("awards", "code"): lambda w: w.objects["award"].code,
    ("awards", "year"): lambda w: w.objects["cycle"].year,
    ("awards", "public_id"): lambda w: w.objects["attachment"].public_id,
    ("mail", "token"): lambda w: w.tokens["unsubscribe"],
    ("certificates", "code"): lambda w: w.objects["certificate"].code,
    ("certificates", "kind"): lambda w: "membership",
    ("certificates", "which"): lambda w: "zip",
}

# URLs left out of the matrix, with the reason. Keep it short.
SKIPPED: dict[str, str] = {}


def fill(world: World, name: str, kwargs: list[str]) -> dict:
    namespace = name.split(":", 1)[0] if ":" in name else ""
    values = {}
    for kwarg in kwargs:
        key = KWARG_OVERRIDES.get((name, kwarg)) or KWARG_OBJECTS.get((namespace, kwarg))
        if key is not None:
            values[kwarg] = world.objects[key].pk
        else:
            values[kwarg] = KWARG_VALUES[(namespace, kwarg)](world)
    return values


URLS = site_urls()
MATRIX_URLS = sorted(name for name in URLS if name not in SKIPPED)
ROLES = [
    "hq",
    "association_admin",
    "association_staff",
    "other_staff",
    "committee",
    "member",
    "anonymous",
]


def _request(client, world: World, role: str, name: str):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=fill(world, name, URLS[name][1]))
    response = client.get(url)
    method = "GET"
    if response.status_code == 405:  # a page that is only written to
        response = client.post(url, {})
        method = "POST"
    return url, method, response


@pytest.mark.parametrize("name", MATRIX_URLS)
@pytest.mark.parametrize("role", ROLES)
def test_url_matrix_explore(client, world, db, role, name):
    import json
    import os

    url, method, response = _request(client, world, role, name)
    location = response.get("Location", "")
    if response.streaming:
        body = b"".join(response.streaming_content).decode(errors="replace")
    else:
        body = response.content.decode(errors="replace")
    with open(os.environ.get("H10_EXPLORE", "/tmp/h10_explore.jsonl"), "a") as out:
        out.write(
            json.dumps(
                {
                    "role": role,
                    "name": name,
                    "url": url,
                    "method": method,
                    "status": response.status_code,
                    "location": location,
                    "secret": SECRET in body,
                }
            )
            + "\n"
        )
    assert quote  # noqa
