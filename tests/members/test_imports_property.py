"""Arbitrary cells and bytes fed to the importer: it reports row errors or imports, and
never crashes."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from members.imports.messages import FileProblem
from members.imports.reading import read_table
from members.imports.services import roster_import
from tests.members.imports_support import csv_bytes, json_bytes, xlsx_bytes

HEADERS = ["Email", "Member number", "Name", "Joined", "Membership type", "Country", "Birth year"]
cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "=1+1", "'-", "2021-02-30", "정회원", "미국", "a@b.org", "1985", "x@"]),
)
rows = st.lists(st.lists(cells, min_size=len(HEADERS), max_size=len(HEADERS)), max_size=8)
HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _check(association, actor, data: bytes) -> None:
    try:
        outcome = roster_import(
            association=association, data=data, filename="x", actor=actor, dry_run=True
        )
    except FileProblem as problem:
        assert str(problem)
        return
    totals = outcome.totals
    counted = totals["new"] + totals["update"] + totals["skip"] + totals["invalid"]
    assert counted == len(read_table(data).rows)
    for invalid in outcome.result.invalid_rows:
        assert all(messages for messages in invalid.error_dict.values())


@pytest.mark.parametrize("writer", [csv_bytes, xlsx_bytes, json_bytes])
@HYPOTHESIS
@given(table=rows)
def test_import_arbitrary_cells_never_crash(association, hq_user, writer, table):
    try:
        data = writer(HEADERS, table)
    except (ValueError, IllegalCharacterError):  # openpyxl refuses control characters
        return
    _check(association, hq_user, data)


@HYPOTHESIS
@given(data=st.binary(max_size=3000))
def test_import_arbitrary_bytes_never_crash(association, hq_user, data):
    _check(association, hq_user, b"Email,Member number\r\n" + data)
