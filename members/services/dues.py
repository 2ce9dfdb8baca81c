"""Dues payments recorded by staff."""

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kofst.common.audit import audit_record
from members.enums import PaymentMethod
from members.models import DuesPayment, Membership
from members.services.memberships import membership_renew

_CURRENCY = re.compile(r"^[A-Z]{3}$")


@transaction.atomic
def dues_record(
    *,
    membership: Membership,
    actor,
    period_start: dt.date,
    period_end: dt.date,
    amount: Decimal,
    paid_on: dt.date,
    currency: str = "USD",
    method: str = PaymentMethod.OTHER,
    reference: str = "",
    extend_membership: bool = False,
) -> DuesPayment:
    """Record one payment of dues for a membership.

    With ``extend_membership`` the membership's expiry moves to the end of the paid
    period when that is later (a ``membership.renew`` entry too).
    Side effects: a ``dues.record`` history entry.
    """
    currency = (currency or "").strip().upper()
    payment = DuesPayment(
        membership=membership,
        period_start=period_start,
        period_end=period_end,
        amount=amount,
        currency=currency,
        paid_on=paid_on,
        method=method,
        reference=(reference or "").strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    errors: dict[str, list] = {}
    try:
        payment.full_clean(exclude=["membership", "recorded_by"], validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if amount is not None and "amount" not in errors and amount < 0:
        errors.setdefault("amount", []).append(_("The amount cannot be negative."))
    if period_start and period_end and period_end < period_start:
        errors.setdefault("period_end", []).append(_("The period cannot end before it starts."))
    if currency and not _CURRENCY.match(currency):
        errors.setdefault("currency", []).append(
            _("Enter a three-letter currency code such as USD, EUR or KRW.")
        )
    if errors:
        raise ValidationError(errors)
    payment.save()
    audit_record(
        actor=actor,
        action="dues.record",
        subject=payment,
        person_id=membership.person_id,
        association_id=membership.association_id,
        summary=f"{membership.association.display_code} #{membership.member_number}: "
        f"{payment.amount} {payment.currency}",
        changes={
            "amount": [None, f"{payment.amount} {payment.currency}"],
            "period": [None, f"{period_start.isoformat()} – {period_end.isoformat()}"],
            "paid_on": [None, paid_on.isoformat()],
            "method": [None, payment.method],
            **({"reference": [None, payment.reference]} if payment.reference else {}),
        },
    )
    if (
        extend_membership
        and membership.expires_on is not None
        and period_end > membership.expires_on
    ):
        membership_renew(membership=membership, actor=actor, until=period_end)
    return payment
