"""Registration under load (issue 6): never overbooked, nobody lost, one promotion per place.

    .venv/bin/python bench/register.py                  # 20 runs of 200 attempts for 50 places
    .venv/bin/python bench/register.py --runs 3 --workers 4

Against gunicorn (sync workers, production settings) on PostgreSQL (a database of its own,
``kofst_bench_register``), each run makes a new conference with ``--places`` places and
sends ``--attempts`` registration POSTs from as many signed-in scientists at the same
moment (one thread and one connection each, released by a barrier). It then checks the
database: exactly ``places`` confirmed, the rest on the waiting list, every attempt
answered with a redirect to its ticket, no duplicates. Next ``--cancellations`` of them
(half confirmed, half waiting) cancel at the same moment: every freed place must be given
to exactly one person from the waiting list, in order.

As a yardstick, the same 200 sessions then POST at once ``--trivial-runs`` times to a view
that only signs the user in and redirects (``bench/register_wsgi.py``): its p95 is the floor
this server reaches on this machine for any view, printed beside ours.

Emails go to the outbox and a Redis queue of the bench's own (no worker runs; the queue is
deleted at the end). Finally the number of queries of the registrant list (a page of 50)
and of the check-in lookup is counted for a small and a large conference.

Every figure is printed as ``name: value``.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

QUEUE = f"bench-register-{os.getpid()}"
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/7")
os.environ["REDIS_URL"] = REDIS
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
os.environ["CELERY_TASK_DEFAULT_QUEUE"] = QUEUE
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
# The sessions made here must be readable by the server: one key for both.
os.environ["SECRET_KEY"] = "bench-register-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105  (a bench on loopback)

from _setup import figure, use_database  # noqa: E402

DATABASE = "kofst_bench_register"
SERVER_ENV = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "KOFST_REQUIRE_2FA": "false",
    "LOG_LEVEL": "WARNING",
}
TRIVIAL = "/bench/trivial-post/"  # bench/register_wsgi.py
CSRF = "b" * 32  # an unmasked CSRF secret: the same value as cookie and header
UNUSABLE = "!"  # an unusable password hash: these accounts only get sessions


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- data ------------------------------------------------------------------------------


def prepare_people(count: int) -> list[dict]:
    """``count`` scientists with an account, a person and a session cookie each."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from kofst.accounts.models import User
    from members.models import Person

    emails = [f"bench.registrant{i:04d}@bench.kofst.example" for i in range(count)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create(
        [
            User(email=e, password=UNUSABLE, display_name=e.split("@")[0])
            for e in emails
            if e not in existing
        ]  # noqa: E501
    )
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    have_person = set(
        Person.objects.filter(user__in=users.values()).values_list("user__email", flat=True)
    )
    Person.objects.bulk_create(
        [
            Person(
                user=users[e], email=e, family_name_latin="Bench",
                given_name_latin=f"Registrant{i}", family_name_ko="김", given_name_ko="벤치",
            )
            for i, e in enumerate(emails)
            if e not in have_person
        ]
    )  # fmt: skip
    people = []
    for email in emails:
        user = users[email]
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        people.append({"user_id": user.pk, "session": session.session_key})
    return people


def new_conference(places: int, run: int):
    import datetime as dt

    from django.utils import timezone

    from associations.models import Association
    from conferences.models import Conference, ConferenceSeries, RegistrationCategory

    association, _ = Association.objects.get_or_create(
        code="bench", defaults={"name_en": "Bench", "name_ko": "벤치", "country": "US"}
    )
    series, _ = ConferenceSeries.objects.get_or_create(
        code="ukc", defaults={"name_en": "US–Korea Conference", "name_ko": "한미과학기술학술대회"}
    )
    now = timezone.now()
    conference = Conference.objects.create(
        series=series,
        slug=f"bench-{int(time.time() * 1000)}-{run}",
        year=2026,
        title_en=f"Bench run {run}",
        venue="Bench hall",
        city="Arlington",
        country="US",
        timezone="America/New_York",
        starts_on=now.date() + dt.timedelta(days=60),
        ends_on=now.date() + dt.timedelta(days=62),
        registration_opens_at=now - dt.timedelta(days=1),
        registration_closes_at=now + dt.timedelta(days=30),
        capacity=places,
        status="open",
    )
    conference.organisers.set([association])
    category = RegistrationCategory.objects.create(
        conference=conference, name_en="Regular", fee=100, currency="USD"
    )
    return conference, category


# --- load --------------------------------------------------------------------------------


def burst(port: int, requests: list[tuple[str, str, str]]) -> list[tuple[int, str, float]]:
    """POST every (path, session, body) at the same moment; (status, location, seconds)."""
    results: list = [None] * len(requests)
    barrier = threading.Barrier(len(requests))

    def one(index: int, path: str, session: str, body: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.connect()
        headers = {
            "Cookie": f"sessionid={session}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "Content-Type": "application/x-www-form-urlencoded",
            "Host": "127.0.0.1",
        }
        barrier.wait()
        started = time.perf_counter()
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            results[index] = (
                response.status,
                response.getheader("Location") or "",
                time.perf_counter() - started,
            )
        except OSError as error:
            results[index] = (0, repr(error), time.perf_counter() - started)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=one, args=(i, *request)) for i, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100)[94]


def run_once(port: int, people: list[dict], places: int, cancellations: int, run: int) -> dict:
    from django.db.models import Count

    from conferences.models import Registration
    from kofst.common.models import AuditEntry

    conference, category = new_conference(places, run)
    body = urllib.parse.urlencode({"category": category.pk})
    path = f"/conferences/{conference.slug}/register/"
    started = time.perf_counter()
    results = burst(port, [(path, p["session"], body) for p in people])
    wall = time.perf_counter() - started

    answered = sum(
        1 for status, location, _s in results if status == 302 and "/me/conferences/" in location
    )
    statuses = dict(
        Registration.objects.filter(conference=conference)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    duplicates = (
        Registration.objects.filter(conference=conference)
        .values("person_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    attempts = len(people)
    ok = (
        statuses.get("confirmed", 0) == places
        and statuses.get("waitlisted", 0) == attempts - places
        and answered == attempts
        and duplicates == 0
    )

    # Cancellations at once: half of them confirmed (freeing a place each), half waiting.
    confirmed = list(
        Registration.objects.filter(conference=conference, status="confirmed")
        .select_related("person")
        .order_by("?")[: cancellations // 2]
    )
    waiting = list(
        Registration.objects.filter(conference=conference, status="waitlisted").order_by(
            "waitlisted_at", "id"
        )
    )
    cancelled_waiting = waiting[-(cancellations - len(confirmed)) :]
    next_in_line = [r.pk for r in waiting if r not in cancelled_waiting][: len(confirmed)]
    session_of = {p["user_id"]: p["session"] for p in people}
    to_cancel = confirmed + cancelled_waiting
    requests = [
        (f"/me/conferences/{r.pk}/cancel/", session_of[r.person.user_id], "")
        for r in Registration.objects.filter(pk__in=[r.pk for r in to_cancel]).select_related(
            "person"
        )
    ]
    cancel_results = burst(port, requests)
    promoted = AuditEntry.objects.filter(
        action="conference.registration.promoted",
        subject_id__in=Registration.objects.filter(conference=conference).values("id"),
    ).count()
    now_confirmed = set(
        Registration.objects.filter(conference=conference, status="confirmed").values_list(
            "id", flat=True
        )
    )
    remaining_confirmed = {r.pk for r in confirmed} & now_confirmed
    cancel_ok = (
        all(status == 302 for status, _l, _s in cancel_results)
        and promoted == len(confirmed)
        and len(now_confirmed) == places
        and not remaining_confirmed
        and set(next_in_line) <= now_confirmed
    )
    return {
        "ok": ok,
        "cancel_ok": cancel_ok,
        "wall": wall,
        "latencies": [s for _st, _l, s in results],
        "cancel_latencies": [s for _st, _l, s in cancel_results],
        "statuses": statuses,
        "errors": attempts - answered,
        "promoted": promoted,
        "freed": len(confirmed),
    }


# --- queries per page ----------------------------------------------------------------------


def query_counts() -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from conferences import services
    from conferences.models import Conference, Registration
    from kofst.accounts.models import User

    hq, _ = User.objects.get_or_create(
        email="bench.hq@bench.kofst.example", defaults={"is_hq_staff": True}
    )
    client = Client()
    client.force_login(hq)
    big = Conference.objects.filter(slug__startswith="bench-").order_by("-id").first()
    small, category = new_conference(10, 999)
    for registration in Registration.objects.filter(conference=big)[:3]:
        services.registration_create(
            conference=small,
            person=registration.person,
            category=category,
            actor=hq,
            by_staff=True,
        )
    for label, conference in (("3", small), (str(big.registrations.count()), big)):
        url = f"/manage/conferences/{conference.slug}/registrations/"
        client.get(url)  # warm caches (content types, templates)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.status_code
        figure(f"registrant_list_queries_{label}_registrations", len(captured))
        code = Registration.objects.filter(conference=conference, status="confirmed").first().code
        with CaptureQueriesContext(connection) as captured:
            response = client.post(
                f"/manage/conferences/{conference.slug}/check-in/",
                {"code": code},
                HTTP_HX_REQUEST="true",
                HTTP_HOST="127.0.0.1",
            )
        assert response.status_code == 200, response.status_code
        figure(f"checkin_lookup_queries_{label}_registrations", len(captured))


# --- main --------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--attempts", type=int, default=200)
    parser.add_argument("--places", type=int, default=50)
    parser.add_argument("--cancellations", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--trivial-runs", type=int, default=5, help="bursts to the trivial view (the floor)"
    )
    args = parser.parse_args()

    use_database(DATABASE)
    people = prepare_people(args.attempts)
    port = free_port()
    env = {**os.environ, **SERVER_ENV}
    server = subprocess.Popen(  # noqa: S603  (our own interpreter's gunicorn)
        [
            str(Path(sys.executable).parent / "gunicorn"), "register_wsgi:application",
            "--pythonpath", str(ROOT / "bench"), "--workers",
            str(args.workers), "--bind", f"127.0.0.1:{port}", "--backlog", "2048",
            "--log-level", "warning", "--timeout", "120",
        ],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
                if connection.getresponse().status in (200, 503):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.3)
        # One warm-up run (imports, connections), not counted.
        run_once(port, people[: args.places + 5], args.places, 10, 0)

        runs = [
            run_once(port, people, args.places, args.cancellations, i + 1) for i in range(args.runs)
        ]
        # The floor: the same burst to a view that only signs the user in and redirects.
        trivial = [
            s
            for _ in range(args.trivial_runs)
            for _st, _l, s in burst(port, [(TRIVIAL, p["session"], "") for p in people])
        ]
    finally:
        server.terminate()
        server.wait(timeout=30)

    for i, result in enumerate(runs, start=1):
        print(
            f"run {i}: confirmed={result['statuses'].get('confirmed', 0)} "
            f"waitlisted={result['statuses'].get('waitlisted', 0)} errors={result['errors']} "
            f"promoted={result['promoted']}/{result['freed']} wall={result['wall']:.2f}s",
            flush=True,
        )
    latencies = [s for r in runs for s in r["latencies"]]
    cancel_latencies = [s for r in runs for s in r["cancel_latencies"]]
    figure("workers", args.workers)
    figure("runs", args.runs)
    figure("attempts_per_run", args.attempts)
    figure("places_per_run", args.places)
    figure("runs_exact", f"{sum(r['ok'] for r in runs)}/{len(runs)}")
    figure("overbooked_runs", sum(r["statuses"].get("confirmed", 0) > args.places for r in runs))
    figure("errors", sum(r["errors"] for r in runs))
    figure("registrations_per_second", args.attempts * len(runs) / sum(r["wall"] for r in runs))
    figure("register_latency_p50_ms", statistics.median(latencies) * 1000)
    figure("register_latency_p95_ms", p95(latencies) * 1000)
    figure("register_latency_max_ms", max(latencies) * 1000)
    if trivial:
        figure("trivial_post_latency_p95_ms", p95(trivial) * 1000)
        figure("register_p95_vs_trivial_post_p95", p95(latencies) / p95(trivial))
    figure("cancellation_runs_exact", f"{sum(r['cancel_ok'] for r in runs)}/{len(runs)}")
    figure("promotions_per_freed_place", sum(r["promoted"] for r in runs) / max(
        sum(r["freed"] for r in runs), 1))  # fmt: skip
    figure("cancel_latency_p95_ms", p95(cancel_latencies) * 1000)
    query_counts()
    try:
        import redis

        redis.Redis.from_url(REDIS).delete(QUEUE)
    except Exception as error:  # noqa: BLE001  (a leftover queue is harmless)
        print(f"note: could not delete the queue {QUEUE}: {error}")


if __name__ == "__main__":
    main()
