"""Reachability of what the site depends on, for /healthz."""

from django.conf import settings
from django.db import connection


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True, connection.vendor
    except Exception as exc:  # noqa: BLE001  (any failure means "down"; the text says why)
        return False, exc.__class__.__name__


def check_redis() -> tuple[bool, str] | None:
    if not settings.REDIS_URL:
        return None
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2
        )
        client.ping()
        return True, "ping"
    except redis.RedisError as exc:
        return False, exc.__class__.__name__


def check_worker() -> tuple[bool, str] | None:
    if not settings.CELERY_WORKER_EXPECTED:
        return None
    from kofst.celery import app

    # Count only workers that consume the queue our tasks are sent to: a worker of
    # another deployment (or test) on the same broker does not run ours.
    queue = app.conf.task_default_queue
    try:
        replies = app.control.inspect(timeout=1.0).active_queues() or {}
    except Exception as exc:  # noqa: BLE001
        return False, exc.__class__.__name__
    serving = [
        name for name, queues in replies.items() if any(q.get("name") == queue for q in queues)
    ]
    return (bool(serving), f"{len(serving)} worker(s)")
