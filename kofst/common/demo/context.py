"""The demo's constants and the context its steps share (see ``kofst.common.demo.seed``)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from associations.models import Association, Chapter
from awards.models import AwardCycle
from kofst.accounts.models import User
from kofst.common.demo.people import PeoplePlan

SEED = 2026
# Bump when the generated data changes, so that existing demo databases are rebuilt.
DEMO_VERSION = 1
MARKER_ACTION = "demo.seeded"
BATCH = 2000
DEMO_EMAIL_DOMAIN = "demo.kofst.example"
AWARD_CODE = "overseas-scientist-of-the-year"

# What each demo login is: (kind, association code or "", display name).
LOGIN_ROLES: dict[str, tuple[str, str, str]] = {
    f"hq@{DEMO_EMAIL_DOMAIN}": ("hq", "", "Han Ji-won (KOFST HQ)"),
    f"admin.ksea@{DEMO_EMAIL_DOMAIN}": ("admin", "ksea", "Daniel Park (KSEA office)"),
    f"staff.ksea@{DEMO_EMAIL_DOMAIN}": ("staff", "ksea", "Grace Yoon (KSEA office)"),
    f"staff.vekni@{DEMO_EMAIL_DOMAIN}": ("staff", "vekni", "Jung Min-ho (VeKNI office)"),
    f"committee@{DEMO_EMAIL_DOMAIN}": ("committee", "", "Prof. Choi Young-soo"),
    f"chair@{DEMO_EMAIL_DOMAIN}": ("chair", "", "Prof. Lee Kyung-hee"),
    f"member@{DEMO_EMAIL_DOMAIN}": ("member", "", ""),
}
# Further award committee members, without a usable password.
EXTRA_REVIEWERS = (
    ("reviewer1", "Prof. Kang Seung-hyun"),
    ("reviewer2", "Dr. Yoo Hye-jin"),
    ("reviewer3", "Prof. Oh Sang-woo"),
)


@dataclass
class DemoContext:
    """What the steps build, for the steps (and apps) after them."""

    today: dt.date
    now: dt.datetime
    people: int
    log: Callable[[str], None]
    associations: dict[str, Association] = field(default_factory=dict)
    chapters: dict[tuple[str, str], Chapter] = field(default_factory=dict)
    plan: PeoplePlan | None = None
    person_ids: list[int] = field(default_factory=list)  # in plan order
    # Person ids of each association's current (active or grace) members.
    members_by_association: dict[str, list[int]] = field(default_factory=dict)
    membership_ids: list[list[int]] = field(default_factory=list)  # per person, plan order
    users: dict[str, User] = field(default_factory=dict)  # by email
    member_person_id: int | None = None
    award_cycle: AwardCycle | None = None
    counts: dict[str, int] = field(default_factory=dict)


Step = tuple[str, Callable[..., None]]
