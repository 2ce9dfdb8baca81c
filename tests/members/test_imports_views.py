"""The import pages: upload, mapping, preview, confirm, result, error report, download;
who may see them; what a bad upload says."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from members.imports import services
from members.imports.models import ImportJob, SavedMapping
from members.models import Membership, Person
from tests.conftest import give_totp
from tests.factories import AssociationFactory, StaffRoleFactory
from tests.members.imports_support import KOREAN_HEADERS, ROWS, csv_bytes


def _upload(client, association, data: bytes, name: str = "roster.csv"):
    handle = io.BytesIO(data)
    handle.name = name
    return client.post(
        reverse("members:import_upload"), {"association": association.pk, "file": handle}
    )


def _bad_rows() -> list[list[str]]:
    rows = [list(r) for r in ROWS]
    rows[2][KOREAN_HEADERS.index("가입일")] = "31/02/2021"
    return rows


@pytest.fixture
def previewed_job(association, hq_user, django_capture_on_commit_callbacks):
    job = services.import_job_create(
        association=association,
        name="회원명단.csv",
        data=csv_bytes(KOREAN_HEADERS, _bad_rows(), encoding="cp949"),
        actor=hq_user,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.import_job_map(job=job, mapping=job.mapping, remember=False, actor=hq_user)
    job.refresh_from_db()
    assert job.status == "previewed"
    return job


def test_import_flow_upload_map_preview_confirm_result(
    client, association, association_staff, django_capture_on_commit_callbacks
):
    client.force_login(association_staff)

    response = _upload(
        client, association, csv_bytes(KOREAN_HEADERS, _bad_rows(), encoding="cp949")
    )
    job = ImportJob.objects.get()
    assert response.url == reverse("members:import_mapping", args=[job.pk])
    assert (job.encoding, job.file_format, job.total_rows) == ("cp949", "csv", 3)

    page = client.get(response.url)
    content = page.content.decode()
    assert '<option value="email" selected>' in content
    assert "chulsoo.kim@example.org" in content  # first values beside the column
    mapping = {f"col_{i}": job.mapping[h] for i, h in enumerate(job.headers)}
    mapping[f"col_{KOREAN_HEADERS.index('전화번호')}"] = ""  # one correction: skip the phone
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.request["PATH_INFO"], {**mapping, "remember": "on"})
    assert response.url == reverse("members:import_preview", args=[job.pk])

    preview = client.get(response.url).content.decode()
    assert Person.objects.count() == 0
    assert 'data-count="new">2<' in preview and 'data-count="invalid">1<' in preview
    assert "Row 4, column 가입일: &#x27;31/02/2021&#x27; is not a date" in preview
    assert SavedMapping.objects.get(association=association).columns["전화번호"] == ""

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:import_confirm", args=[job.pk]), {"mode": "valid"})
    assert response.url == reverse("members:import_result", args=[job.pk])
    result = client.get(response.url).content.decode()
    assert "Imported: 2 new, 0 updated, 0 unchanged." in result
    assert sorted(Membership.objects.values_list("member_number", flat=True)) == ["K-001", "K-002"]
    assert set(Person.objects.values_list("phone", flat=True)) == {""}


def test_import_error_report_can_be_fixed_and_uploaded_again(
    client, association, hq_user, previewed_job, django_capture_on_commit_callbacks
):
    client.force_login(hq_user)

    response = client.get(
        reverse("members:import_errors", args=[previewed_job.pk]), {"format": "xlsx"}
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Row in original file", "Errors", *KOREAN_HEADERS]
    assert rows[1][:3] == ["4", "가입일: '31/02/2021' is not a date", "K-003"]
    sheet["J2"] = "2021-02-28"  # fix the date
    fixed = io.BytesIO()
    sheet.parent.save(fixed)
    outcome = services.roster_import(
        association=association, data=fixed.getvalue(), filename="fixed.xlsx", actor=hq_user
    )
    assert outcome.totals["new"] == 1 and outcome.totals["invalid"] == 0


def test_import_error_report_csv_has_bom_and_the_problem(client, hq_user, previewed_job):
    client.force_login(hq_user)

    response = client.get(
        reverse("members:import_errors", args=[previewed_job.pk]), {"format": "csv"}
    )

    text = response.content.decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert text.startswith("\ufeffRow in original file,Errors,회원번호")
    assert "4,가입일: '31/02/2021' is not a date,K-003" in text


def test_import_all_or_nothing_with_a_bad_row_writes_nothing(
    client, hq_user, previewed_job, django_capture_on_commit_callbacks
):
    client.force_login(hq_user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:import_confirm", args=[previewed_job.pk]), {"mode": "all"})

    previewed_job.refresh_from_db()
    assert previewed_job.status == "rejected"
    assert Person.objects.count() == 0
    page = client.get(reverse("members:import_result", args=[previewed_job.pk])).content.decode()
    assert "Nothing was imported: 1 row is invalid" in page


def test_import_upload_oversized_file_is_refused_before_it_is_stored(
    client, association, hq_user, settings
):
    settings.ROSTER_IMPORT_MAX_BYTES = 2000
    client.force_login(hq_user)

    response = _upload(client, association, csv_bytes(KOREAN_HEADERS, ROWS * 40))

    assert "The file is larger than" in response.content.decode()
    assert ImportJob.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"\r\n\r\n", "The file is empty."),
        (bytes(range(256)) * 20, "This is not a file we can read"),
        (b"Email,Name\r\n", "The file has a header row but no rows."),
    ],
)
def test_import_upload_bad_file_says_why(client, association, hq_user, data, message):
    client.force_login(hq_user)

    response = _upload(client, association, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_import_upload_staff_cannot_choose_another_association(
    client, association_staff, other_association
):
    client.force_login(association_staff)

    response = _upload(client, other_association, csv_bytes(KOREAN_HEADERS, ROWS))

    assert "Select a valid choice" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_import_mapping_without_identity_column_is_explained(client, association, hq_user):
    client.force_login(hq_user)
    _upload(client, association, csv_bytes(KOREAN_HEADERS, ROWS))
    job = ImportJob.objects.get()
    url = reverse("members:import_mapping", args=[job.pk])

    response = client.post(url, {f"col_{i}": "" for i in range(len(job.headers))})

    assert "Map a column to Email or to Member number" in response.content.decode()
    job.refresh_from_db()
    assert job.status == "uploaded"


def test_import_progress_polls_while_working_then_redirects(client, association, hq_user):
    client.force_login(hq_user)
    _upload(client, association, csv_bytes(KOREAN_HEADERS, ROWS))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status="running", processed_rows=1, total_rows=3)
    url = reverse("members:import_progress", args=[job.pk])

    working = client.get(url, headers={"HX-Request": "true"})
    ImportJob.objects.filter(pk=job.pk).update(status="done", processed_rows=3)
    finished = client.get(url, headers={"HX-Request": "true"})

    assert 'value="33"' in working.content.decode()
    assert 'hx-trigger="load delay:1s"' in working.content.decode()
    assert finished["HX-Redirect"] == reverse("members:import_result", args=[job.pk])


def test_roster_download_formats_round_trip(client, association, hq_user):
    services.roster_import(
        association=association,
        data=csv_bytes(KOREAN_HEADERS, ROWS),
        filename="a.csv",
        actor=hq_user,
    )
    client.force_login(hq_user)

    for file_format in ("csv", "xlsx", "json"):
        response = client.get(reverse("members:roster_download"), {"format": file_format})
        assert response["Content-Disposition"].endswith(f'.{file_format}"')
        outcome = services.roster_import(
            association=association, data=response.content, filename="x", actor=hq_user
        )
        assert outcome.totals["skip"] == 3, (file_format, outcome.totals)


def test_roster_download_is_filtered_and_scoped(
    client, association, other_association, association_staff, hq_user
):
    services.roster_import(
        association=association,
        data=csv_bytes(KOREAN_HEADERS, ROWS),
        filename="a.csv",
        actor=hq_user,
    )
    services.roster_import(
        association=other_association,
        data=csv_bytes(
            KOREAN_HEADERS,
            [["V-1", "박보검", "Bo-gum Park", "bogum@example.org", "", "", "", "", ""]],
        ),
        filename="b.csv",
        actor=hq_user,
    )  # fmt: skip
    client.force_login(association_staff)

    everything = client.get(reverse("members:roster_download"), {"format": "csv"})
    searched = client.get(reverse("members:roster_download"), {"format": "csv", "q": "남궁"})

    text = everything.content.decode("utf-8-sig")
    assert "K-001" in text and "V-1" not in text
    assert searched.content.decode("utf-8-sig").count("\r\n") == 2  # header and 남궁민


@pytest.mark.parametrize("count", [1, 3])
def test_import_list_query_count(
    client, association, hq_user, count, django_assert_max_num_queries
):
    for _ in range(count):
        services.import_job_create(
            association=association,
            name="a.csv",
            data=csv_bytes(KOREAN_HEADERS, ROWS),
            actor=hq_user,
        )
    client.force_login(hq_user)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("members:import_list"))

    assert response.content.decode().count("data-import=") == count


# --- every role meets every URL ---------------------------------------------------------


def _urls(job) -> list[tuple[str, str, dict]]:
    return [
        ("get", reverse("members:import_list"), {}),
        ("get", reverse("members:import_upload"), {}),
        ("get", reverse("members:import_mapping", args=[job.pk]), {}),
        ("get", reverse("members:import_preview", args=[job.pk]), {}),
        ("get", reverse("members:import_progress", args=[job.pk]), {}),
        ("get", reverse("members:import_result", args=[job.pk]), {}),
        ("get", reverse("members:import_errors", args=[job.pk]), {}),
        ("get", reverse("members:roster_download"), {}),
        ("post", reverse("members:import_confirm", args=[job.pk]), {"mode": "valid"}),
        ("post", reverse("members:import_upload"), {}),
    ]


@pytest.mark.parametrize(
    "role",
    [
        "hq",
        "association_admin",
        "association_staff",
        "other_staff",
        "committee",
        "member",
        "anonymous",
    ],
)
def test_import_permission_matrix(client, users_by_role, previewed_job, role):
    if role == "other_staff":
        user = StaffRoleFactory(association=AssociationFactory(code="kosen")).user
        give_totp(user)
    else:
        user = users_by_role[role]
    if user is not None:
        client.force_login(user)

    for index, (method, url, data) in enumerate(_urls(previewed_job)):
        response = getattr(client, method)(url, data)
        job_url = str(previewed_job.pk) in url
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        elif role in ("committee", "member"):
            assert response.status_code == 403, url
        elif role == "other_staff" and job_url:
            assert response.status_code == 404, url
        else:
            assert response.status_code in (200, 302), (url, response.status_code)
            if method == "get" and response.status_code == 200 and index < 4:
                assert b"<main" in response.content
    if role in ("hq", "association_admin", "association_staff"):
        previewed_job.refresh_from_db()
        assert previewed_job.status in ("done", "queued", "running")


def test_import_upload_50_mb_file_is_refused_with_a_message(client, association, hq_user):
    client.force_login(hq_user)
    data = b"Email,Name\r\n" + b"someone@example.org,Kim Minsu\r\n" * (50 * 1024 * 1024 // 31)

    response = _upload(client, association, data)

    assert response.status_code == 200
    assert (
        "The file is larger than 20 MB. Split it into smaller files." in response.content.decode()
    )
    assert ImportJob.objects.count() == 0
