"""Shared set-up for the bench scripts: a PostgreSQL database of their own, with a UTF-8
ctype, migrated; Django configured against it. Import this before anything of Django's."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def use_database(name: str, *, redis_db: int = 12) -> str:
    """Create ``name`` if missing (LC_CTYPE C.UTF-8), point Django at it, migrate."""
    import psycopg2

    connection = psycopg2.connect(f"{PG}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(
                f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
    connection.close()
    url = f"{PG}/{name}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("REDIS_URL", f"redis://127.0.0.1:6379/{redis_db}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kofst.settings")
    os.environ.setdefault("KOFST_REQUIRE_2FA", "false")
    os.environ.setdefault("PRIVATE_MEDIA_ROOT", str(ROOT / "var" / f"bench-private-{name}"))
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "-v", "0"],
        cwd=ROOT,
        check=True,
        env={**os.environ, "CELERY_TASK_ALWAYS_EAGER": "true"},
    )
    import django

    django.setup()
    return url


def figure(name: str, value) -> None:
    """Every figure on its own line as ``name: value``."""
    if isinstance(value, float):
        value = f"{value:.4g}"
    print(f"{name}: {value}", flush=True)
