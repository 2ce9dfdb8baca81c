"""What an import does to people and memberships: matching, all or nothing, re-imports,
values in either language, and the round trip through the export."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from kofst.common.models import AuditEntry
from members.imports.enums import FileFormat
from members.imports.files import write_table
from members.imports.messages import FileProblem
from members.imports.resources import RosterResource
from members.imports.services import roster_import
from members.models import Membership, Person
from tests.factories import ChapterFactory
from tests.factories.roster import make_member
from tests.members.imports_support import (
    ENGLISH_HEADERS,
    KOREAN_HEADERS,
    ROWS,
    csv_bytes,
    json_bytes,
    xlsx_bytes,
)


def _import(association, actor, data, **kwargs):
    return roster_import(
        association=association, data=data, filename="roster.csv", actor=actor, **kwargs
    )


def _people() -> list[tuple]:
    return list(
        Person.objects.order_by("email").values_list(
            "email",
            "family_name_ko",
            "given_name_ko",
            "family_name_latin",
            "given_name_latin",
            "phone",
            "affiliation",
            "country",
        )
    )


def _memberships() -> list[tuple]:
    return list(
        Membership.objects.order_by("member_number").values_list(
            "association__code", "member_number", "person__email", "type", "joined_on"
        )
    )


def test_roster_import_creates_people_and_memberships(association, hq_user):
    outcome = _import(association, hq_user, csv_bytes(KOREAN_HEADERS, ROWS, encoding="cp949"))

    assert outcome.totals["new"] == 3 and outcome.totals["invalid"] == 0
    assert _people() == [
        ("chulsoo.kim@example.org", "김", "철수", "Kim", "Chul-soo", "+1-703-555-0101",
         "MIT", "US"),
        ("min.namgung@example.org", "남궁", "민", "Namgung", "Min", "+82-10-1234-5678",
         "서울대학교", "KR"),
        ("younghee.lee@example.org", "이", "영희", "Kim", "Young Hee", "-",
         "Stanford University", "US"),
    ]  # fmt: skip
    assert _memberships() == [
        ("ksea", "K-001", "chulsoo.kim@example.org", "regular", dt.date(2019, 3, 5)),
        ("ksea", "K-002", "min.namgung@example.org", "student", dt.date(2020, 7, 1)),
        ("ksea", "K-003", "younghee.lee@example.org", "life", dt.date(2018, 11, 30)),
    ]


def test_roster_import_fills_search_fields_and_history(association, hq_user):
    _import(association, hq_user, csv_bytes(KOREAN_HEADERS, ROWS))

    person = Person.objects.get(email="min.namgung@example.org")
    assert "남궁민" in person.search_text and "k-002" in person.search_text
    assert "궁민#" in person.search_grams
    actions = sorted(AuditEntry.objects.values_list("action", flat=True))
    assert actions == ["membership.import_create"] * 3 + ["roster.import"]
    assert set(AuditEntry.objects.values_list("association_id", flat=True)) == {association.pk}


def test_roster_import_stores_tabs_newlines_and_backslashes_as_written(association, hq_user):
    headers = ["회원번호", "한글 성", "한글 이름", "영문 성", "영문 이름", "이메일", "소속", "직위"]
    rows = [["K-9", "남궁", "민", "Namgung", "Min", "m@example.org", "Lab\\B\tC", "Line 1\nLine 2"]]

    _import(association, hq_user, csv_bytes(headers, rows, delimiter=";"))

    person = Person.objects.get()
    assert (person.family_name_ko, person.given_name_ko) == ("남궁", "민")
    assert (person.family_name_latin, person.given_name_latin) == ("Namgung", "Min")
    assert (person.affiliation, person.position) == ("Lab\\B\tC", "Line 1\nLine 2")
    assert (person.birth_year, person.preferred_language, person.user_id) == (None, "en", None)
    entry = AuditEntry.objects.get(action="membership.import_create")
    assert (entry.person_id, entry.subject_id, entry.changes) == (
        person.pk,
        Membership.objects.get().pk,
        {},
    )


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(csv_bytes(KOREAN_HEADERS, ROWS), id="utf-8"),
        pytest.param(csv_bytes(KOREAN_HEADERS, ROWS, encoding="utf-8-sig"), id="utf-8-bom"),
        pytest.param(csv_bytes(KOREAN_HEADERS, ROWS, encoding="cp949"), id="cp949"),
        pytest.param(csv_bytes(KOREAN_HEADERS, ROWS, delimiter=";"), id="semicolon"),
        pytest.param(csv_bytes(KOREAN_HEADERS, ROWS, delimiter="\t"), id="tab"),
        pytest.param(xlsx_bytes(ENGLISH_HEADERS, ROWS), id="xlsx-english"),
        pytest.param(json_bytes(ENGLISH_HEADERS, ROWS), id="json-english"),
    ],
)
def test_roster_import_every_format_imports_identically(association, hq_user, data):
    _import(association, hq_user, csv_bytes(KOREAN_HEADERS, ROWS, encoding="cp949"))
    expected = (_people(), _memberships())
    Membership.objects.all().delete()
    Person.objects.all().delete()

    outcome = _import(association, hq_user, data)

    assert outcome.totals["new"] == 3
    assert (_people(), _memberships()) == expected


def test_roster_import_same_file_again_changes_nothing(association, hq_user):
    data = csv_bytes(KOREAN_HEADERS, ROWS, encoding="cp949")
    _import(association, hq_user, data)
    before = list(Person.objects.order_by("pk").values_list("pk", "updated_at"))

    outcome = _import(association, hq_user, data)

    assert outcome.totals["skip"] == 3
    assert (outcome.totals["new"], outcome.totals["update"]) == (0, 0)
    assert list(Person.objects.order_by("pk").values_list("pk", "updated_at")) == before
    assert Membership.objects.count() == 3


def test_roster_import_malformed_row_writes_nothing_and_says_where(association, hq_user):
    rows = [list(r) for r in ROWS] + [
        ["K-004", "박지성", "Ji-sung Park", "js@example.org", "", "", "", "31/02/2021", ""]
    ]
    headers = [*KOREAN_HEADERS[:7], "Join Date", KOREAN_HEADERS[8]]

    outcome = _import(association, hq_user, csv_bytes(headers, rows))

    assert not outcome.written
    assert Person.objects.count() == 0 and Membership.objects.count() == 0
    assert [(r.number, r.error_dict) for r in outcome.result.invalid_rows] == [
        (5, {"Join Date": ["'31/02/2021' is not a date"]})
    ]
    assert outcome.totals["new"] == 3 and outcome.totals["invalid"] == 1


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("이메일", "not-an-email", "'not-an-email' is not an email address"),
        ("회원 구분", "VIP회원", "'VIP회원' is not a membership type"),
        ("국가", "Atlantis", "'Atlantis' is not a country we know"),
        ("가입일", "yesterday", "'yesterday' is not a date"),
    ],
)
def test_roster_import_bad_values_are_explained(association, hq_user, column, value, message):
    rows = [list(r) for r in ROWS]
    rows[1][KOREAN_HEADERS.index(column)] = value

    outcome = _import(association, hq_user, csv_bytes(KOREAN_HEADERS, rows))

    (invalid,) = outcome.result.invalid_rows
    assert invalid.number == 3
    assert invalid.error_dict[column][0].startswith(message)
    assert Person.objects.count() == 0


def test_roster_import_duplicate_email_in_file_names_both_rows(association, hq_user):
    rows = [list(r) for r in ROWS]
    rows[2][3] = "CHULSOO.KIM@example.org"

    outcome = _import(association, hq_user, csv_bytes(KOREAN_HEADERS, rows))

    errors = {r.number: r.error_dict["이메일"] for r in outcome.result.invalid_rows}
    assert errors == {
        2: ["the email address 'chulsoo.kim@example.org' is also in row 4"],
        4: ["the email address 'CHULSOO.KIM@example.org' is also in row 2"],
    }
    assert Person.objects.count() == 0


def test_roster_import_valid_only_imports_the_rest_and_returns_the_bad_rows(association, hq_user):
    rows = [list(r) for r in ROWS]
    rows[0][7] = "2021-13-45"

    outcome = _import(association, hq_user, csv_bytes(KOREAN_HEADERS, rows), valid_only=True)

    assert outcome.written
    assert sorted(Membership.objects.values_list("member_number", flat=True)) == ["K-002", "K-003"]
    failed = outcome.result.failed_dataset
    assert failed.headers == [*KOREAN_HEADERS, "Error"]
    assert [row[0] for row in failed] == ["K-001"]
    assert failed[0][-1] == "가입일: '2021-13-45' is not a date"


def test_roster_import_matches_email_ignoring_case_and_updates(association, hq_user):
    existing = make_member(
        association,
        email="ChulSoo.Kim@Example.org",
        affiliation="Old University",
        membership={"member_number": "K-001"},
    )

    outcome = _import(association, hq_user, csv_bytes(KOREAN_HEADERS, ROWS[:1]))

    assert (outcome.totals["new"], outcome.totals["update"]) == (0, 1)
    existing.person.refresh_from_db()
    assert existing.person.affiliation == "MIT"
    assert existing.person.email == "ChulSoo.Kim@Example.org"  # same address, kept as typed
    assert Person.objects.count() == 1
    entry = AuditEntry.objects.get(action="membership.import_update")
    assert entry.changes["affiliation"] == ["Old University", "MIT"]


def test_roster_import_matches_member_number_without_email(association, hq_user):
    existing = make_member(association, email=None, membership={"member_number": "K-002"})
    rows = [list(ROWS[1])]
    rows[0][3] = ""

    outcome = _import(association, hq_user, csv_bytes(KOREAN_HEADERS, rows))

    assert outcome.totals["update"] == 1
    existing.person.refresh_from_db()
    assert (existing.person.family_name_ko, existing.person.given_name_ko) == ("남궁", "민")


def test_roster_import_person_of_another_association_gets_a_membership(
    association, other_association, hq_user
):
    elsewhere = make_member(
        other_association, email="chulsoo.kim@example.org", membership={"member_number": "V-9"}
    )

    outcome = _import(association, hq_user, csv_bytes(KOREAN_HEADERS, ROWS[:1]))

    assert outcome.totals["new"] == 1
    assert Person.objects.count() == 1
    numbers = set(elsewhere.person.memberships.values_list("member_number", flat=True))
    assert numbers == {"V-9", "K-001"}
    elsewhere.person.refresh_from_db()
    assert "v-9" in elsewhere.person.search_text and "k-001" in elsewhere.person.search_text


def test_roster_import_member_number_of_someone_else_is_an_error(association, hq_user):
    make_member(association, email="someone@example.org", membership={"member_number": "K-001"})
    make_member(association, email="chulsoo.kim@example.org", membership={"member_number": "K-9"})

    outcome = _import(association, hq_user, csv_bytes(KOREAN_HEADERS, ROWS[:1]))

    (invalid,) = outcome.result.invalid_rows
    assert "belongs to" in invalid.error_dict["회원번호"][0]
    assert Membership.objects.filter(member_number="K-9").exists()


def test_roster_import_korean_and_english_values(association, hq_user):
    ChapterFactory(association=association, name_en="Washington DC", name_ko="워싱턴")
    headers = [
        "Email",
        "Name",
        "Member number",
        "분야",
        "Country",
        "회원 구분",
        "지부",
        "Newsletter",
        "가입일",
    ]
    rows = [
        ["a@example.org", "김하나", "1", "물리학", "대한민국", "명예회원", "워싱턴", "예",
         "2021년 3월 5일"],
        ["b@example.org", "Hana Lee", "2", "Chemistry", "Germany", "Associate", "washington dc",
         "no", "44256"],
        ["c@example.org", "Ana Park", "3", "computer_science", "US", "준회원", "", "O",
         "20210305"],
    ]  # fmt: skip

    outcome = _import(association, hq_user, csv_bytes(headers, rows))

    assert outcome.totals["new"] == 3, outcome.result.invalid_rows
    got = list(
        Membership.objects.order_by("member_number").values_list(
            "person__field", "person__country", "type", "chapter__name_en",
            "person__consent_newsletter", "joined_on",
        )
    )  # fmt: skip
    march = dt.date(2021, 3, 5)
    assert got == [
        ("physics", "KR", "honorary", "Washington DC", True, march),
        ("chemistry", "DE", "associate", "Washington DC", False, dt.date(2021, 3, 1)),
        ("computer_science", "US", "associate", None, True, march),
    ]


def test_roster_import_ambiguous_dates_follow_the_column_then_the_country(
    association, other_association, hq_user
):
    headers = ["Email", "Member number", "Name", "Joined"]
    rows = [["a@example.org", "1", "Kim Ana", "03/04/2021"]]
    other_association.country = "DE"
    other_association.save()

    _import(association, hq_user, csv_bytes(headers, rows))  # KSEA: US, month first
    _import(other_association, hq_user, csv_bytes(headers, rows))  # Germany: day first
    joined = dict(Membership.objects.values_list("association__code", "joined_on"))
    Membership.objects.filter(association=association).delete()
    with_day_over_12 = [*rows, ["b@example.org", "2", "Lee Bo", "25/12/2020"]]
    _import(association, hq_user, csv_bytes(headers, with_day_over_12))

    assert joined == {"ksea": dt.date(2021, 3, 4), "vekni": dt.date(2021, 4, 3)}
    # The column has 25/12/2020, so all of it is day first, even in the US.
    first = Membership.objects.get(association=association, member_number="1")
    assert first.joined_on == dt.date(2021, 4, 3)


def test_roster_import_new_member_without_number_or_name_is_explained(association, hq_user):
    headers = ["Email", "Member number", "Name"]
    rows = [["a@example.org", "", "Kim Ana"], ["b@example.org", "7", ""]]

    outcome = _import(association, hq_user, csv_bytes(headers, rows))

    assert {r.number: r.error_dict for r in outcome.result.invalid_rows} == {
        2: {"Member number": ["a new member needs a member number"]},
        3: {"Name": ["a new person needs a name"]},
    }


def test_roster_import_without_identity_column_is_refused(association, hq_user):
    with pytest.raises(FileProblem) as problem:
        _import(association, hq_user, csv_bytes(["Name", "City"], [["Kim", "Seoul"]]))

    assert problem.value.code == "no_identity_column"


def test_roster_import_staff_cannot_import_into_another_association(
    association, other_association, association_staff
):
    with pytest.raises(PermissionDenied):
        _import(other_association, association_staff, csv_bytes(KOREAN_HEADERS, ROWS))

    assert Person.objects.count() == 0


def _export(file_format: str) -> bytes:
    dataset = RosterResource().export(Membership.objects.order_by("member_number"))
    return write_table(dataset.headers, dataset, file_format)


@pytest.mark.parametrize("file_format", [FileFormat.CSV, FileFormat.XLSX, FileFormat.JSON])
def test_roster_export_reimports_with_no_changes(association, hq_user, file_format):
    ChapterFactory(association=association, name_en="Boston", name_ko="보스턴")
    rows = [list(r) + ["Boston"] for r in ROWS]
    _import(association, hq_user, csv_bytes([*KOREAN_HEADERS, "지부"], rows))
    Person.objects.filter(email="min.namgung@example.org").update(
        languages="ko, en", consent_directory=True, birth_year=1990, keywords="=HYPERLINK(1)"
    )

    outcome = _import(association, hq_user, _export(file_format))

    assert outcome.totals["skip"] == 3, (outcome.totals, outcome.result.invalid_rows)


@pytest.mark.parametrize("file_format", [FileFormat.CSV, FileFormat.JSON])
def test_roster_export_import_export_is_byte_identical(association, hq_user, file_format):
    _import(association, hq_user, csv_bytes(KOREAN_HEADERS, ROWS))
    first = _export(file_format)

    _import(association, hq_user, first)

    assert _export(file_format) == first


def test_roster_export_neutralises_formulas_and_keeps_phone_numbers(association, hq_user):
    _import(association, hq_user, csv_bytes(KOREAN_HEADERS, ROWS))
    Person.objects.filter(email="chulsoo.kim@example.org").update(
        affiliation='=HYPERLINK("http://evil.example","click")', city="@SUM(A1)"
    )

    text = _export(FileFormat.CSV).decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(_export(FileFormat.XLSX))).active

    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    assert "'+82-10-1234-5678" in text and ",'-," in text
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet["J2"].value == '\'=HYPERLINK("http://evil.example","click")'
    outcome = _import(association, hq_user, _export(FileFormat.CSV))
    assert outcome.totals["skip"] == 3
    person = Person.objects.get(email="chulsoo.kim@example.org")
    assert person.affiliation == '=HYPERLINK("http://evil.example","click")'


def test_roster_export_xlsx_drops_control_characters(association, hq_user):
    _import(association, hq_user, csv_bytes(KOREAN_HEADERS, ROWS))
    Person.objects.filter(email="chulsoo.kim@example.org").update(city="Bos\x1fton")

    sheet = load_workbook(io.BytesIO(_export(FileFormat.XLSX))).active

    assert sheet["I2"].value == "Boston"
