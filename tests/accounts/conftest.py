"""Fixtures for the account tests: mail to a real SMTP server, fresh rate-limit counters."""

import pytest

from tests.accounts.helpers import clear_rate_limit_history
from tests.factories import StaffRoleFactory


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    clear_rate_limit_history()
    yield
    clear_rate_limit_history()


@pytest.fixture
def mail_server(settings, smtp_server):
    """Django's email goes to the real SMTP server of ``smtp_server``."""
    for name, value in smtp_server.settings().items():
        setattr(settings, name, value)
    return smtp_server


@pytest.fixture
def staff_without_totp(db, association):
    """Association staff who has not set up two-factor yet."""
    return StaffRoleFactory(association=association, role="staff").user
