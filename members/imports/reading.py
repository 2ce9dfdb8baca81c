"""Reading an uploaded roster: the format, encoding and separator are detected, not asked.

- XLSX: a ZIP file (``PK``), read with openpyxl after checking how much it unpacks to
  (a "zip bomb" is refused before it is unpacked).
- JSON: a list of objects (or ``{"rows": [...]}``).
- Anything else is text: UTF-8 with or without BOM, else CP949 (what Korean Excel
  writes; a superset of EUC-KR), else Windows-1252; separated by commas, semicolons or
  tabs (``csv.Sniffer`` over the first lines, then the commonest of the three).

The header is the first row with at least two filled cells (title rows above it are
skipped). Spreadsheet rows are numbered as Excel shows them (the header's row + 1…);
JSON records from 1. Cells our export protected against formula injection get their
quote back off (``kofst.common.csv_safe``).
"""

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field

from django.conf import settings

from kofst.common.csv_safe import unescape_cell
from members.imports.enums import FileFormat
from members.imports.messages import FileProblem

MB = 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "ROSTER_IMPORT_MAX_BYTES", 20 * MB))


def max_rows() -> int:
    return int(getattr(settings, "ROSTER_IMPORT_MAX_ROWS", 100_000))


MAX_XLSX_UNPACKED = 200 * MB
MAX_XLSX_RATIO = 150  # sheet XML compresses well, but not this well


@dataclass
class Table:
    headers: list[str]
    rows: list[list]  # cells as read: str, or numbers and dates from XLSX
    row_numbers: list[int]  # the number a person sees for each row
    file_format: str
    encoding: str = ""
    delimiter: str = ""
    notes: list[str] = field(default_factory=list)


def read_table(data: bytes, filename: str = "") -> Table:
    """The header and rows of a roster file, or ``FileProblem``."""
    if len(data) > max_upload_bytes():
        raise FileProblem("too_large", limit=max_upload_bytes() // MB)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise FileProblem("empty_file")
    if data[:4] == b"PK\x03\x04":
        table = _read_xlsx(data)
    else:
        text, encoding = decode(data)
        stripped = text.lstrip()
        if stripped[:1] in ("[", "{"):
            table = _read_json(stripped)
            table.encoding = encoding
        else:
            table = _read_csv(text)
            table.encoding = encoding
    if len(table.rows) > max_rows():
        raise FileProblem("too_many_rows", limit=f"{max_rows():,}")
    if not table.rows:
        raise FileProblem("no_rows")
    return table


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name); a binary file is ``not_a_spreadsheet``."""
    if b"\x00" in data[:8192]:
        raise FileProblem("not_a_spreadsheet")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise FileProblem("not_a_spreadsheet") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp949")
        if _mostly_hangul(text):
            return text, "cp949"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    if _looks_binary(text):
        raise FileProblem("not_a_spreadsheet")
    return text, "cp1252"


def _mostly_hangul(text: str) -> bool:
    """CP949 decodes many Latin-1 byte pairs too ("ü" + "l"): trust it only when what
    it decoded beyond ASCII is mostly Hangul syllables."""
    wide = [c for c in text if ord(c) > 127]
    if not wide:
        return True
    hangul = sum(1 for c in wide if "\uac00" <= c <= "\ud7a3")
    return hangul >= 0.8 * len(wide)


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\r\n") or c == "\ufffd")
    return controls > max(8, len(sample) // 50)


def _read_csv(text: str) -> Table:
    if _looks_binary(text):
        raise FileProblem("not_a_spreadsheet")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Cell by cell only in the rare row with an apostrophe somewhere.
        rows = [
            [unescape_cell(cell) if cell[:1] == "'" else cell for cell in row]
            if "'" in "".join(row)
            else row
            for row in reader
        ]
    except csv.Error:
        raise FileProblem("not_a_spreadsheet") from None
    table = _tabulate(rows, FileFormat.CSV)
    table.delimiter = delimiter
    return table


def sniff_delimiter(text: str) -> str:
    sample = "\n".join(text[:65536].splitlines()[:50])
    try:
        found = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        found = ""
    counts = {d: sample.count(d) for d in (",", ";", "\t")}
    if found in counts and counts[found]:
        return found
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook  # only for XLSX uploads

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise FileProblem("bad_xlsx") from None
    unpacked = sum(info.file_size for info in infos)
    for info in infos:
        if (
            info.compress_size
            and info.file_size / info.compress_size > MAX_XLSX_RATIO
            and (info.file_size > 10 * MB)
        ):
            raise FileProblem("xlsx_bomb", limit=MAX_XLSX_UNPACKED // MB)
    if unpacked > MAX_XLSX_UNPACKED or len(infos) > 10_000:
        raise FileProblem("xlsx_bomb", limit=MAX_XLSX_UNPACKED // MB)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([unescape_cell(v) if isinstance(v, str) else v for v in values])
            if len(rows) > max_rows() + 20:
                break
        workbook.close()
    except FileProblem:
        raise
    except Exception:  # noqa: BLE001 — openpyxl raises anything on a damaged file
        raise FileProblem("bad_xlsx") from None
    return _tabulate(rows, FileFormat.XLSX)


def _tabulate(rows: list[list], file_format: str) -> Table:
    def filled(row: list) -> int:
        return sum(1 for cell in row if cell is not None and str(cell).strip() != "")

    def as_read(row: list) -> list | None:
        """The row with empty cells as "", or None for a row with nothing in it."""
        try:
            return row if "".join(row).strip() else None  # text (CSV): no None in it
        except TypeError:  # numbers, dates or empty cells (XLSX, JSON)
            return ["" if cell is None else cell for cell in row] if filled(row) else None

    header_index = None
    for index, row in enumerate(rows[:20]):
        count = filled(row)
        if count >= 2 or (count == 1 and all(filled(r) <= 1 for r in rows[index : index + 20])):
            header_index = index
            break
    if header_index is None:
        if any(filled(r) for r in rows):
            raise FileProblem("no_header")
        raise FileProblem("empty_file")
    header_cells = ["" if c is None else str(c).strip() for c in rows[header_index]]
    body, numbers = [], []
    for index in range(header_index + 1, len(rows)):
        row = as_read(rows[index])
        if row is not None:
            body.append(row)
            numbers.append(index + 1)
    # The width: the last named header, or the last cell filled in any row.
    width = max([i + 1 for i, h in enumerate(header_cells) if h] + [0])
    for row in body:
        if len(row) > width:
            extra = [i + 1 for i in range(width, len(row)) if str(row[i]).strip()]
            width = max([width, *extra])
    headers = _unique_headers(header_cells[:width] + [""] * (width - len(header_cells)))
    body = [row if len(row) == width else row[:width] + [""] * (width - len(row)) for row in body]
    return Table(headers=headers, rows=body, row_numbers=numbers, file_format=file_format)


def _unique_headers(cells: list[str]) -> list[str]:
    """Empty headers become "Column 3"; repeated ones "Name (2)"."""
    headers: list[str] = []
    seen: dict[str, int] = {}
    for position, cell in enumerate(cells, 1):
        name = cell or f"Column {position}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        headers.append(name)
    return headers


def _read_json(text: str) -> Table:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise FileProblem("bad_json", detail=str(exc)[:120]) from None
    if isinstance(data, dict):
        data = data.get("rows", data.get("members"))
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise FileProblem("json_shape")
    headers: list[str] = []
    seen: set[str] = set()
    for item in data:
        for key in item:
            if str(key) not in seen:
                seen.add(str(key))
                headers.append(str(key))
    if not headers:
        raise FileProblem("no_header" if not data else "no_rows")
    rows = []
    for item in data:
        values = {str(k): v for k, v in item.items()}
        rows.append([_json_cell(values.get(h)) for h in headers])
    return Table(
        headers=headers,
        rows=rows,
        row_numbers=list(range(1, len(rows) + 1)),
        file_format=FileFormat.JSON,
    )


def _json_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return value
    return json.dumps(value, ensure_ascii=False)
