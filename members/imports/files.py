"""Writing tables as CSV (UTF-8 with BOM), XLSX or JSON, and the staged files of a job.

Spreadsheet cells go through ``kofst.common.csv_safe.safe_cell``: a cell that Excel
would run as a formula gets a leading quote, which the importer takes off again. JSON
is not opened by spreadsheets and is written as it is.
"""

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence

from kofst.common.csv_safe import safe_cell
from members.imports.columns import DATE_KEYS
from members.imports.enums import FileFormat
from members.imports.planning import RowError
from members.imports.resources import Checked

CONTENT_TYPES = {
    FileFormat.CSV: "text/csv; charset=utf-8",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileFormat.JSON: "application/json; charset=utf-8",
}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def write_table(headers: Sequence[str], rows: Iterable[Sequence], file_format: str) -> bytes:
    if file_format == FileFormat.XLSX:
        return _xlsx(headers, rows)
    if file_format == FileFormat.JSON:
        records = [dict(zip(headers, (_cell(v) for v in row), strict=False)) for row in rows]
        return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(_cell(v)) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    from openpyxl import Workbook  # only for XLSX downloads
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value):
        value = safe_cell(_cell(value))
        # Control characters cannot be stored in a workbook at all.
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Roster")
    sheet.append([cell(h) for h in headers])
    for row in rows:
        sheet.append([cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- a job's staged files ---------------------------------------------------------------


def dump_valid(checked: Checked) -> bytes:
    """The checked values of the valid rows, for the run (dates as ISO text, written by
    the encoder itself: a dictionary per row built in Python cost half a second)."""
    return json.dumps(
        {"rows": checked.valid},
        ensure_ascii=False,
        separators=(",", ":"),
        default=_iso_date,
    ).encode()


def _iso_date(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def dump_report(checked: Checked) -> bytes:
    """The invalid rows: their cells as read and their problems."""
    data = {
        "headers": checked.headers,
        "rows": {str(n): [_cell(v) for v in cells] for n, cells in checked.raw.items()},
        "errors": [
            {"row": e.row, "column": e.column, "code": e.code, "params": e.params}
            for e in checked.errors
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def load_checked(valid: bytes, report: bytes) -> Checked:
    valid_data = json.loads(valid) if valid else {"rows": []}
    report_data = json.loads(report) if report else {"headers": [], "rows": {}, "errors": []}
    checked = Checked(headers=report_data["headers"])
    for number, values in valid_data["rows"]:
        for key in DATE_KEYS:
            if values.get(key):
                values[key] = dt.date.fromisoformat(values[key])
        checked.valid.append((number, values))
    checked.raw = {int(n): cells for n, cells in report_data["rows"].items()}
    checked.errors = [
        RowError(e["row"], e["column"], e["code"], e.get("params") or {})
        for e in report_data["errors"]
    ]
    return checked
