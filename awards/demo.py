"""Demo data of the awards, called by ``seed_demo`` after the core steps.

The core made the Overseas Scientist award, its current cycle (open for nominations) and
its committee (chair, ``committee@`` and three more reviewers). Here that cycle gets its
criteria and is moved into the review phase with nominations (small generated PDFs),
assignments, a declared conflict and some submitted scores — ``committee@`` still has
nominations to score. A second award, the Young Scientist Award, takes nominations now
so that the ``member@`` login can nominate; last year's cycle shows an announced winner.
"""

import datetime as dt
import hashlib
import random
import uuid
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from awards.enums import (
    AssignmentMethod,
    AssignmentStatus,
    ConflictSource,
    ConflictType,
    CycleStatus,
    NominationStatus,
    Outcome,
    ReviewStatus,
    SeatRole,
)
from awards.models import (
    Assignment,
    Attachment,
    Award,
    AwardCycle,
    Candidate,
    CommitteeSeat,
    Conflict,
    Criterion,
    Nomination,
    Review,
    ReviewRevision,
    ReviewScore,
)
from awards.ranking import weighted_total
from members.models import Person

YOUNG_CODE = "young-scientist"
CRITERIA = [
    ("Research excellence", "연구 우수성", 40),
    ("Contribution to Korean science and technology", "한국 과학기술 발전 기여", 30),
    ("Community service", "공동체 봉사", 30),
]
STATEMENTS = [
    (
        "{name} leads a laboratory of international standing and has trained a generation "
        "of Korean researchers abroad.",
        "{name}님은 국제적 수준의 연구실을 이끌며 해외에서 한국인 연구자 세대를 길러 왔습니다.",
    ),
    (
        "{name} built lasting bridges between industry in Korea and research abroad, "
        "including joint projects and exchange programmes.",
        "{name}님은 한국 산업계와 해외 연구계를 잇는 공동 과제와 교류 프로그램을 만들었습니다.",
    ),
    (
        "{name} has served the association for a decade, organising conferences and "
        "mentoring young members.",
        "{name}님은 10년 동안 협회에서 학술대회를 조직하고 젊은 회원들을 지도했습니다.",
    ),
]


def demo_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with a few lines of Latin text, written by hand (no dependency)."""

    def escape(text: str) -> str:
        ascii_text = text.encode("ascii", "replace").decode()
        return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream_lines = ["BT", "/F1 16 Tf", "72 770 Td", f"({escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        stream_lines += ["0 -22 Td", f"({escape(line)}) Tj"]
    stream = "\n".join([*stream_lines, "ET"]).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _criteria(cycle: AwardCycle) -> list[Criterion]:
    return Criterion.objects.bulk_create(
        Criterion(cycle=cycle, name_en=en, name_ko=ko, weight=w, position=i)
        for i, (en, ko, w) in enumerate(CRITERIA)
    )


def _attach(nomination: Nomination, person: Person, kind: str, label: str) -> None:
    content = demo_pdf(
        f"{label}: {person.name_latin}",
        [
            f"Affiliation: {person.affiliation or '-'}",
            "Generated for the KOFST Global Network demonstration.",
        ],
    )
    stored = storages["private"].save(
        f"awards/{nomination.cycle_id}/{uuid.uuid4().hex}.pdf", ContentFile(content)
    )
    Attachment.objects.create(
        nomination=nomination,
        kind=kind,
        storage_name=stored,
        original_name=f"{label.lower().replace(' ', '-')}-{person.family_name_latin or 'x'}.pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


def _pick_people(rng: random.Random, context, count: int, exclude: set[int]) -> list[Person]:
    pool = sorted({pid for ids in context.members_by_association.values() for pid in ids})
    pool = [pid for pid in pool if pid not in exclude]
    chosen = rng.sample(pool, min(count, len(pool)))
    people = Person.objects.in_bulk(chosen)
    return [people[pid] for pid in chosen]


def seed(*, rng: random.Random, context) -> None:
    cycle: AwardCycle | None = context.award_cycle
    if cycle is None:
        return
    now = context.now
    criteria = _criteria(cycle)
    AwardCycle.objects.filter(pk=cycle.pk).update(
        status=CycleStatus.REVIEWING,
        nominations_open_at=now - dt.timedelta(days=60),
        nominations_close_at=now - dt.timedelta(days=5),
        review_opens_at=now - dt.timedelta(days=4),
        review_closes_at=now + dt.timedelta(days=30),
        reviewers_per_nomination=2,
    )
    cycle.refresh_from_db()
    seats = list(CommitteeSeat.objects.filter(cycle=cycle).select_related("user"))
    reviewers = [s.user for s in seats if s.role == SeatRole.MEMBER]
    chair = next((s.user for s in seats if s.role == SeatRole.CHAIR), None)
    member_id = context.member_person_id
    people = _pick_people(rng, context, 16, exclude={member_id} if member_id else set())
    nominees, nominators = people[:7], people[7:]
    if member_id:
        nominators[0] = Person.objects.get(pk=member_id)  # member@ nominated someone

    candidates = []
    for index, nominee in enumerate(nominees):
        candidate = Candidate.objects.create(cycle=cycle, person=nominee)
        candidates.append(candidate)
        # The first nominee is nominated twice: the two nominations are grouped.
        for extra, nominator in enumerate(nominators[index : index + (2 if index == 0 else 1)]):
            en, ko = STATEMENTS[(index + extra) % len(STATEMENTS)]
            nomination = Nomination.objects.create(
                cycle=cycle,
                nominator=nominator,
                nominee=nominee,
                candidate=candidate,
                status=NominationStatus.SUBMITTED,
                relationship="Colleague in the association",
                statement_en=en.format(name=nominee.name_latin),
                statement_ko=ko.format(name=nominee.name_ko or nominee.name_latin),
                achievements_en="Selected publications, patents and service are in the CV.",
                submitted_at=now - dt.timedelta(days=10 + index),
            )
            _attach(nomination, nominee, "cv", "Curriculum vitae")
            if index % 2 == 0:
                _attach(nomination, nominee, "support_letter", "Letter of support")

    # Two reviewers per nominee, round robin; reviewer2 declares a conflict on one.
    committee_login = next((u for u in reviewers if u.email.startswith("committee@")), None)
    declared = next((u for u in reviewers if u.email.startswith("reviewer2@")), None)
    assignments = []
    for index, candidate in enumerate(candidates):
        for offset in (0, 1):
            reviewer = reviewers[(index * 2 + offset) % len(reviewers)]
            assignment = Assignment.objects.create(
                candidate=candidate,
                reviewer=reviewer,
                assigned_by=chair,
                method=AssignmentMethod.AUTOMATIC,
            )
            if reviewer == declared and index == 1:
                Conflict.objects.create(
                    candidate=candidate,
                    reviewer=reviewer,
                    type=ConflictType.COLLABORATOR,
                    source=ConflictSource.DECLARED,
                    reason="Co-authored two papers with the nominee in the last three years.",
                )
                Assignment.objects.filter(pk=assignment.pk).update(
                    status=AssignmentStatus.REMOVED,
                    removed_at=now - dt.timedelta(days=2),
                    removed_reason="Conflict of interest declared by the reviewer",
                )
                continue
            assignments.append(assignment)

    # Everybody but committee@ has scored; one review was revised once.
    weights = {c.pk: c.weight for c in criteria}
    reviews = 0
    for number, assignment in enumerate(assignments):
        if assignment.reviewer == committee_login:
            continue
        base = rng.randint(5, 9)
        scores = {c.pk: max(1, min(10, base + rng.randint(-2, 1))) for c in criteria}
        review = Review.objects.create(
            assignment=assignment,
            status=ReviewStatus.SUBMITTED,
            submitted_at=now - dt.timedelta(days=1),
        )
        ReviewScore.objects.bulk_create(
            ReviewScore(review=review, criterion_id=cid, score=s, comment="Convincing record.")
            for cid, s in scores.items()
        )
        versions = (
            [scores] if number % 4 else [{k: max(1, v - 1) for k, v in scores.items()}, scores]
        )
        for version_number, version in enumerate(versions, start=1):
            ReviewRevision.objects.create(
                review=review,
                number=version_number,
                scores={
                    str(cid): {"score": s, "comment": "Convincing record."}
                    for cid, s in version.items()
                },
                weighted_total=weighted_total(version, weights),
            )
        reviews += 1

    _young_scientist(rng=rng, context=context, chair=chair)
    context.counts["award nominations"] = Nomination.objects.filter(cycle=cycle).count()
    context.counts["award reviews submitted"] = reviews


def _young_scientist(*, rng: random.Random, context, chair) -> None:
    """A second award taking nominations now, and its announced cycle of last year."""
    now = context.now
    award = Award.objects.create(
        code=YOUNG_CODE,
        name_en="Young Scientist Award",
        name_ko="젊은 과학자상",
        eligibility_en="Members of an overseas association within ten years of their PhD.",
        eligibility_ko="박사 학위 취득 후 10년 이내의 재외 협회 회원.",
    )
    current = AwardCycle.objects.create(
        award=award,
        year=context.today.year,
        status=CycleStatus.NOMINATING,
        nominations_open_at=now - dt.timedelta(days=7),
        nominations_close_at=now + dt.timedelta(days=45),
        review_opens_at=now + dt.timedelta(days=46),
        review_closes_at=now + dt.timedelta(days=90),
        reviewers_per_nomination=2,
    )
    _criteria(current)
    if chair is not None:
        CommitteeSeat.objects.create(cycle=current, user=chair, role=SeatRole.CHAIR)
    past = AwardCycle.objects.create(
        award=award,
        year=context.today.year - 1,
        status=CycleStatus.ANNOUNCED,
        nominations_open_at=now - dt.timedelta(days=400),
        nominations_close_at=now - dt.timedelta(days=340),
        review_opens_at=now - dt.timedelta(days=339),
        review_closes_at=now - dt.timedelta(days=300),
        discussion_opened_at=now - dt.timedelta(days=305),
        decided_at=now - dt.timedelta(days=299),
        decision_rationale="Unanimous choice of the committee.",
        announced_at=now - dt.timedelta(days=298),
        disagreement_threshold=Decimal(3),
    )
    _criteria(past)
    member_id = context.member_person_id
    winner = _pick_people(rng, context, 1, exclude={member_id} if member_id else set())[0]
    Candidate.objects.create(
        cycle=past,
        person=winner,
        outcome=Outcome.WINNER,
        citation_en="For pioneering work on battery materials and for mentoring young "
        "Korean scientists abroad.",
        citation_ko="배터리 소재 분야의 선구적 연구와 해외 한인 젊은 과학자 멘토링에 대하여.",
    )


def reset(*, context) -> None:
    """Delete what ``seed`` made (the core deletes the Overseas Scientist award itself)."""
    cycles = AwardCycle.objects.filter(
        award__code__in=[YOUNG_CODE, "overseas-scientist-of-the-year"]
    )
    storage = storages["private"]
    for name in Attachment.objects.filter(nomination__cycle__in=cycles).values_list(
        "storage_name", flat=True
    ):
        storage.delete(name)
    Nomination.objects.filter(cycle__in=cycles).delete()
    Candidate.objects.filter(cycle__in=cycles).delete()
    Award.objects.filter(code=YOUNG_CODE).delete()
