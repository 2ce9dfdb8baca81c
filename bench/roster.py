"""Speed of the staff roster (issue 3): search + one filter + sort, 50 rows and the count.

    .venv/bin/python bench/roster.py                   # 18,895 and 200,000 people
    .venv/bin/python bench/roster.py --people 50000    # another large size
    .venv/bin/python bench/roster.py --rebuild         # generate the data sets again

For each size it uses a PostgreSQL database of its own (``kofst_bench_roster_<size>``,
created with LC_CTYPE C.UTF-8 so that pg_trgm makes trigrams of Hangul), migrated and
filled by ``manage.py seed_demo --people <size>`` (the demo generator; kept between runs).
Then, in a separate process per size, it requests the roster page in-process with
Django's test ``Client`` as an HQ user (the whole federation), production settings
(DEBUG off), and reports:

- the p95 of one-, two- and three-syllable Hangul searches and of Latin substring searches,
  each with one filter (status = active) and a sort (Latin name), 50 rows and the total;
- requests per second of the roster page and of a trivial view on the same stack;
- whether PostgreSQL's plan for each search uses a trigram index (EXPLAIN).

Every figure is printed on its own line as ``name: value``; the ratio p95(large)/p95(demo)
at the end. ``BENCH_PG`` points at another server (default postgres://postgres@127.0.0.1:5432).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

DEMO_SIZE = 18_895
# Search terms by kind: common family names, typical given names, full names, Latin parts.
TERMS: dict[str, list[str]] = {
    "hangul_1": ["김", "민", "준", "희"],
    "hangul_2": ["민준", "지현", "영수", "서연"],
    "hangul_3": ["김민준", "이지현", "박영수", "최서연"],
    "latin": ["hyun", "choi", "minsu", "stanford"],
}
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
RPS_SECONDS = float(os.environ.get("BENCH_RPS_SECONDS", "5"))


def database_name(size: int) -> str:
    return f"kofst_bench_roster_{size}"


# --- parent: data sets and the summary ---------------------------------------------------


def run(*command: str, env: dict | None = None) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, *command],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode})")
    return result.stdout


def prepare(size: int, *, rebuild: bool) -> None:
    """Create, migrate and fill the size's database (the seed is skipped when present)."""
    import psycopg2
    from _setup import PG

    name = database_name(size)
    connection = psycopg2.connect(f"{PG}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT datctype FROM pg_database WHERE datname = %s", [name])
        row = cursor.fetchone()
        if row and (rebuild or "utf" not in row[0].lower().replace("-", "")):
            cursor.execute(f'DROP DATABASE "{name}"')
            row = None
        if row is None:
            cursor.execute(
                f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
    connection.close()
    env = {"DATABASE_URL": f"{PG}/{name}", "KOFST_REQUIRE_2FA": "false", "REDIS_URL": ""}
    run("manage.py", "migrate", "-v", "0", env=env)
    started = time.monotonic()
    output = run("manage.py", "seed_demo", "--people", str(size), env=env)
    if "already there" not in output:
        print(f"seed_seconds_{size}: {time.monotonic() - started:.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200_000, help="the large size")
    parser.add_argument("--rebuild", action="store_true", help="generate the data again")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    results = {}
    for size in dict.fromkeys([DEMO_SIZE, args.people]):
        prepare(size, rebuild=args.rebuild)
        output = run("bench/roster.py", "--worker", str(size))
        for line in output.splitlines():
            if line.startswith("{"):
                results[size] = json.loads(line)
            else:
                print(line, flush=True)
    if args.people != DEMO_SIZE:
        small, large = results[DEMO_SIZE], results[args.people]
        for kind in TERMS:
            ratio = large[kind] / small[kind]
            print(f"p95_ratio_{kind}_{args.people}_vs_{DEMO_SIZE}: {ratio:.2f}")
        print(f"p95_ratio_all_{args.people}_vs_{DEMO_SIZE}: {large['all'] / small['all']:.2f}")


# --- worker: measurements in one Django process ------------------------------------------


def worker(size: int) -> None:
    os.environ.update(
        DEBUG="false",
        SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",  # noqa: S106
        ALLOWED_HOSTS="testserver",
        KOFST_REQUIRE_2FA="true",
        KOFST_DEMO="false",
        REDIS_URL="",
        LOG_LEVEL="WARNING",
    )
    from _setup import use_database

    use_database(database_name(size))
    measure(size)


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def measure(size: int) -> None:
    import types

    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.db import connection
    from django.http import HttpResponse
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import NoReverseMatch, clear_url_caches, include, path, reverse

    from kofst.accounts.models import User
    from members.models import Person

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # flushes GIN pending lists, fresh statistics
        cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
        ctype = cursor.fetchone()[0]
    print(f"people_{size}: {Person.objects.count()}")
    # Other work on the machine slows every figure; say how busy it was.
    print(f"load_average_{size}: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"lc_ctype_{size}: {ctype}")

    # Production serves hashed static names from collectstatic's manifest; the bench has
    # no collectstatic, so it names the files plainly (a dictionary lookup either way).
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()

    # A trivial view on the same middleware stack, for the requests-per-second comparison.
    urlconf = types.ModuleType("bench_roster_urls")
    urlconf.urlpatterns = [  # type: ignore[attr-defined]
        path("bench/trivial/", lambda request: HttpResponse("ok"), name="bench_trivial"),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules[urlconf.__name__] = urlconf
    settings.ROOT_URLCONF = urlconf.__name__
    clear_url_caches()

    user = User.objects.get(email="hq@demo.kofst.example")
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)

    try:
        roster_url = reverse("members:roster")
    except NoReverseMatch:
        roster_url = None
        print("roster_page: missing (measuring the equivalent query)")

    def roster(term: str) -> None:
        params = {"q": term, "status": "active", "sort": "name_latin"}
        if roster_url is None:
            _equivalent_query(term)
            return
        response = client.get(roster_url, params, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"roster answered {response.status_code} for {term!r}")

    results: dict[str, float] = {}
    everything: list[float] = []
    for kind, terms in TERMS.items():
        for term in terms:  # warm up: connections, caches, plans
            roster(term)
        samples = []
        for _ in range(ROUNDS):
            for term in terms:
                started = time.perf_counter()
                roster(term)
                samples.append((time.perf_counter() - started) * 1000)
        results[kind] = _p95(samples)
        everything += samples
        print(f"p95_ms_{kind}_{size}: {results[kind]:.1f}")
        print(f"median_ms_{kind}_{size}: {statistics.median(samples):.1f}")
    results["all"] = _p95(everything)
    print(f"p95_ms_all_{size}: {results['all']:.1f}")

    # Requests per second, one client after the other, for the same time each.
    mixed = [term for terms in TERMS.values() for term in terms]
    roster_rps = _rate(lambda i: roster(mixed[i % len(mixed)]))
    trivial_rps = _rate(lambda i: client.get("/bench/trivial/", secure=True))
    # The ceiling: the page's database work alone (the same selectors, no request, no HTML).
    queries_rps = _rate(lambda i: _roster_queries(user, mixed[i % len(mixed)]))
    print(f"rps_roster_{size}: {roster_rps:.1f}")
    print(f"rps_trivial_{size}: {trivial_rps:.1f}")
    print(f"rps_roster_share_of_trivial_{size}: {roster_rps / trivial_rps:.0%}")
    print(f"rps_roster_queries_only_{size}: {queries_rps:.1f}")
    print(f"rps_roster_queries_only_share_of_trivial_{size}: {queries_rps / trivial_rps:.0%}")

    # Which index the searches use: the page's own SQL, explained as it runs ("used"), and
    # the search condition alone with sequential scans switched off ("usable"). The planner
    # rightly scans the table for a term most people match (김: one person in five).
    for kind, terms in TERMS.items():
        used, usable, notes = 0, 0, []
        for term in terms:
            with CaptureQueriesContext(connection) as queries:
                roster(term)
            searched = [q["sql"] for q in queries.captured_queries if "search_" in q["sql"]]
            plans = [_plan(sql) for sql in searched]
            if any("_trgm" in plan for plan in plans):
                used += 1
            else:
                share = _match_share(term)
                notes.append(f"{term} not used: matches {share:.0%} of people")
            if "_trgm" in _plan(_person_search_sql(term), seqscan=False):
                usable += 1
        detail = f" ({'; '.join(notes)})" if notes else ""
        print(f"trigram_index_{kind}_{size}: used {used}/{len(terms)}{detail}")
        print(f"trigram_index_usable_{kind}_{size}: {usable}/{len(terms)}")
    print(json.dumps(results))


def _roster_queries(user, term: str) -> None:  # type: ignore[no-untyped-def]
    """The roster page's database work for ``term``: search, filter, sort, count, a page."""
    from django.conf import settings
    from django.http import QueryDict

    from members.filters import RosterFilter
    from members.selectors import roster_memberships, roster_result

    data = QueryDict(mutable=True)
    data.update({"q": term, "status": "active", "sort": "name_latin"})
    memberships = RosterFilter(data, queryset=roster_memberships(user=user), user=user).qs
    result = roster_result(memberships, searched=True)
    list(result.memberships[: settings.ROSTER_PAGE_SIZE])


def _plan(sql: str, *, seqscan: bool = True) -> str:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        if not seqscan:
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def _person_search(term: str):  # type: ignore[no-untyped-def]
    """People matching ``term`` the way the roster searches (its selector when present)."""
    from django.db.models import Q

    from members.models import Person
    from members.search import term_lookup

    try:
        from members.selectors import search_condition
    except ImportError:
        field, needle = term_lookup(term)
        return Person.objects.filter(Q(**{f"{field}__contains": needle}))
    return Person.objects.filter(search_condition(term))


def _person_search_sql(term: str) -> str:
    from django.db import connection

    sql, params = _person_search(term).values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        return cursor.mogrify(sql, params).decode()


def _match_share(term: str) -> float:
    from members.models import Person

    return _person_search(term).count() / Person.objects.count()


def _rate(request, seconds: float = RPS_SECONDS) -> float:
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        request(count)
        count += 1
    return count / (time.perf_counter() - started)


def _equivalent_query(term: str) -> None:
    """What the roster does, for when its page is not there: membership joined with person,
    the search, one filter, a sort, 50 rows and the count."""
    from members.models import Membership
    from members.search import term_lookup

    field, needle = term_lookup(term)
    rows = (
        Membership.objects.select_related("person", "association", "chapter")
        .filter(person__merged_into__isnull=True, **{f"person__{field}__contains": needle})
        .with_status_in(["active"])
        .order_by("person__family_name_latin", "person__given_name_latin", "id")
    )
    list(rows[:50])
    rows.count()


if __name__ == "__main__":
    main()
