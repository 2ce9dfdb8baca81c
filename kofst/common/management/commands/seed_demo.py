"""``python manage.py seed_demo``: the demo data set, with one login per role.

Deterministic (seeded), built in one transaction with bulk inserts, and re-runnable:
a second run with the same data version and size keeps what is there; ``--reset``
rebuilds it. See ``kofst/common/demo/seed.py`` for how apps add their own parts.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kofst.common.demo import DEMO_LOGINS, DEMO_PASSWORD
from kofst.common.demo.catalogue import TOTAL_MEMBERS
from kofst.common.demo.seed import DemoDataError, demo_counts, seed_demo


class Command(BaseCommand):
    help = "Build the demo data: 18 associations, 18,895 people, one login per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--people",
            type=int,
            default=TOTAL_MEMBERS,
            help=f"How many people to generate (default {TOTAL_MEMBERS:,}, the real figure).",
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo data and build it again."
        )

    def handle(self, *args, people: int, reset: bool, **options) -> None:
        if people < 100:
            raise CommandError("--people must be at least 100.")
        verbose = options["verbosity"] >= 1
        log = self.stdout.write if verbose else (lambda message: None)
        try:
            result = seed_demo(people=people, reset=reset, log=log)
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        if not verbose:
            return
        if result.skipped:
            self.stdout.write("The demo data is already there (use --reset to build it again).")
        else:
            self.stdout.write(self.style.SUCCESS(f"Demo data built in {result.seconds:.1f} s."))
        self._summary(result.context.counts)

    def _summary(self, built: dict[str, int]) -> None:
        write = self.stdout.write
        counts = demo_counts()
        counts.update({k: v for k, v in built.items() if k not in counts})
        write("")
        width = max(len(k) for k in counts)
        for label, number in counts.items():
            write(f"  {label:<{width}}  {number:>8,}")
        write("")
        write(f"Open http://127.0.0.1:8000 and log in with password: {DEMO_PASSWORD}")
        email_width = max(len(email) for email, _ in DEMO_LOGINS)
        write(f"  {'email':<{email_width}}  role")
        for email, label in DEMO_LOGINS:
            write(f"  {email:<{email_width}}  {label}")
        if getattr(settings, "KOFST_REQUIRE_2FA", True):
            write(
                "Staff and committee logins must set up two-factor authentication first "
                "(KOFST_REQUIRE_2FA=false switches this off for the demo)."
            )
