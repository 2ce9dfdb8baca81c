"""Thin tasks: load by id, call one service. Each chunk renders in well under a minute,
far below the broker's visibility timeout."""

from celery import shared_task

from kofst.certificates import services


@shared_task(acks_late=True)
def batch_prepare(*, batch_id: int) -> None:
    services.batch_prepare(batch_id=batch_id)


@shared_task(acks_late=True)
def batch_render_chunk(*, batch_id: int, index: int) -> None:
    services.batch_render_chunk(batch_id=batch_id, index=index)
