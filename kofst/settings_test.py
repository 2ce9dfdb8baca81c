"""Test settings: the real PostgreSQL and Redis at their usual local addresses.

Only overrides; everything else is ``kofst.settings``. Point the tests elsewhere with
``TEST_DATABASE_URL`` and ``TEST_REDIS_URL``.
"""

import os

os.environ.setdefault(
    "DATABASE_URL", os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kofst")
)
# With pytest-xdist each worker process gets a Redis database of its own (15, 14, …), so
# that one worker's cache.clear() never empties another's broker queue or rate limits.
_XDIST = os.environ.get("PYTEST_XDIST_WORKER", "")
_REDIS_DB = 15 - int(_XDIST[2:]) if _XDIST.startswith("gw") and _XDIST[2:].isdigit() else 15
os.environ.setdefault(
    "REDIS_URL", os.environ.get("TEST_REDIS_URL", f"redis://127.0.0.1:6379/{_REDIS_DB}")
)
# Most tests run tasks inline after commit; the tests of worker behaviour start a real
# Celery worker against Redis themselves (tests/conftest.py: celery_worker_process).
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
os.environ.setdefault("KOFST_REQUIRE_2FA", "true")
os.environ.setdefault("DEBUG", "true")

from kofst.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
# A worker process started by a test may be pointed at the test's SMTP server.
EMAIL_BACKEND = os.environ.get(
    "TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_MEDIA_ROOT)  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
CACHES = {  # a key prefix per test run so parallel runs never share rate-limit counters
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,  # noqa: F405
        "KEY_PREFIX": f"kofst-test-{os.getpid()}",
    }
}
