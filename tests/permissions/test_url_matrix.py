"""Every role meets every URL of the site.

The URLs are read from the resolver, so a new page joins the matrix by itself (or fails
``test_url_matrix_covers_every_url`` until it is given its kwargs or a reason to be
skipped). For each role and URL: never a 5xx; anonymous visitors on pages that are not
public are sent to sign in; B's staff never get A's objects; members and committee
members never get staff pages; the roles that may open a page do get it; a refused
request writes no history; and no page shown to B's staff, a member, a committee member
or a visitor contains A's private record (``SECRET``); every page shown names itself
in its title before the site. Pages only written to (POST) are posted to, with nothing
filled in; B's staff also post to every page of A they are refused.
"""

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kofst.common.models import AuditEntry
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
    ("awards", "person_id"): "cosigner",
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

# Query strings for pages that read their object from one.
QUERIES = {
    "certificates:design_open": lambda w: {"association": w.a.pk},
    "awards:nominee_search": lambda w: {"q": "Kim"},
}
# Bodies for pages only written to, where an empty form would stop before the check.
POST_DATA = {
    "certificates:batch_start": lambda w: {
        "kind": "membership",
        "subject_id": w.objects["membership"].pk,
    },
}

# URLs left out of the matrix, with the reason. Keep it short.
SKIPPED: dict[str, str] = {}


def fill(world: World, name: str, kwargs: list[str]) -> dict:
    """The URL's kwargs, from the world's objects of A (or KOFST's)."""
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
ROLES = [
    "hq",
    "association_admin",
    "association_staff",
    "other_staff",  # staff of B
    "committee",
    "member",
    "anonymous",
]

# --- Who may open what ------------------------------------------------------------------

A_STAFF = {"hq", "association_admin", "association_staff"}
ANY_STAFF = A_STAFF | {"other_staff"}
SIGNED_IN = ANY_STAFF | {"committee", "member"}
# Audience -> the roles that may open a page (the others are refused, anonymous
# visitors are sent to sign in unless the page is public).
AUDIENCES = {
    "public": SIGNED_IN | {"anonymous"},
    "signed_in": SIGNED_IN,
    "staff_area": ANY_STAFF | {"committee"},  # /manage/ itself: the reviewers' tools too
    "any_staff": ANY_STAFF,  # lists and forms without an object, scoped by selectors
    "a_staff": A_STAFF,  # an object of A
    "a_admin": {"hq", "association_admin"},
    "hq": {"hq"},
    "committee": {"committee"},
    "member": {"member"},  # the member's own objects (the only role with a person here)
    "nomination_file": {"hq", "committee", "member"},  # HQ, its reviewers, its nominator
    "certificate_file": A_STAFF | {"member"},  # the issuer's staff and the holder
}

AUDIENCE = {
    "home": "public",
    "healthz": "public",
    "set_language": "public",
    "manage_home": "staff_area",
    "admin:index": "admin",
    # accounts (allauth)
    "account_login": "public",
    "account_logout": "public",
    "account_signup": "public",
    "account_reset_password": "public",
    "account_email": "signed_in",
    "account_change_password": "signed_in",
    "mfa_index": "signed_in",
    "mfa_activate_totp": "signed_in",
    # associations
    "associations:list": "public",
    "associations:detail": "public",
    "associations:invitation_accept": "signed_in",
    "associations:manage": "a_admin",
    "associations:chapter_create": "a_admin",
    "associations:chapter_edit": "a_admin",
    "associations:chapter_delete": "a_admin",
    "associations:committee_create": "a_admin",
    "associations:committee_edit": "a_admin",
    "associations:committee_delete": "a_admin",
    "associations:seat_add": "a_admin",
    "associations:seat_remove": "a_admin",
    "associations:staff_invite": "a_admin",
    "associations:invitation_revoke": "a_admin",
    "associations:staff_remove": "a_admin",
    "associations:partners": "hq",
    "associations:partner_create": "hq",
    "associations:partner_edit": "hq",
    "associations:agreement_create": "hq",
    "associations:agreement_edit": "hq",
    # members
    "members:roster": "any_staff",
    "members:roster_export": "any_staff",
    "members:roster_bulk": "any_staff",
    "members:person_create": "any_staff",
    "members:person_detail": "a_staff",
    "members:person_edit": "a_staff",
    "members:membership_create": "a_staff",
    "members:membership_edit": "a_staff",
    "members:membership_renew": "a_staff",
    "members:membership_resign": "a_staff",
    "members:dues_create": "a_staff",
    "members:duplicates": "any_staff",
    "members:duplicate_compare": "a_staff",
    "members:duplicate_merge": "a_staff",
    "members:duplicate_dismiss": "a_staff",
    "members:person_export": "a_staff",
    "members:person_erase": "a_admin",
    "members:me": "signed_in",
    "members:me_edit": "signed_in",
    "members:me_apply": "signed_in",
    "members:me_application_withdraw": "member",
    "members:applications": "any_staff",
    "members:application_decide": "a_staff",
    "members:directory": "signed_in",
    "members:dashboard": "any_staff",
    "members:import_list": "any_staff",
    "members:import_upload": "any_staff",
    "members:import_mapping": "a_staff",
    "members:import_preview": "a_staff",
    "members:import_confirm": "a_staff",
    "members:import_progress": "a_staff",
    "members:import_result": "a_staff",
    "members:import_errors": "a_staff",
    "members:roster_download": "any_staff",
    # conferences
    "conferences:list": "public",
    "conferences:series": "public",
    "conferences:detail": "public",
    "conferences:programme": "public",
    "conferences:programme_ics": "public",
    "conferences:session_ics": "public",
    "conferences:register": "member",
    "conferences:my_registrations": "signed_in",
    "conferences:my_registration": "member",
    "conferences:my_answers": "member",
    "conferences:my_cancel": "member",
    "conferences:my_accept": "member",
    "conferences:my_ticket_png": "member",
    "conferences:manage_list": "any_staff",
    "conferences:conference_create": "any_staff",
    "conferences:series_create": "any_staff",
    "conferences:manage_detail": "a_staff",
    "conferences:conference_edit": "a_staff",
    "conferences:category_create": "a_staff",
    "conferences:category_edit": "a_staff",
    "conferences:question_create": "a_staff",
    "conferences:question_edit": "a_staff",
    "conferences:question_delete": "a_staff",
    "conferences:session_create": "a_staff",
    "conferences:session_edit": "a_staff",
    "conferences:session_delete": "a_staff",
    "conferences:registrants": "a_staff",
    "conferences:registrants_csv": "a_staff",
    "conferences:registrants_xlsx": "a_staff",
    "conferences:registration_add": "a_staff",
    "conferences:registration_manage": "a_staff",
    "conferences:registration_promote": "a_staff",
    "conferences:registration_cancel": "a_staff",
    "conferences:checkin": "a_staff",
    "conferences:attendance": "a_staff",
    # awards (KOFST's: run by HQ and the cycle's chair)
    "awards:list": "public",
    "awards:award_detail": "public",
    "awards:cycle_detail": "public",
    "awards:nominee_search": "member",
    "awards:attachment_download": "nomination_file",
    "awards:nomination_start": "member",
    "awards:my_nominations": "member",
    "awards:nomination_edit": "member",
    "awards:attachment_upload": "member",
    "awards:attachment_delete": "member",
    "awards:cosigner_add": "member",
    "awards:cosigner_remove": "member",
    "awards:nomination_submit": "member",
    "awards:nomination_withdraw": "member",
    "awards:my_reviews": "committee",
    "awards:review_candidate": "committee",
    "awards:conflict_declare": "committee",
    "awards:manage_list": "hq",
    "awards:award_create": "hq",
    "awards:award_edit": "hq",
    "awards:cycle_create": "hq",
    "awards:cycle_manage": "hq",
    "awards:cycle_edit": "hq",
    "awards:criteria_edit": "hq",
    "awards:committee": "hq",
    "awards:seat_remove": "hq",
    "awards:cycle_advance": "hq",
    "awards:discussion_open": "hq",
    "awards:candidates": "hq",
    "awards:candidate_manage": "hq",
    "awards:assignments": "hq",
    "awards:assignments_auto": "hq",
    "awards:assignment_remove": "hq",
    "awards:ranking": "hq",
    "awards:ranking_csv": "hq",
    "awards:decision": "hq",
    "awards:announce": "hq",
    "awards:history": "hq",
    # mail
    "mail:campaign_list": "any_staff",
    "mail:campaign_create": "any_staff",
    "mail:audience_preview": "any_staff",
    "mail:campaign_detail": "a_staff",
    "mail:campaign_edit": "a_staff",
    "mail:campaign_status": "a_staff",
    "mail:campaign_preview": "a_staff",
    "mail:campaign_test": "a_staff",
    "mail:campaign_send": "a_staff",
    "mail:campaign_pause": "a_staff",
    "mail:campaign_resume": "a_staff",
    "mail:campaign_cancel": "a_staff",
    "mail:campaign_messages": "a_staff",
    "mail:message_list": "any_staff",
    "mail:message_detail": "a_staff",
    "mail:unsubscribe": "public",
    # certificates
    "certificates:verify_form": "public",
    "certificates:verify": "public",
    "certificates:mine": "signed_in",
    "certificates:request": "member",
    "certificates:download": "certificate_file",
    "certificates:staff_list": "any_staff",
    "certificates:staff_detail": "a_staff",
    "certificates:staff_revoke": "a_staff",
    "certificates:staff_reissue": "a_staff",
    "certificates:design_open": "a_staff",
    "certificates:design_edit": "a_staff",
    "certificates:design_preview": "a_staff",
    "certificates:batch_start": "a_staff",
    "certificates:batch_detail": "a_staff",
    "certificates:batch_file": "a_staff",
}

# (url name, role) -> why a role of the page's audience is refused in this world.
REFUSED_HERE = {
    ("awards:nomination_start", "member"): "the cycle is in review: no more nominations",
    ("awards:decision", "hq"): "the decision is recorded in the deciding phase, not in review",
}

# (url name, role) -> a 500 found by this matrix in an app still being finished.
KNOWN_500: dict[tuple[str, str], str] = {}

# Roles whose pages must never show A's private record (the others may manage it).
OUTSIDERS = {"other_staff", "committee", "member", "anonymous"}


def _cases():
    for name in sorted(URLS):
        if name in SKIPPED or name not in AUDIENCE:
            continue
        for role in ROLES:
            marks = []
            if (name, role) in KNOWN_500:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_500[(name, role)]))
            yield pytest.param(role, name, id=f"{role}-{name}", marks=marks)


def _sign_in_target(location: str) -> tuple[str, str]:
    """(path, ``next``) of a redirect."""
    parts = urlsplit(location)
    return parts.path, parse_qs(parts.query).get("next", [""])[0]


def _request(client, world: World, role: str, name: str, *, post: bool = False):
    """GET the page (POST with ``post``); a page only written to (405) is POSTed to."""
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=fill(world, name, URLS[name][1]))
    if name in QUERIES:
        url = f"{url}?{urlencode(QUERIES[name](world))}"
    response = None if post else client.get(url)
    if response is None or response.status_code == 405:
        response = client.post(url, POST_DATA[name](world) if name in POST_DATA else {})
    # A file is read to its end, which closes it.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return url, response, body.decode(errors="replace")


def expected(name: str, role: str) -> str:
    """``ok``, ``refused`` or ``login``."""
    audience = AUDIENCE[name]
    if audience == "admin":
        return "admin_login"
    if role in AUDIENCES[audience] and (name, role) not in REFUSED_HERE:
        return "ok"
    return "login" if role == "anonymous" else "refused"


@pytest.mark.parametrize(("role", "name"), list(_cases()))
def test_url_matrix(client, world, db, role, name):
    client.raise_request_exception = False  # a server error is a 500 here, not a crash
    outcome = expected(name, role)

    history = AuditEntry.objects.count()

    url, response, body = _request(client, world, role, name)

    status, location = response.status_code, response.get("Location", "")
    assert status < 500, f"{role} {url}: {status}"
    if outcome != "ok":
        assert AuditEntry.objects.count() == history, f"{role} {url} changed something"
    if outcome == "login":
        assert (status, _sign_in_target(location)) == (302, (LOGIN, url)), f"{role} {url}"
    elif outcome == "admin_login":
        # The Django admin is for Django staff only (none here): its sign-in page, which
        # sends on to allauth's (two-factor applies there too).
        assert (status, _sign_in_target(location)) == (302, ("/admin/login/", url)), f"{role}"
    elif outcome == "refused":
        assert status in (403, 404), f"{role} {url}: {status} {location}"
    else:
        assert status in (200, 302, 400), f"{role} {url}: {status}"
        if status == 302:
            assert not location.startswith((LOGIN, "/admin/login/")), f"{role} {url}"
        title = re.search(r"<title>([^<]*)</title>", body)
        if status == 200 and title:  # each page names itself before the site
            assert title.group(1).strip()[:1] not in ("", "·"), f"{url}: {title.group(1)!r}"
    if role in OUTSIDERS:
        assert SECRET not in body.lower(), f"{role} {url} shows A's private record"


@pytest.mark.parametrize(
    "name", [n for n in sorted(URLS) if n in AUDIENCE and expected(n, "other_staff") == "refused"]
)
def test_url_matrix_other_staff_cannot_post_to_a(client, world, db, name):
    """B's staff posting to A's pages (forms included) are refused and change nothing
    (405: a page that is only read)."""
    client.raise_request_exception = False
    history = AuditEntry.objects.count()

    url, response, body = _request(client, world, "other_staff", name, post=True)

    assert response.status_code in (403, 404, 405), f"{url}: {response.status_code}"
    assert AuditEntry.objects.count() == history
    assert SECRET not in body.lower()


def test_url_matrix_covers_every_url():
    """A new URL joins the matrix: give it an audience here (and its kwargs) or a reason
    in ``SKIPPED``."""
    unclassified = sorted(set(URLS) - set(AUDIENCE) - set(SKIPPED))
    stale = sorted((set(AUDIENCE) | set(SKIPPED)) - set(URLS))
    unknown_audiences = sorted(set(AUDIENCE.values()) - set(AUDIENCES) - {"admin"})

    assert (unclassified, stale, unknown_audiences) == ([], [], [])


def test_url_matrix_fills_every_kwarg(world, db):
    """Every URL of the matrix reverses with the world's objects."""
    unfilled = []
    for name in sorted(set(URLS) - set(SKIPPED)):
        try:
            reverse(name, kwargs=fill(world, name, URLS[name][1]))
        except KeyError as missing:
            unfilled.append((name, str(missing)))

    assert unfilled == []


def test_url_matrix_world_keeps_the_secret_on_a_private_record(world, db):
    """The leak check means something: the secret is on A's private record (its email
    and member number, which the staff pages show) and in A's campaign."""
    person = world.objects["person"]
    membership = person.memberships.get()

    assert SECRET in person.email
    assert (membership.association, SECRET) == (world.a, membership.member_number.lower()[-5:])
    assert person.conference_registrations.filter(conference=world.objects["conference"]).exists()
    assert SECRET in world.objects["campaign"].name.lower()


def test_url_matrix_secret_shows_on_a_staff_page(client, world, db):
    """... and a page does show it to those who manage it, so its absence elsewhere counts."""
    client.force_login(world.users["association_staff"])

    body = client.get(reverse("members:person_detail", args=[world.objects["person"].pk]))

    assert SECRET in body.content.decode().lower()
