"""Certificates of attendance (subject: a conference) and of presentation (subject: a
session), described for ``kofst.certificates``.

Attendance is for those checked in at the door; presentation for registrants named as a
speaker of the session (by their Latin or Hangul name, as the programme lists it).
"""

from conferences.models import Conference, Registration, Session
from kofst.certificates.enums import CertificateKind
from kofst.certificates.subjects import SubjectKind, date_both, holder_names, register
from members.search import normalize


def _issuer(conference: Conference):
    # Asked once per holder when a batch is issued: one query per conference instance.
    if not hasattr(conference, "_certificate_issuer"):
        conference._certificate_issuer = conference.organisers.order_by("id").first()
    return conference._certificate_issuer


def _dates(conference: Conference) -> tuple[str, str]:
    start_ko, start_en = date_both(conference.starts_on)
    end_ko, end_en = date_both(conference.ends_on)
    if conference.starts_on == conference.ends_on:
        return start_ko, start_en
    return f"{start_ko} – {end_ko}", f"{start_en} – {end_en}"


def _place(conference: Conference) -> tuple[str, str]:
    from kofst.common.countries import country_name

    return (
        f"{conference.city}, {country_name(conference.country, 'ko')}",
        f"{conference.city}, {country_name(conference.country, 'en')}",
    )


def _titles(conference: Conference) -> tuple[str, str]:
    return conference.title_ko or conference.title_en, conference.title_en


def _attended(conference: Conference):
    return (
        Registration.objects.filter(conference=conference, checked_in_at__isnull=False)
        .select_related("person")
        .order_by("person__family_name_latin", "person__given_name_latin", "pk")
    )


def attendance_holders(conference: Conference):
    return [registration.person for registration in _attended(conference)]


def attendance_printed(conference: Conference, person) -> dict:
    return {**holder_names(person), **_attendance_text(conference)}


def _attendance_text(conference: Conference) -> dict:
    # The same for every holder, and dates are slow to format in two languages: worked
    # out once per conference instance (a batch asks once per holder).
    if hasattr(conference, "_certificate_text"):
        return conference._certificate_text
    title_ko, title_en = _titles(conference)
    dates_ko, dates_en = _dates(conference)
    place_ko, place_en = _place(conference)
    issuer = _issuer(conference)
    conference._certificate_text = {
        "title_ko": "참가 증명서",
        "title_en": "Certificate of Attendance",
        "certify_ko": "위 사람은",
        "certify_en": "This is to certify that",
        "statement_ko": f"{dates_ko} {place_ko}에서 열린 {title_ko}에 참가하였음을 증명합니다.",
        "statement_en": f"attended {title_en}, held in {place_en}, {dates_en}.",
        "event_ko": title_ko,
        "event_en": title_en,
        "date_text": f"{dates_ko} · {dates_en}",
        "issuer_ko": issuer.name_ko if issuer else "한국과학기술단체총연합회",
        "issuer_en": issuer.name_en if issuer else "KOFST",
    }
    return conference._certificate_text


def attendance_may_request(conference: Conference, person) -> bool:
    return Registration.objects.filter(
        conference=conference, person=person, checked_in_at__isnull=False
    ).exists()


def attendance_requestable(person):
    return [
        registration.conference
        for registration in Registration.objects.filter(
            person=person, checked_in_at__isnull=False
        ).select_related("conference")
    ]


def _speaker_keys(session: Session) -> set[str]:
    return {normalize(line).replace(" ", "") for line in session.speaker_list}


def _person_keys(person) -> set[str]:
    keys = {
        normalize(person.name_ko).replace(" ", ""),
        normalize(f"{person.given_name_latin}{person.family_name_latin}").replace(" ", ""),
        normalize(f"{person.family_name_latin}{person.given_name_latin}").replace(" ", ""),
    }
    return {key for key in keys if key}


def presentation_holders(session: Session):
    speakers = _speaker_keys(session)
    registrations = Registration.objects.filter(
        conference_id=session.conference_id, status="confirmed"
    ).select_related("person")
    return [r.person for r in registrations if _person_keys(r.person) & speakers]


def presentation_printed(session: Session, person) -> dict:
    conference = session.conference
    title_ko, title_en = _titles(conference)
    day_ko, day_en = date_both(session.starts_at.astimezone(conference.tz).date())
    issuer = _issuer(conference)
    session_ko = session.title_ko or session.title_en
    return {
        **holder_names(person),
        "title_ko": "발표 증명서",
        "title_en": "Certificate of Presentation",
        "certify_ko": "위 사람은",
        "certify_en": "This is to certify that",
        "statement_ko": f"{title_ko}에서 「{session_ko}」 세션에서 발표하였음을 증명합니다.",
        "statement_en": f"presented in the session “{session.title_en}” at {title_en}.",
        "event_ko": title_ko,
        "event_en": title_en,
        "date_text": f"{day_ko} · {day_en}",
        "issuer_ko": issuer.name_ko if issuer else "한국과학기술단체총연합회",
        "issuer_en": issuer.name_en if issuer else "KOFST",
    }


def presentation_may_request(session: Session, person) -> bool:
    return any(p.pk == person.pk for p in presentation_holders(session))


def presentation_requestable(person):
    conference_ids = Registration.objects.filter(person=person, status="confirmed").values(
        "conference_id"
    )
    keys = _person_keys(person)
    return [
        session
        for session in Session.objects.filter(conference_id__in=conference_ids)
        .exclude(speakers="")
        .select_related("conference")
        if _speaker_keys(session) & keys
    ]


register(
    SubjectKind(
        kind=CertificateKind.ATTENDANCE,
        model=Conference,
        holders=attendance_holders,
        printed=attendance_printed,
        association=_issuer,
        holder_may_request=attendance_may_request,
        requestable=attendance_requestable,
        describe=lambda conference: conference.title,
    )
)
register(
    SubjectKind(
        kind=CertificateKind.PRESENTATION,
        model=Session,
        holders=presentation_holders,
        printed=presentation_printed,
        association=lambda session: _issuer(session.conference),
        holder_may_request=presentation_may_request,
        requestable=presentation_requestable,
        describe=lambda session: f"{session.conference.title}: {session.title}",
    )
)
