"""Every role meets every URL of duplicates, privacy, a member's own pages, applications,
the directory and the dashboard: the expected answer, never a 500.

Objects belong to the fixtures' ``association`` (KSEA); the "foreign" cases are the
same URLs for objects of ``other_association``, which KSEA's staff must not reach.
"""

import pytest
from django.urls import reverse

from members.models import JoinApplication
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

ROLES = ["hq", "association_admin", "association_staff", "committee", "member", "anonymous"]
LOGIN = "login"  # anonymous visitors are sent to sign in


@pytest.fixture
def objects(association, other_association):
    """A duplicate pair, a person and a pending application in each association."""

    def pair(owner, given):
        common = {"family_name_ko": "", "given_name_ko": "", "birth_year": 1960}
        first = PersonFactory(family_name_latin="Choi", given_name_latin=given, **common)
        second = PersonFactory(family_name_latin="Choe", given_name_latin=given, **common)
        MembershipFactory(person=first, association=owner)
        MembershipFactory(person=second, association=owner)
        return first, second

    ours, theirs = pair(association, "Woo-jin"), pair(other_association, "Hye-jin")
    return {
        "pair": ours,
        "foreign_pair": theirs,
        "person": ours[0],
        "foreign_person": theirs[0],
        "application": JoinApplication.objects.create(
            person=PersonFactory(family_name_ko="", given_name_ko=""), association=association
        ),
        "foreign_application": JoinApplication.objects.create(
            person=PersonFactory(family_name_ko="", given_name_ko=""),
            association=other_association,
        ),
        "foreign_code": other_association.code,
    }


def _pair_url(name, key):
    return lambda o: reverse(name, args=sorted(p.pk for p in o[key]))


# (case, method, url builder, expected status per role)
CASES = [
    (
        "duplicates",
        "get",
        lambda o: reverse("members:duplicates"),
        [200, 200, 200, 403, 403, LOGIN],
    ),
    (
        "compare",
        "get",
        _pair_url("members:duplicate_compare", "pair"),
        [200, 200, 200, 403, 403, LOGIN],
    ),
    (
        "compare_foreign",
        "get",
        _pair_url("members:duplicate_compare", "foreign_pair"),
        [200, 404, 404, 403, 403, LOGIN],
    ),
    (
        "merge",
        "post",
        _pair_url("members:duplicate_merge", "pair"),
        [400, 400, 400, 403, 403, LOGIN],  # no "keep" posted: the form says so
    ),
    (
        "merge_foreign",
        "post",
        _pair_url("members:duplicate_merge", "foreign_pair"),
        [400, 404, 404, 403, 403, LOGIN],
    ),
    (
        "not_duplicate",
        "post",
        _pair_url("members:duplicate_dismiss", "pair"),
        [302, 302, 302, 403, 403, LOGIN],
    ),
    (
        "not_duplicate_foreign",
        "post",
        _pair_url("members:duplicate_dismiss", "foreign_pair"),
        [302, 404, 404, 403, 403, LOGIN],
    ),
    (
        "export",
        "post",
        lambda o: reverse("members:person_export", args=[o["person"].pk]),
        [200, 200, 200, 404, 404, LOGIN],
    ),
    (
        "export_foreign",
        "post",
        lambda o: reverse("members:person_export", args=[o["foreign_person"].pk]),
        [200, 404, 404, 404, 404, LOGIN],
    ),
    (
        "erase",
        "get",
        lambda o: reverse("members:person_erase", args=[o["person"].pk]),
        [200, 200, 403, 404, 404, LOGIN],
    ),
    (
        "erase_foreign",
        "get",
        lambda o: reverse("members:person_erase", args=[o["foreign_person"].pk]),
        [200, 404, 404, 404, 404, LOGIN],
    ),
    ("me", "get", lambda o: reverse("members:me"), [200, 200, 200, 200, 200, LOGIN]),
    ("me_edit", "get", lambda o: reverse("members:me_edit"), [200, 200, 200, 200, 200, LOGIN]),
    ("me_apply", "get", lambda o: reverse("members:me_apply"), [200, 200, 200, 200, 200, LOGIN]),
    (
        "withdraw_not_own",
        "post",
        lambda o: reverse("members:me_application_withdraw", args=[o["application"].pk]),
        [404, 404, 404, 404, 404, LOGIN],
    ),
    (
        "applications",
        "get",
        lambda o: reverse("members:applications"),
        [200, 200, 200, 403, 403, LOGIN],
    ),
    (
        "application",
        "get",
        lambda o: reverse("members:application_decide", args=[o["application"].pk]),
        [200, 200, 200, 404, 404, LOGIN],
    ),
    (
        "application_foreign",
        "post",
        lambda o: reverse("members:application_decide", args=[o["foreign_application"].pk]),
        [400, 404, 404, 404, 404, LOGIN],  # HQ may: an empty decision is a form error
    ),
    (
        "directory",
        "get",
        lambda o: reverse("members:directory"),
        [200, 200, 200, 200, 200, LOGIN],
    ),
    (
        "dashboard",
        "get",
        lambda o: reverse("members:dashboard"),
        [200, 200, 200, 403, 403, LOGIN],
    ),
    (
        "dashboard_foreign",
        "get",
        lambda o: reverse("members:dashboard") + f"?association={o['foreign_code']}",
        [200, 404, 404, 403, 403, LOGIN],
    ),
]


@pytest.mark.parametrize(("case", "method", "url", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("role", ROLES)
def test_every_role_meets_every_url(
    client, users_by_role, objects, role, case, method, url, expected
):
    user = users_by_role[role]
    if user is not None:
        client.force_login(user)
    want = expected[ROLES.index(role)]

    response = getattr(client, method)(url(objects))

    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == want, (role, case)
