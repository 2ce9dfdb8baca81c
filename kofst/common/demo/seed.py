"""Writing the demo data: a list of steps, then each app's own ``<app>/demo.py``.

How later parts plug in
-----------------------
The core steps (``STEPS`` in ``kofst.common.demo.steps``) build associations, chapters,
people with memberships, dues, committees, partners, the demo logins and the award
committee. After them, every installed app that has a ``demo`` module gets called, in
``INSTALLED_APPS`` order::

    # conferences/demo.py
    def seed(*, rng: random.Random, context: DemoContext) -> None:
        ...  # bulk_create what the app needs, using context.associations, context.people…
        context.counts["conferences"] = n

    def reset(*, context: DemoContext) -> None:  # optional
        ...  # delete what seed() made, before the core data is deleted

Each step and each app gets its own ``random.Random`` seeded from ``SEED`` and its name,
so adding a part never changes the data of the others. Everything runs in one
transaction: a failure leaves the database as it was.

Re-running
----------
A finished run writes a history entry (``AuditEntry``, action ``demo.seeded``) with the
data version and the number of people. Running again with the same version and size
skips the work (the demo logins' passwords are set again); a different version or size,
or ``--reset``, deletes the demo data (the associations by code and everything hanging
off them, their people, the demo logins, partners and award) and builds it again.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from associations.models import Association, Chapter, Committee, PartnerOrganization
from awards.models import Award
from kofst.accounts.models import User
from kofst.common.audit import audit_record
from kofst.common.demo import DEMO_LOGINS, DEMO_PASSWORD
from kofst.common.demo.catalogue import TOTAL_MEMBERS
from kofst.common.demo.context import (  # noqa: F401  (re-exported for apps and tests)
    AWARD_CODE,
    DEMO_EMAIL_DOMAIN,
    DEMO_VERSION,
    EXTRA_REVIEWERS,
    LOGIN_ROLES,
    MARKER_ACTION,
    SEED,
    DemoContext,
    Step,
)
from kofst.common.demo.steps import STEPS, association_codes, partner_acronyms
from kofst.common.models import AuditEntry
from members.models import DuesPayment, Membership, Person


def app_demo_modules() -> list[ModuleType]:
    """``<app>.demo`` of every installed app that has one (this package excepted)."""
    modules = []
    for config in apps.get_app_configs():
        if config.name == "kofst.common" or not module_has_submodule(config.module, "demo"):
            continue
        module = import_module(f"{config.name}.demo")
        if hasattr(module, "seed"):
            modules.append(module)
    return modules


def _demo_emails() -> list[str]:
    return [email for email, _ in DEMO_LOGINS] + [
        f"{local}@{DEMO_EMAIL_DOMAIN}" for local, _ in EXTRA_REVIEWERS
    ]


class DemoDataError(Exception):
    pass


@dataclass
class SeedResult:
    context: DemoContext
    skipped: bool
    seconds: float


def last_marker() -> dict | None:
    entry = AuditEntry.objects.filter(action=MARKER_ACTION).order_by("-id").first()
    return entry.changes if entry else None


def reset_demo(context: DemoContext) -> None:
    """Delete the demo data: each app's part first, then the core."""
    for module in reversed(app_demo_modules()):
        if hasattr(module, "reset"):
            module.reset(context=context)
    codes = association_codes()
    Award.objects.filter(code=AWARD_CODE).delete()
    User.objects.filter(email__in=_demo_emails()).delete()
    PartnerOrganization.objects.filter(acronym__in=partner_acronyms()).delete()
    DuesPayment.objects.filter(membership__association__code__in=codes).delete()
    people = Person.objects.filter(memberships__association__code__in=codes).values("pk")
    Person.objects.filter(pk__in=people).delete()
    Person.objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}").delete()
    Membership.objects.filter(association__code__in=codes).delete()
    Association.objects.filter(code__in=codes).delete()


def seed_demo(
    *, people: int = TOTAL_MEMBERS, reset: bool = False, log: Callable[[str], None] = print
) -> SeedResult:
    """Build the demo data (or keep it when it is already there). See the module doc."""
    started = time.monotonic()
    context = DemoContext(today=timezone.localdate(), now=timezone.now(), people=people, log=log)
    wanted = {"version": DEMO_VERSION, "people": people}
    with transaction.atomic():
        present = Association.objects.filter(code__in=association_codes()).exists()
        marker = last_marker()
        if present and marker is None and not reset:
            raise DemoDataError(
                "Associations with the demo codes exist but were not made by seed_demo; "
                "run it with --reset to replace them."
            )
        if present and marker == wanted and not reset:
            _refresh_logins()
            return SeedResult(context=context, skipped=True, seconds=time.monotonic() - started)
        if present:
            log("Deleting the previous demo data…")
            reset_demo(context)
        steps: list[Step] = list(STEPS)
        steps += [(m.__name__, m.seed) for m in app_demo_modules()]
        for name, function in steps:
            wall, cpu = time.monotonic(), time.process_time()
            function(rng=random.Random(f"{SEED}:{name}"), context=context)
            wall, cpu = time.monotonic() - wall, time.process_time() - cpu
            log(f"  {name}: {wall:.1f} s ({cpu:.1f} s in Python)")
        audit_record(
            actor=None,
            action=MARKER_ACTION,
            summary=f"Demo data built: {people} people",
            changes=wanted,
        )
    return SeedResult(context=context, skipped=False, seconds=time.monotonic() - started)


def _refresh_logins() -> None:
    """Set the demo password again, so the printed password always works."""
    User.objects.filter(email__in=[email for email, _ in DEMO_LOGINS]).update(
        password=make_password(DEMO_PASSWORD)
    )


def demo_counts() -> dict[str, int]:
    """Counts of what is in the database now, for the summary."""
    codes = association_codes()
    memberships = Membership.objects.filter(association__code__in=codes)
    counts = {
        "associations": Association.objects.filter(code__in=codes).count(),
        "countries": Association.objects.filter(code__in=codes)
        .values("country")
        .distinct()
        .count(),
        "chapters": Chapter.objects.filter(association__code__in=codes).count(),
        "people": Person.objects.filter(memberships__association__code__in=codes)
        .distinct()
        .count(),
        "memberships": memberships.count(),
    }
    for status in ("active", "grace", "expired", "resigned"):
        counts[f"  {status}"] = memberships.with_status_in([status]).count()
    counts["dues payments"] = DuesPayment.objects.filter(
        membership__association__code__in=codes
    ).count()
    counts["committees"] = Committee.objects.filter(association__code__in=codes).count()
    counts["partner organisations"] = PartnerOrganization.objects.filter(
        acronym__in=partner_acronyms()
    ).count()
    return counts
