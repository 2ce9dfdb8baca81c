"""Fewer indexes for every person and membership written (an import writes 18,895 of each).

- People: the plain Latin name index goes (``person_name_latin_cover``, migration 0006,
  starts with the same columns on PostgreSQL); birth year and merge are indexed only
  where they are set.
- Memberships: no index of their own on ``association`` (four indexes start with it) or
  ``person`` (the person-and-association constraint now starts with it); the chapter
  is indexed only where it is set.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0003_staff_invitations"),
        ("members", "0007_person_search_statistics"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="membership",
            name="membership_person_unique",
        ),
        migrations.RemoveIndex(
            model_name="person",
            name="members_per_family__4e3341_idx",
        ),
        migrations.RemoveIndex(
            model_name="person",
            name="members_per_birth_y_a11eee_idx",
        ),
        migrations.AlterField(
            model_name="membership",
            name="association",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="memberships",
                to="associations.association",
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="chapter",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="memberships",
                to="associations.chapter",
                verbose_name="chapter",
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="person",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="memberships",
                to="members.person",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="merged_into",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="merged_from",
                to="members.person",
            ),
        ),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(
                condition=models.Q(("chapter__isnull", False)),
                fields=["chapter"],
                name="membership_chapter_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("birth_year__isnull", False)),
                fields=["birth_year"],
                name="person_birth_year_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("merged_into__isnull", False)),
                fields=["merged_into"],
                name="person_merged_into_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.UniqueConstraint(
                fields=("person", "association"), name="membership_person_unique"
            ),
        ),
    ]
