"""A covering index for the roster sorted by Latin name while searching (PostgreSQL only).

A search matching many people (김: one in five) sorted by Latin name walks the name index
until it has met a page of matches; for "Kim" that is a third of the table. The roster
first reads the page's ids (``members.selectors.IdsThenRows``): with the search columns
included here that walk is an index-only scan, without reading the wide person rows.
On SQLite (the demo default) this migration does nothing.
"""

from django.db import migrations

NAME = "person_name_latin_cover"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON members_person "
        "(family_name_latin, given_name_latin, id) INCLUDE (search_grams, search_text)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_roster_import_samples"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
