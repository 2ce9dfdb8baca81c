"""The committee's decision and its announcement."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import notifications
from awards.enums import CycleStatus, Outcome
from awards.models import AwardCycle, Candidate
from awards.services._audit import award_audit


@transaction.atomic
def decision_record(
    *,
    cycle: AwardCycle,
    winner_ids: list[int],
    rationale: str,
    citations: dict[int, tuple[str, str]],
    actor,
    now: dt.datetime | None = None,
) -> AwardCycle:
    """Record the winners (at least one) and the rationale; every other candidate is
    "not selected". ``citations``: candidate id → (English, Korean) public citation.
    May be recorded again until the announcement. Side effects: a history entry.
    """
    cycle = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != CycleStatus.DECIDING:
        raise ValidationError(_("The decision is recorded while the committee is deciding."))
    candidates = {
        c.pk: c for c in Candidate.objects.filter(cycle=cycle, is_withdrawn=False).order_by("id")
    }
    winners = set(winner_ids)
    if not winners:
        raise ValidationError({"winners": _("Choose at least one winner.")})
    if not winners <= set(candidates):
        raise ValidationError({"winners": _("Choose the winners among this cycle's nominees.")})
    rationale = (rationale or "").strip()
    if not rationale:
        raise ValidationError({"rationale": _("Write the rationale of the decision.")})
    for pk, candidate in candidates.items():
        candidate.outcome = Outcome.WINNER if pk in winners else Outcome.NOT_SELECTED
        en, ko = citations.get(pk, ("", "")) if pk in winners else ("", "")
        candidate.citation_en, candidate.citation_ko = en.strip(), ko.strip()
        candidate.save(update_fields=["outcome", "citation_en", "citation_ko"])
    before = cycle.decided_at is not None
    cycle.decision_rationale = rationale
    cycle.decided_at = now or timezone.now()
    cycle.decided_by = actor
    cycle.save(update_fields=["decision_rationale", "decided_at", "decided_by", "updated_at"])
    award_audit(
        actor=actor,
        action="cycle.decision_change" if before else "cycle.decision",
        cycle=cycle,
        subject=cycle,
        summary=", ".join(str(candidates[pk].person) for pk in sorted(winners)),
        winners=sorted(winners),
        rationale=rationale,
    )
    return cycle


@transaction.atomic
def cycle_announce(*, cycle: AwardCycle, actor, now: dt.datetime | None = None) -> AwardCycle:
    """Announce the recorded decision: the cycle becomes public with its winners.

    Side effects: emails to the winners, every nominator and the nominees not selected
    (in the same transaction); a history entry.
    """
    cycle = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != CycleStatus.DECIDING:
        raise ValidationError(_("Only a cycle in the deciding phase can be announced."))
    if cycle.decided_at is None:
        raise ValidationError(_("Record the decision before announcing it."))
    cycle.status = CycleStatus.ANNOUNCED
    cycle.announced_at = now or timezone.now()
    cycle.save(update_fields=["status", "announced_at", "updated_at"])
    award_audit(
        actor=actor,
        action="cycle.announce",
        cycle=cycle,
        subject=cycle,
        status=[CycleStatus.DECIDING, CycleStatus.ANNOUNCED],
    )
    notifications.cycle_announced(cycle=cycle)
    return cycle
