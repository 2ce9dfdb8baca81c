"""docker-compose.yml, the Dockerfile, the README and the settings stay in step.

Docker does not run on these machines, so the compose file is checked by reading it: its
services and commands are the ones the README documents, and every variable it sets is
one that ``kofst/settings.py`` reads.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = {"migrate", "web", "worker", "beat"}  # run the project's own image


def settings_variables() -> set[str]:
    """The environment variables kofst/settings.py reads."""
    source = (ROOT / "kofst" / "settings.py").read_text()
    pattern = r'(?:env_(?:str|bool|int|list)|os\.environ\.get|os\.getenv)\(\s*"([A-Z][A-Z0-9_]*)"'
    return set(re.findall(pattern, source))


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text()
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def table_rows(section: str) -> list[list[str]]:
    """The cells of the first Markdown table in ``section`` (without the header)."""
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def code_spans(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def test_compose_services_are_the_documented_ones(services):
    documented = {code_spans(row[0])[0] for row in table_rows(readme_section(
        "Running in production (docker compose)"))}  # fmt: skip

    assert set(services) == documented
    assert set(services) == {"postgres", "redis", "migrate", "web", "worker", "beat", "mailpit"}


def test_compose_commands_are_the_documented_ones(services):
    rows = table_rows(readme_section("Running in production (docker compose)"))
    documented = {code_spans(row[0])[0]: code_spans(row[1]) for row in rows}

    for name in APP_SERVICES:
        assert documented[name][0] == services[name]["command"], name
    assert services["web"]["command"].startswith("gunicorn kofst.wsgi:application ")
    assert services["worker"]["command"] == "celery -A kofst worker -l info"
    assert services["beat"]["command"] == "celery -A kofst beat -l info"
    assert services["migrate"]["command"] == "python manage.py migrate --noinput"


def test_worker_and_beat_commands_match_the_makefile(services):
    makefile = (ROOT / "Makefile").read_text()

    for target in ("worker", "beat"):
        recipe = re.search(rf"^{target}:.*\n\t(.+)$", makefile, re.M).group(1)
        assert recipe.replace("$(BIN)/", "") == services[target]["command"]


def test_compose_sets_only_variables_the_settings_read(services):
    known = settings_variables()

    for name in APP_SERVICES:
        environment = services[name]["environment"]
        assert set(environment) <= known, (name, set(environment) - known)
        assert "DJANGO_SETTINGS_MODULE" not in environment  # the image sets it


def test_app_services_share_one_production_environment(services):
    environments = [services[name]["environment"] for name in APP_SERVICES]

    assert all(env == environments[0] for env in environments)
    env = environments[0]
    assert env["DEBUG"] == "false"
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")  # no default: refuses to start
    assert env["CELERY_WORKER_EXPECTED"] == "true"
    assert env["KOFST_REQUIRE_2FA"] == "true"


def test_compose_addresses_point_at_its_own_services(services):
    env = services["web"]["environment"]

    assert urlsplit(env["DATABASE_URL"]).hostname == "postgres"
    assert urlsplit(env["REDIS_URL"]).hostname == "redis"
    assert env["EMAIL_HOST"] == "mailpit"
    assert env["EMAIL_PORT"] == "1025"


def test_compose_postgres_has_a_utf8_ctype(services):
    args = services["postgres"]["environment"]["POSTGRES_INITDB_ARGS"].split()

    assert "--lc-ctype=C.UTF-8" in args
    assert "--encoding=UTF8" in args


def test_compose_starts_app_processes_after_migrations(services):
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["migrate"] == {"condition": "service_completed_successfully"}
        assert depends["postgres"] == {"condition": "service_healthy"}
        assert depends["redis"] == {"condition": "service_healthy"}
    assert services["web"]["ports"] == ["8000:8000"]
    assert "healthz" in " ".join(services["web"]["healthcheck"]["test"])


def test_dockerfile_builds_translations_static_files_and_runs_gunicorn(services):
    dockerfile = (ROOT / "Dockerfile").read_text()
    system_packages = (ROOT / "scripts" / "system-packages.sh").read_text()
    base_packages = re.search(r"^packages=\(([^)]*)\)", system_packages, re.M).group(1).split()

    assert "python manage.py compilemessages" in dockerfile
    assert "python manage.py collectstatic --noinput" in dockerfile
    for package in base_packages:
        assert package in dockerfile, package
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, re.M).group(1)
    assert " ".join(yaml.safe_load(cmd)) == services["web"]["command"]


def test_readme_configuration_lists_every_setting_variable():
    documented = {code_spans(row[0])[0] for row in table_rows(readme_section("Configuration"))}

    assert documented == settings_variables()


def test_readme_quick_start_is_two_make_commands():
    commands = [code_spans(row[0])[0] for row in table_rows(readme_section("Quick start"))]
    makefile = (ROOT / "Makefile").read_text()

    assert commands == ["make demo", "make test"]
    assert re.search(r"^demo:", makefile, re.M)
    assert re.search(r"^test:", makefile, re.M)


def resolve(value: str) -> str:
    """A compose value with ``${NAME:-default}`` and ``${NAME:?error}`` filled in."""
    value = re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", value)
    return re.sub(r"\$\{[A-Z_]+:\?[^}]*\}", secrets.token_urlsafe(50), value)


def test_compose_environment_passes_deploy_check(services, tmp_path):
    """The settings start with exactly the compose environment; the only deploy warning is
    the HTTPS redirect that the compose file leaves to the TLS proxy in front."""
    env = {name: resolve(str(value)) for name, value in services["web"]["environment"].items()}
    env.update(  # where this machine can write (the image has /data)
        MEDIA_ROOT=str(tmp_path / "media"), PRIVATE_MEDIA_ROOT=str(tmp_path / "private")
    )
    env.update(PATH=os.environ["PATH"], HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="kofst.settings")

    result = subprocess.run(  # noqa: S603  (our own interpreter and manage.py)
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.findall(r"\((\w+\.\w+)\)", output) == ["security.W008"], output
