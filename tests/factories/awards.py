"""Factories and small builders for the awards tests."""

import datetime as dt
import io

import factory
from django.utils import timezone
from pypdf import PdfWriter

from awards.enums import CycleStatus, SeatRole
from awards.models import Criterion
from tests.factories import AwardCycleFactory, CommitteeSeatFactory


def pdf_bytes(pages: int = 1, text: str = "") -> bytes:
    """A small, valid PDF made by pypdf."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if text:
        writer.add_metadata({"/Title": text})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    cycle = factory.SubFactory(AwardCycleFactory)
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    name_ko = factory.Sequence(lambda n: f"기준 {n}")
    weight = 100
    position = factory.Sequence(lambda n: n)


def open_cycle(*, status: str = CycleStatus.NOMINATING, tz: str = "Asia/Seoul", **kwargs):
    """A cycle whose nomination window is open now and whose review window follows it,
    with the criteria of the Overseas Scientist award (40/30/30, scored 1–10)."""
    now = timezone.now()
    defaults = {
        "status": status,
        "timezone": tz,
        "nominations_open_at": now - dt.timedelta(days=10),
        "nominations_close_at": now + dt.timedelta(days=10),
        "review_opens_at": now + dt.timedelta(days=10),
        "review_closes_at": now + dt.timedelta(days=40),
        "reviewers_per_nomination": 2,
    }
    defaults.update(kwargs)
    cycle = AwardCycleFactory(**defaults)
    for position, (name, weight) in enumerate(
        [("Research excellence", 40), ("Contribution to Korean S&T", 30), ("Community service", 30)]
    ):
        CriterionFactory(cycle=cycle, name_en=name, weight=weight, position=position)
    return cycle


def seat(cycle, user=None, role: str = SeatRole.MEMBER):
    kwargs = {"cycle": cycle, "role": role}
    if user is not None:
        kwargs["user"] = user
    return CommitteeSeatFactory(**kwargs)
