"""Bulk mail (issue 4): a campaign to every member through real Celery workers and Redis.

    .venv/bin/python bench/mail.py                    # 18,895 members, 2 worker processes
    .venv/bin/python bench/mail.py --members 5000 --rate-check 0

In a PostgreSQL database of its own (``kofst_bench_mail``; members are made on the first
run), with a local SMTP sink (aiosmtpd, counting what it accepts) in this process:

1. a plain ``smtplib`` loop sends messages of the same size over one connection to the
   sink: the yardstick;
2. two Celery worker processes (prefork, concurrency 2) against Redis, rate limit off;
   a campaign to every member is sent as staff would: the time until its rows are built
   and queued, then messages per second until the last one is marked sent;
3. (``--rate-check N``) with the rate limit at N/s, a smaller campaign: the rate reached
   by the two workers together.

Every figure is printed as ``name: value``.
"""

import argparse
import os
import smtplib
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

QUEUE = f"bench-mail-{os.getpid()}"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
os.environ["CELERY_TASK_DEFAULT_QUEUE"] = QUEUE
os.environ.setdefault("LOG_LEVEL", "WARNING")

from _setup import figure, use_database  # noqa: E402

DATABASE = "kofst_bench_mail"


class Sink:
    """An SMTP server that accepts and counts (the message is not parsed)."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        from tests.support.smtp import free_port

        self.count = 0
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's API)
        with self.lock:
            self.count += 1
        return "250 2.0.0 Ok: queued"

    def __enter__(self) -> "Sink":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:  # type: ignore[no-untyped-def]
        self.controller.stop()


def ensure_members(total: int) -> None:
    """18 associations and ``total`` people with a membership each (made once)."""
    import datetime as dt
    import random

    from associations.models import Association
    from members.models import Membership, Person

    if Person.objects.filter(email__endswith="@bench-mail.example").count() >= total:
        return
    Membership.objects.filter(association__code__startswith="bm").delete()
    Person.objects.filter(email__endswith="@bench-mail.example").delete()
    associations = [
        Association.objects.get_or_create(
            code=f"bm{n:02d}",
            defaults={
                "name_en": f"Bench Association {n}",
                "name_ko": f"벤치 협회 {n}",
                "country": "US",
            },
        )[0]
        for n in range(18)
    ]
    rng = random.Random(4)
    family = ["김", "이", "박", "최", "정", "강", "조", "윤"]
    given = ["민수", "서연", "지훈", "하은", "도윤", "수아", "예준", "지우"]
    people = Person.objects.bulk_create(
        [
            Person(
                family_name_latin="Kim",
                given_name_latin=f"Member{n}",
                family_name_ko=rng.choice(family),
                given_name_ko=rng.choice(given),
                email=f"m{n}@bench-mail.example",
                preferred_language=rng.choice(["ko", "en"]),
                consent_newsletter=True,
                country="US",
            )
            for n in range(total)
        ],
        batch_size=2000,
    )
    today = dt.date.today()
    Membership.objects.bulk_create(
        [
            Membership(
                person=person,
                association=associations[n % 18],
                member_number=f"BM{n:06d}",
                joined_on=today - dt.timedelta(days=400),
                expires_on=today + dt.timedelta(days=rng.randint(1, 365)),
            )
            for n, person in enumerate(people)
        ],
        batch_size=2000,
    )


def smtplib_rate(port: int, count: int, size: int) -> float:
    """Messages per second of a plain loop over one connection."""
    body = ("x" * 76 + "\r\n") * max(1, size // 78)
    data = (
        "From: KOFST <noreply@kofst.example>\r\nTo: m@bench-mail.example\r\n"
        f"Subject: Hello\r\nMessage-ID: <{uuid.uuid4().hex}@kofst.example>\r\n\r\n{body}"
    ).encode()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        start = time.perf_counter()
        for n in range(count):
            smtp.sendmail("noreply@kofst.example", [f"m{n}@bench-mail.example"], data)
        return count / (time.perf_counter() - start)


def start_workers(port: int, *, rate: float) -> subprocess.Popen:
    env = {
        **os.environ,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_USE_SSL": "false",
        "MAIL_RATE_PER_SECOND": str(rate),
        "MAIL_SENDERS": "2",
    }
    log = (ROOT / "var" / f"{QUEUE}.log").open("w")
    process = subprocess.Popen(  # noqa: S603  (our own interpreter and module)
        [
            sys.executable, "-m", "celery", "-A", "kofst", "worker", "-Q", QUEUE,
            "-n", f"{QUEUE}@%h", "-c", "2", "-P", "prefork", "--without-gossip",
            "--without-mingle", "-l", "warning",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    from kofst.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.ping(destination=[f"{QUEUE}@{os.uname().nodename}"], timeout=0.5):
            return process
    process.kill()
    raise RuntimeError("The Celery workers did not start.")


def stop_workers(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def run_campaign(actor, *, association=None, timeout: float = 1800) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """Send a campaign now; (seconds until built and queued, seconds until all sent, sent)."""
    from kofst.mail.enums import CampaignState, MessageState
    from kofst.mail.models import Campaign
    from kofst.mail.services.campaigns import campaign_create, campaign_send

    campaign = campaign_create(
        actor=actor,
        association=association,
        name=f"Bench {uuid.uuid4().hex[:6]}",
        subject_en="News for {{ name }} from {{ association }}",
        body_en=(
            "Dear {{ name }},\n\nYour membership ({{ member_number }}) runs until "
            "{{ expiry_date }}. Your page: {{ personal_link }}\n\n" + "Lorem ipsum. " * 60
        ),
        subject_ko="{{ association }}에서 {{ name }} 님께",
        body_ko="{{ name }} 님,\n\n회원번호 {{ member_number }}, 만료일 {{ expiry_date }}.\n\n"
        + "가나다라마바사. " * 60,
        newsletter=False,
    )
    start = time.perf_counter()
    campaign_send(campaign=campaign, actor=actor)
    built_at = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = Campaign.objects.values_list("state", flat=True).get(pk=campaign.pk)
        if built_at is None and state != CampaignState.BUILDING:
            built_at = time.perf_counter()
        if state == CampaignState.DONE:
            break
        time.sleep(0.05)
    else:
        raise RuntimeError(f"The campaign did not finish in {timeout} s.")
    done_at = time.perf_counter()
    sent = campaign.messages.filter(state=MessageState.SENT).count()
    return built_at - start, done_at - built_at, sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=18_895)
    parser.add_argument("--baseline", type=int, default=5000, help="messages of the smtplib loop")
    parser.add_argument("--rate-check", type=float, default=100, help="0 to skip")
    args = parser.parse_args()

    use_database(DATABASE, redis_db=11)
    from django.db import connection

    from kofst.accounts.models import User
    from kofst.mail.models import Campaign, Message, MessageEvent, Unsubscription

    ensure_members(args.members)
    with connection.cursor() as cursor:  # a clean outbox (TRUNCATE leaves no dead rows)
        tables = [model._meta.db_table for model in (MessageEvent, Message, Campaign)]
        cursor.execute(f"TRUNCATE {', '.join(tables)}, {Unsubscription._meta.db_table}")
    actor, _ = User.objects.get_or_create(email="bench-mail@kofst.example", is_hq_staff=True)

    with Sink() as sink:
        baseline = smtplib_rate(sink.port, args.baseline, size=2500)
        figure("mail_smtplib_loop_messages_per_second", baseline)
        workers = start_workers(sink.port, rate=0)
        try:
            sink.count = 0
            build, send, sent = run_campaign(actor)
        finally:
            stop_workers(workers)
        rate = sent / send
        figure("mail_campaign_recipients", sent)
        figure("mail_campaign_build_and_queue_seconds", build)
        figure("mail_campaign_send_seconds", send)
        figure("mail_outbox_messages_per_second_2_workers", rate)
        figure("mail_outbox_vs_smtplib_loop", rate / baseline)
        figure("mail_sink_received", sink.count)
        if args.rate_check:
            from associations.models import Association

            workers = start_workers(sink.port, rate=args.rate_check)
            try:
                small = Association.objects.get(code="bm00")
                _, send, sent = run_campaign(actor, association=small)
            finally:
                stop_workers(workers)
            figure("mail_rate_limit_setting_per_second", args.rate_check)
            figure("mail_rate_limited_messages_per_second", sent / send)


if __name__ == "__main__":
    main()
