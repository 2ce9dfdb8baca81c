"""Guessing what a file's columns hold, and splitting names given as one field."""

import pytest

from members.imports.columns import guess_mapping, mapping_problem
from members.imports.names import split_name


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("E-mail", "email"),
        ("Email Address", "email"),
        ("이메일", "email"),
        ("전자우편", "email"),
        ("Name (Korean)", "name_ko"),
        ("한글 이름", "name_ko"),
        ("성명", "name"),
        ("Name (English)", "name_latin"),
        ("영문 성명", "name_latin"),
        ("Join Date", "joined_on"),
        ("가입일", "joined_on"),
        ("Membership Type", "type"),
        ("회원 구분", "type"),
        ("회원번호", "member_number"),
        ("Member No.", "member_number"),
        ("Organization", "affiliation"),
        ("소속", "affiliation"),
        ("휴대폰", "phone"),
        ("국가", "country"),
        ("만료일", "expires_on"),
        ("Home E-mail (work)", "email"),
        ("member_number", "member_number"),
        ("membership_type", "type"),
    ],
)
def test_guess_mapping_english_and_korean_headers(header, key):
    assert guess_mapping([header]) == {header: key}


def test_guess_mapping_unknown_and_report_columns_are_ignored():
    mapping = guess_mapping(["Errors", "Row in original file", "Favourite colour", "Email"])

    assert mapping == {
        "Errors": "",
        "Row in original file": "",
        "Favourite colour": "",
        "Email": "email",
    }


def test_guess_mapping_uses_each_column_once():
    assert guess_mapping(["Email", "E-mail"]) == {"Email": "email", "E-mail": ""}


def test_guess_mapping_korean_family_and_given_name_columns():
    assert guess_mapping(["성", "이름", "이메일"]) == {
        "성": "family_name_ko",
        "이름": "given_name_ko",
        "이메일": "email",
    }


def test_guess_mapping_hangul_and_latin_given_name_beside_family_name():
    headers = ["한글 성", "한글 이름", "영문 성", "영문 이름", "이메일"]

    assert guess_mapping(headers) == {
        "한글 성": "family_name_ko",
        "한글 이름": "given_name_ko",
        "영문 성": "family_name_latin",
        "영문 이름": "given_name_latin",
        "이메일": "email",
    }


def test_guess_mapping_saved_mapping_wins():
    saved = {"memberid": "member_number", "email": ""}

    mapping = guess_mapping(["Member ID", "Email", "Work email"], saved)

    assert mapping == {"Member ID": "member_number", "Email": "", "Work email": "email"}


def test_mapping_problem_without_email_or_member_number():
    assert mapping_problem({"Name": "name", "City": "city"}) == "no_identity_column"
    assert mapping_problem({"Name": "name", "ID": "member_number"}) is None


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("김철수", {"family_name_ko": "김", "given_name_ko": "철수"}),
        ("남궁민수", {"family_name_ko": "남궁", "given_name_ko": "민수"}),
        ("선우용녀", {"family_name_ko": "선우", "given_name_ko": "용녀"}),
        ("제갈성렬", {"family_name_ko": "제갈", "given_name_ko": "성렬"}),
        ("황보관", {"family_name_ko": "황보", "given_name_ko": "관"}),
        ("남궁", {"family_name_ko": "남", "given_name_ko": "궁"}),
        ("김 수한무", {"family_name_ko": "김", "given_name_ko": "수한무"}),
        ("Chul-soo Kim", {"family_name_latin": "Kim", "given_name_latin": "Chul-soo"}),
        ("KIM Chul Soo", {"family_name_latin": "Kim", "given_name_latin": "Chul Soo"}),
        ("Chul Soo KIM", {"family_name_latin": "Kim", "given_name_latin": "Chul Soo"}),
        ("Kim, Chul-soo", {"family_name_latin": "Kim", "given_name_latin": "Chul-soo"}),
        ("Kim Chulsoo", {"family_name_latin": "Kim", "given_name_latin": "Chulsoo"}),
        ("Anna Schmidt", {"family_name_latin": "Schmidt", "given_name_latin": "Anna"}),
        ("Min Namgung", {"family_name_latin": "Namgung", "given_name_latin": "Min"}),
        ("Madonna", {"family_name_latin": "Madonna", "given_name_latin": ""}),
        (
            "김철수 (Chul-soo Kim)",
            {
                "family_name_ko": "김",
                "given_name_ko": "철수",
                "family_name_latin": "Kim",
                "given_name_latin": "Chul-soo",
            },
        ),
        ("", {}),
    ],
)
def test_split_name_hangul_and_latin(name, parts):
    assert split_name(name) == parts
