import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

from kofst.certificates.models import CertificateDesign
from tests.factories import MembershipFactory, PersonFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"


@pytest.fixture
def design(association):
    return CertificateDesign.objects.create(
        association=association, signer_1_name="홍길동 Hong Gildong", signer_1_title="President"
    )


@pytest.fixture
def holder(member_user, association):
    person = member_user.person
    person.family_name_ko, person.given_name_ko = "김", "철수"
    person.family_name_latin, person.given_name_latin = "Kim", "Chul-soo"
    person.save()
    MembershipFactory(
        person=person,
        association=association,
        member_number="KSEA-004211",
        joined_on=timezone.localdate() - dt.timedelta(days=800),
        expires_on=timezone.localdate() + dt.timedelta(days=100),
    )
    return person


@pytest.fixture
def membership(holder):
    return holder.memberships.get()


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    return subprocess.run(  # noqa: S603
        [shutil.which("pdftotext") or "pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def pdf_fonts(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(  # noqa: S603
        [shutil.which("pdffonts") or "pdffonts", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def render_png(pdf: bytes, name: str) -> Path:
    """Page 1 as a PNG under var/test-artifacts/, for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(  # noqa: S603
        [shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
         "-singlefile", str(source), str(ARTIFACTS / name)],
        check=True,
    )  # fmt: skip
    return ARTIFACTS / f"{name}.png"


__all__ = ["PersonFactory", "pdf_fonts", "pdf_text", "render_png"]
