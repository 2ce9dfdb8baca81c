"""Indexes that let the roster across every association (HQ) read its first page in
sort order (joined, expires, member number) instead of sorting every membership."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_roster_imports"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(fields=["joined_on"], name="membership_joined_idx"),
        ),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(fields=["expires_on"], name="membership_expires_idx"),
        ),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(fields=["member_number"], name="membership_number_idx"),
        ),
    ]
