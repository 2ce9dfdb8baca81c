"""Countries the federation deals with, by ISO 3166-1 alpha-2 code, named in both languages.

Names are kept here in both scripts (not in the .po files) because imports must accept
either spelling and the roster shows the viewer's one.
"""

from django.utils.translation import get_language

COUNTRIES: dict[str, tuple[str, str]] = {
    "AR": ("Argentina", "아르헨티나"),
    "AT": ("Austria", "오스트리아"),
    "AU": ("Australia", "호주"),
    "BE": ("Belgium", "벨기에"),
    "BR": ("Brazil", "브라질"),
    "CA": ("Canada", "캐나다"),
    "CH": ("Switzerland", "스위스"),
    "CN": ("China", "중국"),
    "CZ": ("Czechia", "체코"),
    "DE": ("Germany", "독일"),
    "DK": ("Denmark", "덴마크"),
    "ES": ("Spain", "스페인"),
    "FI": ("Finland", "핀란드"),
    "FR": ("France", "프랑스"),
    "GB": ("United Kingdom", "영국"),
    "HK": ("Hong Kong", "홍콩"),
    "ID": ("Indonesia", "인도네시아"),
    "IE": ("Ireland", "아일랜드"),
    "IL": ("Israel", "이스라엘"),
    "IN": ("India", "인도"),
    "IT": ("Italy", "이탈리아"),
    "JP": ("Japan", "일본"),
    "KP": ("North Korea", "북한"),
    "KR": ("Republic of Korea", "대한민국"),
    "KZ": ("Kazakhstan", "카자흐스탄"),
    "MX": ("Mexico", "멕시코"),
    "MY": ("Malaysia", "말레이시아"),
    "NL": ("Netherlands", "네덜란드"),
    "NO": ("Norway", "노르웨이"),
    "NZ": ("New Zealand", "뉴질랜드"),
    "PH": ("Philippines", "필리핀"),
    "PL": ("Poland", "폴란드"),
    "RU": ("Russia", "러시아"),
    "SA": ("Saudi Arabia", "사우디아라비아"),
    "SE": ("Sweden", "스웨덴"),
    "SG": ("Singapore", "싱가포르"),
    "TH": ("Thailand", "태국"),
    "TR": ("Türkiye", "튀르키예"),
    "TW": ("Taiwan", "대만"),
    "AE": ("United Arab Emirates", "아랍에미리트"),
    "US": ("United States", "미국"),
    "UZ": ("Uzbekistan", "우즈베키스탄"),
    "VN": ("Vietnam", "베트남"),
    "ZA": ("South Africa", "남아프리카 공화국"),
}


def country_name(code: str | None, language: str | None = None) -> str:
    """The country's name in the given (or the active) language; the code if unknown."""
    if not code:
        return ""
    names = COUNTRIES.get(code.upper())
    if names is None:
        return code
    language = language or get_language() or "en"
    return names[1] if language.startswith("ko") else names[0]


def country_choices() -> list[tuple[str, str]]:
    """Choices for a form, sorted by the name in the active language."""
    return sorted(((code, country_name(code)) for code in COUNTRIES), key=lambda c: c[1])


def country_from_text(text: str) -> str | None:
    """The code for a code or an English or Korean name ("USA", "미국", "us"), else None."""
    value = (text or "").strip()
    if not value:
        return None
    aliases = {"USA": "US", "UK": "GB", "KOREA": "KR", "SOUTH KOREA": "KR", "ENGLAND": "GB"}
    upper = value.upper()
    if upper in COUNTRIES:
        return upper
    if upper in aliases:
        return aliases[upper]
    for code, (english, korean) in COUNTRIES.items():
        if value.casefold() in (english.casefold(), korean):
            return code
    return None
