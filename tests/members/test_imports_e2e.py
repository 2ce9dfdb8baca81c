"""In a real headless Chromium: upload a Korean Excel (CP949) roster, fix one column,
see the preview with its one bad row, download the error report, import the valid rows
and watch the progress bar finish."""

import pytest
from playwright.sync_api import expect

from members.models import Membership
from tests.members.imports_support import KOREAN_HEADERS, ROWS, csv_bytes
from tests.support.browser import sign_in as browser_sign_in

pytestmark = pytest.mark.e2e


def sign_in(page, client, live_server, user) -> None:
    browser_sign_in(page, client, live_server, user, warm_up="/manage/imports/")


def test_staff_imports_cp949_roster_with_one_bad_row(
    live_server, page, client, association, association_staff, tmp_path
):
    rows = [list(r) for r in ROWS]
    rows[2][KOREAN_HEADERS.index("가입일")] = "31/02/2021"
    upload = tmp_path / "회원명단.csv"
    upload.write_bytes(csv_bytes(KOREAN_HEADERS, rows, encoding="cp949"))
    sign_in(page, client, live_server, association_staff)

    page.goto(f"{live_server.url}/manage/imports/")
    page.get_by_role("link", name="Import a roster file").click()
    page.get_by_label("Roster file").set_input_files(str(upload))
    page.get_by_role("button", name="Upload and continue").click()

    expect(page.get_by_role("heading", name="Match the columns")).to_be_visible()
    expect(page.get_by_label("이메일")).to_have_value("email")
    expect(page.get_by_label("소속")).to_have_value("affiliation")
    page.get_by_label("전화번호").select_option("")  # one correction: leave the phone out
    page.get_by_role("button", name="Check the rows").click()

    # The dry run is a Celery job; under a loaded CI machine it may take a while.
    expect(page.locator("[data-count=new]")).to_have_text("2", timeout=60_000)
    expect(page.locator("[data-count=invalid]")).to_have_text("1")
    expect(page.locator("#import-errors")).to_contain_text(
        "Row 4, column 가입일: '31/02/2021' is not a date"
    )
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download these rows to fix them (XLSX)").click()
    assert download_info.value.suggested_filename.endswith("-errors.xlsx")

    page.get_by_label("Import the valid rows and give me the rest as a file").check()
    page.get_by_role("button", name="Import", exact=True).click()

    expect(page.locator("#import-outcome")).to_contain_text("Imported: 2 new", timeout=60_000)
    expect(page.locator("[data-count=invalid]")).to_have_text("1")
    assert Membership.objects.filter(association=association).count() == 2
