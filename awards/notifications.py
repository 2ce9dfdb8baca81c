"""Every email the awards send, in one place.

Each function is called by a service inside its transaction. Messages are rendered from
``templates/emails/awards/<name>.txt`` (first line: the subject) in the recipient's
language and written into the outbox (``kofst.mail``) in the same transaction: if the
service rolls back, nothing is sent; a retried service never sends twice (unique keys).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from awards.enums import NominationStatus, Outcome
from awards.models import AwardCycle, Candidate, Nomination
from kofst.mail.services import mail_enqueue


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str
    kind: str
    key: str  # unique per message, ever: the outbox never sends a key twice
    language: str = ""
    person: object = None
    user: object = None


def _render(name: str, context: dict, language: str) -> tuple[str, str]:
    with translation.override(language or settings.LANGUAGE_CODE):
        text = render_to_string(f"emails/awards/{name}.txt", {**context, "site_url": _site()})
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def _site() -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/")


def _deliver(messages: Iterable[Message]) -> None:
    """Write the messages into the outbox, in the caller's transaction."""
    for message in messages:
        mail_enqueue(
            to=message.to,
            subject=message.subject,
            body_text=message.body,
            kind=message.kind,
            key=message.key,
            person=message.person,
            user=message.user,
            language=message.language,
        )


def _email_of_person(person) -> tuple[str, str]:
    """(address, language) for a person: their own email, else their login's."""
    user = getattr(person, "user", None)
    address = person.email or (user.email if user is not None else "")
    language = (user.preferred_language if user is not None else "") or person.preferred_language
    return address or "", language


def nomination_received(*, nomination: Nomination) -> None:
    """The nominator's receipt for a submitted nomination."""
    address, language = _email_of_person(nomination.nominator)
    stamp = f"{nomination.submitted_at:%Y%m%d%H%M%S}"
    subject, body = _render(
        "nomination_received",
        {
            "nomination": nomination,
            "cycle": nomination.cycle,
            "url": _site() + reverse("awards:nomination_edit", args=[nomination.pk]),
        },
        language,
    )
    _deliver(
        [
            Message(
                to=address,
                subject=subject,
                body=body,
                kind="award_nomination_received",
                key=f"award-nomination:{nomination.pk}:received:{stamp}",
                language=language,
                person=nomination.nominator,
            )
        ]
    )


def reviewers_assigned(*, cycle: AwardCycle, by_reviewer: dict, batch: str) -> None:
    """One message per reviewer listing the nominees newly assigned to them."""
    messages = []
    for reviewer, candidates in by_reviewer.items():
        subject, body = _render(
            "reviewer_assigned",
            {
                "reviewer": reviewer,
                "cycle": cycle,
                "candidates": candidates,
                "url": _site() + reverse("awards:my_reviews"),
            },
            reviewer.preferred_language,
        )
        messages.append(
            Message(
                to=reviewer.email,
                subject=subject,
                body=body,
                kind="award_reviewer_assigned",
                key=f"award-cycle:{cycle.pk}:assigned:{reviewer.pk}:{batch}",
                language=reviewer.preferred_language,
                user=reviewer,
            )
        )
    _deliver(messages)


def cycle_announced(*, cycle: AwardCycle) -> None:
    """Winners, every nominator (about their own nominee), and the nominees not selected."""
    messages = []
    candidates = (
        Candidate.objects.filter(cycle=cycle, is_withdrawn=False)
        .select_related("person__user")
        .order_by("id")
    )
    for candidate in candidates:
        name = "result_winner" if candidate.outcome == Outcome.WINNER else "result_not_selected"
        address, language = _email_of_person(candidate.person)
        subject, body = _render(name, {"cycle": cycle, "candidate": candidate}, language)
        messages.append(
            Message(
                to=address,
                subject=subject,
                body=body,
                kind="award_result_nominee",
                key=f"award-candidate:{candidate.pk}:result",
                language=language,
                person=candidate.person,
            )
        )
    nominations = (
        Nomination.objects.filter(cycle=cycle, status=NominationStatus.SUBMITTED)
        .select_related("nominator__user", "nominee", "candidate")
        .order_by("id")
    )
    for nomination in nominations:
        address, language = _email_of_person(nomination.nominator)
        subject, body = _render(
            "result_nominator",
            {
                "cycle": cycle,
                "nomination": nomination,
                "won": nomination.candidate is not None
                and nomination.candidate.outcome == Outcome.WINNER,
            },
            language,
        )
        messages.append(
            Message(
                to=address,
                subject=subject,
                body=body,
                kind="award_result_nominator",
                key=f"award-nomination:{nomination.pk}:result",
                language=language,
                person=nomination.nominator,
            )
        )
    _deliver(messages)
