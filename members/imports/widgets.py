"""django-import-export widgets that read one cell of a roster, in English or Korean.

``clean`` returns the value, ``None`` for an empty cell (which leaves the stored value
as it is), or raises ``CellError`` with a message code. ``render`` writes the value the
way ``clean`` reads it back, so that an export re-imports unchanged.
"""

import datetime as dt
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from import_export.widgets import Widget

from kofst.common.countries import country_from_text
from members.enums import CareerStage, Degree, Language, MembershipType, ScienceField
from members.imports.messages import CellError

EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (it thinks 1900 was a leap year)
_ISO = re.compile(r"^(\d{4})[-./ ](\d{1,2})[-./ ](\d{1,2})\.?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_KOREAN = re.compile(r"^(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일?$")
_DMY = re.compile(r"^(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{4})\.?$")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_SEPARATORS = re.compile(r"[,;/、·]+")
# Plain ASCII addresses ("min-jun.kim@example.org"), a strict subset of what Django's
# ``validate_email`` accepts: these skip it (it costs more than the rest of a row).
_ATOM = r"[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+"
_LABEL = r"[0-9A-Za-z](?:[-0-9A-Za-z]{0,61}[0-9A-Za-z])?"
_PLAIN_EMAIL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[A-Za-z]{{2,63}}")


def _text(value) -> str:
    """A cell as text: numbers from spreadsheets without a trailing ".0"."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _key(text: str) -> str:
    return re.sub(r"[\s_\-().']+", "", text.casefold())


class TextWidget(Widget):
    def __init__(self, max_length: int | None = None) -> None:
        super().__init__()
        self.max_length = max_length

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        if self.max_length and len(text) > self.max_length:
            raise CellError("too_long", value=text[:40] + "…", limit=self.max_length)
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class EmailWidget(TextWidget):
    def __init__(self) -> None:
        super().__init__(max_length=254)

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value)
        if text is None:
            return None
        if text.casefold().startswith("mailto:"):
            text = text[7:]
        if _PLAIN_EMAIL.fullmatch(text):
            return text
        try:
            validate_email(text)
        except ValidationError:
            raise CellError("not_an_email", value=text) from None
        return text


class DateWidget(Widget):
    """ISO (2021-03-05), dots or slashes (2021.3.5, 2021/03/05), 20210305, Korean
    (2021년 3월 5일), Excel serial numbers, and day/month/year with slashes or dots.

    Day and month in "03/04/2021" are told apart per column (``day_first``, decided by
    ``decide_day_first`` from all the column's cells): see the README.
    """

    def __init__(self) -> None:
        super().__init__()
        self.day_first = True

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return self._serial(value, str(value))
        text = str(value).strip()
        if not text:
            return None
        try:
            return self._parse(text)
        except (ValueError, OverflowError):
            raise CellError("not_a_date", value=text) from None

    def _parse(self, text: str) -> dt.date:
        text = _TIME_SUFFIX.sub("", text)
        match = _ISO.match(text) or _COMPACT.match(text) or _KOREAN.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        match = _DMY.match(text)
        if match:
            first, second, year = (int(g) for g in match.groups())
            day, month = (first, second) if self._day_first_for(first, second) else (second, first)
            return dt.date(year, month, day)
        if text.replace(".", "", 1).isdigit():
            return self._serial(float(text), text)
        raise ValueError(text)

    def _day_first_for(self, first: int, second: int) -> bool:
        if first > 12 >= second:
            return True
        if second > 12 >= first:
            return False
        return self.day_first

    @staticmethod
    def _serial(number: float, text: str) -> dt.date:
        if not 1 <= number < 2958466:  # Excel's last day is 9999-12-31
            raise CellError("not_a_date", value=text)
        return EXCEL_EPOCH + dt.timedelta(days=int(number))

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


def decide_day_first(values: Iterable, default: bool) -> bool:
    """Whether a column's "nn/nn/yyyy" dates are day first: a cell whose first number is
    over 12 says yes, one whose second is says no; if the column says neither (or both),
    the association's country decides (``default``)."""
    day_first_seen = month_first_seen = False
    for value in values:
        if not isinstance(value, str):
            continue
        match = _DMY.match(value.strip())
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            day_first_seen |= first > 12
            month_first_seen |= second > 12
    if day_first_seen != month_first_seen:
        return day_first_seen
    return default


class ChoiceWidget(Widget):
    """A value from a fixed list, given as its code, its English label or a Korean name."""

    def __init__(self, choices, korean: dict[str, Iterable[str]], error: str) -> None:
        super().__init__()
        self.error = error
        self.aliases: dict[str, str] = {}
        self._read: dict[str, str] = {}  # cells as written → code
        with translation.override("en"):
            for code, label in getattr(choices, "choices", choices):
                self.aliases[_key(code)] = code
                self.aliases[_key(str(label))] = code
        for code, names in korean.items():
            for name in names:
                self.aliases.setdefault(_key(name), code)

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        code = self._read.get(text)  # the same few values fill a whole column
        if code is None:
            code = self.aliases.get(_key(text))
            if code is None:
                raise CellError(self.error, value=text)
            if len(self._read) < 10_000:
                self._read[text] = code
        return code

    def render(self, value, obj=None, **kwargs):
        return value or ""


class CountryWidget(Widget):
    def __init__(self) -> None:
        super().__init__()
        self._memo: dict[str, str] = {}

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        code = self._memo.get(text)
        if code is None:
            code = country_from_text(text)
            if code is None:
                raise CellError("unknown_country", value=text)
            self._memo[text] = code
        return code

    def render(self, value, obj=None, **kwargs):
        return value or ""


class BooleanWidget(Widget):
    """yes/no, true/false, 1/0, 예/아니오, and O/X as Korean forms use them (X is no)."""

    TRUE = {"yes", "y", "true", "t", "1", "o", "on", "예", "네", "동의", "수신", "공개", "✓", "✔"}
    FALSE = {"no", "n", "false", "f", "0", "x", "off", "-", "아니오", "아니요", "미동의", "거부"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = _text(value).casefold()
        if not text:
            return None
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise CellError("not_yes_no", value=_text(value))

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


class YearWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        if isinstance(value, dt.date):
            return value.year
        if text.isdigit() and 1900 <= int(text) <= dt.date.today().year:
            return int(text)
        raise CellError("not_a_year", value=text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class LanguagesWidget(Widget):
    """Comma-separated languages as codes, English or Korean names: "ko, en", "한국어, 영어"."""

    KOREAN = {
        "ko": ("한국어", "한국말", "국어", "korean"),
        "en": ("영어",),
        "de": ("독일어",),
        "fr": ("프랑스어", "불어"),
        "ja": ("일본어",),
        "zh": ("중국어",),
        "ru": ("러시아어",),
        "es": ("스페인어",),
        "vi": ("베트남어",),
        "other": ("기타",),
    }

    def __init__(self) -> None:
        super().__init__()
        self.choice = ChoiceWidget(Language, self.KOREAN, "unknown_language")

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        codes = [self.choice.clean(part) for part in _SEPARATORS.split(text) if part.strip()]
        return ", ".join(dict.fromkeys(c for c in codes if c))

    def render(self, value, obj=None, **kwargs):
        return value or ""

    @staticmethod
    def same(stored: str, new: str) -> bool:
        def parts(text: str) -> list[str]:
            return [p.strip() for p in (text or "").split(",") if p.strip()]

        return parts(stored) == parts(new)


MEMBERSHIP_TYPE_KOREAN = {
    MembershipType.REGULAR: ("정회원", "일반회원", "일반", "정", "full", "full member", "member"),
    MembershipType.STUDENT: ("학생회원", "학생", "student member"),
    MembershipType.LIFE: ("평생회원", "종신회원", "평생", "종신", "lifetime", "life member"),
    MembershipType.HONORARY: ("명예회원", "명예", "honorary member", "honourary"),
    MembershipType.ASSOCIATE: ("준회원", "associate member", "affiliate"),
}
SCIENCE_FIELD_KOREAN = {
    ScienceField.MATHEMATICS: ("수학", "math", "maths", "통계학"),
    ScienceField.COMPUTER_SCIENCE: (
        "컴퓨터",
        "컴퓨터과학",
        "컴퓨터공학",
        "전산학",
        "정보과학",
        "computer science",
        "cs",
    ),
    ScienceField.PHYSICS: ("물리학", "물리", "천문학", "physics"),
    ScienceField.CHEMISTRY: ("화학",),
    ScienceField.EARTH_SCIENCES: ("지구과학", "지구환경과학", "환경과학"),
    ScienceField.BIOLOGY: ("생명과학", "생물학", "생명", "biology", "life sciences"),
    ScienceField.CIVIL_ENGINEERING: ("토목공학", "건설공학", "토목"),
    ScienceField.ELECTRICAL_ENGINEERING: (
        "전기전자공학",
        "전자공학",
        "전기공학",
        "전기",
        "전자",
        "electrical engineering",
        "ee",
    ),
    ScienceField.MECHANICAL_ENGINEERING: ("기계공학", "기계"),
    ScienceField.CHEMICAL_ENGINEERING: ("화학공학", "화공"),
    ScienceField.MATERIALS: ("재료공학", "신소재공학", "재료", "materials science"),
    ScienceField.MEDICAL_ENGINEERING: ("의공학", "바이오메디컬공학", "biomedical engineering"),
    ScienceField.ENVIRONMENTAL_ENGINEERING: ("환경공학",),
    ScienceField.NANOTECHNOLOGY: ("나노기술", "나노공학", "나노"),
    ScienceField.AEROSPACE: ("항공우주공학", "항공우주", "aerospace"),
    ScienceField.ENERGY: ("에너지", "원자력공학", "에너지공학", "nuclear engineering"),
    ScienceField.MEDICINE: ("의학", "보건학", "약학", "medicine"),
    ScienceField.AGRICULTURE: ("농학", "농업과학", "agriculture"),
    ScienceField.ECONOMICS: ("경제학", "경영학", "경제", "경영", "economics", "business"),
    ScienceField.SCIENCE_POLICY: ("과학기술정책", "과학정책", "정책", "science policy"),
}
DEGREE_KOREAN = {
    Degree.BACHELOR: ("학사", "bachelor", "bs", "b.s.", "ba", "b.a.", "bsc", "beng"),
    Degree.MASTER: ("석사", "master", "ms", "m.s.", "ma", "msc", "meng", "mba"),
    Degree.DOCTORATE: ("박사", "doctor", "phd", "ph.d.", "dphil", "md", "doctoral"),
    Degree.OTHER: ("기타",),
}
CAREER_STAGE_KOREAN = {
    CareerStage.STUDENT: ("학생", "대학원생"),
    CareerStage.POSTDOC: ("박사후연구원", "포닥", "postdoc", "post-doc"),
    CareerStage.EARLY_CAREER: ("신진", "신진연구자", "early career", "junior"),
    CareerStage.SENIOR: ("중견", "시니어", "중견연구자", "senior"),
    CareerStage.EMERITUS: ("명예", "은퇴", "원로", "retired", "emeritus"),
}
PREFERRED_LANGUAGE_KOREAN = {"ko": ("한국어", "korean", "국문"), "en": ("영어", "english", "영문")}
