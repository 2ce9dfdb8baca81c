"""Writing history entries. Services call ``audit_record`` inside their transaction."""

from typing import Any

from django.db import models

from kofst.common.models import AuditEntry


def diff(instance: models.Model, before: dict[str, Any], fields: list[str]) -> dict[str, list]:
    """``{field: [old, new]}`` for the fields whose value changed, as JSON-safe strings."""
    changes: dict[str, list] = {}
    for name in fields:
        old, new = before.get(name), getattr(instance, name)
        if old != new:
            changes[name] = [_jsonable(old), _jsonable(new)]
    return changes


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def audit_record(
    *,
    actor,
    action: str,
    subject: models.Model | None = None,
    person_id: int | None = None,
    association_id: int | None = None,
    summary: str = "",
    changes: dict | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
        person_id=person_id,
        association_id=association_id,
        summary=summary[:300],
        changes=changes or {},
    )
