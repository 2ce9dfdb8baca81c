"""Award certificates (subject: an award cycle), described for ``kofst.certificates``.

Winners of an announced cycle may get one; KOFST itself issues them (no association).
"""

from awards.enums import Outcome
from awards.models import AwardCycle, Candidate
from kofst.certificates.enums import CertificateKind
from kofst.certificates.subjects import SubjectKind, date_both, holder_names, register

KOFST_KO = "한국과학기술단체총연합회"
KOFST_EN = "Korean Federation of Science and Technology Societies (KOFST)"


def _winners(cycle: AwardCycle):
    return Candidate.objects.filter(cycle=cycle, outcome=Outcome.WINNER, is_withdrawn=False)


def award_holders(cycle: AwardCycle):
    if cycle.announced_at is None:
        return []
    return [c.person for c in _winners(cycle).select_related("person").order_by("pk")]


def award_printed(cycle: AwardCycle, person) -> dict:
    award = cycle.award
    day_ko, day_en = date_both(cycle.announced_at.date() if cycle.announced_at else None)
    candidate = _winners(cycle).filter(person_id=person.pk).first()
    citation_ko = candidate.citation_ko if candidate else ""
    citation_en = candidate.citation_en if candidate else ""
    return {
        **holder_names(person),
        "title_ko": "상장",
        "title_en": "Award Certificate",
        "certify_ko": "위 사람은",
        "certify_en": "This is to certify that",
        "statement_ko": (
            f"{cycle.year}년 {award.name_ko} 수상자로 선정되었기에 이 상장을 수여합니다."
            + (f" {citation_ko}" if citation_ko else "")
        ),
        "statement_en": (
            f"is the recipient of the {award.name_en} {cycle.year}."
            + (f" {citation_en}" if citation_en else "")
        ),
        "event_ko": f"{award.name_ko} {cycle.year}",
        "event_en": f"{award.name_en} {cycle.year}",
        "date_text": f"{day_ko} · {day_en}" if day_ko else "",
        "issuer_ko": KOFST_KO,
        "issuer_en": KOFST_EN,
    }


def award_may_request(cycle: AwardCycle, person) -> bool:
    return cycle.announced_at is not None and _winners(cycle).filter(person_id=person.pk).exists()


def award_requestable(person):
    return [
        candidate.cycle
        for candidate in Candidate.objects.filter(
            person=person,
            outcome=Outcome.WINNER,
            is_withdrawn=False,
            cycle__announced_at__isnull=False,
        ).select_related("cycle__award")
    ]


register(
    SubjectKind(
        kind=CertificateKind.AWARD,
        model=AwardCycle,
        holders=award_holders,
        printed=award_printed,
        association=lambda cycle: None,
        holder_may_request=award_may_request,
        requestable=award_requestable,
        describe=lambda cycle: f"{cycle.award.name} {cycle.year}",
    )
)
