import pytest
from django.core.exceptions import ValidationError

from kofst.certificates import codes, services
from kofst.certificates.enums import CertificateKind
from tests.certificates.conftest import pdf_fonts, pdf_text, render_png
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def issue(membership, actor=None):
    return services.certificate_issue(
        kind=CertificateKind.MEMBERSHIP, subject=membership, person=membership.person, actor=actor
    )


def test_membership_certificate_prints_both_names_number_and_code(design, membership, tmp_path):
    certificate = issue(membership)

    pdf = services.certificate_pdf(certificate=certificate)

    text = pdf_text(pdf, tmp_path)
    assert "김철수" in text
    assert "Chul-soo Kim" in text
    assert certificate.number in text
    assert codes.display_code(certificate.code) in text
    assert "KSEA-004211" in text
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) < 100_000
    assert render_png(pdf, "membership-certificate").stat().st_size > 10_000


def test_certificate_embeds_a_subset_of_the_cjk_font(design, membership, tmp_path):
    pdf = services.certificate_pdf(certificate=issue(membership))

    rows = [line.split() for line in pdf_fonts(pdf, tmp_path).splitlines()[2:]]

    nanum = [row for row in rows if "NanumGothic" in row[0]]
    assert nanum, rows
    # Subset fonts are named ABCDEF+Font; "emb" and "sub" columns say yes.
    assert all("+" in row[0] and row[-5:-3] == ["yes", "yes"] for row in nanum)


def test_issuing_twice_keeps_the_number_and_code(design, membership):
    first = issue(membership)

    second = issue(membership)

    assert (second.pk, second.number, second.code) == (first.pk, first.number, first.code)
    assert first.number.startswith("KOFST-") and "-MEM-" in first.number


def test_pdf_is_stored_and_served_again_without_rendering(design, membership):
    certificate = issue(membership)
    first = services.certificate_pdf(certificate=certificate)
    certificate.refresh_from_db()

    again = services.certificate_pdf(certificate=certificate)

    assert again == first
    assert certificate.file_size == len(first)


def test_name_no_font_can_print_is_refused_with_the_character(design, association):
    person = PersonFactory(family_name_ko="김", given_name_ko="𠀀수")
    membership = MembershipFactory(person=person, association=association)

    with pytest.raises(ValidationError) as error:
        issue(membership)

    assert "𠀀" in " ".join(error.value.messages)


def test_latin_name_with_diacritics_uses_the_fallback_font_on_purpose(
    design, association, tmp_path
):
    person = PersonFactory(
        family_name_ko="", given_name_ko="", family_name_latin="Nguyễn", given_name_latin="Thị Ánh"
    )
    membership = MembershipFactory(person=person, association=association)

    pdf = services.certificate_pdf(certificate=issue(membership))

    assert "Nguyễn" in pdf_text(pdf, tmp_path)
    assert "DejaVuSans" in pdf_fonts(pdf, tmp_path)


def test_certificates_rendered_together_each_print_only_their_own_holder(
    design, association, tmp_path
):
    people = [
        PersonFactory(family_name_ko="박", given_name_ko=given, given_name_latin=f"Holder {i}")
        for i, given in enumerate(["가영", "나영", "다영"])
    ]
    certificates = [
        issue(MembershipFactory(person=person, association=association)) for person in people
    ]

    document = services.certificates_render(certificates)

    texts = []
    for certificate in certificates:
        certificate.refresh_from_db()
        with certificate.file.open("rb") as handle:
            texts.append(pdf_text(handle.read(), tmp_path))
    for certificate, person, text in zip(certificates, people, texts, strict=True):
        others = [c for c in certificates if c != certificate]
        assert person.given_name_ko in text
        assert certificate.number in text
        assert [c.number for c in others if c.number in text] == []
        assert [c.holder.given_name_ko for c in others if c.holder.given_name_ko in text] == []
    assert [pdf_text(document, tmp_path).count(c.number) for c in certificates] == [1, 1, 1]


def test_certificate_without_a_signature_is_refused(membership):
    with pytest.raises(ValidationError) as error:
        issue(membership)

    assert "signature" in " ".join(error.value.messages)


def test_revoke_and_reissue_gives_a_new_number_and_code(design, membership, hq_user):
    old = issue(membership)

    new = services.certificate_reissue(certificate=old, actor=hq_user, reason="Name corrected")

    old.refresh_from_db()
    assert old.status == "revoked" and old.revoke_reason == "Name corrected"
    assert new.status == "valid" and new.replaces == old
    assert (new.number, new.code) != (old.number, old.code)


def test_codes_reject_tampering():
    code = codes.new_code()
    tampered = code[:3] + ("A" if code[3] != "A" else "B") + code[4:]

    assert codes.is_well_formed(code)
    assert codes.is_well_formed(codes.display_code(code).lower())
    assert not codes.is_well_formed(tampered)
