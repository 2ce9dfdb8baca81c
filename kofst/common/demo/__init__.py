"""Demo data. ``DEMO_LOGINS`` are the logins ``seed_demo`` creates, one per role; the
login page lists them when ``KOFST_DEMO`` is on."""

DEMO_PASSWORD = "kofst-demo-2026"  # noqa: S105  (printed for the demo; never in production)

DEMO_LOGINS: list[tuple[str, str]] = [
    ("hq@demo.kofst.example", "KOFST headquarters staff"),
    ("admin.ksea@demo.kofst.example", "KSEA association admin"),
    ("staff.ksea@demo.kofst.example", "KSEA association staff"),
    ("staff.vekni@demo.kofst.example", "VeKNI association staff"),
    ("committee@demo.kofst.example", "Award committee member"),
    ("chair@demo.kofst.example", "Award committee chair"),
    ("member@demo.kofst.example", "Member (scientist)"),
]
