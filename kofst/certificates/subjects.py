"""What a certificate is about, per kind: who may hold one, and what is printed.

Each kind names the model of its subject and two functions: ``holders(subject)`` (the
people a batch issues to) and ``printed(subject, person)`` (the frozen text). Conference
and award kinds are registered by those apps' ``certificates.py`` modules (imported in
``ready()``), so this app does not import them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.utils import formats
from django.utils.translation import override

from kofst.certificates.enums import CertificateKind


@dataclass(frozen=True)
class SubjectKind:
    kind: str
    model: type[models.Model]
    holders: Callable[[models.Model], Iterable]  # -> iterable of members.Person
    printed: Callable[[models.Model, object], dict]
    association: Callable[[models.Model], object]  # the issuing Association
    holder_may_request: Callable[[models.Model, object], bool]  # may this person get one?
    requestable: Callable[[object], Iterable]  # subjects a person may request one for
    describe: Callable[[models.Model], str] = str  # the subject, in lists


REGISTRY: dict[str, SubjectKind] = {}


def register(subject_kind: SubjectKind) -> None:
    REGISTRY[subject_kind.kind] = subject_kind


def date_both(value) -> tuple[str, str]:
    """A date written in Korean and in English, whatever the active language."""
    if value is None:
        return "", ""
    with override("ko"):
        ko = formats.date_format(value, "Y년 n월 j일")
    with override("en"):
        en = formats.date_format(value, "F j, Y")
    return ko, en


def holder_names(person) -> dict:
    return {
        "holder_name_ko": person.name_ko,
        "holder_name_latin": person.name_latin,
    }


# --- Membership certificates (associations) --------------------------------------------


def _membership_printed(membership, person) -> dict:
    from members.enums import MembershipType

    association = membership.association
    joined_ko, joined_en = date_both(membership.joined_on)
    with override("ko"):
        type_ko = str(MembershipType(membership.type).label)
    with override("en"):
        type_en = str(MembershipType(membership.type).label)
    if membership.expires_on:
        until_ko, until_en = date_both(membership.expires_on)
        validity_ko = f"유효기간: {until_ko}까지"
        validity_en = f"valid until {until_en}"
    else:
        validity_ko, validity_en = "유효기간: 평생", "with no expiry"
    return {
        **holder_names(person),
        "title_ko": "회원 증명서",
        "title_en": "Certificate of Membership",
        "certify_ko": "위 사람은",
        "certify_en": "This is to certify that",
        "statement_ko": (
            f"{joined_ko}부터 {association.name_ko}의 {type_ko} (회원번호 "
            f"{membership.member_number})임을 증명합니다. {validity_ko}."
        ),
        "statement_en": (
            f"has been a {type_en.lower()} member of the {association.name_en} since "
            f"{joined_en} (member no. {membership.member_number}), {validity_en}."
        ),
        "event_ko": association.name_ko,
        "event_en": association.name_en,
        "issuer_ko": association.name_ko,
        "issuer_en": association.name_en,
    }


def _membership_holders(membership):
    return [membership.person]


def _membership_may_request(membership, person) -> bool:
    return membership.person_id == person.pk and membership.is_current


def _membership_requestable(person):
    return [m for m in person.memberships.select_related("association") if m.is_current]


def register_membership() -> None:
    from members.models import Membership

    register(
        SubjectKind(
            kind=CertificateKind.MEMBERSHIP,
            model=Membership,
            holders=_membership_holders,
            printed=_membership_printed,
            association=lambda membership: membership.association,
            holder_may_request=_membership_may_request,
            requestable=_membership_requestable,
        )
    )
