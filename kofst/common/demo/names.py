"""Korean names for the demo: family names by their real frequency, given names that
people of each generation actually carry, and romanisations as people really write them.

Frequencies are rounded shares (per mille) of the South Korean population by family
name (2015 census). Romanisations list the usual spellings first; the weights say how
often each is chosen.
"""

import bisect
import itertools
import random
from functools import cache

# (Hangul, per mille, [(romanisation, weight), ...])
FAMILY_NAMES: list[tuple[str, float, list[tuple[str, int]]]] = [
    ("김", 215, [("Kim", 100)]),
    ("이", 147, [("Lee", 80), ("Yi", 10), ("Rhee", 6), ("Rhie", 2), ("Ee", 2)]),
    ("박", 84, [("Park", 85), ("Pak", 10), ("Bak", 5)]),
    ("최", 47, [("Choi", 85), ("Choe", 10), ("Choy", 5)]),
    ("정", 43, [("Jung", 45), ("Chung", 35), ("Jeong", 15), ("Cheong", 5)]),
    ("강", 23, [("Kang", 95), ("Gang", 5)]),
    ("조", 21, [("Cho", 80), ("Jo", 15), ("Joe", 5)]),
    ("윤", 21, [("Yoon", 65), ("Yun", 35)]),
    ("장", 20, [("Jang", 55), ("Chang", 45)]),
    ("임", 17, [("Lim", 60), ("Im", 20), ("Yim", 12), ("Rim", 8)]),
    ("한", 15, [("Han", 100)]),
    ("오", 15, [("Oh", 90), ("O", 10)]),
    ("서", 15, [("Seo", 60), ("Suh", 40)]),
    ("신", 15, [("Shin", 85), ("Sin", 15)]),
    ("권", 14, [("Kwon", 95), ("Gwon", 5)]),
    ("황", 14, [("Hwang", 100)]),
    ("안", 14, [("Ahn", 70), ("An", 30)]),
    ("송", 13, [("Song", 100)]),
    ("전", 13, [("Jeon", 50), ("Jun", 30), ("Chun", 20)]),
    ("홍", 11, [("Hong", 100)]),
    ("유", 19, [("Yoo", 55), ("Yu", 35), ("You", 10)]),
    ("고", 9, [("Ko", 60), ("Koh", 30), ("Go", 10)]),
    ("문", 9, [("Moon", 85), ("Mun", 15)]),
    ("양", 9, [("Yang", 100)]),
    ("손", 9, [("Son", 60), ("Sohn", 40)]),
    ("배", 8, [("Bae", 85), ("Pae", 15)]),
    ("백", 8, [("Baek", 50), ("Paik", 30), ("Baik", 20)]),
    ("허", 6, [("Heo", 40), ("Huh", 35), ("Hur", 25)]),
    ("노", 6, [("Noh", 50), ("Roh", 40), ("Ro", 10)]),
    ("남", 6, [("Nam", 100)]),
    ("심", 5, [("Shim", 70), ("Sim", 30)]),
    ("하", 5, [("Ha", 100)]),
    ("곽", 4, [("Kwak", 100)]),
    ("성", 4, [("Sung", 70), ("Seong", 30)]),
    ("차", 4, [("Cha", 100)]),
    ("주", 4, [("Joo", 60), ("Ju", 25), ("Chu", 15)]),
    ("우", 4, [("Woo", 100)]),
    ("구", 4, [("Koo", 60), ("Ku", 30), ("Gu", 10)]),
    ("민", 4, [("Min", 100)]),
    ("류", 3, [("Ryu", 70), ("Yoo", 20), ("Rhyu", 10)]),
    ("나", 3, [("Na", 90), ("Ra", 10)]),
    ("진", 3, [("Jin", 80), ("Chin", 20)]),
    ("지", 3, [("Ji", 70), ("Chi", 30)]),
    ("엄", 3, [("Um", 60), ("Eom", 40)]),
    ("채", 3, [("Chae", 100)]),
    ("원", 3, [("Won", 100)]),
    ("변", 3, [("Byun", 70), ("Byeon", 30)]),
    ("천", 2, [("Chun", 60), ("Cheon", 40)]),
    ("방", 2, [("Bang", 100)]),
    ("공", 2, [("Kong", 100)]),
    ("현", 2, [("Hyun", 90), ("Hyeon", 10)]),
    ("함", 2, [("Ham", 100)]),
    ("염", 1, [("Yeom", 70), ("Yum", 30)]),
    ("여", 1, [("Yeo", 100)]),
    ("추", 1, [("Choo", 70), ("Chu", 30)]),
    ("도", 1, [("Do", 100)]),
    ("소", 1, [("So", 100)]),
    ("석", 1, [("Seok", 60), ("Suk", 40)]),
    ("선", 1, [("Sun", 60), ("Seon", 40)]),
    ("설", 1, [("Seol", 60), ("Sul", 40)]),
    ("마", 1, [("Ma", 100)]),
    ("길", 1, [("Gil", 60), ("Kil", 40)]),
    ("연", 1, [("Yeon", 70), ("Yun", 30)]),
    ("위", 1, [("Wi", 70), ("Wee", 30)]),
    ("표", 1, [("Pyo", 100)]),
    ("명", 1, [("Myung", 70), ("Myeong", 30)]),
    ("기", 1, [("Ki", 80), ("Gi", 20)]),
    ("반", 1, [("Ban", 100)]),
    ("왕", 0.5, [("Wang", 100)]),
    ("금", 0.5, [("Keum", 60), ("Kum", 40)]),
    ("옥", 0.5, [("Ok", 100)]),
    ("육", 0.5, [("Yook", 60), ("Yuk", 40)]),
    ("인", 0.5, [("In", 100)]),
    ("맹", 0.5, [("Maeng", 100)]),
    ("탁", 0.5, [("Tak", 100)]),
    ("국", 0.5, [("Kook", 60), ("Kuk", 40)]),
    ("남궁", 0.2, [("Namgoong", 60), ("Namkung", 40)]),
    ("황보", 0.2, [("Hwangbo", 100)]),
    ("제갈", 0.1, [("Jegal", 100)]),
    ("선우", 0.1, [("Sunwoo", 100)]),
]

# How each syllable of a given name is usually romanised, most common spelling first.
# fmt: off
SYLLABLES: dict[str, list[str]] = {
    "가": ["Ga", "Ka"], "강": ["Kang", "Gang"], "건": ["Geon", "Gun", "Kun"],
    "경": ["Kyung", "Kyeong", "Gyeong"], "광": ["Kwang", "Gwang"], "규": ["Kyu", "Gyu"],
    "근": ["Geun", "Keun"], "기": ["Ki", "Gi"], "나": ["Na"], "남": ["Nam"],
    "다": ["Da"], "덕": ["Duk", "Deok"], "도": ["Do"], "동": ["Dong"], "란": ["Ran"],
    "람": ["Ram"], "린": ["Rin", "Lin"], "림": ["Rim", "Lim"], "명": ["Myung", "Myeong"],
    "문": ["Moon", "Mun"], "미": ["Mi"], "민": ["Min"], "범": ["Beom", "Bum"],
    "병": ["Byung", "Byeong"], "보": ["Bo"], "봉": ["Bong"], "빈": ["Bin"],
    "상": ["Sang"], "서": ["Seo", "Suh"], "석": ["Seok", "Suk"], "선": ["Sun", "Seon"],
    "섭": ["Seop", "Sup"], "성": ["Sung", "Seong"], "세": ["Se"], "소": ["So"],
    "수": ["Soo", "Su"], "숙": ["Sook", "Suk"], "순": ["Soon", "Sun"], "승": ["Seung"],
    "시": ["Si", "Shi"], "식": ["Sik", "Shik"], "아": ["Ah", "A"], "안": ["Ahn", "An"],
    "애": ["Ae"], "연": ["Yeon", "Yun"], "열": ["Yeol", "Yul"], "영": ["Young", "Yeong"],
    "예": ["Ye", "Yeh"], "옥": ["Ok"], "완": ["Wan"], "용": ["Yong"], "우": ["Woo", "Wu"],
    "욱": ["Wook", "Uk"], "원": ["Won"], "유": ["Yu", "Yoo"], "윤": ["Yoon", "Yun"],
    "율": ["Yul"], "은": ["Eun"], "의": ["Eui", "Ui"], "이": ["Yi", "Lee"], "익": ["Ik"],
    "인": ["In"], "일": ["Il"], "자": ["Ja"], "재": ["Jae"], "정": ["Jung", "Jeong"],
    "제": ["Je"], "종": ["Jong"], "주": ["Joo", "Ju"], "준": ["Jun", "Joon"],
    "중": ["Joong", "Jung"], "지": ["Ji"], "진": ["Jin"], "찬": ["Chan"],
    "창": ["Chang"], "채": ["Chae"], "철": ["Chul", "Cheol"], "춘": ["Choon", "Chun"],
    "태": ["Tae"], "택": ["Taek"], "하": ["Ha"], "한": ["Han"], "해": ["Hae"],
    "혁": ["Hyuk", "Hyeok"], "현": ["Hyun", "Hyeon"], "형": ["Hyung", "Hyeong"],
    "혜": ["Hye"], "호": ["Ho"], "홍": ["Hong"], "화": ["Hwa"], "환": ["Hwan"],
    "효": ["Hyo"], "후": ["Hoo", "Hu"], "훈": ["Hoon", "Hun"], "희": ["Hee", "Hui"],
    "결": ["Gyeol", "Kyul"], "름": ["Reum"], "비": ["Bi"],
}
# fmt: on

# Given names by generation (born before 1975 / 1975-1994 / from 1995), male and female.
# fmt: off
GIVEN_NAMES: dict[str, dict[str, list[str]]] = {
    "older": {
        "m": [
            "영수", "영호", "영철", "영진", "정수", "정호", "정훈", "성호", "성수", "성진",
            "상철", "상훈", "상우", "상민", "동현", "동훈", "동수", "재훈", "재영", "재호",
            "준호", "준석", "민수", "민호", "태현", "승호", "경수", "광수", "병철", "종원",
            "기석", "창호", "진호", "용수", "현석", "명수", "광호", "문수", "봉수", "석진",
            "춘식", "덕수", "인호", "영일", "종혁", "한수", "효석", "규환", "익현", "형섭",
        ],
        "f": [
            "영희", "정희", "순자", "미경", "미숙", "경희", "영숙", "은정", "은영", "현주",
            "지영", "미영", "수진", "혜진", "은주", "선영", "정은", "명숙", "옥순", "혜숙",
            "경숙", "순희", "미자", "영애", "춘자", "현숙", "혜경", "연희", "은경", "미란",
        ],
    },
    "middle": {
        "m": [
            "성민", "성훈", "지훈", "지호", "동욱", "준영", "재현", "현우", "민준", "상현",
            "승현", "준혁", "진우", "태훈", "현준", "민석", "영민", "재원", "정민", "우진",
            "성현", "주원", "동건", "형준", "세훈", "용준", "기현", "태영", "한결", "규현",
            "승우", "윤호", "재민", "인수", "종현", "창민", "현철", "준기", "상욱", "동진",
        ],
        "f": [
            "지은", "지현", "수정", "유진", "민정", "혜원", "소영", "미진", "현정", "진영",
            "지혜", "보람", "하나", "은지", "선희", "수연", "지연", "은혜", "혜린", "다은",
            "서영", "미소", "예진", "수민", "윤정", "아름", "나영", "소연", "은비", "혜수",
        ],
    },
    "young": {
        "m": [
            "민준", "서준", "도윤", "예준", "시우", "하준", "주원", "지호", "지후", "준서",
            "준우", "현우", "도현", "지훈", "건우", "우진", "선우", "서진", "민재", "현준",
            "연우", "유준", "정우", "승우", "승현", "시윤", "준혁", "은우", "지환", "승민",
        ],
        "f": [
            "서연", "서윤", "지우", "서현", "민서", "하은", "하윤", "윤서", "지유", "지민",
            "채원", "수아", "지아", "지윤", "은서", "다은", "예은", "수빈", "소율", "예린",
            "하린", "유나", "채은", "가은", "윤아", "수현", "예원", "다인", "시은", "유진",
        ],
    },
}
# fmt: on

# Latin given names of second-generation members, by the language they grew up in.
WESTERN_GIVEN_NAMES: dict[str, dict[str, list[str]]] = {
    "en": {
        "m": [
            "Daniel",
            "David",
            "Michael",
            "Joseph",
            "Andrew",
            "Eugene",
            "Paul",
            "Peter",
            "Steven",
            "Jason",
            "Brian",
            "Kevin",
            "Richard",
            "Samuel",
            "John",
            "James",
            "Thomas",
            "Jonathan",
            "Timothy",
            "Justin",
            "Edward",
            "Christopher",
            "Joshua",
        ],
        "f": [
            "Sarah",
            "Grace",
            "Jennifer",
            "Christine",
            "Esther",
            "Hannah",
            "Rachel",
            "Julie",
            "Susan",
            "Helen",
            "Jane",
            "Joyce",
            "Amy",
            "Emily",
            "Michelle",
            "Angela",
            "Stephanie",
            "Rebecca",
            "Catherine",
            "Eunice",
        ],
    },
    "de": {
        "m": ["Daniel", "Jan", "Lukas", "Tobias", "Felix", "Jonas", "Matthias", "Stefan"],
        "f": ["Sophie", "Anna", "Julia", "Katharina", "Lena", "Miriam", "Sabine"],
    },
    "fr": {
        "m": ["Julien", "Thomas", "Mathieu", "Étienne", "François", "Antoine", "Rémi"],
        "f": ["Camille", "Marie", "Léa", "Hélène", "Chloé", "Élodie", "Amélie", "Cécile"],
    },
    "ru": {
        "m": ["Sergei", "Viktor", "Aleksandr", "Dmitrii", "Vladimir", "Nikolai", "Igor"],
        "f": ["Natalia", "Olga", "Elena", "Svetlana", "Irina", "Tatiana", "Marina", "Anna"],
    },
}

# How Koryo-saram families in Russia and Central Asia spell the commonest names.
KORYO_FAMILY_NAMES: dict[str, list[tuple[str, int]]] = {
    "김": [("Kim", 100)],
    "이": [("Li", 90), ("Lee", 10)],
    "박": [("Pak", 90), ("Park", 10)],
    "최": [("Tsoi", 80), ("Choi", 20)],
    "정": [("Tyan", 50), ("Ten", 50)],
    "강": [("Kan", 100)],
    "한": [("Khan", 100)],
    "신": [("Shin", 60), ("Sin", 40)],
    "남": [("Nam", 100)],
    "허": [("Kho", 100)],
    "유": [("Yugai", 100)],
    "오": [("Ogai", 100)],
    "채": [("Tskhai", 100)],
    "황": [("Khvan", 100)],
    "안": [("An", 100)],
}


class WeightedChoice:
    """A weighted choice among ``(value, weight)`` options, cumulative weights worked out once."""

    def __init__(self, options) -> None:
        options = list(options)
        self.values = [value for value, _ in options]
        self.cumulative = list(itertools.accumulate(weight for _, weight in options))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random):
        return self.values[bisect.bisect(self.cumulative, rng.random() * self.total)]


@cache
def _spellings(hangul: str, koryo: bool) -> WeightedChoice:
    if koryo and hangul in KORYO_FAMILY_NAMES:
        return WeightedChoice(KORYO_FAMILY_NAMES[hangul])
    return WeightedChoice(_FAMILY_ROMAN[hangul])


_FAMILY = WeightedChoice((f, w) for f, w, _ in FAMILY_NAMES)
_FAMILY_ROMAN = {f: r for f, _, r in FAMILY_NAMES}
_STYLE = WeightedChoice([("hyphen", 40), ("joined", 38), ("space", 15), ("hyphen_cap", 7)])


def family_name(rng: random.Random) -> str:
    return _FAMILY(rng)


def romanize_family(rng: random.Random, hangul: str, *, koryo: bool = False) -> str:
    return _spellings(hangul, koryo)(rng)


def generation_of(birth_year: int) -> str:
    if birth_year < 1975:
        return "older"
    if birth_year < 1995:
        return "middle"
    return "young"


def given_name(rng: random.Random, *, birth_year: int, sex: str) -> str:
    pool = GIVEN_NAMES[generation_of(birth_year)][sex]
    if rng.random() < 0.15:  # a name of the neighbouring generation now and then
        pool = GIVEN_NAMES[rng.choice(["older", "middle", "young"])][sex]
    return rng.choice(pool)


def romanize_given(rng: random.Random, hangul: str) -> str:
    """'민수' → 'Min-su', 'Minsu', 'Min Su' or 'Min-Su', as people write it in passports."""
    parts = []
    for syllable in hangul:
        spellings = SYLLABLES[syllable]
        # The first spelling is the usual one; the others appear now and then.
        parts.append(spellings[0] if rng.random() < 0.8 else rng.choice(spellings))
    if len(parts) == 1:
        return parts[0]
    style = _STYLE(rng)
    first, rest = parts[0], [p.lower() for p in parts[1:]]
    if style == "hyphen":
        return "-".join([first, *rest])
    if style == "joined":
        return first + "".join(rest)
    if style == "space":
        return " ".join([first, *parts[1:]])
    return "-".join(parts)


def western_given_name(rng: random.Random, *, language: str, sex: str) -> str:
    return rng.choice(WESTERN_GIVEN_NAMES.get(language, WESTERN_GIVEN_NAMES["en"])[sex])
