"""The fixed part of the demo: the 18 associations with their chapters and committees
(partner organisations are in ``kofst.common.demo.partners``).

What is public (names, countries, KSEA's founding in Vienna, Virginia, in December 1971)
is used as is; everything else (acronyms marked so, cities, founding dates marked so,
member numbers and every person) is sample data, and each association's description
says which is which. Member counts add up to the federation's 18,895.
"""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ChapterSpec:
    name_en: str
    name_ko: str
    city: str
    affiliations: tuple[str, ...]
    weight: int = 1
    country: str = ""  # when it differs from the association's (e.g. NZ in KSEA-AU/NZ)


@dataclass(frozen=True)
class AssociationSpec:
    code: str
    name_en: str
    name_ko: str
    country: str
    city: str
    founded_on: dt.date
    members: int  # people whose first association this is, out of 18,895
    currency: str
    dues: tuple[int, int]  # regular, student (per year)
    phone_code: str
    local_language: str  # a members.enums.Language code besides ko/en, or ""
    western: str  # language of second-generation members' given names
    second_generation: float  # share of members with Latin names only
    known: str  # what is public about it
    invented: str  # what is sample data
    website: str = ""
    koryo: float = 0.0  # share of Koryo-saram members (Russian given names, CIS spelling)
    chapters: tuple[ChapterSpec, ...] = ()
    affiliations: tuple[str, ...] = ()
    conference: str = ""  # the regional conference series its organising committee runs
    committees: int = 3

    @property
    def prefix(self) -> str:
        return f"{self.code.upper()}-"


C = ChapterSpec

# fmt: off
ASSOCIATIONS: tuple[AssociationSpec, ...] = (
    AssociationSpec(
        code="ksea", name_en="Korean-American Scientists and Engineers Association",
        name_ko="재미한인과학기술자협회", country="US", city="Vienna, Virginia",
        founded_on=dt.date(1971, 12, 1), members=6500, currency="USD", dues=(60, 20),
        phone_code="1", local_language="", western="en", second_generation=0.12,
        website="https://www.ksea.org", conference="UKC", committees=8,
        known="Founded in December 1971 in Vienna, Virginia, by 69 Korean scientists and "
        "engineers studying in the United States; the oldest and largest overseas association.",
        invented="The exact founding day, the chapters shown, the committees and every member.",
        chapters=(
            C("Washington Metro", "워싱턴 지부", "Washington, DC", ("National Institutes of Health", "National Cancer Institute", "NIST", "University of Maryland", "Johns Hopkins University", "George Washington University", "U.S. Food and Drug Administration", "NASA Goddard Space Flight Center", "Naval Research Laboratory"), 10),  # noqa: E501
            C("New York Metro", "뉴욕 지부", "New York, NY", ("Columbia University", "New York University", "Memorial Sloan Kettering Cancer Center", "IBM T.J. Watson Research Center", "Samsung Electronics America", "Rockefeller University"), 8),  # noqa: E501
            C("New Jersey", "뉴저지 지부", "Princeton, NJ", ("Princeton University", "Rutgers University", "Nokia Bell Labs", "Merck & Co.", "LG Electronics USA", "Stevens Institute of Technology"), 5),  # noqa: E501
            C("New England", "뉴잉글랜드 지부", "Boston, MA", ("Massachusetts Institute of Technology", "Harvard Medical School", "Boston University", "Massachusetts General Hospital", "Broad Institute", "Moderna", "Northeastern University"), 8),  # noqa: E501
            C("Southern California", "남가주 지부", "Los Angeles, CA", ("UCLA", "Caltech", "University of Southern California", "NASA Jet Propulsion Laboratory", "Northrop Grumman", "Hyundai Motor America"), 8),  # noqa: E501
            C("San Diego", "샌디에이고 지부", "San Diego, CA", ("UC San Diego", "Qualcomm", "Salk Institute", "Scripps Research", "Illumina"), 5),  # noqa: E501
            C("Silicon Valley", "실리콘밸리 지부", "San Jose, CA", ("Stanford University", "Google", "Apple", "Intel", "NVIDIA", "Samsung Semiconductor, Inc.", "Applied Materials", "SK hynix America"), 9),  # noqa: E501
            C("San Francisco Bay Area", "북가주 지부", "Berkeley, CA", ("UC Berkeley", "Lawrence Berkeley National Laboratory", "Lawrence Livermore National Laboratory", "UC San Francisco", "Genentech"), 5),  # noqa: E501
            C("Seattle", "시애틀 지부", "Seattle, WA", ("University of Washington", "Microsoft", "Amazon", "Boeing", "Fred Hutchinson Cancer Center"), 5),  # noqa: E501
            C("Georgia", "조지아 지부", "Atlanta, GA", ("Georgia Institute of Technology", "Emory University", "Centers for Disease Control and Prevention", "SK Battery America"), 5),  # noqa: E501
            C("North Texas", "북텍사스 지부", "Dallas, TX", ("UT Dallas", "UT Southwestern Medical Center", "Texas Instruments", "UT Arlington"), 4),  # noqa: E501
            C("Houston", "휴스턴 지부", "Houston, TX", ("Rice University", "University of Houston", "MD Anderson Cancer Center", "NASA Johnson Space Center", "Baylor College of Medicine"), 4),  # noqa: E501
            C("Central Texas", "중부텍사스 지부", "Austin, TX", ("UT Austin", "Samsung Austin Semiconductor", "Texas A&M University", "Tesla"), 4),  # noqa: E501
            C("Midwest", "중서부 지부", "Chicago, IL", ("University of Chicago", "Northwestern University", "Argonne National Laboratory", "Fermilab", "University of Illinois Urbana-Champaign"), 6),  # noqa: E501
            C("Michigan", "미시간 지부", "Ann Arbor, MI", ("University of Michigan", "Michigan State University", "Ford Motor Company", "General Motors", "LG Energy Solution Michigan", "Wayne State University"), 5),  # noqa: E501
            C("Ohio", "오하이오 지부", "Columbus, OH", ("Ohio State University", "Case Western Reserve University", "Cleveland Clinic", "University of Cincinnati"), 4),  # noqa: E501
            C("Pittsburgh", "피츠버그 지부", "Pittsburgh, PA", ("Carnegie Mellon University", "University of Pittsburgh", "Penn State University"), 3),  # noqa: E501
            C("Philadelphia", "필라델피아 지부", "Philadelphia, PA", ("University of Pennsylvania", "Drexel University", "Children's Hospital of Philadelphia", "Temple University"), 4),  # noqa: E501
            C("North Carolina", "노스캐롤라이나 지부", "Raleigh, NC", ("NC State University", "Duke University", "UNC Chapel Hill", "RTI International"), 4),  # noqa: E501
            C("Indiana", "인디애나 지부", "West Lafayette, IN", ("Purdue University", "Indiana University", "Eli Lilly and Company", "Cummins"), 3),  # noqa: E501
            C("Minnesota", "미네소타 지부", "Minneapolis, MN", ("University of Minnesota", "Mayo Clinic", "3M", "Medtronic"), 3),  # noqa: E501
            C("Colorado", "콜로라도 지부", "Boulder, CO", ("University of Colorado Boulder", "National Renewable Energy Laboratory", "NOAA", "Colorado School of Mines"), 3),  # noqa: E501
            C("Arizona", "애리조나 지부", "Phoenix, AZ", ("Arizona State University", "University of Arizona", "Intel", "TSMC Arizona"), 3),  # noqa: E501
            C("Florida", "플로리다 지부", "Gainesville, FL", ("University of Florida", "Florida State University", "University of Central Florida"), 3),  # noqa: E501
            C("Tennessee", "테네시 지부", "Oak Ridge, TN", ("Oak Ridge National Laboratory", "Vanderbilt University", "University of Tennessee"), 2),  # noqa: E501
            C("New Mexico", "뉴멕시코 지부", "Los Alamos, NM", ("Los Alamos National Laboratory", "Sandia National Laboratories", "University of New Mexico"), 2),  # noqa: E501
            C("Alabama", "앨라배마 지부", "Auburn, AL", ("Auburn University", "University of Alabama", "NASA Marshall Space Flight Center", "Hyundai Motor Manufacturing Alabama"), 2),  # noqa: E501
            C("St. Louis", "세인트루이스 지부", "St. Louis, MO", ("Washington University in St. Louis", "Saint Louis University", "Bayer Crop Science"), 2),  # noqa: E501
            C("Connecticut", "코네티컷 지부", "New Haven, CT", ("Yale University", "University of Connecticut", "Pratt & Whitney"), 2),  # noqa: E501
            C("Utah", "유타 지부", "Salt Lake City, UT", ("University of Utah", "Brigham Young University"), 1),  # noqa: E501
        ),
    ),
    AssociationSpec(
        code="akcse", name_en="Association of Korean-Canadian Scientists and Engineers",
        name_ko="재캐나다한인과학기술자협회", country="CA", city="Toronto",
        founded_on=dt.date(1986, 5, 1), members=1900, currency="CAD", dues=(50, 20),
        phone_code="1", local_language="fr", western="en", second_generation=0.10,
        website="https://akcse.org", conference="CKC", committees=6,
        known="The association of Korean scientists and engineers in Canada, founded in 1986.",
        invented="The founding day, the chapters shown, the committees and every member.",
        chapters=(
            C("Toronto", "토론토 지부", "Toronto", ("University of Toronto", "Toronto Metropolitan University", "York University", "Sunnybrook Research Institute", "Samsung AI Centre Toronto"), 8),  # noqa: E501
            C("Ottawa", "오타와 지부", "Ottawa", ("University of Ottawa", "Carleton University", "National Research Council Canada"), 4),  # noqa: E501
            C("Montreal", "몬트리올 지부", "Montréal", ("McGill University", "Polytechnique Montréal", "Université de Montréal", "Mila"), 4),  # noqa: E501
            C("Vancouver", "밴쿠버 지부", "Vancouver", ("University of British Columbia", "Simon Fraser University", "TRIUMF"), 5),  # noqa: E501
            C("Calgary", "캘거리 지부", "Calgary", ("University of Calgary",), 2),
            C("Edmonton", "에드먼턴 지부", "Edmonton", ("University of Alberta",), 2),
            C("Waterloo", "워털루 지부", "Waterloo", ("University of Waterloo", "Wilfrid Laurier University", "BlackBerry"), 3),  # noqa: E501
            C("Hamilton", "해밀턴 지부", "Hamilton", ("McMaster University",), 2),
            C("Kingston", "킹스턴 지부", "Kingston", ("Queen's University",), 1),
            C("Saskatoon", "새스커툰 지부", "Saskatoon", ("University of Saskatchewan", "Canadian Light Source"), 1),  # noqa: E501
            C("Halifax", "핼리팩스 지부", "Halifax", ("Dalhousie University",), 1),
        ),
    ),
    AssociationSpec(
        code="vekni", name_en="Association of Korean Scientists and Engineers in Germany (VeKNI)",
        name_ko="재독한국과학기술자협회", country="DE", city="Frankfurt am Main",
        founded_on=dt.date(1973, 1, 1), members=1650, currency="EUR", dues=(40, 15),
        phone_code="49", local_language="de", western="de", second_generation=0.06,
        conference="EKC", committees=5,
        known="VeKNI (Verein Koreanischer Naturwissenschaftler und Ingenieure in der "
        "Bundesrepublik Deutschland), the association of Korean scientists in Germany.",
        invented="The seat, the founding date, the regional groups, the committees and every "
        "member.",
        chapters=(
            C("Berlin", "베를린 지역모임", "Berlin", ("TU Berlin", "Humboldt-Universität zu Berlin", "Charité – Universitätsmedizin Berlin", "Fraunhofer HHI"), 5),  # noqa: E501
            C("Munich", "뮌헨 지역모임", "München", ("Technische Universität München", "LMU München", "Siemens", "BMW Group", "Max Planck Institute of Biochemistry"), 6),  # noqa: E501
            C("Rhine-Main", "라인마인 지역모임", "Frankfurt am Main", ("Goethe-Universität Frankfurt", "TU Darmstadt", "Merck KGaA", "GSI Helmholtzzentrum"), 5),  # noqa: E501
            C("Ruhr", "루르 지역모임", "Bochum", ("Ruhr-Universität Bochum", "TU Dortmund", "Universität Duisburg-Essen"), 3),  # noqa: E501
            C("Aachen-Cologne", "아헨·쾰른 지역모임", "Aachen", ("RWTH Aachen", "Forschungszentrum Jülich", "Universität zu Köln", "DLR"), 4),  # noqa: E501
            C("Stuttgart", "슈투트가르트 지역모임", "Stuttgart", ("Universität Stuttgart", "Robert Bosch GmbH", "Mercedes-Benz Group", "Max Planck Institute for Solid State Research"), 4),  # noqa: E501
            C("Karlsruhe", "카를스루에 지역모임", "Karlsruhe", ("Karlsruhe Institute of Technology",), 2),  # noqa: E501
            C("Hamburg", "함부르크 지역모임", "Hamburg", ("Universität Hamburg", "DESY", "Airbus"), 3),  # noqa: E501
            C("Dresden", "드레스덴 지역모임", "Dresden", ("TU Dresden", "Fraunhofer IPMS", "Infineon Technologies Dresden"), 2),  # noqa: E501
        ),
    ),
    AssociationSpec(
        code="kseauk", name_en="Korean Scientists and Engineers Association in the UK",
        name_ko="재영한인과학기술자협회", country="GB", city="London",
        founded_on=dt.date(1974, 1, 1), members=1300, currency="GBP", dues=(30, 10),
        phone_code="44", local_language="", western="en", second_generation=0.05,
        website="https://www.kseauk.org", conference="EKC", committees=5,
        known="KSEAUK, the association of Korean scientists and engineers in the United "
        "Kingdom.",
        invented="The founding date, the regional chapters, the committees and every member.",
        chapters=(
            C("London", "런던 지부", "London", ("Imperial College London", "University College London", "King's College London", "Francis Crick Institute"), 8),  # noqa: E501
            C("Cambridge", "케임브리지 지부", "Cambridge", ("University of Cambridge", "AstraZeneca", "Arm"), 4),  # noqa: E501
            C("Oxford", "옥스퍼드 지부", "Oxford", ("University of Oxford", "Rutherford Appleton Laboratory"), 3),  # noqa: E501
            C("North of England", "북잉글랜드 지부", "Manchester", ("University of Manchester", "University of Sheffield", "University of Leeds"), 4),  # noqa: E501
            C("Scotland", "스코틀랜드 지부", "Edinburgh", ("University of Edinburgh", "University of Glasgow", "University of Strathclyde"), 2),  # noqa: E501
            C("Midlands", "미들랜즈 지부", "Birmingham", ("University of Birmingham", "University of Nottingham", "Loughborough University", "Jaguar Land Rover"), 3),  # noqa: E501
        ),
    ),
    AssociationSpec(
        code="ascof", name_en="Association of Korean Scientists in France (ASCoF)",
        name_ko="재불한인과학기술협회", country="FR", city="Paris",
        founded_on=dt.date(1976, 1, 1), members=900, currency="EUR", dues=(40, 15),
        phone_code="33", local_language="fr", western="fr", second_generation=0.05,
        conference="EKC", committees=4,
        known="ASCoF (Association des Scientifiques Coréens en France), the association of "
        "Korean scientists in France.",
        invented="The founding date, the regional groups, the committees and every member.",
        chapters=(
            C("Île-de-France", "일드프랑스 지부", "Paris", ("CNRS", "Sorbonne Université", "Institut Pasteur", "École polytechnique", "Université Paris-Saclay", "CEA Paris-Saclay"), 8),  # noqa: E501
            C("Grenoble", "그르노블 지부", "Grenoble", ("Université Grenoble Alpes", "CEA-Leti", "STMicroelectronics", "ESRF"), 3),  # noqa: E501
            C("Lyon", "리옹 지부", "Lyon", ("Université Claude Bernard Lyon 1", "INSA Lyon", "ENS de Lyon"), 2),  # noqa: E501
            C("Toulouse", "툴루즈 지부", "Toulouse", ("Université Toulouse III", "Airbus", "CNES"), 2),  # noqa: E501
            C("Provence", "프로방스 지부", "Marseille", ("Aix-Marseille Université", "ITER Organization"), 1),  # noqa: E501
        ),
    ),
    AssociationSpec(
        code="kseaj", name_en="Korean Scientists and Engineers Association in Japan",
        name_ko="재일한국과학기술자협회", country="JP", city="Tokyo",
        founded_on=dt.date(1983, 1, 1), members=1265, currency="JPY", dues=(5000, 2000),
        phone_code="81", local_language="ja", western="en", second_generation=0.02,
        conference="AKC", committees=4,
        known="The association of Korean scientists and engineers in Japan.",
        invented="The acronym, the founding date, the regional chapters, the committees and "
        "every member.",
        chapters=(
            C("Kanto", "관동 지부", "Tokyo", ("University of Tokyo", "Institute of Science Tokyo", "RIKEN", "Keio University", "Waseda University", "NTT"), 8),  # noqa: E501
            C("Kansai", "관서 지부", "Osaka", ("Osaka University", "Kyoto University", "Kobe University", "Panasonic"), 5),  # noqa: E501
            C("Tsukuba", "쓰쿠바 지부", "Tsukuba", ("University of Tsukuba", "AIST", "NIMS", "KEK"), 3),  # noqa: E501
            C("Tohoku", "도호쿠 지부", "Sendai", ("Tohoku University",), 2),
            C("Chubu", "주부 지부", "Nagoya", ("Nagoya University", "Toyota Motor Corporation"), 2),  # noqa: E501
            C("Kyushu", "규슈 지부", "Fukuoka", ("Kyushu University",), 2),
        ),
    ),
    AssociationSpec(
        code="ksecn", name_en="Korean Scientists and Engineers Association in China",
        name_ko="재중국한인과학기술자협회", country="CN", city="Beijing",
        founded_on=dt.date(2004, 6, 1), members=1600, currency="CNY", dues=(300, 100),
        phone_code="86", local_language="zh", western="en", second_generation=0.01,
        conference="AKC", committees=4,
        known="The association of Korean scientists and engineers in China.",
        invented="The acronym, the founding date, the chapters, the committees and every "
        "member.",
        chapters=(
            C("Beijing", "베이징 지부", "Beijing", ("Tsinghua University", "Peking University", "Chinese Academy of Sciences", "Beihang University"), 6),  # noqa: E501
            C("Shanghai", "상하이 지부", "Shanghai", ("Fudan University", "Shanghai Jiao Tong University", "ShanghaiTech University"), 5),  # noqa: E501
            C("Shenzhen", "선전 지부", "Shenzhen", ("Southern University of Science and Technology", "Shenzhen University", "Huawei"), 3),  # noqa: E501
            C("Xi'an", "시안 지부", "Xi'an", ("Xi'an Jiaotong University", "Samsung China Semiconductor"), 2),  # noqa: E501
            C("Yanbian", "연변 지부", "Yanji", ("Yanbian University", "Yanbian University of Science and Technology"), 2),  # noqa: E501
        ),
    ),
    AssociationSpec(
        code="kseru", name_en="Association of Korean Scientists and Engineers in Russia",
        name_ko="재러시아한인과학기술자협회", country="RU", city="Moscow",
        founded_on=dt.date(1991, 9, 1), members=700, currency="RUB", dues=(2000, 500),
        phone_code="7", local_language="ru", western="ru", second_generation=0.0,
        koryo=0.35, conference="CISKC", committees=3,
        known="The association of Korean scientists and engineers in Russia.",
        invented="The acronym, the founding date, the chapters, the committees and every "
        "member.",
        chapters=(
            C("Moscow", "모스크바 지부", "Moscow", ("Lomonosov Moscow State University", "Moscow Institute of Physics and Technology", "Bauman Moscow State Technical University", "Skoltech"), 6),  # noqa: E501
            C("Saint Petersburg", "상트페테르부르크 지부", "Saint Petersburg", ("ITMO University", "Saint Petersburg State University", "Ioffe Institute"), 3),  # noqa: E501
            C("Novosibirsk", "노보시비르스크 지부", "Novosibirsk", ("Novosibirsk State University", "Budker Institute of Nuclear Physics"), 2),  # noqa: E501
            C("Far East", "극동 지부", "Vladivostok", ("Far Eastern Federal University", "Sakhalin State University"), 2),  # noqa: E501
        ),
    ),
    AssociationSpec(
        code="ksekz", name_en="Association of Korean Scientists and Engineers in Kazakhstan",
        name_ko="재카자흐스탄한인과학기술자협회", country="KZ", city="Almaty",
        founded_on=dt.date(2006, 3, 1), members=450, currency="KZT", dues=(10000, 3000),
        phone_code="7", local_language="ru", western="ru", second_generation=0.0,
        koryo=0.6, conference="CISKC", committees=3,
        known="The association of Korean scientists and engineers in Kazakhstan.",
        invented="The acronym, the founding date, the chapters, the committees and every "
        "member.",
        chapters=(
            C("Almaty", "알마티 지부", "Almaty", ("Al-Farabi Kazakh National University", "Kazakh-British Technical University", "Satbayev University"), 3),  # noqa: E501
            C("Astana", "아스타나 지부", "Astana", ("Nazarbayev University", "L.N. Gumilyov Eurasian National University"), 2),  # noqa: E501
        ),
    ),
    AssociationSpec(
        code="kseuz", name_en="Association of Korean Scientists and Engineers in Uzbekistan",
        name_ko="재우즈베키스탄한인과학기술자협회", country="UZ", city="Tashkent",
        founded_on=dt.date(2007, 5, 1), members=350, currency="UZS", dues=(200000, 50000),
        phone_code="998", local_language="ru", western="ru", second_generation=0.0,
        koryo=0.6, conference="CISKC", committees=2,
        known="The association of Korean scientists and engineers in Uzbekistan.",
        invented="The acronym, the founding date, the committees and every member.",
        affiliations=("National University of Uzbekistan", "Tashkent University of Information Technologies", "Inha University in Tashkent", "Tashkent State Technical University"),  # noqa: E501
    ),
    AssociationSpec(
        code="kseau", name_en="Korean Scientists and Engineers Association in Australia and "
        "New Zealand", name_ko="재호주·뉴질랜드한인과학기술자협회", country="AU", city="Sydney",
        founded_on=dt.date(2008, 8, 1), members=550, currency="AUD", dues=(60, 20),
        phone_code="61", local_language="", western="en", second_generation=0.08,
        conference="AKC", committees=3,
        known="The association of Korean scientists and engineers in Australia and New "
        "Zealand.",
        invented="The acronym, the founding date, the chapters, the committees and every "
        "member.",
        chapters=(
            C("Sydney", "시드니 지부", "Sydney", ("University of Sydney", "UNSW Sydney", "CSIRO", "Macquarie University"), 5),  # noqa: E501
            C("Melbourne", "멜버른 지부", "Melbourne", ("University of Melbourne", "Monash University", "RMIT University"), 4),  # noqa: E501
            C("Brisbane", "브리즈번 지부", "Brisbane", ("University of Queensland", "Queensland University of Technology"), 2),  # noqa: E501
            C("Canberra", "캔버라 지부", "Canberra", ("Australian National University",), 1),
            C("Auckland", "오클랜드 지부", "Auckland", ("University of Auckland", "Auckland University of Technology"), 2, "NZ"),  # noqa: E501
        ),
    ),
    AssociationSpec(
        code="ksesg", name_en="Korean Scientists and Engineers Association in Singapore",
        name_ko="재싱가포르한인과학기술자협회", country="SG", city="Singapore",
        founded_on=dt.date(2009, 4, 1), members=400, currency="SGD", dues=(50, 20),
        phone_code="65", local_language="", western="en", second_generation=0.02,
        conference="AKC", committees=3,
        known="The association of Korean scientists and engineers in Singapore.",
        invented="The acronym, the founding date, the committees and every member.",
        affiliations=("National University of Singapore", "Nanyang Technological University", "A*STAR", "Singapore University of Technology and Design", "Micron Technology Singapore"),  # noqa: E501
    ),
    AssociationSpec(
        code="ksevn", name_en="Korean Scientists and Engineers Association in Vietnam",
        name_ko="재베트남한인과학기술자협회", country="VN", city="Hanoi",
        founded_on=dt.date(2012, 10, 1), members=300, currency="VND", dues=(500000, 200000),
        phone_code="84", local_language="vi", western="en", second_generation=0.0,
        conference="AKC", committees=2,
        known="The association of Korean scientists and engineers in Vietnam.",
        invented="The acronym, the founding date, the chapters, the committees and every "
        "member.",
        chapters=(
            C("Hanoi", "하노이 지부", "Hanoi", ("Vietnam National University, Hanoi", "Hanoi University of Science and Technology", "Vietnam Academy of Science and Technology", "Samsung Electronics Vietnam"), 3),  # noqa: E501
            C("Ho Chi Minh City", "호찌민 지부", "Ho Chi Minh City", ("Vietnam National University, Ho Chi Minh City", "Ho Chi Minh City University of Technology"), 2),  # noqa: E501
        ),
    ),
    AssociationSpec(
        code="ksese", name_en="Korean Scientists and Engineers Association in Sweden",
        name_ko="재스웨덴한인과학기술자협회", country="SE", city="Stockholm",
        founded_on=dt.date(1999, 11, 1), members=250, currency="SEK", dues=(400, 150),
        phone_code="46", local_language="", western="en", second_generation=0.04,
        conference="EKC", committees=2,
        known="The association of Korean scientists and engineers in Sweden.",
        invented="The acronym, the founding date, the chapters, the committees and every "
        "member.",
        chapters=(
            C("Stockholm", "스톡홀름 지부", "Stockholm", ("KTH Royal Institute of Technology", "Karolinska Institutet", "Stockholm University", "Ericsson"), 3),  # noqa: E501
            C("West and South Sweden", "서남부 지부", "Gothenburg", ("Chalmers University of Technology", "Lund University", "Volvo Group"), 2),  # noqa: E501
        ),
    ),
    AssociationSpec(
        code="koseaa", name_en="Korean Scientists and Engineers Association in Austria",
        name_ko="재오스트리아한인과학기술자협회", country="AT", city="Vienna",
        founded_on=dt.date(1998, 1, 1), members=280, currency="EUR", dues=(40, 15),
        phone_code="43", local_language="de", western="de", second_generation=0.04,
        website="https://www.koseaa.org", conference="EKC", committees=3,
        known="KOSEAA, founded in 1998; it organised the Europe-Korea Conference (EKC) in "
        "2010, 2014 and 2019.",
        invented="The founding day, the chapters, the committees and every member.",
        chapters=(
            C("Vienna", "빈 지부", "Vienna", ("TU Wien", "University of Vienna", "IIASA", "ISTA – Institute of Science and Technology Austria", "Medical University of Vienna"), 4),  # noqa: E501
            C("Graz and Linz", "그라츠·린츠 지부", "Graz", ("TU Graz", "AVL List", "Johannes Kepler University Linz"), 2),  # noqa: E501
        ),
    ),
    AssociationSpec(
        code="ksefi", name_en="Korean Scientists and Engineers Association in Finland",
        name_ko="재핀란드한인과학기술자협회", country="FI", city="Helsinki",
        founded_on=dt.date(2005, 9, 1), members=120, currency="EUR", dues=(30, 10),
        phone_code="358", local_language="", western="en", second_generation=0.02,
        conference="EKC", committees=2,
        known="The association of Korean scientists and engineers in Finland.",
        invented="The acronym, the founding date, the committees and every member.",
        affiliations=("University of Helsinki", "Aalto University", "VTT Technical Research Centre of Finland", "Nokia", "University of Oulu"),  # noqa: E501
    ),
    AssociationSpec(
        code="ksech", name_en="Korean Scientists and Engineers Association in Switzerland",
        name_ko="재스위스한인과학기술자협회", country="CH", city="Zürich",
        founded_on=dt.date(2007, 2, 1), members=200, currency="CHF", dues=(60, 20),
        phone_code="41", local_language="de", western="de", second_generation=0.03,
        conference="EKC", committees=2,
        known="The association of Korean scientists and engineers in Switzerland.",
        invented="The acronym, the founding date, the chapters, the committees and every "
        "member.",
        chapters=(
            C("Zürich", "취리히 지부", "Zürich", ("ETH Zürich", "University of Zürich", "IBM Research – Zürich", "Google Zürich"), 3),  # noqa: E501
            C("Lake Geneva", "레만호 지부", "Lausanne", ("EPFL", "CERN", "University of Geneva"), 2),  # noqa: E501
            C("Basel", "바젤 지부", "Basel", ("University of Basel", "Roche", "Novartis"), 1),
        ),
    ),
    AssociationSpec(
        code="ksenl", name_en="Korean Scientists and Engineers Association in the Netherlands",
        name_ko="재네덜란드한인과학기술자협회", country="NL", city="Eindhoven",
        founded_on=dt.date(2011, 6, 1), members=180, currency="EUR", dues=(40, 15),
        phone_code="31", local_language="", western="en", second_generation=0.03,
        conference="EKC", committees=2,
        known="The association of Korean scientists and engineers in the Netherlands.",
        invented="The acronym, the seat, the founding date, the committees and every member.",
        affiliations=("Eindhoven University of Technology", "ASML", "Philips Research", "TU Delft", "University of Amsterdam", "Wageningen University & Research"),  # noqa: E501
    ),
)
# fmt: on

TOTAL_MEMBERS = sum(a.members for a in ASSOCIATIONS)
assert TOTAL_MEMBERS == 18_895, TOTAL_MEMBERS  # the brochure's figure
assert len({a.country for a in ASSOCIATIONS}) == len(ASSOCIATIONS) == 18

# Committees, in the order an association of a given size has them.
COMMITTEES: tuple[tuple[str, str, str], ...] = (
    ("Executive Committee", "운영위원회", "Runs the association between general meetings."),
    (
        "{conference} Organizing Committee",
        "{conference} 조직위원회",
        "Plans the regional conference the association hosts or co-hosts.",
    ),
    ("Membership Committee", "회원위원회", "Recruits members and looks after renewals."),
    (
        "Young Generation Committee",
        "차세대위원회",
        "Students and early-career members; sends delegates to the Young Generation Forum.",
    ),
    ("Awards Committee", "포상위원회", "Proposes candidates for the association's awards."),
    ("Scholarship Committee", "장학위원회", "Selects scholarship recipients."),
    (
        "Women in Science and Engineering Committee",
        "여성과학기술인위원회",
        "Mentoring and networking for women members.",
    ),
    ("Finance Committee", "재무위원회", "Budget, dues and audit."),
)
