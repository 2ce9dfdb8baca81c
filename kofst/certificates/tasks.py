"""Thin tasks: load by id, call one service. Each chunk renders in well under a minute,
far below the broker's visibility timeout."""

from celery import shared_task
from celery.signals import worker_init

from kofst.certificates import services


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
    """Before the pool forks, so that its processes share the fonts' data instead of each
    reading it again (see services.certificate_fonts_prepare)."""
    services.certificate_fonts_prepare()
