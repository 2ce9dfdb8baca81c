"""Demo certificates: a design (sample signatures) for every association and for KOFST's
own awards, and the demo member's certificates, so that *My certificates* and the
verification page have something to show. Runs after the conferences and awards parts."""

import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from kofst.certificates import services
from kofst.certificates.models import Certificate, CertificateBatch, CertificateDesign

# Invented presidents, for the demo's signatures (sample data).
SIGNATURE_FONT = "/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf"  # looks handwritten
SIGNERS = ["김영호", "이정민", "박성훈", "최은영", "정재원", "강민석", "조현우", "윤서연", "장동건"]


def _signature_png(name: str) -> ContentFile:
    """A handwriting-like signature image of ``name`` (sample data)."""
    image = Image.new("RGBA", (360, 110), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype(SIGNATURE_FONT, 64)
    except OSError:
        font = ImageFont.load_default()
    draw.text((18, 14), name, font=font, fill=(20, 40, 110, 255))
    buffer = io.BytesIO()
    image.rotate(4, expand=False).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="signature.png")


def seed(*, rng: random.Random, context) -> None:  # type: ignore[no-untyped-def]
    designs = 0
    for association in context.associations.values():
        name = rng.choice(SIGNERS)
        design = CertificateDesign(
            association=association,
            signer_1_name=f"{name} (sample)",
            signer_1_title=f"{association.display_code} President · 회장",
        )
        design.signer_1_image.save(f"{association.code}.png", _signature_png(name), save=False)
        design.save()
        designs += 1
    kofst = CertificateDesign(
        association=None,
        signer_1_name="한국과학기술단체총연합회 회장 (sample)",
        signer_1_title="President, KOFST · 회장",
    )
    kofst.signer_1_image.save("kofst.png", _signature_png("과총회장"), save=False)
    kofst.save()
    context.counts["certificate designs"] = designs + 1

    issued = 0
    if context.member_person_id is not None:
        from members.models import Person

        person = Person.objects.get(pk=context.member_person_id)
        from kofst.certificates.subjects import REGISTRY

        for kind, subject_kind in REGISTRY.items():
            for subject in subject_kind.requestable(person):
                certificate = services.certificate_issue(
                    kind=kind, subject=subject, person=person, actor=None
                )
                services.certificate_pdf(certificate=certificate)
                issued += 1
    context.counts["certificates issued"] = issued


def reset(*, context) -> None:  # type: ignore[no-untyped-def]
    """Remove every certificate, batch and design (the demo database is the demo's)."""
    for certificate in Certificate.objects.exclude(file=""):
        certificate.file.delete(save=False)
    Certificate.objects.all().delete()
    CertificateBatch.objects.all().delete()
    for design in CertificateDesign.objects.all():
        for field in (design.background, design.signer_1_image, design.signer_2_image):
            if field:
                field.delete(save=False)
    CertificateDesign.objects.all().delete()
