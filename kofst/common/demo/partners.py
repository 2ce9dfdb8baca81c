"""Foreign S&T organisations KOFST and the associations cooperate with, and their
agreements. The organisations are real; the agreements' dates and wording are sample data."""

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class AgreementSpec:
    title: str
    association: str  # association code, or "" when KOFST itself signed
    signed_on: dt.date
    years: int | None  # None: open-ended
    scope: str


@dataclass(frozen=True)
class PartnerSpec:
    acronym: str
    name_en: str
    name_ko: str
    country: str
    website: str = ""
    agreements: tuple[AgreementSpec, ...] = field(default_factory=tuple)


A = AgreementSpec
_SAMPLE = " (Sample data: the dates and wording of this agreement were invented.)"

PARTNERS: tuple[PartnerSpec, ...] = (
    PartnerSpec(
        "AAAS",
        "American Association for the Advancement of Science",
        "미국과학진흥협회",
        "US",
        "https://www.aaas.org",
        (
            A(
                "Memorandum of understanding on science diplomacy",
                "",
                dt.date(2016, 2, 12),
                5,
                "Joint sessions at the AAAS annual meeting; exchange of science-policy fellows."
                + _SAMPLE,
            ),
            A(
                "Renewal: science diplomacy and early-career exchange",
                "",
                dt.date(2021, 2, 20),
                5,
                "Young Generation Forum speakers at the AAAS annual meeting." + _SAMPLE,
            ),
            A(
                "UKC science policy track",
                "ksea",
                dt.date(2019, 8, 14),
                3,
                "A science-policy track at the US-Korea Conference." + _SAMPLE,
            ),
        ),
    ),
    PartnerSpec(
        "CAST",
        "China Association for Science and Technology",
        "중국과학기술협회",
        "CN",
        "",
        (
            A(
                "Agreement on exchange between Korean and Chinese S&T societies",
                "",
                dt.date(2014, 11, 5),
                5,
                "Annual joint forum; delegation visits." + _SAMPLE,
            ),
            A(
                "Renewal of the exchange agreement",
                "",
                dt.date(2019, 11, 8),
                10,
                "Joint forum alternating between Seoul and Beijing." + _SAMPLE,
            ),
        ),
    ),
    PartnerSpec(
        "VUSTA",
        "Vietnam Union of Science and Technology Associations",
        "베트남과학기술협회연합회",
        "VN",
        "",
        (
            A(
                "Memorandum of understanding on S&T cooperation",
                "",
                dt.date(2013, 6, 20),
                None,
                "Experts of the S&T ODA network advise Vietnamese member societies." + _SAMPLE,
            ),
            A(
                "Hanoi seminar series",
                "ksevn",
                dt.date(2022, 3, 15),
                3,
                "Joint seminars in Hanoi with Korean scientists working in Vietnam." + _SAMPLE,
            ),
        ),
    ),
    PartnerSpec(
        "NASRK",
        "National Academy of Sciences of the Republic of Kazakhstan",
        "카자흐스탄 국립과학아카데미",
        "KZ",
        "",
        (
            A(
                "CIS-Korea Conference co-organisation",
                "ksekz",
                dt.date(2018, 9, 3),
                5,
                "Co-organises the CISKC in Almaty." + _SAMPLE,
            ),
        ),
    ),
    PartnerSpec(
        "IET",
        "The Institution of Engineering and Technology",
        "영국공학기술학회",
        "GB",
        "",
        (
            A(
                "Joint lecture series",
                "kseauk",
                dt.date(2020, 1, 22),
                4,
                "Yearly joint lectures in London." + _SAMPLE,
            ),
        ),
    ),
)
