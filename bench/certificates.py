"""Certificate speed (issue: PDF certificates). Prints ``name: value`` lines.

    .venv/bin/python bench/certificates.py [--count 1000] [--workers 2]

1. End to end: a batch of N attendance certificates with Hangul names issued and rendered
   by a real Celery worker with 2 processes over Redis, each as its own PDF plus one ZIP
   and one merged PDF: certificates per second, from the staff request to the last file.
2. A single certificate on demand (first request: issue + render + store), median.
3. WeasyPrint rendering a bare one-page HTML in the same font, in the same run, and our
   per-certificate cost as a ratio to it (the machine's speed cancels out).
4. Sizes of the individual PDFs; the workers' peak memory; a rendering process's memory
   after 100 and after 1,000 certificates.
5. Glyph coverage: every name is checked against the fonts before rendering; the time
   that costs, and what happens to a name no font covers.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import uuid

from _setup import ROOT, figure, use_database

SYLLABLES = [chr(c) for c in range(0xAC00, 0xD7A4)]  # all 11,172, rare ones included
FAMILY = (
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민"
    "진나지엄채원천방공현함변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어"
    "은편용예경봉사부가복태목형피두감호제갈남궁선우황보"
)


def rss_mb(pid: int | str = "self", field: str = "VmRSS") -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def memory_probe(count: int) -> None:
    """Child process: render one certificate in it, cold (the fonts' maps and WeasyPrint
    not yet loaded: a web process's first), then ``count`` in chunks; print the cold
    render's seconds and the RSS at 100 and at the end."""
    from kofst.certificates import rendering

    rng = random.Random(7)
    design = rendering.DesignFiles(signer_1_name="이사장", signer_1_title="President")
    started = time.perf_counter()
    rendering.render_one(sample_printed(rng, -1), design)
    cold = time.perf_counter() - started
    at_100 = None
    done = 0
    while done < count:
        pages = [sample_printed(rng, done + i) for i in range(rendering.CHUNK_SIZE)]
        rendering.render_certificates(pages, design)
        done += rendering.CHUNK_SIZE
        if at_100 is None and done >= 100:
            at_100 = rss_mb()
    print(f"{cold} {at_100} {rss_mb()} {rss_mb(field='VmHWM')}")


def sample_printed(rng: random.Random, i: int) -> dict:
    name_ko = rng.choice(FAMILY) + rng.choice(SYLLABLES) + rng.choice(SYLLABLES)
    return {
        "holder_name_ko": name_ko,
        "holder_name_latin": f"Chul-soo Kim {i}",
        "title_ko": "참가 증명서",
        "title_en": "Certificate of Attendance",
        "certify_ko": "위 사람은",
        "certify_en": "This is to certify that",
        "statement_ko": "2026 한미과학기술학술대회(UKC 2026)에 참가하였음을 증명합니다.",
        "statement_en": "attended the US–Korea Conference 2026 (UKC 2026), Washington, DC.",
        "date_text": "2026년 8월 12일 – 15일 · August 12 – 15, 2026",
        "issuer_ko": "재미한인과학기술자협회",
        "issuer_en": "Korean-American Scientists and Engineers Association",
        "number": f"KOFST-2026-ATT-{i:06d}",
        "code_display": "ABCD-EFGH-JKMN",
        "verify_url": f"https://network.kofst.example/verify/ABCD-EFGH-{i:04d}/",
    }


def build_conference(count: int):
    """An association, a design and a conference with ``count`` checked-in attendees."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from associations.models import Association
    from conferences.models import Conference, ConferenceSeries, Registration, RegistrationCategory
    from kofst.certificates.models import CertificateDesign
    from members.models import Person

    rng = random.Random(2026)
    tag = uuid.uuid4().hex[:6]
    association, _ = Association.objects.get_or_create(
        code="bench-ksea",
        defaults={"name_en": "KSEA (bench)", "name_ko": "재미한인과학기술자협회", "country": "US"},
    )
    CertificateDesign.objects.get_or_create(
        association=association,
        subject_type=None,
        subject_id=None,
        defaults={"signer_1_name": "이사장 Lee", "signer_1_title": "President"},
    )
    series, _ = ConferenceSeries.objects.get_or_create(
        code="ukc", defaults={"name_en": "UKC", "name_ko": "한미과학기술학술대회"}
    )
    today = timezone.localdate()
    conference = Conference.objects.create(
        series=series,
        slug=f"ukc-bench-{tag}",
        year=today.year,
        title_en="US–Korea Conference 2026 (UKC 2026)",
        title_ko="2026 한미과학기술학술대회",
        venue="Hyatt Regency",
        city="Washington, DC",
        country="US",
        timezone="America/New_York",
        starts_on=today,
        ends_on=today + dt.timedelta(days=3),
        registration_opens_at=timezone.now() - dt.timedelta(days=30),
        registration_closes_at=timezone.now() - dt.timedelta(days=1),
        capacity=count,
        status="closed",
    )
    conference.organisers.set([association])
    category = RegistrationCategory.objects.create(
        conference=conference, name_en="Member", name_ko="회원", fee=Decimal("100"), currency="USD"
    )
    people = Person.objects.bulk_create(
        [
            Person(
                family_name_ko=rng.choice(FAMILY),
                given_name_ko=rng.choice(SYLLABLES) + rng.choice(SYLLABLES),
                family_name_latin="Kim",
                given_name_latin=f"Bench {i}",
                email=f"bench-{tag}-{i}@example.org",
            )
            for i in range(count)
        ]
    )
    now = timezone.now()
    Registration.objects.bulk_create(
        [
            Registration(
                conference=conference,
                person=person,
                category=category,
                status="confirmed",
                code=f"B{tag}{i:06d}"[:16],
                seat=i + 1,
                amount_due=Decimal("100"),
                currency="USD",
                confirmed_at=now,
                checked_in_at=now,
            )
            for i, person in enumerate(people)
        ]
    )
    return conference


def start_workers(processes: int, queue: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
    }
    log = open(ROOT / "var" / "bench-certificates-worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "kofst", "worker", "-Q", queue,
         "-c", str(processes), "-P", "prefork", "--without-gossip", "--without-mingle",
         "-l", os.environ.get("BENCH_WORKER_LOG_LEVEL", "warning")],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    from kofst.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.ping(destination=None, timeout=0.5):
            return worker
        time.sleep(0.5)
    raise RuntimeError("the Celery worker did not start")


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (load-independent work)."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def worker_children(worker: subprocess.Popen) -> list[int]:
    path = f"/proc/{worker.pid}/task/{worker.pid}/children"
    with open(path) as handle:
        return [int(pid) for pid in handle.read().split()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-probe", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.memory_probe:
        import django
        from django.conf import settings

        settings.configure(
            TEMPLATES=[
                {
                    "BACKEND": "django.template.backends.django.DjangoTemplates",
                    "DIRS": [str(ROOT / "templates")],
                }
            ],
            USE_I18N=False,
        )
        django.setup()
        memory_probe(args.memory_probe)
        return

    use_database("kofst_bench_certificates")
    queue = f"bench-certs-{uuid.uuid4().hex[:6]}"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
    from django.conf import settings

    from kofst.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue

    import weasyprint

    from kofst.certificates import fonts, rendering, services
    from kofst.certificates.models import Certificate, CertificateBatch

    figure("certificate_font", f"{fonts.PRIMARY} (fallback {fonts.FALLBACK})")
    conference = build_conference(args.count)
    people = [r.person for r in conference.registrations.select_related("person")]

    # 5. Coverage check of every name, as the batch does it.
    started = time.perf_counter()
    fallback = sum(1 for p in people if fonts.needs_fallback(p.name_ko + p.name_latin))
    figure("glyph_check_ms_per_name", 1000 * (time.perf_counter() - started) / len(people))
    figure("names_needing_fallback_font", fallback)
    try:
        fonts.runs("김𠀀수")
        figure("uncovered_name", "rendered (unexpected)")
    except fonts.MissingGlyphError as error:
        figure("uncovered_name", f"refused before rendering ({error.characters[0]!r})")

    # 3. The bare page and 2. one certificate on demand, in this process.
    bare_html = "<p style=\"font-family: 'NanumGothic'\">김철수 Kim Chul-soo</p>"
    weasyprint.HTML(string=bare_html).write_pdf(font_config=rendering._FONT_CONFIG)
    bare = []
    for _ in range(10):
        t = time.perf_counter()
        weasyprint.HTML(string=bare_html).write_pdf(font_config=rendering._FONT_CONFIG)
        bare.append(time.perf_counter() - t)
    single = []
    for person in people[:11]:
        t = time.perf_counter()
        certificate = services.certificate_issue(
            kind="attendance", subject=conference, person=person, actor=None
        )
        services.certificate_pdf(certificate=certificate)
        single.append(time.perf_counter() - t)
    single = single[1:]  # the first one warms the fonts up
    figure("bare_page_render_s", statistics.median(bare))
    figure("single_certificate_on_demand_s", statistics.median(single))
    figure(
        "single_certificate_vs_bare_page_ratio", statistics.median(single) / statistics.median(bare)
    )

    # 1. End to end through Celery with N worker processes.
    worker = start_workers(args.workers, queue)
    try:
        pids = [worker.pid, *worker_children(worker)]
        cpu_before = cpu_seconds(pids)
        parent_before = cpu_seconds(pids[:1])
        started = time.perf_counter()
        batch = services.batch_create(kind="attendance", subject=conference, actor=None)
        while True:
            batch.refresh_from_db()
            if batch.status in ("done", "failed"):
                break
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        cpu = cpu_seconds(pids) - cpu_before
        parent_cpu = cpu_seconds(pids[:1]) - parent_before
        peaks = [rss_mb(pid, "VmHWM") for pid in worker_children(worker)]
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    batch = CertificateBatch.objects.get(pk=batch.pk)
    figure("batch_status", batch.status)
    figure("batch_certificates", batch.total)
    figure("batch_worker_processes", args.workers)
    figure("batch_seconds", elapsed)
    figure("batch_certificates_per_second", batch.total / elapsed)
    # CPU time, unlike wall time, does not grow when other work shares the cores: what
    # the batch would take on idle cores is about this divided by the processes.
    figure("batch_worker_cpu_ms_per_certificate", 1000 * cpu / batch.total)
    # Of which the worker's main process (taking messages from Redis, handing them out).
    figure("batch_worker_main_process_cpu_ms_per_certificate", 1000 * parent_cpu / batch.total)
    figure("batch_worker_cpu_vs_bare_page_ratio", (cpu / batch.total) / statistics.median(bare))
    with open("/proc/loadavg") as loadavg:
        figure("load_average", loadavg.read().split()[0])
    figure(
        "batch_per_certificate_vs_bare_page_ratio",
        (elapsed * args.workers / batch.total) / statistics.median(bare),
    )
    sizes = list(
        Certificate.objects.filter(subject_id=conference.pk, kind="attendance").values_list(
            "file_size", flat=True
        )
    )
    figure("pdf_size_max_kb", max(sizes) / 1024)
    figure("pdf_size_median_kb", statistics.median(sizes) / 1024)
    figure("merged_pdf_mb", batch.merged_file.size / 1024 / 1024)
    figure("worker_peak_rss_mb", max(peaks) if peaks else "n/a")

    # 4. Memory growth of one rendering process, 100 vs 1,000 certificates.
    probe = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--memory-probe", "1000"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    cold, at_100, at_1000, peak = (float(v) for v in probe.stdout.split()[-4:])
    figure("single_certificate_render_cold_process_s", cold)
    figure("render_rss_after_100_mb", at_100)
    figure("render_rss_after_1000_mb", at_1000)
    figure("render_rss_growth_100_to_1000_mb", at_1000 - at_100)
    figure("render_peak_rss_mb", peak)


if __name__ == "__main__":
    main()
