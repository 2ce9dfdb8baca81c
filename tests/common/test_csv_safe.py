import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from kofst.common.csv_safe import csv_response, csv_text, safe_cell, unescape_cell


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+82 10 1234", "'+82 10 1234"),
        ("-1+1", "'-1+1"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("＝1+1", "'＝1+1"),  # full-width equals sign
        ("'quoted", "''quoted"),
        ("김철수", "김철수"),
        ("Kim", "Kim"),
        (-5, -5),
        (Decimal("-1.50"), Decimal("-1.50")),
        (None, ""),
        (True, "yes"),
        (dt.date(2026, 1, 2), "2026-01-02"),
    ],
)
def test_safe_cell_neutralises_formulas(value, written):
    assert safe_cell(value) == written


@pytest.mark.parametrize("text", ["=1+1", "'plain", "''x", "-dash", "normal", "한글"])
def test_unescape_cell_round_trips_text(text):
    assert unescape_cell(safe_cell(text)) == text


def test_csv_response_is_excel_friendly():
    response = csv_response("x.csv", ["name", "note"], [["김철수", "=HYPERLINK(1)"]])

    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert list(csv.reader(io.StringIO(body[1:]))) == [
        ["name", "note"],
        ["김철수", "'=HYPERLINK(1)"],
    ]


def test_csv_text_quotes_separators():
    assert csv_text(["a"], [["x,y"]]) == 'a\r\n"x,y"\r\n'
