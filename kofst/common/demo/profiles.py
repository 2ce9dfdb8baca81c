"""Professional profiles for demo people: fields with their expertise keywords, positions
by career stage, and the ages that go with each stage."""

from members.enums import CareerStage, Degree, ScienceField

F = ScienceField

# (field, weight, keywords): weights follow the make-up of the overseas associations,
# engineering and life sciences first.
# fmt: off
FIELDS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    (F.ELECTRICAL_ENGINEERING, 14, ("semiconductors", "VLSI design", "power electronics", "wireless communication", "signal processing", "photonics", "6G", "display technology")),  # noqa: E501
    (F.COMPUTER_SCIENCE, 14, ("machine learning", "computer vision", "natural language processing", "distributed systems", "cybersecurity", "databases", "robotics software", "quantum computing")),  # noqa: E501
    (F.BIOLOGY, 10, ("genomics", "immunology", "neuroscience", "structural biology", "CRISPR", "cell biology", "bioinformatics", "microbiome")),  # noqa: E501
    (F.MEDICINE, 9, ("oncology", "cardiology", "epidemiology", "drug discovery", "clinical trials", "medical imaging", "public health")),  # noqa: E501
    (F.MECHANICAL_ENGINEERING, 8, ("fluid dynamics", "heat transfer", "robotics", "additive manufacturing", "autonomous vehicles", "tribology", "vibration")),  # noqa: E501
    (F.CHEMISTRY, 7, ("catalysis", "organic synthesis", "electrochemistry", "polymer chemistry", "spectroscopy", "computational chemistry")),  # noqa: E501
    (F.MATERIALS, 7, ("thin films", "batteries", "2D materials", "metallurgy", "ceramics", "perovskites", "composites")),  # noqa: E501
    (F.PHYSICS, 6, ("condensed matter", "particle physics", "astrophysics", "optics", "plasma physics", "quantum information")),  # noqa: E501
    (F.CHEMICAL_ENGINEERING, 5, ("process engineering", "separation", "reaction engineering", "hydrogen production", "carbon capture")),  # noqa: E501
    (F.CIVIL_ENGINEERING, 4, ("structural engineering", "geotechnics", "transportation", "smart cities", "earthquake engineering")),  # noqa: E501
    (F.MEDICAL_ENGINEERING, 4, ("biomaterials", "medical devices", "tissue engineering", "biosensors", "neural engineering")),  # noqa: E501
    (F.ENERGY, 4, ("nuclear engineering", "solar cells", "fuel cells", "smart grid", "wind energy", "fusion")),  # noqa: E501
    (F.MATHEMATICS, 3, ("number theory", "applied mathematics", "statistics", "optimization", "probability")),  # noqa: E501
    (F.EARTH_SCIENCES, 3, ("climate modelling", "oceanography", "seismology", "hydrology", "atmospheric chemistry")),  # noqa: E501
    (F.ENVIRONMENTAL_ENGINEERING, 3, ("water treatment", "air quality", "waste management", "life-cycle assessment")),  # noqa: E501
    (F.NANOTECHNOLOGY, 2, ("nanofabrication", "nanophotonics", "MEMS", "quantum dots")),  # noqa: E501
    (F.AEROSPACE, 2, ("propulsion", "satellite systems", "aerodynamics", "space robotics")),  # noqa: E501
    (F.AGRICULTURE, 2, ("plant genetics", "food science", "crop modelling", "animal science")),  # noqa: E501
    (F.ECONOMICS, 2, ("innovation economics", "technology management", "finance", "econometrics")),  # noqa: E501
    (F.SCIENCE_POLICY, 1, ("science diplomacy", "R&D policy", "technology transfer", "ODA")),  # noqa: E501
)
# fmt: on

S = CareerStage

# (stage, weight, youngest age, oldest age)
CAREER_STAGES: tuple[tuple[str, int, int, int], ...] = (
    (S.STUDENT, 18, 20, 33),
    (S.POSTDOC, 11, 28, 38),
    (S.EARLY_CAREER, 28, 29, 45),
    (S.SENIOR, 33, 40, 68),
    (S.EMERITUS, 10, 66, 88),
)

POSITIONS: dict[str, tuple[str, ...]] = {
    S.STUDENT: (
        "PhD student",
        "PhD candidate",
        "Graduate student",
        "MS student",
        "Undergraduate student",
    ),
    S.POSTDOC: ("Postdoctoral researcher", "Postdoctoral fellow", "Research fellow"),
    S.EARLY_CAREER: (
        "Assistant Professor",
        "Research Scientist",
        "Engineer",
        "Senior Engineer",
        "Staff Scientist",
        "Data Scientist",
        "Lecturer",
    ),
    S.SENIOR: (
        "Professor",
        "Associate Professor",
        "Principal Engineer",
        "Director",
        "Senior Research Scientist",
        "Distinguished Engineer",
        "Group Leader",
        "Chief Technology Officer",
    ),
    S.EMERITUS: ("Professor Emeritus", "Retired", "Senior Advisor", "Distinguished Fellow"),
}

# (degree, weight) by stage: the highest degree already held.
DEGREES: dict[str, tuple[tuple[str, int], ...]] = {
    S.STUDENT: ((Degree.BACHELOR, 70), (Degree.MASTER, 30)),
    S.POSTDOC: ((Degree.DOCTORATE, 100),),
    S.EARLY_CAREER: ((Degree.DOCTORATE, 65), (Degree.MASTER, 28), (Degree.BACHELOR, 7)),
    S.SENIOR: ((Degree.DOCTORATE, 78), (Degree.MASTER, 17), (Degree.BACHELOR, 5)),
    S.EMERITUS: ((Degree.DOCTORATE, 85), (Degree.MASTER, 12), (Degree.OTHER, 3)),
}

PERSONAL_EMAIL_HOSTS = ("mail.example", "inbox.example", "post.example")
