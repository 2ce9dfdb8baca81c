"""Demo mail: a KSEA newsletter already sent to one chapter, and a KOFST-wide draft.

Called by ``seed_demo`` after the core data (see ``kofst.common.demo.seed``). The sent
campaign's rows are written in bulk, rendered as the worker would have rendered them and
marked sent, so that the progress page, the message lookup and the history have
something to show.
"""

import random
import uuid

from django.db.models import Q

from kofst.common.demo.catalogue import ASSOCIATIONS
from kofst.mail.audience import source_for
from kofst.mail.enums import CampaignState, MessageState, Priority
from kofst.mail.models import Campaign, Message, MessageEvent
from kofst.mail.rendering import render_campaign

DRAFT_NAME = "WCSE invitation (draft)"
SUBJECT_EN = "{{ association }} spring newsletter"
BODY_EN = (
    "Dear {{ name }},\n\nOur spring seminar series starts next month; the programme is on our "
    "website.\n\nYour membership runs until {{ expiry_date }}. Your page: {{ personal_link }}"
)
SUBJECT_KO = "{{ association }} 봄 소식"
BODY_KO = (
    "{{ name }} 님께,\n\n다음 달부터 봄 세미나가 시작됩니다. 자세한 일정은 홈페이지에 있습니다."
    "\n\n회원 자격은 {{ expiry_date }}까지입니다. 회원 페이지: {{ personal_link }}"
)


def seed(*, rng: random.Random, context) -> None:  # type: ignore[no-untyped-def]
    hq = context.users.get("hq@demo.kofst.example")
    staff = context.users.get("staff.ksea@demo.kofst.example")
    ksea = context.associations.get("ksea")
    if ksea is None:
        return
    chapter = next((c for (code, _), c in context.chapters.items() if code == "ksea"), None)
    audience = {"chapters": [chapter.pk], "statuses": ["active", "grace"]} if chapter else {}
    sent = Campaign.objects.create(
        association=ksea,
        name=f"Spring newsletter ({chapter.name_en})" if chapter else "Spring newsletter",
        audience=audience,
        newsletter=False,
        subject_en=SUBJECT_EN,
        body_en=BODY_EN,
        subject_ko=SUBJECT_KO,
        body_ko=BODY_KO,
        state=CampaignState.DONE,
        started_at=context.now,
        finished_at=context.now,
        created_by=staff,
    )
    source = source_for(sent.audience_kind)
    people = list(
        source.people(filters=audience, association_id=ksea.pk)
        .filter(~Q(email=None))
        .order_by("pk")[:300]
    )
    contexts = source.contexts(filters=audience, association_id=ksea.pk, person_ids=None)
    rows = []
    for person in people:
        language = sent.language_for(person.preferred_language)
        rendered = render_campaign(
            sent, person=person, context=contexts.get(person.pk, {}), language=language
        )
        rows.append(
            Message(
                campaign=sent,
                association=ksea,
                person=person,
                to_email=person.email,
                to_name=person.name_latin or person.name_ko,
                subject=rendered.subject,
                body_text=rendered.text,
                body_html=rendered.html,
                language=language,
                kind="campaign",
                priority=Priority.BULK,
                context=contexts.get(person.pk, {}),
                key=f"campaign:{sent.pk}:person:{person.pk}",
                message_id=f"<{uuid.uuid4().hex}@kofst.example>",
                state=MessageState.SENT,
                attempts=1,
                smtp_reply="250 2.0.0 Ok: queued (demo)",
                created_at=context.now,
                updated_at=context.now,
                sent_at=context.now,
            )
        )
    Message.objects.bulk_create(rows, batch_size=1000)
    MessageEvent.objects.bulk_create(
        [
            MessageEvent(message=row, at=context.now, state=state, attempt=1, detail=detail)
            for row in rows
            for state, detail in (("sending", "claimed"), ("sent", row.smtp_reply))
        ],
        batch_size=2000,
    )
    sent.recipient_count = len(rows)
    sent.save(update_fields=["recipient_count"])
    Campaign.objects.create(
        association=None,
        name=DRAFT_NAME,
        audience={"statuses": ["active"]},
        newsletter=True,
        subject_en="Invitation to the World Congress, {{ name }}",
        body_en="Dear {{ name }},\n\nKOFST invites you to the World Congress of Korean "
        "Scientists and Engineers.",
        subject_ko="{{ name }} 님, 세계한인과학기술인대회에 초대합니다",
        body_ko="{{ name }} 님께,\n\n한국과학기술단체총연합회가 세계한인과학기술인대회에 "
        "초대합니다.",
        created_by=hq,
    )
    context.counts["mail campaigns"] = 2
    context.counts["mail messages"] = len(rows)


def reset(*, context) -> None:  # type: ignore[no-untyped-def]
    """Before the demo associations go: every campaign on their behalf (the demo's and any
    written in the demo since), the demo draft, and their messages."""
    codes = [spec.code for spec in ASSOCIATIONS]
    campaigns = Campaign.objects.filter(
        Q(association__code__in=codes) | Q(association=None, name=DRAFT_NAME)
    )
    Message.objects.filter(campaign__in=campaigns).delete()
    campaigns.delete()
