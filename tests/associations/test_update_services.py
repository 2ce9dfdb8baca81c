"""The four update services (chapter, committee, partner, agreement) share one shape:
only what changed is saved and written to the history with its diff; nothing changed
writes nothing; an invalid change is refused and leaves the row as it was."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from associations import services
from kofst.common.models import AuditEntry
from tests.factories import ChapterFactory
from tests.factories.associations import AgreementFactory, CommitteeFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action))


def test_chapter_update_saves_and_records_the_diff(association, hq_user):
    chapter = ChapterFactory(association=association, name_en="Boston", city="Boston")

    services.chapter_update(chapter=chapter, actor=hq_user, name_en="  Greater Boston ")

    chapter.refresh_from_db()
    assert chapter.name_en == "Greater Boston"  # stripped
    (entry,) = entries("chapter.update")
    assert entry.changes == {"name_en": ["Boston", "Greater Boston"]}
    assert entry.association_id == association.pk
    assert entry.summary == "Greater Boston"
    assert entry.actor == hq_user


def test_an_update_that_changes_nothing_writes_nothing(association, hq_user):
    committee = CommitteeFactory(association=association, name_en="Awards")

    services.committee_update(committee=committee, actor=hq_user, name_en="Awards")

    assert entries("committee.update") == []


def test_committee_update_refuses_an_empty_name_and_keeps_the_row(association, hq_user):
    committee = CommitteeFactory(association=association, name_en="Awards")

    with pytest.raises(ValidationError) as error:
        services.committee_update(committee=committee, actor=hq_user, name_en="")

    assert "name_en" in error.value.message_dict
    committee.refresh_from_db()
    assert committee.name_en == "Awards"
    assert entries("committee.update") == []


def test_partner_update_upper_cases_the_country_and_has_no_association(hq_user):
    partner = PartnerFactory(acronym="CAST", country="CN")

    services.partner_update(partner=partner, actor=hq_user, country="vn", name_en="VUSTA")

    partner.refresh_from_db()
    assert partner.country == "VN"
    (entry,) = entries("partner.update")
    assert entry.changes["country"] == ["CN", "VN"]
    assert entry.association_id is None
    assert entry.summary == "CAST"


def test_partner_update_refuses_an_acronym_taken_by_another_partner(hq_user):
    PartnerFactory(acronym="AAAS")
    partner = PartnerFactory(acronym="CAST")

    with pytest.raises(ValidationError):
        services.partner_update(partner=partner, actor=hq_user, acronym="AAAS")

    partner.refresh_from_db()
    assert partner.acronym == "CAST"


def test_agreement_update_checks_the_dates_and_records_the_diff(association, hq_user):
    agreement = AgreementFactory(association=association, signed_on=dt.date(2020, 5, 1))

    with pytest.raises(ValidationError) as error:
        services.agreement_update(
            agreement=agreement, actor=hq_user, expires_on=dt.date(2019, 1, 1)
        )
    assert "expires_on" in error.value.message_dict

    services.agreement_update(agreement=agreement, actor=hq_user, expires_on=dt.date(2025, 5, 1))

    agreement.refresh_from_db()
    assert agreement.expires_on == dt.date(2025, 5, 1)
    (entry,) = entries("agreement.update")
    assert entry.changes == {"expires_on": [None, "2025-05-01"]}
    assert entry.association_id == association.pk
    assert entry.summary.startswith(f"{agreement.partner.acronym}: ")
