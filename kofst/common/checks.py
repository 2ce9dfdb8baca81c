"""Start-up checks: the database must have a UTF-8 ctype, or Hangul search breaks."""

from django.core.checks import Warning, register
from django.db import connections
from django.db.utils import OperationalError


@register("database")
def check_database_ctype(app_configs, databases=None, **kwargs):  # type: ignore[no-untyped-def]
    errors = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT datctype FROM pg_database WHERE datname = current_database()"
                )
                (ctype,) = cursor.fetchone()
        except OperationalError:
            continue
        if "utf" not in ctype.lower().replace("-", ""):
            errors.append(
                Warning(
                    f"Database '{alias}' has LC_CTYPE={ctype!r}; pg_trgm makes no trigrams "
                    "for Hangul under it, so Korean name search cannot use its index.",
                    hint="Create the database with LC_CTYPE 'C.UTF-8' (see the README).",
                    id="kofst.W001",
                )
            )
    return errors
