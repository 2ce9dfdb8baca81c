"""Demo conferences: every series, recent and coming editions, a programme, registrations.

Called by ``seed_demo`` after the core data (see ``kofst.common.demo.seed``). Dates are
relative to the day the demo is built, so the coming editions are always open. Rows are
written in bulk (no emails, no history entries); seat numbers are handed out here the
way the services would, so the data obeys the same constraints.

The demo member login is registered for UKC (confirmed, not yet paid), is on the waiting
list of the Young Generation Forum, and attended last year's UKC; EKC is left for them
to register for.
"""

import datetime as dt
import random
import zoneinfo
from decimal import Decimal

from conferences.enums import (
    ConferenceStatus,
    MembershipRule,
    PaymentStatus,
    PromotionMode,
    QuestionKind,
    RegistrationStatus,
    SeriesKind,
)
from conferences.models import (
    Conference,
    ConferenceSeries,
    Question,
    Registration,
    RegistrationCategory,
    Session,
)
from conferences.tickets import ALPHABET, CODE_LENGTH

SERIES = [
    ("ukc", SeriesKind.REGIONAL, "US–Korea Conference on Science, Technology and Entrepreneurship",
     "한미과학기술학술대회", "The largest annual meeting of Korean-American scientists and "
     "engineers, organised by KSEA with KOFST."),
    ("ekc", SeriesKind.REGIONAL, "Europe–Korea Conference on Science and Technology",
     "한-유럽 과학기술학술대회", "Korean scientists and engineers in Europe and Korea meet "
     "each summer in a European city."),
    ("ckc", SeriesKind.REGIONAL, "Canada–Korea Conference on Science and Technology",
     "한-캐나다 과학기술학술대회", "Organised by AKCSE in a Canadian city."),
    ("akc", SeriesKind.REGIONAL, "Asia–Korea Conference on Science and Technology",
     "한-아시아 과학기술학술대회", "Korean scientists in Asia and Oceania."),
    ("ciskc", SeriesKind.REGIONAL, "CIS–Korea Conference on Science and Technology",
     "한-CIS 과학기술학술대회", "Korean scientists in Russia, Kazakhstan and Uzbekistan."),
    ("wcse", SeriesKind.WORLD_CONGRESS,
     "World Congress of Korean and Korean-Ethnic Scientists and Engineers",
     "세계한인과학기술인대회", "Every association meets in Korea."),
    ("ygf", SeriesKind.FORUM, "Young Generation Forum", "차세대 과학기술인 포럼",
     "Young scientists from the 18 countries meet and network."),
    ("ngl", SeriesKind.TRAINING, "Next-Generation Leaders' Training",
     "차세대 리더 역량강화 프로그램", "Capacity-building for the associations' future leaders."),
    ("snk", SeriesKind.EXCHANGE, "South–North Korea Science and Technology Conference",
     "남북 과학기술 학술회의", "Scientific exchange with North Korea (Pyongyang, 2006)."),
]  # fmt: skip

TRACKS = {
    "ukc": ["AI and Data Science", "Energy and Batteries", "Biomedical Engineering",
            "Semiconductors", "Entrepreneurship"],
    "ekc": ["Mobility and Hydrogen", "Quantum Technology", "Life Sciences", "Climate"],
    "wcse": ["Science Diplomacy", "Advanced Manufacturing", "Health", "Space"],
    "ygf": ["Careers", "Networking"],
    "ckc": ["Clean Energy", "Health"],
    "akc": ["Materials", "Digital"],
    "ciskc": ["Nuclear Science", "Agriculture"],
    "ngl": ["Leadership"],
}  # fmt: skip
TOPICS = [
    ("Keynote: Korean science abroad", "기조연설: 해외 한인 과학기술의 다음 10년"),
    ("Solid-state batteries from lab to fab", "전고체 전지: 실험실에서 양산까지"),
    ("Large language models for science", "과학을 위한 거대언어모델"),
    ("Quantum sensing and metrology", "양자 센싱과 계측"),
    ("Hydrogen economy and infrastructure", "수소 경제와 인프라"),
    ("Precision medicine and genomics", "정밀의료와 유전체학"),
    ("Advanced packaging for semiconductors", "반도체 첨단 패키징"),
    ("Start-ups: from idea to investment", "창업: 아이디어에서 투자까지"),
    ("Climate models and adaptation", "기후 모델과 적응"),
    ("Careers in academia and industry", "학계와 산업계의 경력"),
    ("Science and technology diplomacy", "과학기술 외교"),
    ("Women in science and engineering", "과학기술 분야의 여성"),
]  # fmt: skip
SPEAKERS = ["Kim Min-jun", "Lee Seo-yeon", "Park Ji-ho", "Choi Yuna", "Jung Hyun-woo",
            "Kang Ha-eun", "Cho Sung-min", "Yoon Ji-woo", "Jang Da-eun", "Lim Jae-won"]  # fmt: skip
DIET = "None\nVegetarian\nVegan\nHalal\nNo pork"


def _series() -> dict[str, ConferenceSeries]:
    result = {}
    for position, (code, kind, name_en, name_ko, about) in enumerate(SERIES):
        result[code], _created = ConferenceSeries.objects.get_or_create(
            code=code,
            defaults={
                "kind": kind,
                "name_en": name_en,
                "name_ko": name_ko,
                "description_en": about,
                "position": position,
            },
        )
    return result


def _code(rng: random.Random, used: set[str]) -> str:
    while True:
        code = "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if code not in used:
            used.add(code)
            return code


def _at(day: dt.date, hour: int, minute: int, zone: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


EDITIONS = [
    # (series, slug stem, offset in days from today, days, status, city, country, zone,
    #  venue, organiser codes, capacity, currency, title suffix)
    ("ukc", "ukc", 45, 3, "open", "Arlington, VA", "US", "America/New_York",
     "Hyatt Regency Crystal City", ["ksea"], 320, "USD"),
    ("ekc", "ekc", 120, 4, "open", "Vienna", "AT", "Europe/Vienna",
     "Technische Universität Wien", ["vekni", "koseaa", "kseauk", "ascof"], 250, "EUR"),
    ("wcse", "wcse", 200, 3, "open", "Seoul", "KR", "Asia/Seoul",
     "COEX Convention Center", ["ksea", "vekni", "kseaj", "akcse", "kseau"], 600, "KRW"),
    ("ygf", "ygf", 30, 2, "open", "Daejeon", "KR", "Asia/Seoul",
     "KAIST Academic Cultural Complex", ["ksea", "vekni", "kseaj"], 40, "KRW"),
    ("ukc", "ukc", -320, 3, "archived", "Houston, TX", "US", "America/Chicago",
     "Marriott Marquis Houston", ["ksea"], 300, "USD"),
    ("ckc", "ckc", -150, 2, "archived", "Toronto", "CA", "America/Toronto",
     "University of Toronto, Myhal Centre", ["akcse"], 150, "CAD"),
    ("akc", "akc", -200, 2, "archived", "Singapore", "SG", "Asia/Singapore",
     "National University of Singapore", ["ksesg", "kseaj", "ksevn"], 120, "SGD"),
    ("ciskc", "ciskc", -260, 2, "archived", "Almaty", "KZ", "Asia/Almaty",
     "Al-Farabi Kazakh National University", ["ksekz", "kseru", "kseuz"], 100, "USD"),
    ("ngl", "ngl", 75, 2, "draft", "Seoul", "KR", "Asia/Seoul",
     "KOFST Science and Technology Center", ["ksea", "vekni"], 30, "KRW"),
]  # fmt: skip

# How full each edition is (share of its capacity registered, share checked in).
FILL = {"ukc": (0.55, 0.0), "ekc": (0.2, 0.0), "wcse": (0.1, 0.0), "ygf": (1.25, 0.0)}
PAST_FILL = (0.85, 0.8)


def _fees(series: str, currency: str) -> list[dict]:
    """Categories per edition, in the edition's currency."""
    scale = {"USD": 1, "EUR": 1, "CAD": 1.3, "SGD": 1.3, "KRW": 1300}[currency]

    def fee(amount: int) -> Decimal:
        return Decimal(round(amount * scale, -2 if currency == "KRW" else 0))

    if series == "ygf":
        return [
            {"name_en": "Young scientist", "name_ko": "차세대 과학기술인", "fee": Decimal(0),
             "max_age": 39, "membership_rule": MembershipRule.ANY_ASSOCIATION},
            {"name_en": "Mentor (invited)", "name_ko": "멘토 (초청)", "fee": Decimal(0),
             "staff_only": True},
        ]  # fmt: skip
    return [
        {"name_en": "Member early-bird", "name_ko": "회원 조기등록", "fee": fee(250),
         "membership_rule": MembershipRule.ORGANISER, "early": True},
        {"name_en": "Member", "name_ko": "회원", "fee": fee(320),
         "membership_rule": MembershipRule.ORGANISER},
        {"name_en": "Non-member", "name_ko": "비회원", "fee": fee(420)},
        {"name_en": "Student", "name_ko": "학생", "fee": fee(120), "students_only": True},
        {"name_en": "Young generation", "name_ko": "차세대", "fee": fee(150), "max_age": 39,
         "capacity": 60},
        {"name_en": "Invited speaker", "name_ko": "초청 연사", "fee": Decimal(0),
         "staff_only": True},
    ]  # fmt: skip


def seed(*, rng: random.Random, context) -> None:  # type: ignore[no-untyped-def]
    series = _series()
    staff = context.users.get("staff.ksea@demo.kofst.example")
    used_codes: set[str] = set()
    all_people = list(context.person_ids)
    member_id = context.member_person_id
    counts = {"conferences": 0, "sessions": 0, "registrations": 0}
    for spec in EDITIONS:
        (code, stem, offset, days, status, city, country, zone, venue, organisers,
         capacity, currency) = spec  # fmt: skip
        starts = context.today + dt.timedelta(days=offset)
        year = starts.year
        info = series[code]
        conference = Conference.objects.create(
            series=info,
            slug=f"{stem}-{year}",
            year=year,
            title_en=f"{info.name_en} {year} ({code.upper()} {year})",
            title_ko=f"{year} {info.name_ko}",
            description_en=info.description_en,
            venue=venue,
            city=city,
            country=country,
            timezone=zone,
            starts_on=starts,
            ends_on=starts + dt.timedelta(days=days - 1),
            registration_opens_at=_at(
                min(starts - dt.timedelta(days=150), context.today - dt.timedelta(days=20)),
                9,
                0,
                zone,
            ),
            registration_closes_at=_at(starts - dt.timedelta(days=5), 23, 59, zone),
            changes_close_at=_at(starts - dt.timedelta(days=7), 23, 59, zone),
            capacity=capacity,
            promotion_mode=PromotionMode.OFFER if code == "ygf" else PromotionMode.CONFIRM,
            offer_hours=48,
            status=status,
            payment_instructions_en=(
                f"Bank transfer to the organising association's conference account "
                f"(IBAN/ACH details in your confirmation), or card at the registration desk. "
                f"Amounts in {currency}; quote your ticket code."
            ),
            payment_instructions_ko=(
                "주최 협회의 학술대회 계좌로 송금하시거나 현장 등록 데스크에서 카드로 결제하세요. "
                "송금 시 티켓 코드를 적어 주세요."
            ),
            contact_email=f"{stem}{year}@demo.kofst.example",
        )
        conference.organisers.set(
            [context.associations[c] for c in organisers if c in context.associations]
        )
        counts["conferences"] += 1
        categories = _categories(conference, code, currency, context.now)
        questions = _questions(conference, code)
        counts["sessions"] += _sessions(conference, code, zone, rng)
        if status == ConferenceStatus.DRAFT:
            continue
        pool = []
        for c in organisers:
            pool += context.members_by_association.get(c, [])
        pool = list(dict.fromkeys(pool)) or all_people
        share, attended = FILL.get(code, PAST_FILL) if offset > 0 else PAST_FILL
        counts["registrations"] += _registrations(
            conference,
            categories=categories,
            questions=questions,
            people=[p for p in pool if p != member_id],
            wanted=int(capacity * share),
            attended_share=attended,
            member_id=member_id if code in ("ukc", "ygf") else None,
            rng=rng,
            used_codes=used_codes,
            staff=staff,
            now=context.now,
        )
    context.counts.update(counts)


def _categories(conference: Conference, code: str, currency: str, now: dt.datetime) -> list:
    objects = []
    for position, spec in enumerate(_fees(code, currency)):
        spec = dict(spec)
        early = spec.pop("early", False)
        category = RegistrationCategory(
            conference=conference, currency=currency, position=position, **spec
        )
        if early:
            # Early-bird sales end a month before the conference (or have ended).
            category.sales_end = conference.registration_closes_at - dt.timedelta(days=30)
        objects.append(category)
    return RegistrationCategory.objects.bulk_create(objects)


def _questions(conference: Conference, code: str) -> list[Question]:
    specs = [
        ("Dietary requirements", "식이 제한", QuestionKind.CHOICE, DIET, True),
        ("I will attend the banquet", "만찬에 참석합니다", QuestionKind.YES_NO, "", False),
    ]
    if code in ("ukc", "ekc", "wcse"):
        specs.append(
            ("Poster or talk title, if presenting", "발표 제목 (발표자만)", QuestionKind.TEXT,
             "", False)
        )  # fmt: skip
    return Question.objects.bulk_create(
        Question(
            conference=conference, label_en=en, label_ko=ko, kind=kind, choices=choices,
            required=required, position=i,
        )
        for i, (en, ko, kind, choices, required) in enumerate(specs)
    )  # fmt: skip


def _sessions(conference: Conference, code: str, zone: str, rng: random.Random) -> int:
    tracks = TRACKS.get(code, ["Plenary"])
    rows = []
    day_count = (conference.ends_on - conference.starts_on).days + 1
    for day_index in range(day_count):
        day = conference.starts_on + dt.timedelta(days=day_index)
        opening = _at(day, 9, 0, zone)
        title_en, title_ko = TOPICS[(day_index * 3) % len(TOPICS)]
        rows.append(
            Session(
                conference=conference,
                title_en=title_en if day_index == 0 else f"Plenary: {title_en}",
                title_ko=title_ko,
                room="Main hall",
                track="Plenary",
                chairs=rng.choice(SPEAKERS),
                speakers=rng.choice(SPEAKERS),
                starts_at=opening,
                ends_at=opening + dt.timedelta(minutes=60),
            )
        )
        for slot, hour in enumerate((10, 13, 15)):
            for track_index, track in enumerate(tracks[:4]):
                title_en, title_ko = TOPICS[(day_index + slot + track_index * 2) % len(TOPICS)]
                start = _at(day, hour, 30 if hour == 10 else 0, zone)
                rows.append(
                    Session(
                        conference=conference,
                        title_en=f"{track}: {title_en}",
                        title_ko=f"{track}: {title_ko}",
                        track=track,
                        room=f"Room {chr(65 + track_index)}",
                        chairs=rng.choice(SPEAKERS),
                        speakers="\n".join(rng.sample(SPEAKERS, 3)),
                        abstract=f"Talks and discussion on {title_en.lower()}.",
                        starts_at=start,
                        ends_at=start + dt.timedelta(minutes=90),
                    )
                )
    Session.objects.bulk_create(rows)
    return len(rows)


def _registrations(
    conference: Conference,
    *,
    categories,
    questions,
    people: list[int],
    wanted: int,
    attended_share: float,
    member_id: int | None,
    rng: random.Random,
    used_codes: set[str],
    staff,
    now: dt.datetime,
) -> int:
    """Registrations in the order they came, given places first come, first served."""
    open_categories = [c for c in categories if not c.staff_only]
    member_category = next((c for c in open_categories if c.name_en == "Member"), None)
    chosen = rng.sample(people, min(wanted, len(people)))
    if member_id is not None:
        # The demo member: confirmed at UKC; last in line at the (full) forum.
        chosen = [member_id, *chosen] if conference.series.code == "ukc" else [*chosen, member_id]
    past = conference.starts_on < now.date()
    opens = conference.registration_opens_at
    span = (min(now, conference.registration_closes_at) - opens).total_seconds()
    times = sorted(opens + dt.timedelta(seconds=rng.uniform(0, span)) for _ in chosen)
    confirmed = 0
    held: dict[int, int] = {}
    rows = []
    for person_id, created in zip(chosen, times, strict=True):
        category = rng.choice(open_categories)
        if person_id == member_id and member_category is not None:
            category = member_category
        registration = Registration(
            conference=conference,
            person_id=person_id,
            category=category,
            code=_code(rng, used_codes),
            answers={
                questions[0].answer_key: rng.choice(DIET.splitlines()),
                questions[1].answer_key: rng.random() < 0.7,
            },
            amount_due=category.fee,
            currency=category.currency,
            payment_status=PaymentStatus.WAIVED if category.fee == 0 else PaymentStatus.UNPAID,
        )
        taken = held.get(category.pk, 0)
        if confirmed >= conference.capacity or (
            category.capacity is not None and taken >= category.capacity
        ):
            registration.status = RegistrationStatus.WAITLISTED
            registration.waitlisted_at = created
        else:
            confirmed += 1
            held[category.pk] = taken + 1
            registration.status = RegistrationStatus.CONFIRMED
            registration.seat = confirmed
            registration.category_seat = taken + 1
            registration.confirmed_at = created
            if category.fee and person_id != member_id and (past or rng.random() < 0.6):
                registration.payment_status = PaymentStatus.PAID
                registration.amount_paid = category.fee
                registration.paid_on = (created + dt.timedelta(days=rng.randrange(1, 20))).date()
                registration.payment_reference = f"TRX-{rng.randrange(10**6, 10**7)}"
            if past and (person_id == member_id or rng.random() < attended_share):
                registration.checked_in_at = _at(
                    conference.starts_on, 8, rng.randrange(0, 59), conference.timezone
                )
                registration.checked_in_by = staff
        rows.append(registration)
    objects = Registration.objects.bulk_create(rows)
    # auto_now_add ignores given values: set the registration times afterwards.
    for registration, created in zip(objects, times, strict=True):
        registration.created_at = created
    Registration.objects.bulk_update(objects, ["created_at"], batch_size=500)
    return len(objects)


def reset(*, context) -> None:  # type: ignore[no-untyped-def]
    """Remove the demo conferences (before the people they reference are deleted)."""
    conferences = Conference.objects.filter(contact_email__endswith="@demo.kofst.example")
    Registration.objects.filter(conference__in=conferences).delete()
    conferences.delete()
    for code, *_rest in SERIES:
        ConferenceSeries.objects.filter(code=code, conferences__isnull=True).delete()
