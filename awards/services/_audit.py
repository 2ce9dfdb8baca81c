"""History entries of the awards: every entry names its cycle so the cycle's trail can be
listed. Entries never contain scores or review comments (the trail is shown to the
chair before the discussion phase)."""

from typing import Any

from django.db import models

from awards.models import AwardCycle
from kofst.common.audit import audit_record


def award_audit(
    *,
    actor,
    action: str,
    cycle: AwardCycle | None,
    subject: models.Model,
    summary: str = "",
    person_id: int | None = None,
    **changes: Any,
) -> None:
    if cycle is not None:
        changes["cycle"] = cycle.pk
    audit_record(
        actor=actor,
        action=action,
        subject=subject,
        person_id=person_id,
        summary=summary,
        changes=changes,
    )
