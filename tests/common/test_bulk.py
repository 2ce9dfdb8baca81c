"""kofst.common.bulk: COPY with ids drawn from the table's sequence (PostgreSQL)."""

import pytest
from django.db import connection

from kofst.common.bulk import insert_rows, reserve_ids
from kofst.common.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_reserved_ids_are_new_distinct_and_not_handed_out_again():
    ids = reserve_ids(AuditEntry, 3000)
    assert len(set(ids)) == 3000
    later = AuditEntry.objects.create(action="x", subject_type="t")
    assert later.pk not in ids and later.pk > max(ids)


def test_insert_rows_writes_every_value_as_given_and_returns_the_ids():
    rows = [
        {
            "action": "membership.import_create",
            "subject_type": "members.membership",
            "subject_id": n,
            "person_id": None if n % 2 else n,
            "summary": "탭\there, line\nbreak, back\\slash, 김민준" if n == 7 else f"row {n}",
            "changes": {"type": ["regular", "student"]} if n == 3 else {},
        }
        for n in range(1, 2501)  # more than one block of rows
    ]
    ids = insert_rows(AuditEntry, rows)
    assert [row["id"] for row in rows] == ids
    stored = {e.pk: e for e in AuditEntry.objects.filter(pk__in=ids)}
    assert len(stored) == 2500
    seventh, third = stored[ids[6]], stored[ids[2]]
    assert seventh.summary == "탭\there, line\nbreak, back\\slash, 김민준"
    assert seventh.person_id is None and stored[ids[7]].person_id == 8
    assert third.changes == {"type": ["regular", "student"]} and seventh.changes == {}
    assert all(e.created_at is not None for e in stored.values())  # auto_now_add


def test_insert_rows_uses_copy_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's")
    seen = []

    def spy(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        insert_rows(AuditEntry, [{"action": "x", "subject_type": "t"} for _ in range(10)])
    # One query draws the ids; the rows themselves go through COPY, not INSERT.
    assert len(seen) == 1 and "nextval" in seen[0]
    assert AuditEntry.objects.filter(action="x").count() == 10
