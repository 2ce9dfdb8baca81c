"""Our roster columns, and how the headers of other people's files are matched to them.

A column key is what a mapping stores. ``EXPORT_COLUMNS`` is the order (and the header
text) of an export, which is also what the importer guesses first, so that an export
re-imports with no mapping work at all.
"""

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the export's header (English, stable: files are exchanged across languages)
    label: Promise  # shown on the mapping page
    target: str  # "person", "membership", "name" (split into parts) or "check"


COLUMNS: list[Column] = [
    Column("member_number", "Member number", _("Member number"), "membership"),
    Column("family_name_latin", "Family name", _("Family name (Latin)"), "person"),
    Column("given_name_latin", "Given name", _("Given name (Latin)"), "person"),
    Column("family_name_ko", "Family name (Korean)", _("Family name (Hangul)"), "person"),
    Column("given_name_ko", "Given name (Korean)", _("Given name (Hangul)"), "person"),
    Column("name", "Name", _("Full name, either script (split automatically)"), "name"),
    Column("name_ko", "Name (Korean)", _("Full name in Hangul (split automatically)"), "name"),
    Column(
        "name_latin",
        "Name (English)",
        _("Full name in Latin letters (split automatically)"),
        "name",
    ),
    Column("email", "Email", _("Email"), "person"),
    Column("phone", "Phone", _("Phone"), "person"),
    Column("country", "Country", _("Country of residence"), "person"),
    Column("city", "City", _("City"), "person"),
    Column("affiliation", "Affiliation", _("Affiliation"), "person"),
    Column("position", "Position", _("Position"), "person"),
    Column("degree", "Degree", _("Highest degree"), "person"),
    Column("field", "Field", _("Field of science"), "person"),
    Column("keywords", "Keywords", _("Expertise keywords"), "person"),
    Column("career_stage", "Career stage", _("Career stage"), "person"),
    Column("birth_year", "Birth year", _("Birth year"), "person"),
    Column("languages", "Languages", _("Languages"), "person"),
    Column("preferred_language", "Preferred language", _("Preferred language"), "person"),
    Column("consent_newsletter", "Newsletter", _("Receives the newsletter"), "person"),
    Column("consent_directory", "Directory", _("Listed in the expert directory"), "person"),
    Column("type", "Membership type", _("Membership type"), "membership"),
    Column("chapter", "Chapter", _("Chapter"), "membership"),
    Column("joined_on", "Joined", _("Joined"), "membership"),
    Column("expires_on", "Expires", _("Expires"), "membership"),
    Column("resigned_on", "Resigned", _("Resigned"), "membership"),
    Column("association", "Association", _("Association (checked, not changed)"), "check"),
]
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}
NAME_KEYS = ("name", "name_ko", "name_latin")
PERSON_KEYS = [c.key for c in COLUMNS if c.target == "person"]
MEMBERSHIP_KEYS = [c.key for c in COLUMNS if c.target == "membership"]
DATE_KEYS = ("joined_on", "expires_on", "resigned_on")
EXPORT_COLUMNS = [c for c in COLUMNS if c.target != "name"]
# A row is matched by one of these, so a mapping must use at least one.
IDENTITY_KEYS = ("email", "member_number")
# Columns the error report adds; ignored when the fixed report is uploaded again.
REPORT_ROW_HEADER = "Row in original file"
REPORT_ERRORS_HEADER = "Errors"

# fmt: off
_ALIASES: dict[str, tuple[str, ...]] = {
    "member_number": (
        "member number", "member no", "member #", "membership number", "membership no",
        "member id", "membership id", "회원번호", "회원 번호", "회원 id", "회원아이디",
    ),
    "family_name_latin": (
        "family name", "last name", "surname", "family name (english)", "last name (english)",
        "family name (latin)", "영문 성", "성 (영문)", "영문성",
    ),
    "given_name_latin": (
        "given name", "first name", "given name (english)", "first name (english)",
        "given name (latin)", "given names", "first names", "영문 이름 (이름)", "이름 (영문)",
    ),
    "family_name_ko": (
        "family name (korean)", "last name (korean)", "family name (hangul)", "surname (korean)",
        "성", "한글 성", "성 (한글)",
    ),
    "given_name_ko": (
        "given name (korean)", "first name (korean)", "given name (hangul)", "한글 이름 (이름)",
        "이름 (한글)",
    ),
    "name": (
        "name", "full name", "member name", "이름", "성명", "회원명", "회원 이름", "회원 성명",
    ),
    "name_ko": (
        "name (korean)", "korean name", "name in korean", "name (hangul)", "hangul name",
        "한글 이름", "한글이름", "한글 성명", "한글명", "성명 (한글)", "국문 성명", "국문 이름",
    ),
    "name_latin": (
        "name (english)", "english name", "name in english", "name (latin)", "romanized name",
        "영문 이름", "영문이름", "영문 성명", "영문명", "성명 (영문)",
    ),
    "email": (
        "email", "e-mail", "email address", "e-mail address", "mail", "이메일", "이메일 주소",
        "전자우편", "전자 우편", "메일", "전자메일",
    ),
    "phone": (
        "phone", "phone number", "telephone", "tel", "mobile", "mobile phone", "cell", "cell phone",
        "전화", "전화번호", "휴대폰", "휴대전화", "휴대폰 번호", "연락처", "핸드폰",
    ),
    "country": ("country", "country of residence", "nation", "국가", "거주국", "거주 국가", "나라"),
    "city": ("city", "town", "도시", "거주 도시", "거주도시"),
    "affiliation": (
        "affiliation", "organization", "organisation", "institution", "company", "employer",
        "소속", "소속 기관", "소속기관", "기관", "직장", "회사",
    ),
    "position": ("position", "title", "job title", "직위", "직책", "직급"),
    "degree": ("degree", "highest degree", "학위", "최종 학위", "최종학위"),
    "field": (
        "field", "field of science", "discipline", "research field", "research area", "area",
        "분야", "전공 분야", "연구 분야", "전공", "전문 분야",
    ),
    "keywords": ("keywords", "expertise", "expertise keywords", "키워드", "전문 키워드"),
    "career_stage": ("career stage", "stage", "career", "경력 단계", "경력단계"),
    "birth_year": (
        "birth year", "year of birth", "born", "출생연도", "출생 연도", "출생년도", "생년",
    ),
    "languages": ("languages", "language", "언어", "사용 언어", "사용언어"),
    "preferred_language": ("preferred language", "선호 언어", "선호언어"),
    "consent_newsletter": (
        "newsletter", "receives the newsletter", "뉴스레터", "뉴스레터 수신", "소식지 수신",
    ),
    "consent_directory": (
        "directory", "listed in the expert directory", "expert directory", "전문가 디렉터리",
        "디렉터리 공개",
    ),
    "type": (
        "membership type", "member type", "type", "membership category", "category", "membership",
        "회원 구분", "회원구분", "회원 종류", "회원종류", "회원 유형", "회원유형", "구분",
        "회원 등급", "회원등급",
    ),
    "chapter": ("chapter", "local chapter", "branch", "지부", "지회", "챕터"),
    "joined_on": (
        "joined", "join date", "joined on", "date joined", "date of joining", "member since",
        "since", "start date", "가입일", "가입 일자", "가입일자", "가입 날짜", "입회일",
    ),
    "expires_on": (
        "expires", "expiry", "expiry date", "expiration date", "expiration", "valid until",
        "expires on", "paid until", "만료일", "회원 만료일", "만료 일자", "유효기간",
    ),
    "resigned_on": (
        "resigned", "resignation date", "resigned on", "left on", "탈퇴일", "탈퇴 일자",
    ),
    "association": ("association", "society", "협회", "소속 협회"),
}
# fmt: on
_IGNORED_HEADERS = ("errors", "error", "오류", "row in original file", "status", "상태")


def normalize_header(text: str) -> str:
    """Lower-case letters, digits and Hangul only: "E-mail Address" → "emailaddress"."""
    return re.sub(r"[^0-9a-z\uac00-\ud7a3]+", "", str(text or "").casefold())


HEADER_ALIASES: dict[str, str] = {}
for _key, _names in _ALIASES.items():
    for _name in _names:
        HEADER_ALIASES.setdefault(normalize_header(_name), _key)
for _column in COLUMNS:
    HEADER_ALIASES[normalize_header(_column.header)] = _column.key
    # The roster page's CSV export (``members.exports``) names columns by their keys.
    HEADER_ALIASES.setdefault(normalize_header(_column.key), _column.key)
HEADER_ALIASES["membershiptype"] = "type"
IGNORED_HEADERS = {normalize_header(h) for h in _IGNORED_HEADERS}

# Header fragments for files whose headers are none of the above ("Home E-mail (work)").
_FRAGMENTS: list[tuple[str, str]] = [
    ("email", "email"), ("메일", "email"),
    ("membernumber", "member_number"), ("회원번호", "member_number"),
    ("phone", "phone"), ("mobile", "phone"), ("전화", "phone"), ("휴대", "phone"),
    ("affiliation", "affiliation"), ("소속", "affiliation"),
    ("joined", "joined_on"), ("joindate", "joined_on"), ("가입", "joined_on"),
    ("expir", "expires_on"), ("만료", "expires_on"),
    ("country", "country"), ("국가", "country"),
    ("birth", "birth_year"), ("출생", "birth_year"),
    ("chapter", "chapter"), ("지부", "chapter"),
    ("membershiptype", "type"), ("회원구분", "type"),
]  # fmt: skip


def guess_mapping(headers: list[str], saved: dict[str, str] | None = None) -> dict[str, str]:
    """``{file header: our column key or ""}``: first the association's saved mapping,
    then known header names in English and Korean, then header fragments. Each of our
    columns is used at most once (the leftmost file column wins)."""
    saved = saved or {}
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    unknown: list[str] = []
    for header in headers:
        key = normalize_header(header)
        if key in saved:
            guess = saved[key]
        elif key in IGNORED_HEADERS:
            guess = ""
        elif key in HEADER_ALIASES:
            guess = HEADER_ALIASES[key]
        else:
            unknown.append(header)
            continue
        if guess in COLUMNS_BY_KEY and guess not in taken:
            taken.add(guess)
        else:
            guess = ""
        mapping[header] = guess
    for header in unknown:
        key = normalize_header(header)
        mapping[header] = ""
        for fragment, guess in _FRAGMENTS:
            if key and fragment in key and guess not in taken:
                mapping[header] = guess
                taken.add(guess)
                break
    mapping = {header: mapping[header] for header in headers}
    # Korean files often have "성" and "이름" side by side ("한글 성" and "한글 이름", "영문 성"
    # and "영문 이름"): then "이름" is the given name, not the whole name.
    for header, key in mapping.items():
        if key in _GIVEN_BESIDE_FAMILY and normalize_header(header) in _GIVEN_WORDS:
            family, given = _GIVEN_BESIDE_FAMILY[key]
            if family in taken and given not in taken:
                mapping[header] = given
                taken.add(given)
    return mapping


_GIVEN_BESIDE_FAMILY = {
    "name": ("family_name_ko", "given_name_ko"),
    "name_ko": ("family_name_ko", "given_name_ko"),
    "name_latin": ("family_name_latin", "given_name_latin"),
}
_GIVEN_WORDS = {"이름", "한글이름", "국문이름", "영문이름"}


def mapping_problem(mapping: dict[str, str]) -> str | None:
    """A message code when the mapping cannot work, else None."""
    used = [key for key in mapping.values() if key]
    if not any(key in used for key in IDENTITY_KEYS):
        return "no_identity_column"
    return None
