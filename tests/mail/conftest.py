"""Fixtures of the mail tests: the outbox sending to a real SMTP server, and real Celery
workers (other processes) pointed at it."""

import uuid

import pytest

from tests.factories import MembershipFactory, PersonFactory


@pytest.fixture
def outbox(db, settings, smtp_server):
    """Sending in this process (tasks inline) to the real SMTP server, unthrottled."""
    for name, value in smtp_server.settings().items():
        setattr(settings, name, value)
    settings.MAIL_RATE_PER_SECOND = 0
    settings.MAIL_RETRY_BASE_SECONDS = 60
    return smtp_server


@pytest.fixture
def members_of(db):
    """``members_of(association, n, **person_fields)``: n people with a membership there."""

    def create(association, n: int = 1, *, chapter=None, membership=None, **person_fields):
        people = []
        for _ in range(n):
            person = PersonFactory(**person_fields)
            MembershipFactory(
                person=person, association=association, chapter=chapter, **(membership or {})
            )
            people.append(person)
        return people

    return create


@pytest.fixture
def mail_workers(transactional_db, settings, smtp_server):
    """``start(concurrency=1, **env)`` starts a real Celery worker process on a queue of
    this test, sending to ``smtp_server``; tasks of this process go to that queue."""
    from tests.support.worker import WorkerProcess, tasks_sent_to

    queue = f"test-mail-{uuid.uuid4().hex[:8]}"
    workers: list[WorkerProcess] = []

    def start(*, concurrency: int = 1, **env: str) -> WorkerProcess:
        extra_env = {
            "TEST_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_server.port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_USE_SSL": "false",
            "EMAIL_TIMEOUT": "2",
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "MAIL_RATE_PER_SECOND": "0",
            **env,
        }
        worker = WorkerProcess(queue_name=queue, concurrency=concurrency, extra_env=extra_env)
        worker.start()
        workers.append(worker)
        return worker

    with tasks_sent_to(queue, settings):
        yield start
        for worker in workers:
            worker.stop()
