"""The registrant list as a table (CSV or XLSX), safe to open in a spreadsheet.

Every cell goes through ``kofst.common.csv_safe.safe_cell``: text that a spreadsheet would
run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR) gets a leading apostrophe.
"""

import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone

from conferences.models import Conference, Question, Registration
from conferences.tickets import format_code
from kofst.common.csv_safe import safe_cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def registrant_header(questions: list[Question]) -> list[str]:
    return [
        "code", "status", "category", "family_name_ko", "given_name_ko", "family_name_latin",
        "given_name_latin", "email", "affiliation", "country", "registered_at", "amount_due",
        "currency", "payment_status", "amount_paid", "paid_on", "payment_reference",
        "checked_in_at", *[f"q{q.pk}: {q.label_en}" for q in questions],
    ]  # fmt: skip


def registrant_rows(
    conference: Conference, registrations: Iterable[Registration], questions: list[Question]
) -> Iterator[list[Any]]:
    """One row per registration; times at the venue (``YYYY-MM-DD HH:MM``)."""
    zone = conference.tz

    def local(value) -> str:
        return timezone.localtime(value, zone).strftime("%Y-%m-%d %H:%M") if value else ""

    for r in registrations:
        p = r.person
        yield [
            format_code(r.code), r.status, r.category.name_en, p.family_name_ko,
            p.given_name_ko, p.family_name_latin, p.given_name_latin, p.email or "",
            p.affiliation, p.country, local(r.created_at), r.amount_due, r.currency,
            r.payment_status, r.amount_paid, r.paid_on, r.payment_reference,
            local(r.checked_in_at), *[r.answer_for(q) for q in questions],
        ]  # fmt: skip


def xlsx_bytes(header: list[str], rows: Iterable[list[Any]], *, title: str) -> bytes:
    from openpyxl import Workbook  # only for XLSX downloads

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append([safe_cell(h) for h in header])
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
