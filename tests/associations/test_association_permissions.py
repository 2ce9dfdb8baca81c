"""Every role meets every URL of the association pages: the expected answer, never a 500.

The objects belong to the fixtures' ``association`` (KSEA), whose admin runs it; the
"foreign" cases are another association's, which KSEA's admin must not run.
"""

import pytest
from django.urls import reverse

from associations.services import staff_invite
from tests.factories import ChapterFactory, StaffRoleFactory
from tests.factories.associations import (
    AgreementFactory,
    CommitteeFactory,
    CommitteeMemberFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["hq", "association_admin", "association_staff", "committee", "member", "anonymous"]
LOGIN = "login"
ADMINS = [200, 200, 403, 403, 403, LOGIN]  # HQ and the association's admins
HQ_ONLY = [200, 403, 403, 403, 403, LOGIN]


@pytest.fixture
def objects(association, other_association, hq_user):
    committee = CommitteeFactory(association=association)
    invitation, token = staff_invite(
        association=association, email="invited@example.org", role="staff", actor=hq_user
    )
    agreement = AgreementFactory(partner=PartnerFactory(acronym="AAAS"))
    return {
        "code": association.code,
        "foreign_code": other_association.code,
        "chapter": ChapterFactory(association=association),
        "foreign_chapter": ChapterFactory(association=other_association),
        "committee": committee,
        "seat": CommitteeMemberFactory(committee=committee),
        "invitation": invitation,
        "token": token,
        "extra_staff": StaffRoleFactory(association=association),
        "partner": agreement.partner,
        "agreement": agreement,
    }


def _manage(name, *keys):
    def build(o):
        return reverse(f"associations:{name}", args=[o["code"], *(o[k].pk for k in keys)])

    return build


CASES = [
    ("list", "get", lambda o: reverse("associations:list"), [200] * 6),
    ("detail", "get", lambda o: reverse("associations:detail", args=[o["code"]]), [200] * 6),
    ("manage", "get", _manage("manage"), ADMINS),
    (
        "manage_foreign",
        "get",
        lambda o: reverse("associations:manage", args=[o["foreign_code"]]),
        HQ_ONLY,
    ),
    ("chapter_create", "get", _manage("chapter_create"), ADMINS),
    ("chapter_edit", "get", _manage("chapter_edit", "chapter"), ADMINS),
    (
        "chapter_delete",
        "post",
        _manage("chapter_delete", "chapter"),
        [302, 302, 403, 403, 403, LOGIN],
    ),
    (
        "chapter_delete_foreign",
        "post",
        lambda o: reverse(
            "associations:chapter_delete", args=[o["foreign_code"], o["foreign_chapter"].pk]
        ),
        [302, 403, 403, 403, 403, LOGIN],
    ),
    (
        "chapter_of_another_association",
        "get",
        lambda o: reverse("associations:chapter_edit", args=[o["code"], o["foreign_chapter"].pk]),
        [404, 404, 403, 403, 403, LOGIN],
    ),
    ("committee_create", "get", _manage("committee_create"), ADMINS),
    ("committee_edit", "get", _manage("committee_edit", "committee"), ADMINS),
    (
        "committee_delete",
        "post",
        _manage("committee_delete", "committee"),
        [302, 302, 403, 403, 403, LOGIN],
    ),
    ("seat_add", "post", _manage("seat_add", "committee"), [400, 400, 403, 403, 403, LOGIN]),
    (
        "seat_remove",
        "post",
        _manage("seat_remove", "committee", "seat"),
        [302, 302, 403, 403, 403, LOGIN],
    ),
    ("staff_invite", "post", _manage("staff_invite"), [400, 400, 403, 403, 403, LOGIN]),
    (
        "invitation_revoke",
        "post",
        _manage("invitation_revoke", "invitation"),
        [302, 302, 403, 403, 403, LOGIN],
    ),
    (
        "staff_remove",
        "post",
        _manage("staff_remove", "extra_staff"),
        [302, 302, 403, 403, 403, LOGIN],
    ),
    (
        "invitation_accept_not_theirs",
        "get",
        lambda o: reverse("associations:invitation_accept", args=[o["token"]]),
        [200, 200, 200, 200, 200, LOGIN],
    ),
    ("partners", "get", lambda o: reverse("associations:partners"), HQ_ONLY),
    ("partner_create", "get", lambda o: reverse("associations:partner_create"), HQ_ONLY),
    (
        "partner_edit",
        "get",
        lambda o: reverse("associations:partner_edit", args=[o["partner"].pk]),
        HQ_ONLY,
    ),
    (
        "agreement_create",
        "get",
        lambda o: reverse("associations:agreement_create", args=[o["partner"].pk]),
        HQ_ONLY,
    ),
    (
        "agreement_edit",
        "get",
        lambda o: reverse("associations:agreement_edit", args=[o["agreement"].pk]),
        HQ_ONLY,
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


def test_the_invitation_page_tells_the_wrong_user_why(client, member_user, objects):
    client.force_login(member_user)

    response = client.get(reverse("associations:invitation_accept", args=[objects["token"]]))

    assert "This invitation is for invited@example.org" in response.content.decode()
