"""Writing the demo data: a list of steps, then each app's own ``<app>/demo.py``.

How later parts plug in
-----------------------
The core steps (``STEPS``) build associations, chapters, people with memberships, dues,
committees, partners, the demo logins and the award committee. After them, every
installed app that has a ``demo`` module gets called, in ``INSTALLED_APPS`` order::

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

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType, SimpleNamespace

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from associations.enums import CommitteeRole, StaffRoleKind
from associations.models import (
    Association,
    Chapter,
    Committee,
    CommitteeMember,
    CooperationAgreement,
    PartnerOrganization,
    StaffRole,
)
from awards.enums import CycleStatus, SeatRole
from awards.models import Award, AwardCycle, CommitteeSeat
from kofst.accounts.models import User
from kofst.common.audit import audit_record
from kofst.common.demo import DEMO_LOGINS, DEMO_PASSWORD
from kofst.common.demo.bulk import insert
from kofst.common.demo.catalogue import ASSOCIATIONS, COMMITTEES, PARTNERS, TOTAL_MEMBERS
from kofst.common.demo.people import PeoplePlan, plan_people
from kofst.common.models import AuditEntry
from members.enums import CareerStage
from members.models import DuesPayment, Membership, Person, grace_days
from members.search import person_search_fields

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


def _bulk(model, objects: list, **kwargs) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH, **kwargs)


# --- steps ------------------------------------------------------------------------------


def seed_associations(*, rng: random.Random, context: DemoContext) -> None:
    objects = [
        Association(
            code=spec.code,
            name_en=spec.name_en,
            name_ko=spec.name_ko,
            country=spec.country,
            city=spec.city,
            founded_on=spec.founded_on,
            website=spec.website,
            member_number_prefix=spec.prefix,
            is_sample_data=True,
            description_en=f"{spec.known}\n\nSample data: {spec.invented}",
            description_ko=(
                f"{spec.name_ko}. 이 시연용 데이터의 회원, 지부, 위원회 등 일부 정보는 "
                "예시 데이터(sample data)입니다."
            ),
        )
        for spec in ASSOCIATIONS
    ]
    _bulk(Association, objects)
    context.associations = {a.code: a for a in Association.objects.filter(code__in=_codes())}
    context.counts["associations"] = len(objects)


def seed_chapters(*, rng: random.Random, context: DemoContext) -> None:
    objects = [
        Chapter(
            association=context.associations[spec.code],
            name_en=chapter.name_en,
            name_ko=chapter.name_ko,
            city=chapter.city,
        )
        for spec in ASSOCIATIONS
        for chapter in spec.chapters
    ]
    _bulk(Chapter, objects)
    context.chapters = {
        (c.association.code, c.name_en): c
        for c in Chapter.objects.filter(association__code__in=_codes()).select_related(
            "association"
        )
    }
    context.counts["chapters"] = len(objects)


def seed_people(*, rng: random.Random, context: DemoContext) -> None:
    """People with their memberships; ``search_text`` includes the member numbers."""
    plan = plan_people(
        total=context.people,
        rng=rng,
        today=context.today,
        grace_days=grace_days(),
        member_email=f"member@{DEMO_EMAIL_DOMAIN}",
    )
    context.plan = plan
    rows = []
    for planned in plan.people:
        numbers = [m.member_number for m in planned.memberships]
        search = person_search_fields(SimpleNamespace(**planned.values), numbers)
        rows.append({**planned.values, **search})
    context.person_ids = insert(Person, rows)
    context.member_person_id = context.person_ids[plan.member_login]

    associations = {code: a.pk for code, a in context.associations.items()}
    chapters = {key: c.pk for key, c in context.chapters.items()}
    rows, owners = [], []
    for index, planned in enumerate(plan.people):
        for m in planned.memberships:
            rows.append(
                {
                    "person_id": context.person_ids[index],
                    "association_id": associations[m.association],
                    "member_number": m.member_number,
                    "type": m.type,
                    "chapter_id": chapters.get((m.association, m.chapter)),
                    "joined_on": m.joined_on,
                    "expires_on": m.expires_on,
                    "resigned_on": m.resigned_on,
                }
            )
            owners.append(index)
    membership_ids = insert(Membership, rows)
    code_of = {pk: code for code, pk in associations.items()}
    context.membership_ids = [[] for _ in plan.people]
    grace_start = context.today - dt.timedelta(days=grace_days())
    for owner, membership_id, row in zip(owners, membership_ids, rows, strict=True):
        context.membership_ids[owner].append(membership_id)
        current = row["resigned_on"] is None and (
            row["expires_on"] is None or row["expires_on"] >= grace_start
        )
        if current:
            context.members_by_association.setdefault(code_of[row["association_id"]], []).append(
                context.person_ids[owner]
            )
    context.counts["people"] = len(context.person_ids)
    context.counts["memberships"] = len(membership_ids)
    context.counts["people in two associations"] = sum(
        1 for p in plan.people if len(p.memberships) > 1
    )


def seed_dues(*, rng: random.Random, context: DemoContext) -> None:
    assert context.plan is not None
    rows = [
        {
            "membership_id": membership_id,
            "period_start": p.period_start,
            "period_end": p.period_end,
            "amount": p.amount,
            "currency": p.currency,
            "paid_on": p.paid_on,
            "method": p.method,
            "reference": p.reference,
        }
        for planned, ids in zip(context.plan.people, context.membership_ids, strict=True)
        for m, membership_id in zip(planned.memberships, ids, strict=True)
        for p in m.payments
    ]
    insert(DuesPayment, rows)
    context.counts["dues payments"] = len(rows)


def seed_committees(*, rng: random.Random, context: DemoContext) -> None:
    """Each association's committees, chaired and staffed by its current members."""
    assert context.plan is not None
    stage_of = {
        pid: planned.values["career_stage"]
        for pid, planned in zip(context.person_ids, context.plan.people, strict=True)
    }
    young = {CareerStage.STUDENT, CareerStage.POSTDOC, CareerStage.EARLY_CAREER}
    committees, seats = [], []
    for spec in ASSOCIATIONS:
        association = context.associations[spec.code]
        current = context.members_by_association.get(spec.code, [])
        experienced = [p for p in current if stage_of[p] not in young] or current
        juniors = [p for p in current if stage_of[p] in young] or current
        size = min(9, 3 + spec.members // 800)
        for name_en, name_ko, description in COMMITTEES[: spec.committees]:
            committee = Committee(
                association=association,
                name_en=name_en.format(conference=spec.conference),
                name_ko=name_ko.format(conference=spec.conference),
                description=description,
            )
            committees.append(committee)
            pool = juniors if "Young" in name_en else experienced
            for position, person_id in enumerate(rng.sample(pool, k=min(size, len(pool)))):
                seats.append(
                    (
                        committee,
                        CommitteeMember(
                            person_id=person_id,
                            role=CommitteeRole.CHAIR if position == 0 else CommitteeRole.MEMBER,
                            since=context.today - dt.timedelta(days=rng.randint(30, 1100)),
                        ),
                    )
                )
    _bulk(Committee, committees)
    for committee, seat in seats:
        seat.committee = committee
    _bulk(CommitteeMember, [seat for _, seat in seats])
    context.counts["committees"] = len(committees)
    context.counts["committee members"] = len(seats)


def seed_partners(*, rng: random.Random, context: DemoContext) -> None:
    partners = [
        PartnerOrganization(
            acronym=p.acronym,
            name_en=p.name_en,
            name_ko=p.name_ko,
            country=p.country,
            website=p.website,
        )
        for p in PARTNERS
    ]
    _bulk(PartnerOrganization, partners)
    by_acronym = {
        p.acronym: p for p in PartnerOrganization.objects.filter(acronym__in=_partner_acronyms())
    }
    agreements = [
        CooperationAgreement(
            partner=by_acronym[p.acronym],
            association=context.associations[a.association] if a.association else None,
            title=a.title,
            signed_on=a.signed_on,
            expires_on=a.signed_on.replace(year=a.signed_on.year + a.years) if a.years else None,
            scope=a.scope,
        )
        for p in PARTNERS
        for a in p.agreements
    ]
    _bulk(CooperationAgreement, agreements)
    context.counts["partner organisations"] = len(partners)
    context.counts["cooperation agreements"] = len(agreements)


def seed_logins(*, rng: random.Random, context: DemoContext) -> None:
    """One login per role (``DEMO_LOGINS``), with a verified primary email address."""
    password = make_password(DEMO_PASSWORD)
    member_person = Person.objects.get(pk=context.member_person_id)
    for email, _label in DEMO_LOGINS:
        kind, code, display_name = LOGIN_ROLES[email]
        user = User.objects.create(
            email=email,
            password=password,
            display_name=display_name or member_person.name_latin,
            is_hq_staff=kind == "hq",
            preferred_language="ko" if kind in ("hq", "chair") else "en",
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if kind in ("admin", "staff"):
            StaffRole.objects.create(
                association=context.associations[code],
                user=user,
                role=StaffRoleKind.ADMIN if kind == "admin" else StaffRoleKind.STAFF,
            )
        if kind == "member":
            Person.objects.filter(pk=member_person.pk).update(user=user)
        context.users[email] = user
    for local, display_name in EXTRA_REVIEWERS:
        email = f"{local}@{DEMO_EMAIL_DOMAIN}"
        user = User(email=email, display_name=display_name)
        user.set_unusable_password()
        user.save()
        context.users[email] = user
    context.counts["logins"] = len(DEMO_LOGINS)


def seed_award_committee(*, rng: random.Random, context: DemoContext) -> None:
    """The award, its current cycle open for nominations, and its review committee."""
    award = Award.objects.create(
        code=AWARD_CODE,
        name_en="Award for Overseas Scientist of the Year",
        name_ko="올해의 재외 과학기술인상",
        eligibility_en=(
            "Korean scientists and engineers abroad who are active members of one of the "
            "overseas associations, for outstanding research and for their service to "
            "science and technology cooperation with Korea."
        ),
        eligibility_ko=(
            "재외한인과학기술자협회의 활동 회원으로서 뛰어난 연구 성과를 내고 한국과의 과학기술 "
            "협력에 기여한 재외 한인 과학기술인."
        ),
    )
    start = timezone.make_aware(
        dt.datetime.combine(context.today - dt.timedelta(days=30), dt.time(9, 0))
    )
    cycle = AwardCycle.objects.create(
        award=award,
        year=context.today.year,
        status=CycleStatus.NOMINATING,
        nominations_open_at=start,
        nominations_close_at=start + dt.timedelta(days=75),
        review_opens_at=start + dt.timedelta(days=76),
        review_closes_at=start + dt.timedelta(days=120),
    )
    seats = [
        CommitteeSeat(cycle=cycle, user=context.users[f"chair@{DEMO_EMAIL_DOMAIN}"],
                      role=SeatRole.CHAIR),
        CommitteeSeat(cycle=cycle, user=context.users[f"committee@{DEMO_EMAIL_DOMAIN}"],
                      role=SeatRole.MEMBER),
        *(
            CommitteeSeat(cycle=cycle, user=context.users[f"{local}@{DEMO_EMAIL_DOMAIN}"],
                          role=SeatRole.MEMBER)
            for local, _ in EXTRA_REVIEWERS
        ),
    ]  # fmt: skip
    _bulk(CommitteeSeat, seats)
    context.award_cycle = cycle
    context.counts["award committee seats"] = len(seats)


STEPS: list[Step] = [
    ("associations", seed_associations),
    ("chapters", seed_chapters),
    ("people", seed_people),
    ("dues", seed_dues),
    ("committees", seed_committees),
    ("partners", seed_partners),
    ("logins", seed_logins),
    ("award committee", seed_award_committee),
]


# --- running ----------------------------------------------------------------------------


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


def _codes() -> list[str]:
    return [spec.code for spec in ASSOCIATIONS]


def _partner_acronyms() -> list[str]:
    return [p.acronym for p in PARTNERS]


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
    codes = _codes()
    Award.objects.filter(code=AWARD_CODE).delete()
    User.objects.filter(email__in=_demo_emails()).delete()
    PartnerOrganization.objects.filter(acronym__in=_partner_acronyms()).delete()
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
        present = Association.objects.filter(code__in=_codes()).exists()
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
            step_started = time.monotonic()
            function(rng=random.Random(f"{SEED}:{name}"), context=context)
            log(f"  {name}: {time.monotonic() - step_started:.1f} s")
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
    codes = _codes()
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
        acronym__in=_partner_acronyms()
    ).count()
    return counts
