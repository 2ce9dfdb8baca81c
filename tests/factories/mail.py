"""Factories of the outbox and campaigns."""

import uuid

import factory
from django.utils import timezone

from kofst.mail.enums import CampaignState, MessageState, Priority
from kofst.mail.models import Campaign, Message


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Newsletter {n}")
    association = None
    subject_en = "News from {{ association }}"
    body_en = "Dear {{ name }},\n\nHere is our news."
    subject_ko = "{{ association }} 소식"
    body_ko = "{{ name }} 님께,\n\n소식을 전합니다."
    state = CampaignState.DRAFT
    newsletter = False


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    to_email = factory.Sequence(lambda n: f"recipient{n}@example.org")
    subject = "Hello"
    body_text = "Hello there."
    kind = "test"
    priority = Priority.TRANSACTIONAL
    key = factory.LazyFunction(lambda: f"test:{uuid.uuid4().hex}")
    message_id = factory.LazyFunction(lambda: f"<{uuid.uuid4().hex}@kofst.example>")
    state = MessageState.SENT
    sent_at = factory.LazyFunction(timezone.now)
