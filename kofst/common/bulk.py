"""Inserting many new rows at once: PostgreSQL ``COPY``, with the ids drawn first.

Used by the roster import and the demo data. ``bulk_create`` (and even ``INSERT …
VALUES`` through psycopg2's ``execute_values``) spends most of an import's time quoting
each of half a million values one by one and having PostgreSQL parse the result.
``COPY`` takes the rows as tab-separated text: the ids come from the table's own sequence
in one query beforehand (``reserve_ids``, so that the rows that refer to them can be
written next), and the text is made a column at a time, one block of rows while
PostgreSQL stores the previous one. Elsewhere (the SQLite demo) ``bulk_create``.
"""

import datetime as dt
import json
from collections.abc import Callable

from django.db import connection, models
from django.utils import timezone

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"


def _text(value) -> str:
    if value is None:
        return NULL
    kind = type(value)
    if kind is str:
        return value.translate(_ESCAPES)
    if kind is bool:
        return "t" if value else "f"
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, dt.date):  # dates, and aware datetimes with their offset
        return value.isoformat()
    return str(value).translate(_ESCAPES)


def _json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False).translate(_ESCAPES)


def _columns(model) -> list[tuple[str, str, Callable, object, bool]]:
    """(attname, column, to text, default, stamped) for each non-key column."""
    out = []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        stamped = bool(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
        to_text = _json_text if f.get_internal_type() == "JSONField" else _text
        out.append((f.attname, f.column, to_text, f.get_default(), stamped))
    return out


def insert_rows(
    model, rows: list[dict], *, prepare: Callable[[list[dict]], None] | None = None
) -> list[int]:
    """Insert rows given as ``{attname: value}`` (the field's default for the rest,
    now for ``auto_now`` fields); sets and returns their ids, in order. ``prepare``
    completes a block of rows just before they are written (while the database stores
    the previous block). Call inside a transaction: the rows are checked by the caller,
    the database's constraints still apply."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        if prepare:
            prepare(rows)
        objs = [model(**row) for row in rows]
        for start in range(0, len(objs), 500):
            model.objects.bulk_create(objs[start : start + 500])
        ids = [obj.pk for obj in objs]
    else:
        ids = _copy(model, rows, prepare)
    for row, pk in zip(rows, ids, strict=True):
        row["id"] = pk
    return ids


def _column_texts(values: list, to_text: Callable) -> list[str]:
    if to_text is _json_text:  # mostly empty (the history of a new row: no changes)
        return ["{}" if type(v) is dict and not v else _json_text(v) for v in values]
    # Most cells are text, and whole columns have nothing to escape: looked at once.
    strings = "".join([v for v in values if type(v) is str])
    if any(char in strings for char in "\\\t\n\r"):
        return [v.translate(_ESCAPES) if type(v) is str else _text(v) for v in values]
    return [v if type(v) is str else NULL if v is None else _text(v) for v in values]


class _Blocks:
    """What ``copy_expert`` reads: text made one block of rows at a time, so that
    PostgreSQL stores a block while the next one is being made."""

    def __init__(self, blocks) -> None:
        self._blocks = iter(blocks)

    def read(self, size: int = -1) -> str:
        return next(self._blocks, "")


BLOCK_ROWS = 1000


def _copy(model, rows: list[dict], prepare: Callable[[list[dict]], None] | None) -> list[int]:
    quote = connection.ops.quote_name
    table, pk = model._meta.db_table, model._meta.pk.column
    columns = _columns(model)
    now = _text(timezone.now())

    def block(ids: list[int], rows: list[dict]) -> str:
        if prepare:
            prepare(rows)
        # Column by column (a list comprehension each), then joined into lines.
        texts = [[str(value) for value in ids]]
        for attname, _column, to_text, default, stamped in columns:
            if stamped and attname not in rows[0]:  # given values (the demo's) are kept
                texts.append([now] * len(rows))
            else:
                texts.append(_column_texts([row.get(attname, default) for row in rows], to_text))
        return "".join("\t".join(cells) + "\n" for cells in zip(*texts, strict=True))

    ids = reserve_ids(model, len(rows))
    with connection.cursor() as cursor:
        sql = "COPY {} ({}, {}) FROM STDIN".format(
            quote(table), quote(pk), ", ".join(quote(c[1]) for c in columns)
        )
        blocks = (
            block(ids[start : start + BLOCK_ROWS], rows[start : start + BLOCK_ROWS])
            for start in range(0, len(rows), BLOCK_ROWS)
        )
        cursor.cursor.copy_expert(sql, _Blocks(blocks))
    return ids


def reserve_ids(model, count: int) -> list[int]:
    """``count`` new primary keys from the table's sequence (PostgreSQL), in one query."""
    # The sequence is looked up once (OFFSET 0 keeps the planner from inlining the
    # subquery): looked up for each row, it took 70 ms of 18,895 ids; drawing them, 8 ms.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(q.seq) FROM (SELECT pg_get_serial_sequence(%s, %s)::regclass"
            " AS seq OFFSET 0) AS q, generate_series(1, %s)",
            [connection.ops.quote_name(model._meta.db_table), model._meta.pk.column, count],
        )
        return [value for (value,) in cursor.fetchall()]
