"""How history entries about people read on the staff pages."""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from kofst.common.models import AuditEntry
from members.models import DuesPayment, Membership, Person

ACTION_LABELS = {
    "person.create": _("Person added"),
    "person.update": _("Person edited"),
    "membership.create": _("Membership added"),
    "membership.update": _("Membership edited"),
    "membership.renew": _("Membership renewed"),
    "membership.resign": _("Membership resigned"),
    "membership.move_chapter": _("Moved to another chapter"),
    "dues.record": _("Dues recorded"),
}
EXTRA_FIELD_LABELS = {"period": _("period"), "on": _("date")}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: object
    new: object


def field_label(name: str) -> str:
    for model in (Person, Membership, DuesPayment):
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return str(EXTRA_FIELD_LABELS.get(name, name.replace("_", " ")))


def action_label(entry: AuditEntry) -> str:
    """A translated label for known actions (other apps' actions show as written)."""
    return str(ACTION_LABELS.get(entry.action, entry.action))


def field_changes(entry: AuditEntry) -> list[FieldChange]:
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    out = []
    for name, pair in changes.items():
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        out.append(FieldChange(label=field_label(name), old=old, new=new))
    return out
