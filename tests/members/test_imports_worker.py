"""A real Celery worker process checks and imports a confirmed roster file, and the
job's progress row reaches 100%."""

import time

from members.imports import services
from members.imports.models import ImportJob
from members.models import Membership
from tests.members.imports_support import KOREAN_HEADERS, csv_bytes


def _rows(count: int) -> list[list[str]]:
    return [
        [f"W-{i:05d}", "김민준", f"Min-jun Kim{i}", f"minjun{i}@example.org", "", "MIT",
         "미국", "2020-01-15", "정회원"]
        for i in range(count)
    ]  # fmt: skip


def _wait_for(job: ImportJob, statuses: set[str], worker, timeout: float = 90.0) -> list[int]:
    """Poll the job's row like the page does; the percentages seen on the way."""
    seen: list[int] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        seen.append(job.percent)
        if job.status in statuses:
            return seen
        time.sleep(0.1)
    raise AssertionError(f"job stayed {job.status}; worker log:\n{worker.log()}")


def test_import_runs_in_a_real_worker_with_progress(celery_worker_process, association, hq_user):
    job = services.import_job_create(
        association=association,
        name="roster.csv",
        data=csv_bytes(KOREAN_HEADERS, _rows(1500), encoding="cp949"),
        actor=hq_user,
    )

    services.import_job_map(job=job, mapping=job.mapping, remember=False, actor=hq_user)
    _wait_for(job, {"previewed", "failed"}, celery_worker_process)
    assert (job.status, job.new_count, Membership.objects.count()) == ("previewed", 1500, 0)
    services.import_job_confirm(job=job, mode="all", actor=hq_user)
    seen = _wait_for(job, {"done", "failed", "rejected"}, celery_worker_process)

    assert job.status == "done"
    assert (job.processed_rows, job.total_rows, job.percent) == (1500, 1500, 100)
    assert seen == sorted(seen)  # the bar only moves forward
    assert Membership.objects.filter(association=association).count() == 1500
    assert "members.imports.tasks.import_run" in celery_worker_process.log()
