"""Every role meets every URL of the awards: the expected answer, never a 500.

The world's cycle is in review, before the discussion. Roles: the visitor, a member,
the nominator, association admin and staff, a committee member of another cycle, an
assigned reviewer (r1: on A and C), a reviewer in conflict with A, the chair, HQ.
"""

import pytest

from awards.models import Assignment, Attachment, AwardCycle, Conflict, Nomination
from tests.awards.conftest import get_urls, post_urls

pytestmark = pytest.mark.django_db

PEOPLE = {"member", "nominator", "reviewer", "conflicted", "chair"}  # have a person record
COMMITTEE = {"committee", "reviewer", "conflicted", "chair"}
MANAGERS = {"chair", "hq"}
ROLES = [
    "anonymous",
    "member",
    "nominator",
    "association_admin",
    "association_staff",
    "committee",
    "reviewer",
    "conflicted",
    "chair",
    "hq",
]


def _users(world, users_by_role) -> dict:
    return {
        "anonymous": None,
        "member": world.other_member,
        "nominator": world.nominator,
        "association_admin": users_by_role["association_admin"],
        "association_staff": users_by_role["association_staff"],
        "committee": users_by_role["committee"],
        "reviewer": world.reviewers[0],
        "conflicted": world.conflicted,
        "chair": world.chair,
        "hq": users_by_role["hq"],
    }


def _member_page(role, owner_ok=False):
    if role == "anonymous":
        return 302
    if role not in PEOPLE:
        return 403
    return 200 if owner_ok else 404


def expected_get(role: str, name: str) -> int:
    if name in {"list", "award", "cycle"}:
        return 200
    if role == "anonymous":
        return 302
    if name == "nominate":
        return 404 if role in PEOPLE else 403  # the cycle no longer takes nominations
    if name in {"nominee_search", "my_nominations"}:
        return 200 if role in PEOPLE else 403
    if name == "nomination_a":
        return _member_page(role, owner_ok=role == "nominator")
    if name == "file_a":
        return 200 if role in {"nominator", "reviewer", "chair", "hq"} else 404
    if name == "my_reviews":
        return 200 if role in COMMITTEE else 403
    if name in {"review_a", "conflict_a", "review_b"}:
        if role not in COMMITTEE:
            return 403
        return 200 if role == "reviewer" and name != "review_b" else 404
    if name in {"award_create", "award_edit", "cycle_create"}:
        return 200 if role == "hq" else 403
    if role not in MANAGERS:
        return 403
    if name in {"ranking", "ranking_csv"}:
        return 403  # scores are hidden until the discussion opens
    if name == "decision":
        return 404  # only while deciding
    return 200


def allowed_post(role: str, name: str) -> bool:
    """Roles that may perform the action (not exercised here: they would change state)."""
    if name in {
        "attachment_upload",
        "attachment_delete",
        "cosigner_add",
        "cosigner_remove",
        "nomination_submit",
        "nomination_withdraw",
    }:
        return role == "nominator"
    if name in {"review_post", "conflict_post"}:
        return role == "reviewer"
    if name in {"seat_remove", "committee_post", "award_create_post"}:
        return role == "hq"
    return role in MANAGERS


def _state(world) -> tuple:
    return (
        Nomination.objects.filter(status="submitted").count(),
        Attachment.objects.count(),
        Assignment.objects.filter(status="active").count(),
        Conflict.objects.count(),
        AwardCycle.objects.get(pk=world.cycle.pk).status,
        AwardCycle.objects.get(pk=world.cycle.pk).discussion_opened_at,
        world.cycle.seats.count(),
    )


def test_permission_matrix_every_role_every_page(client, world, users_by_role):
    users = _users(world, users_by_role)
    urls = get_urls(world)
    mismatches = []
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        for name, url in urls.items():
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            want = expected_get(role, name)
            if response.status_code != want:
                mismatches.append((role, name, response.status_code, want))
            if want == 302:
                assert response["Location"].startswith("/accounts/login/"), (role, name)
    assert mismatches == []


def test_permission_matrix_every_role_every_action(client, world, users_by_role):
    users = _users(world, users_by_role)
    urls = post_urls(world)
    before = _state(world)
    mismatches = []
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        for name, url in urls.items():
            if allowed_post(role, name):
                continue
            response = client.post(url, {"to": "deciding", "person": "1", "reason": "x"})
            if response.status_code not in (302, 403, 404, 405) or (
                response.status_code == 302
                and not response["Location"].startswith("/accounts/login/")
            ):
                mismatches.append((role, name, response.status_code))
            if role == "anonymous" and response.status_code != 302:
                mismatches.append((role, name, response.status_code))
    assert mismatches == []
    assert _state(world) == before
