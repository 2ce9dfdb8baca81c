"""Reading roster files: formats, encodings and separators detected; bad files refused
with a clear message."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from members.imports.messages import FileProblem
from members.imports.reading import read_table
from tests.members.imports_support import (
    ENGLISH_HEADERS,
    KOREAN_HEADERS,
    ROWS,
    csv_bytes,
    json_bytes,
    xlsx_bytes,
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949", "euc-kr"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_read_table_detects_encoding_and_separator(encoding, delimiter):
    data = csv_bytes(KOREAN_HEADERS, ROWS, encoding=encoding, delimiter=delimiter)

    table = read_table(data, "roster.csv")

    assert table.headers == KOREAN_HEADERS
    assert table.rows == ROWS
    assert table.delimiter == delimiter
    assert table.encoding == {"euc-kr": "cp949"}.get(encoding, encoding)
    assert table.row_numbers == [2, 3, 4]


def test_read_table_xlsx_same_rows_as_csv():
    table = read_table(xlsx_bytes(ENGLISH_HEADERS, ROWS), "roster.xlsx")

    assert (table.file_format, table.headers, table.rows) == ("xlsx", ENGLISH_HEADERS, ROWS)


def test_read_table_json_list_of_objects():
    table = read_table(json_bytes(ENGLISH_HEADERS, ROWS), "roster.json")

    assert (table.file_format, table.headers, table.rows) == ("json", ENGLISH_HEADERS, ROWS)
    assert table.row_numbers == [1, 2, 3]


def test_read_table_format_from_content_not_name():
    table = read_table(xlsx_bytes(ENGLISH_HEADERS, ROWS), "roster.csv")

    assert table.file_format == "xlsx"


def test_read_table_skips_title_rows_and_numbers_rows_as_excel_does():
    title = ["KSEA 회원 명단 2024", "", ""]
    rows = [["", "", ""], KOREAN_HEADERS[:3], ["K-1", "김철수", "Chul-soo Kim"]]
    data = csv_bytes(title, rows)

    table = read_table(data, "roster.csv")

    assert table.headers == KOREAN_HEADERS[:3]
    assert table.rows == [["K-1", "김철수", "Chul-soo Kim"]]
    assert table.row_numbers == [4]


def test_read_table_latin1_file_is_not_mistaken_for_korean():
    data = "Name;City\r\nMüller;Zürich\r\nJosé;Málaga\r\n".encode("cp1252")

    table = read_table(data, "roster.csv")

    assert table.rows == [["Müller", "Zürich"], ["José", "Málaga"]]


def test_read_table_strips_our_formula_escape():
    data = b"Name,Phone\r\nKim,'+82-10-1234-5678\r\nLee,'-\r\n"

    table = read_table(data, "roster.csv")

    assert table.rows == [["Kim", "+82-10-1234-5678"], ["Lee", "-"]]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"\xef\xbb\xbf\r\n\r\n", "empty_file"),
        (b"Email,Name\r\n", "no_rows"),
        (bytes(range(256)) * 40, "not_a_spreadsheet"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "not_a_spreadsheet"),
        (b"PK\x03\x04 this is not really a zip", "bad_xlsx"),
        (b"[1, 2, 3]", "json_shape"),
        (b'{"rows": [', "bad_json"),
    ],
)
def test_read_table_bad_file_is_refused_with_a_reason(data, code):
    with pytest.raises(FileProblem) as problem:
        read_table(data, "roster.csv")

    assert problem.value.code == code
    assert str(problem.value)  # a sentence, not a code


def test_read_table_refuses_oversized_file(settings):
    settings.ROSTER_IMPORT_MAX_BYTES = 1024

    with pytest.raises(FileProblem) as problem:
        read_table(b"Email,Name\r\n" + b"a@b.org,Kim\r\n" * 200, "roster.csv")

    assert problem.value.code == "too_large"
    assert "MB" in str(problem.value)


def test_read_table_refuses_xlsx_zip_bomb_before_unpacking():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(250):
                sheet.write(b" " * (1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024  # a tiny file

    with pytest.raises(FileProblem) as problem:
        read_table(data, "roster.xlsx")

    assert problem.value.code == "xlsx_bomb"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_read_table_arbitrary_bytes_never_crash(data):
    try:
        table = read_table(data, "roster.csv")
    except FileProblem as problem:
        assert str(problem)
    else:
        assert all(len(row) == len(table.headers) for row in table.rows)
