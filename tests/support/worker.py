"""A real Celery worker process against the real Redis and the test database.

Use with ``transactional_db`` (the worker is another process: it only sees committed rows)
and ``tasks_sent_to(queue, settings)`` so that this process's tasks go to Redis.
"""

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def tasks_sent_to(queue: str, settings_fixture):
    """Tasks sent from this process go to ``queue`` in Redis instead of running inline,
    until the block ends. Celery's ``app.conf`` is read from the settings on first use, so
    what it had is read before the settings change: read after, it would be the changed
    value, "restored" for every later test of the process (their tasks would wait in Redis
    for a worker that is gone)."""
    from kofst.celery import app

    previous = (app.conf.task_always_eager, app.conf.task_default_queue)
    settings_fixture.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = previous


class WorkerProcess:
    def __init__(self, *, queue_name: str, concurrency: int = 1, extra_env: dict | None = None):
        self.queue_name = queue_name
        self.concurrency = concurrency
        self.extra_env = extra_env or {}
        self.process: subprocess.Popen | None = None
        self.log_path = ROOT / "var" / f"worker-{queue_name}-{os.getpid()}.log"

    def start(self, timeout: float = 30.0) -> None:
        db = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kofst.settings_test",
            "DATABASE_URL": "postgres://{}@{}:{}/{}".format(
                db["USER"], db["HOST"] or "127.0.0.1", db["PORT"] or 5432, db["NAME"]
            ),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_TASK_DEFAULT_QUEUE": self.queue_name,
            **self.extra_env,
        }
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self._log_file = self.log_path.open("w")
        self.process = subprocess.Popen(  # noqa: S603  (our own interpreter and module)
            [
                sys.executable, "-m", "celery", "-A", "kofst", "worker",
                "-Q", self.queue_name, "-n", f"{self.queue_name}@%h",
                "-c", str(self.concurrency), "-P", "prefork" if self.concurrency > 1 else "solo",
                "--without-gossip", "--without-mingle", "-l", "info",
            ],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if "ready." in self.log_path.read_text(errors="replace"):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"Celery worker did not start:\n{self.log_path.read_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._close_log()

    def _close_log(self) -> None:
        log_file = getattr(self, "_log_file", None)
        if log_file is not None and not log_file.closed:
            log_file.close()

    def kill(self) -> None:
        """SIGKILL: a crash, for the tests of what survives one."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")
