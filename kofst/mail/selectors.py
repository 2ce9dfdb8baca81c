"""Reads of campaigns and messages, scoped to what the user may see (else 404)."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from associations.models import Association, Chapter
from kofst.common.roles import roles_of
from kofst.mail.audience import source_for
from kofst.mail.enums import OPEN_STATES, MessageState
from kofst.mail.models import Campaign, Message
from members.models import Person


def _association_scope(user) -> Q | None:  # type: ignore[no-untyped-def]
    """``None``: everything (headquarters); otherwise a filter on ``association_id``."""
    roles = roles_of(user)
    if roles.hq:
        return None
    return Q(association_id__in=roles.staff_of)


def campaigns_visible_to(*, user) -> QuerySet[Campaign]:  # type: ignore[no-untyped-def]
    campaigns = Campaign.objects.select_related("association", "created_by")
    scope = _association_scope(user)
    return campaigns if scope is None else campaigns.filter(scope)


def campaign_for(*, user, pk: int) -> Campaign:  # type: ignore[no-untyped-def]
    campaign = campaigns_visible_to(user=user).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def messages_visible_to(*, user) -> QuerySet[Message]:  # type: ignore[no-untyped-def]
    messages = Message.objects.select_related("campaign", "person", "association")
    scope = _association_scope(user)
    return messages if scope is None else messages.filter(scope)


def message_for(*, user, pk: int) -> Message:  # type: ignore[no-untyped-def]
    message = messages_visible_to(user=user).prefetch_related("events").filter(pk=pk).first()
    if message is None:
        raise Http404
    return message


def message_search(messages: QuerySet[Message], *, q: str = "", state: str = "") -> QuerySet:
    """By address (exact when it has an @, else its start) or by name."""
    q = q.strip()
    if q:
        if "@" in q:
            messages = messages.filter(to_email__iexact=q)
        else:
            messages = messages.filter(Q(to_email__istartswith=q) | Q(to_name__icontains=q))
    if state in MessageState.values:
        messages = messages.filter(state=state)
    return messages


def associations_for_mail(*, user) -> QuerySet[Association]:  # type: ignore[no-untyped-def]
    """The associations whose members this user may write to."""
    associations = Association.objects.order_by("code")
    scope = _association_scope(user)
    return associations if scope is None else associations.filter(pk__in=roles_of(user).staff_of)


def chapters_for_mail(*, user) -> QuerySet[Chapter]:  # type: ignore[no-untyped-def]
    chapters = Chapter.objects.select_related("association").order_by(
        "association__code", "name_en"
    )
    scope = _association_scope(user)
    return chapters if scope is None else chapters.filter(scope)


def campaign_progress(campaign: Campaign) -> dict:
    """Counts by state, and what is left (one query)."""
    counts = dict(
        Message.objects.filter(campaign=campaign)
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    total = sum(counts.values())
    by_state = {state: counts.get(state, 0) for state in MessageState.values}
    remaining = sum(by_state[s] for s in OPEN_STATES)
    done = total - remaining
    return {
        **by_state,
        "total": total,
        "remaining": remaining,
        "done": done,
        "percent": int(done * 100 / total) if total else 0,
    }


def campaigns_sent_counts(campaign_ids: list[int]) -> dict[int, dict[str, int]]:
    """``{campaign_id: {state: n}}`` for a page of campaigns (one query)."""
    counts: dict[int, dict[str, int]] = {pk: {} for pk in campaign_ids}
    rows = (
        Message.objects.filter(campaign_id__in=campaign_ids)
        .values_list("campaign_id", "state")
        .annotate(n=Count("id"))
        .values_list("campaign_id", "state", "n")
    )
    for campaign_id, state, n in rows:
        counts[campaign_id][state] = n
    return counts


def audience_person_for(*, campaign: Campaign, pk: int) -> Person:
    """A person of the campaign's audience (for previews); 404 otherwise."""
    people = source_for(campaign.audience_kind).people(
        filters=campaign.audience, association_id=campaign.association_id
    )
    person = people.filter(pk=pk).first()
    if person is None:
        raise Http404
    return person
