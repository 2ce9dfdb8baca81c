"""The demo's people, planned in memory before anything is written.

``plan_people`` decides every person and membership from a seeded ``random.Random`` and
the date of the run, so the same seed on the same day gives the same data. Writing is
``kofst.common.demo.seed``'s job.
"""

import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from kofst.common.demo import names
from kofst.common.demo.catalogue import ASSOCIATIONS, AssociationSpec, ChapterSpec
from kofst.common.demo.names import WeightedChoice
from kofst.common.demo.profiles import (
    CAREER_STAGES,
    DEGREES,
    FIELDS,
    PERSONAL_EMAIL_HOSTS,
    affiliation_kind,
    position,
)
from members.enums import CareerStage, MembershipType, PaymentMethod

# People who belong to a second association, per person (about 340 of 18,895).
DUAL_SHARE = 0.018

# Where members of one association are most likely to hold a second membership.
NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "ksea": ("akcse", "kseauk", "kseaj", "kseau"),
    "akcse": ("ksea",),
    "vekni": ("koseaa", "ksech", "ascof", "ksenl"),
    "kseauk": ("ascof", "vekni", "ksea"),
    "ascof": ("vekni", "kseauk", "ksech"),
    "kseaj": ("ksecn", "ksea"),
    "ksecn": ("kseaj", "ksesg"),
    "kseru": ("ksekz", "kseuz"),
    "ksekz": ("kseru", "kseuz"),
    "kseuz": ("ksekz", "kseru"),
    "kseau": ("ksesg", "ksea"),
    "ksesg": ("kseau", "ksecn"),
    "ksevn": ("ksesg",),
    "ksese": ("ksefi", "vekni"),
    "koseaa": ("vekni", "ksech"),
    "ksefi": ("ksese",),
    "ksech": ("vekni", "ascof"),
    "ksenl": ("vekni", "kseauk"),
}

# Membership outcomes for annual memberships: (outcome, weight).
OUTCOMES = WeightedChoice([("active", 60), ("grace", 5), ("expired", 28), ("resigned", 7)])
EMAIL_PATTERNS = WeightedChoice(enumerate([35, 25, 10, 15, 15]))
METHODS_US = WeightedChoice(
    [
        (PaymentMethod.CARD, 55),
        (PaymentMethod.CHEQUE, 15),
        (PaymentMethod.BANK_TRANSFER, 25),
        (PaymentMethod.OTHER, 5),
    ]
)
METHODS = WeightedChoice(
    [
        (PaymentMethod.BANK_TRANSFER, 60),
        (PaymentMethod.CARD, 33),
        (PaymentMethod.CASH, 5),
        (PaymentMethod.OTHER, 2),
    ]
)


@dataclass
class PaymentPlan:
    period_start: dt.date
    period_end: dt.date
    amount: Decimal
    currency: str
    paid_on: dt.date
    method: str
    reference: str


@dataclass
class MembershipPlan:
    association: str
    chapter: str | None  # the chapter's English name
    type: str
    joined_on: dt.date
    expires_on: dt.date | None
    resigned_on: dt.date | None
    member_number: str = ""
    payments: list[PaymentPlan] = field(default_factory=list)


@dataclass
class PersonPlan:
    values: dict  # members.Person field values
    memberships: list[MembershipPlan] = field(default_factory=list)


@dataclass
class PeoplePlan:
    people: list[PersonPlan]
    member_login: int  # index of the person the member demo login belongs to


def apportion(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` so that the parts add up exactly."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    parts = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], -i), reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


@lru_cache(maxsize=4096)
def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in " -.'"))


_STOP_WORDS = {"of", "the", "and", "for", "in", "at", "de", "du", "la", "zu", "inc", "co"}


@lru_cache(maxsize=1024)
def _slug(text: str) -> str:
    """A mail host name for an organisation: 'Lawrence Livermore National Laboratory' →
    'llnl', 'Sorbonne Université' → 'sorbonne-universite'."""
    words = [w for w in re.findall(r"[a-z0-9]+", _ascii(text).lower()) if w not in _STOP_WORDS]
    if len(words) >= 3:
        return "".join(w[0] for w in words)
    return "-".join(words) or "org"


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _years_until(start: dt.date, day: dt.date) -> int:
    """The smallest number of years (at least 1) after ``start`` that reaches ``day``."""
    years = max(1, day.year - start.year)
    while _add_years(start, years) < day:
        years += 1
    while years > 1 and _add_years(start, years - 1) >= day:
        years -= 1
    return years


class _Planner:
    def __init__(self, *, rng: random.Random, today: dt.date, grace_days: int) -> None:
        self.rng = rng
        self.today = today
        self.grace_days = grace_days
        self.emails: set[str] = set()
        self._fields = WeightedChoice((f, w) for f, w, _ in FIELDS)
        self._keywords = {f: k for f, _, k in FIELDS}
        self._stages = WeightedChoice((s, w) for s, w, _, _ in CAREER_STAGES)
        self._ages = {s: (lo, hi) for s, _, lo, hi in CAREER_STAGES}
        self._degrees = {stage: WeightedChoice(options) for stage, options in DEGREES.items()}
        self._chapters = {
            a.code: WeightedChoice((c, c.weight) for c in a.chapters)
            for a in ASSOCIATIONS
            if a.chapters
        }
        self._specs = {a.code: a for a in ASSOCIATIONS}

    # --- people ---------------------------------------------------------------------

    def person(self, spec: AssociationSpec) -> PersonPlan:
        rng = self.rng
        stage = self._stages(rng)
        low, high = self._ages[stage]
        age = rng.randint(low, high)
        birth_year = self.today.year - age
        female_share = 0.45 if birth_year >= 1985 else 0.25
        sex = "f" if rng.random() < female_share else "m"
        region = self._region(spec)
        values = self._names(spec, birth_year=birth_year, sex=sex)
        affiliation = self._affiliation(spec, region, stage)
        field_value = self._fields(rng)
        keywords = rng.sample(self._keywords[field_value], k=min(rng.randint(1, 4), 4))
        values.update(
            email=self._email(values, affiliation),
            phone=self._phone(spec) if rng.random() < 0.55 else "",
            country=(region.country if region and region.country else spec.country),
            city=region.city if region else spec.city,
            affiliation=affiliation,
            position=position(rng, stage=stage, affiliation=affiliation, age=age),
            degree=self._degrees[stage](rng),
            field=field_value,
            keywords=", ".join(keywords),
            career_stage=stage,
            birth_year=birth_year,
            consent_newsletter=rng.random() < 0.65,
            consent_directory=rng.random() < (0.45 if stage == CareerStage.SENIOR else 0.25),
        )
        plan = PersonPlan(values=values)
        plan.memberships.append(self.membership(spec, plan, chapter=self._chapter(spec, region)))
        return plan

    def _names(self, spec: AssociationSpec, *, birth_year: int, sex: str) -> dict:
        rng = self.rng
        family_ko = names.family_name(rng)
        if spec.koryo and rng.random() < spec.koryo:
            return {
                "family_name_latin": names.romanize_family(rng, family_ko, koryo=True),
                "given_name_latin": names.western_given_name(rng, language="ru", sex=sex),
                "family_name_ko": "",
                "given_name_ko": "",
                "languages": ",".join(["ru", *(["ko"] if rng.random() < 0.25 else [])]),
                "preferred_language": "en",
            }
        if birth_year >= 1970 and rng.random() < spec.second_generation:
            local = [spec.local_language] if spec.local_language else []
            return {
                "family_name_latin": names.romanize_family(rng, family_ko),
                "given_name_latin": names.western_given_name(rng, language=spec.western, sex=sex),
                "family_name_ko": "",
                "given_name_ko": "",
                "languages": ",".join(["en", *local, *(["ko"] if rng.random() < 0.4 else [])]),
                "preferred_language": "en",
            }
        given_ko = names.given_name(rng, birth_year=birth_year, sex=sex)
        languages = ["ko", "en"]
        if spec.local_language and rng.random() < 0.8:
            languages.append(spec.local_language)
        return {
            "family_name_latin": names.romanize_family(rng, family_ko),
            "given_name_latin": names.romanize_given(rng, given_ko),
            "family_name_ko": family_ko,
            "given_name_ko": given_ko,
            "languages": ",".join(languages),
            "preferred_language": "ko" if rng.random() < 0.6 else "en",
        }

    def _region(self, spec: AssociationSpec) -> ChapterSpec | None:
        """Where the person lives and works: one of the association's chapter regions."""
        return self._chapters[spec.code](self.rng) if spec.chapters else None

    def _chapter(
        self, spec: AssociationSpec, region: ChapterSpec | None = None
    ) -> ChapterSpec | None:
        """The chapter a member joins: their region's, for most of them."""
        if not spec.chapters or self.rng.random() > (0.85 if spec.code == "ksea" else 0.7):
            return None
        return region or self._region(spec)

    def _affiliation(self, spec: AssociationSpec, region: ChapterSpec | None, stage: str) -> str:
        """An employer in the person's region (students and postdocs: a university or lab)."""
        local = region.affiliations if region else spec.affiliations
        if self.rng.random() < 0.15 and region and spec.affiliations:
            local = spec.affiliations  # works elsewhere in the country
        if stage in (CareerStage.STUDENT, CareerStage.POSTDOC):
            wanted = ("academic",) if stage == CareerStage.STUDENT else ("academic", "lab")
            local = [a for a in local if affiliation_kind(a) in wanted] or local
        return self.rng.choice(local)

    def _email(self, values: dict, affiliation: str) -> str | None:
        rng = self.rng
        if rng.random() < 0.02:
            return None  # an old paper record without an address
        given = re.sub(r"[^a-z]", "", _ascii(values["given_name_latin"]).lower()) or "x"
        family = re.sub(r"[^a-z]", "", _ascii(values["family_name_latin"]).lower()) or "x"
        pattern = EMAIL_PATTERNS(rng)
        local = [
            f"{given}.{family}",
            f"{given[0]}{family}",
            f"{family}.{given}",
            f"{given}{family}",
            f"{family}{given[0]}{rng.randint(1, 99)}",
        ][pattern]
        host = (
            rng.choice(PERSONAL_EMAIL_HOSTS)
            if rng.random() < 0.35
            else f"{_slug(affiliation)}.example"
        )
        email, n = f"{local}@{host}", 1
        while email in self.emails:
            n += 1
            email = f"{local}{n}@{host}"
        self.emails.add(email)
        return email

    def _phone(self, spec: AssociationSpec) -> str:
        digits = f"{self.rng.randrange(100_000_000):08d}"
        if spec.phone_code == "1":
            return f"+1 {self.rng.randint(201, 989)}-555-01{digits[:2]}"  # fictional 555-01xx
        return f"+{spec.phone_code} {digits[:2]} {digits[2:5]} {digits[5:]}"

    # --- memberships ----------------------------------------------------------------

    def membership(
        self,
        spec: AssociationSpec,
        person: PersonPlan,
        *,
        chapter: ChapterSpec | None,
        after: dt.date | None = None,
    ) -> MembershipPlan:
        rng, today = self.rng, self.today
        values = person.values
        stage = values["career_stage"]
        earliest = max(
            spec.founded_on,
            dt.date(values["birth_year"] + 19, 9, 1),
            after or dt.date.min,
            today - dt.timedelta(days=(6 if stage == CareerStage.STUDENT else 35) * 365),
        )
        latest = today - dt.timedelta(days=1)
        if earliest >= latest:
            earliest = latest - dt.timedelta(days=30)
        # Associations grew: later years are more likely than earlier ones.
        joined = earliest + dt.timedelta(days=int((latest - earliest).days * rng.random() ** 0.6))

        kind = MembershipType.REGULAR
        roll = rng.random()
        life_share = {CareerStage.EMERITUS: 0.45, CareerStage.SENIOR: 0.12}.get(stage, 0.0)
        if stage == CareerStage.STUDENT and roll < 0.9:
            kind = MembershipType.STUDENT
        elif roll < life_share:
            kind = MembershipType.LIFE
        elif stage == CareerStage.SENIOR and roll < 0.135:
            kind = MembershipType.HONORARY
        elif roll > 0.95:
            kind = MembershipType.ASSOCIATE

        plan = MembershipPlan(
            association=spec.code,
            chapter=chapter.name_en if chapter else None,
            type=kind,
            joined_on=joined,
            expires_on=None,
            resigned_on=None,
        )
        if kind in (MembershipType.LIFE, MembershipType.HONORARY):
            if rng.random() < 0.02:
                plan.resigned_on = self._between(joined, today)
            return plan
        self._annual_dates(plan)
        self._payments(plan, spec)
        return plan

    def _between(self, start: dt.date, end: dt.date) -> dt.date:
        days = (end - start).days
        return start + dt.timedelta(days=self.rng.randint(0, max(days, 0)))

    def _annual_dates(self, plan: MembershipPlan) -> None:
        """Expiry on an anniversary of joining, chosen so statuses mix like a real roster."""
        rng, today, joined = self.rng, self.today, plan.joined_on
        years_to_current = _years_until(joined, today)
        outcome = OUTCOMES(rng)
        current = _add_years(joined, years_to_current)
        if outcome == "grace":
            expiry = today - dt.timedelta(days=rng.randint(1, self.grace_days - 1))
            plan.expires_on = expiry if expiry >= joined else current
        elif outcome == "expired":
            lapsed = 1 + min(int(rng.expovariate(0.45)), 15)
            expiry = _add_years(joined, years_to_current - lapsed)
            too_recent = expiry >= today - dt.timedelta(days=self.grace_days)
            plan.expires_on = current if expiry <= joined or too_recent else expiry
        elif outcome == "resigned" and (today - joined).days > 200:
            plan.resigned_on = self._between(joined + dt.timedelta(days=180), today)
            plan.expires_on = _add_years(joined, _years_until(joined, plan.resigned_on))
        else:
            plan.expires_on = current

    def _payments(self, plan: MembershipPlan, spec: AssociationSpec) -> None:
        """Dues recorded for some of the last three paid years."""
        rng = self.rng
        assert plan.expires_on is not None
        amount = Decimal(spec.dues[1] if plan.type == MembershipType.STUDENT else spec.dues[0])
        end = plan.expires_on
        for _ in range(3):
            start = _add_years(end, -1)
            if start < plan.joined_on:
                break
            if rng.random() < 0.7:
                paid_on = max(plan.joined_on, start - dt.timedelta(days=rng.randint(0, 25)))
                if paid_on <= self.today:
                    plan.payments.append(
                        PaymentPlan(
                            period_start=start,
                            period_end=end - dt.timedelta(days=1),
                            amount=amount,
                            currency=spec.currency,
                            paid_on=paid_on,
                            method=self._method(spec),
                            reference=(
                                f"{spec.code.upper()}-{start.year}-{rng.randint(1, 99999):05d}"
                                if rng.random() < 0.6
                                else ""
                            ),
                        )
                    )
            end = start

    def _method(self, spec: AssociationSpec) -> str:
        return (METHODS_US if spec.country == "US" else METHODS)(self.rng)

    # --- second memberships ---------------------------------------------------------

    def add_second_memberships(self, people: list[PersonPlan], count: int) -> None:
        rng = self.rng
        chosen = rng.sample(range(len(people)), k=min(count, len(people)))
        for index in chosen:
            person = people[index]
            first = person.memberships[0]
            spec = self._specs[rng.choice(NEIGHBOURS[first.association])]
            second = self.membership(
                spec, person, chapter=self._chapter(spec), after=first.joined_on
            )
            if second.type == MembershipType.HONORARY:
                second.type = MembershipType.REGULAR
            person.memberships.append(second)

    def prepare_member_login(self, people: list[PersonPlan], email: str) -> int:
        """The first KSEA regular member with a Hangul name, in a second association too,
        with both memberships active: someone worth logging in as."""
        index = next(
            i
            for i, p in enumerate(people)
            if p.memberships[0].association == "ksea"
            and p.memberships[0].type == MembershipType.REGULAR
            and p.values["family_name_ko"]
            and p.values["career_stage"] == CareerStage.EARLY_CAREER
        )
        person = people[index]
        if len(person.memberships) == 1:
            second = self._specs[NEIGHBOURS["ksea"][0]]
            person.memberships.append(
                self.membership(second, person, chapter=self._chapter(second))
            )
        for membership in person.memberships:
            membership.type = MembershipType.REGULAR
            membership.resigned_on = None
            membership.expires_on = _add_years(
                membership.joined_on, _years_until(membership.joined_on, self.today)
            )
        self.emails.discard(person.values["email"])
        person.values.update(email=email, consent_newsletter=True, consent_directory=True)
        return index


def _number_memberships(people: list[PersonPlan]) -> None:
    """Member numbers per association in order of joining: ``KSEA-000001`` …"""
    by_association: dict[str, list[MembershipPlan]] = {}
    for person in people:
        for membership in person.memberships:
            by_association.setdefault(membership.association, []).append(membership)
    prefixes = {a.code: a.prefix for a in ASSOCIATIONS}
    for code, memberships in by_association.items():
        memberships.sort(key=lambda m: m.joined_on)
        for number, membership in enumerate(memberships, start=1):
            membership.member_number = f"{prefixes[code]}{number:06d}"


def plan_people(
    *, total: int, rng: random.Random, today: dt.date, grace_days: int, member_email: str
) -> PeoplePlan:
    """``total`` people spread over the associations like the real ones, a few in two.

    One of them, a KSEA member who also belongs to AKCSE or another association, is given
    ``member_email`` for the member demo login.
    """
    planner = _Planner(rng=rng, today=today, grace_days=grace_days)
    quotas = apportion(total, [a.members for a in ASSOCIATIONS])
    people = [
        planner.person(spec)
        for spec, quota in zip(ASSOCIATIONS, quotas, strict=True)
        for _ in range(quota)
    ]
    planner.add_second_memberships(people, max(1, round(total * DUAL_SHARE)))
    member_login = planner.prepare_member_login(people, member_email)
    _number_memberships(people)
    return PeoplePlan(people=people, member_login=member_login)
