"""Thin tasks: load by id, call one service. Each chunk renders in well under a minute,
far below the broker's visibility timeout."""

from celery import shared_task
from celery.signals import worker_init

from kofst.certificates import fonts, services


@shared_task(acks_late=True)
def batch_prepare(*, batch_id: int) -> None:
    services.batch_prepare(batch_id=batch_id)


@shared_task(acks_late=True)
def batch_render_chunk(*, batch_id: int, index: int, ids: list[int] | None = None) -> None:
    services.batch_render_chunk(batch_id=batch_id, index=index, ids=ids)


@shared_task(acks_late=True)
def batch_write_zip(*, batch_id: int) -> None:
    services.batch_write_zip(batch_id=batch_id)


@worker_init.connect
def prepare_fonts(**kwargs: object) -> None:
    """Read the fonts' character maps and faces before the pool forks, so that its
    processes share them instead of each reading them again."""
    fonts.prepare()
