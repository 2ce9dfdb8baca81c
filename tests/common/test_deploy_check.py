"""With production values in the environment, Django's deployment checklist is clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def production_environment() -> dict[str, str]:
    """Only what a production host sets (see the README), and nothing from the tests."""
    db = connection.settings_dict
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(Path.home()),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "kofst.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "network.kofst.example",
        "CSRF_TRUSTED_ORIGINS": "https://network.kofst.example",
        "SITE_URL": "https://network.kofst.example",
        "DATABASE_URL": "postgres://{}@{}:{}/{}".format(
            db["USER"], db["HOST"] or "127.0.0.1", db["PORT"] or 5432, db["NAME"]
        ),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_HOST": "smtp.kofst.example",
        "CELERY_WORKER_EXPECTED": "true",
    }


@pytest.mark.django_db
def test_check_deploy_with_production_settings_has_no_warnings():
    result = subprocess.run(  # noqa: S603  (our own interpreter and manage.py)
        [
            sys.executable, "manage.py", "check", "--deploy",
            "--database", "default", "--fail-level", "WARNING",
        ],
        cwd=ROOT, env=production_environment(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"
    assert result.stderr == ""


@pytest.mark.django_db
def test_production_settings_refuse_to_start_without_secret_key():
    env = production_environment()
    del env["SECRET_KEY"]

    result = subprocess.run(  # noqa: S603  (our own interpreter and manage.py)
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert result.returncode == 1
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off." in result.stderr
