"""Trigram GIN indexes for substring search on people (PostgreSQL only).

``search_text`` is searched with ``LIKE '%term%'`` and ``search_grams`` with the padded
Hangul tokens of ``members.search``; both need ``pg_trgm`` to avoid a sequential scan.
On SQLite (the demo default) this migration does nothing.
"""

from django.db import migrations

INDEXES = {
    "members_person_search_text_trgm": "search_text",
    "members_person_search_grams_trgm": "search_grams",
}


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON members_person "
            f"USING gin ({column} gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]
