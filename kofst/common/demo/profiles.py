"""Professional profiles for demo people: fields with their expertise keywords, positions
by career stage, and the ages that go with each stage."""

import random
import re

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

# Positions by career stage and kind of employer.
POSITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    S.STUDENT: {
        "academic": ("PhD student", "PhD candidate", "Graduate student", "MS student"),
        "lab": ("Graduate research assistant", "Visiting PhD student"),
        "company": ("Research intern", "Working student"),
    },
    S.POSTDOC: {
        "academic": ("Postdoctoral researcher", "Postdoctoral fellow", "Research fellow"),
        "lab": ("Postdoctoral researcher", "Postdoctoral fellow"),
        "company": ("Postdoctoral researcher", "Research fellow"),
    },
    S.EARLY_CAREER: {
        "academic": ("Assistant Professor", "Lecturer", "Research Assistant Professor"),
        "lab": ("Research Scientist", "Staff Scientist", "Research Engineer"),
        "company": ("Engineer", "Senior Engineer", "Data Scientist", "Software Engineer"),
    },
    S.SENIOR: {
        "academic": ("Professor", "Associate Professor", "Department Chair"),
        "lab": ("Senior Research Scientist", "Group Leader", "Principal Investigator",
                "Division Director"),
        "company": ("Principal Engineer", "Director", "Distinguished Engineer",
                    "Chief Technology Officer", "Vice President, R&D"),
    },
    S.EMERITUS: {
        "academic": ("Professor Emeritus",),
        "lab": ("Distinguished Fellow", "Senior Advisor"),
        "company": ("Retired", "Senior Advisor"),
    },
}  # fmt: skip

_LAB = re.compile(
    r"\b(laborator|national (institutes|cancer|research|renewable)|nist|nasa|noaa|centers for"
    r"|food and drug|cnrs|cea|riken|csiro|a\*star|fraunhofer|max planck|desy|cern|kek|aist"
    r"|nims|vtt|academy|iter|triumf|mila|iiasa|esrf|gsi|dlr|forschungszentrum|budker|ioffe"
    r"|fermilab|argonne|rti|cnes|light source|research institute)",
    re.IGNORECASE,
)
_ACADEMIC = re.compile(
    r"\b(univ|college|school|institute of technology|polytechn|eth|epfl|kth|caltech|ucla|uc"
    r"|ut|mit|tu|rwth|insa|ens|école|sorbonne|skoltech|charité|karolinska|chalmers|aalto|ista"
    r"|lmu|unc|unsw|rmit|imperial|king's|institut|salk|scripps|rockefeller|hospital|clinic"
    r"|cancer center)",
    re.IGNORECASE,
)


def affiliation_kind(name: str) -> str:
    """'academic', 'lab' or 'company', guessed from the name."""
    if _LAB.search(name):
        return "lab"
    if _ACADEMIC.search(name):
        return "academic"
    return "company"


def position(rng: random.Random, *, stage: str, affiliation: str, age: int) -> str:
    if stage == S.STUDENT and age < 24 and affiliation_kind(affiliation) == "academic":
        return rng.choice(("Undergraduate student", "MS student"))
    return rng.choice(POSITIONS[stage][affiliation_kind(affiliation)])


# (degree, weight) by stage: the highest degree already held.
DEGREES: dict[str, tuple[tuple[str, int], ...]] = {
    S.STUDENT: ((Degree.BACHELOR, 70), (Degree.MASTER, 30)),
    S.POSTDOC: ((Degree.DOCTORATE, 100),),
    S.EARLY_CAREER: ((Degree.DOCTORATE, 65), (Degree.MASTER, 28), (Degree.BACHELOR, 7)),
    S.SENIOR: ((Degree.DOCTORATE, 78), (Degree.MASTER, 17), (Degree.BACHELOR, 5)),
    S.EMERITUS: ((Degree.DOCTORATE, 85), (Degree.MASTER, 12), (Degree.OTHER, 3)),
}

PERSONAL_EMAIL_HOSTS = ("mail.example", "inbox.example", "post.example")
