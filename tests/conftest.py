"""Shared fixtures: users per role, a real SMTP server, a real headless Chromium."""

import os

import pytest
from allauth.mfa.models import Authenticator

from tests.factories import (
    PASSWORD,
    AssociationFactory,
    CommitteeSeatFactory,
    PersonFactory,
    StaffRoleFactory,
    UserFactory,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright + live_server


def _patient_browser_assertions() -> None:
    """Playwright's expect() waits 5 s by default; CI runs two test processes on two
    cores, with Celery workers and Chromium beside them, so give pages more time."""
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)


_patient_browser_assertions()

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def give_totp(user) -> None:
    """Mark a user as having set up TOTP, so that staff pages let them in."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def association(db):
    return AssociationFactory(code="ksea", name_en="KSEA", name_ko="재미한인과학기술자협회")


@pytest.fixture
def other_association(db):
    return AssociationFactory(code="vekni", name_en="VeKNI", name_ko="재독한국과학기술자협회")


@pytest.fixture
def hq_user(db):
    user = UserFactory(email="hq@kofst.example", is_hq_staff=True)
    give_totp(user)
    return user


@pytest.fixture
def association_admin(db, association):
    role = StaffRoleFactory(association=association, role="admin")
    give_totp(role.user)
    return role.user


@pytest.fixture
def association_staff(db, association):
    role = StaffRoleFactory(association=association, role="staff")
    give_totp(role.user)
    return role.user


@pytest.fixture
def committee_member(db):
    seat = CommitteeSeatFactory(role="member")
    give_totp(seat.user)
    return seat.user


@pytest.fixture
def member_user(db):
    user = UserFactory()
    PersonFactory(user=user, email=user.email)
    return user


@pytest.fixture
def users_by_role(
    hq_user, association_admin, association_staff, committee_member, member_user
) -> dict:
    """Every role, for permission matrices. ``None`` is the anonymous visitor."""
    return {
        "hq": hq_user,
        "association_admin": association_admin,
        "association_staff": association_staff,
        "committee": committee_member,
        "member": member_user,
        "anonymous": None,
    }


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on a free local port, collecting what it receives."""
    from tests.support.smtp import RecordingSMTPServer

    server = RecordingSMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """A real headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


__all__ = ["Authenticator", "give_totp"]


@pytest.fixture
def celery_worker_process(transactional_db, settings):
    """Start a real Celery worker on a queue of its own; tasks are routed to it.

    ``settings`` is switched so tasks are sent to Redis instead of running inline.
    """
    import uuid

    from tests.support.worker import WorkerProcess, tasks_sent_to

    queue = f"test-{uuid.uuid4().hex[:8]}"
    with tasks_sent_to(queue, settings):
        worker = WorkerProcess(queue_name=queue)
        worker.start()
        yield worker
        worker.stop()
