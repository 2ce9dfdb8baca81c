"""Writing an import's progress where the page polling it can see it.

The rows are checked and written inside a transaction, and a row updated inside it is
invisible to other connections until the end. So on PostgreSQL progress goes through a
second connection of its own, in autocommit, with a short lock timeout (it must never
wait for the transaction it reports on). SQLite (the demo, where tasks run inline in
the request anyway) allows one writer: progress inside a transaction is skipped there.
"""

import logging
import time

from django.db import DatabaseError, connection, connections

from members.imports.models import ImportJob

logger = logging.getLogger(__name__)


class ProgressWriter:
    """Callable ``(done, total)``; maps a phase onto ``processed_rows`` of the job."""

    def __init__(self, job: ImportJob, *, start: float = 0.0, end: float = 1.0) -> None:
        self.job_id = job.pk
        self.total_rows = job.total_rows or 1
        self.start, self.end = start, end
        self._side = None
        self._last = 0.0

    def phase(self, *, start: float, end: float) -> "ProgressWriter":
        self.start, self.end = start, end
        return self

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last < 0.25 and done < total:
            return
        self._last = now
        fraction = self.start + (self.end - self.start) * min(1.0, done / max(total, 1))
        self.write(round(fraction * self.total_rows))

    def write(self, processed: int) -> None:
        if not connection.in_atomic_block:
            ImportJob.objects.filter(pk=self.job_id).update(processed_rows=processed)
            return
        if connection.vendor != "postgresql":
            return
        try:
            if self._side is None:
                self._side = connections.create_connection("default")
                with self._side.cursor() as cursor:
                    cursor.execute("SET lock_timeout = '500ms'")
            with self._side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {ImportJob._meta.db_table} SET processed_rows = %s WHERE id = %s",  # noqa: S608 — our own table name
                    [processed, self.job_id],
                )
        except DatabaseError:
            logger.info("progress of import %s not written", self.job_id, exc_info=True)

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None
