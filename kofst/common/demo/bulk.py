"""Fast inserts of many rows for the demo data.

On PostgreSQL rows go in with ``COPY``, their ids drawn from the table's sequence first,
which is several times faster than ``bulk_create`` (no model instances, no per-field
preparation). Elsewhere (SQLite) it is ``bulk_create``. Rows are dicts of field
attribute names to plain Python values; fields left out get their default.
"""

import datetime as dt
import io
import json
from typing import Any

from django.db import connection, models
from django.utils import timezone

BATCH = 2000
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def insert(model: type[models.Model], rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` into ``model``'s table and return their primary keys, in order."""
    if not rows:
        return []
    if connection.vendor == "postgresql" and not _is_psycopg3():
        return _copy(model, rows)
    objects = model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH)
    return [obj.pk for obj in objects]


def _is_psycopg3() -> bool:
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    return is_psycopg3


def _defaults(fields: list[models.Field]) -> dict[str, Any]:
    now = timezone.now()
    defaults: dict[str, Any] = {}
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults[field.attname] = now
        elif field.has_default():
            defaults[field.attname] = field.get_default()
        elif field.null:
            defaults[field.attname] = None
        else:
            defaults[field.attname] = ""
    return defaults


def _text(value: Any) -> str:
    kind = value.__class__
    if kind is str:
        return value.translate(_COPY_ESCAPES)
    if value is None:
        return r"\N"
    if kind is bool:
        return "t" if value else "f"
    if kind is dt.datetime:
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value.pk)
    if kind is dict or kind is list:
        return json.dumps(value).translate(_COPY_ESCAPES)
    return str(value)  # int, Decimal, date


def _copy(model: type[models.Model], rows: list[dict[str, Any]]) -> list[int]:
    """Every row must have the same keys; the other columns get their defaults."""
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    by_name = {f.attname: f for f in fields}
    given = list(rows[0])
    unknown = set(given) - set(by_name)
    if unknown:
        raise ValueError(f"{meta.label} has no fields {sorted(unknown)}")
    defaulted = [f for f in fields if f.attname not in rows[0]]
    constant = "".join("\t" + _text(v) for v in _defaults(defaulted).values())
    columns = ", ".join(
        connection.ops.quote_name(column)
        for column in [meta.pk.column]
        + [by_name[name].column for name in given]
        + [f.column for f in defaulted]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        for start in range(0, len(rows), BATCH * 5):
            chunk = slice(start, start + BATCH * 5)
            lines = [
                f"{pk}\t" + "\t".join([_text(row[name]) for name in given]) + constant
                for pk, row in zip(ids[chunk], rows[chunk], strict=True)
            ]
            buffer = io.StringIO("\n".join(lines) + "\n")
            cursor.cursor.copy_expert(
                f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN", buffer
            )
    return ids
