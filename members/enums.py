from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipType(models.TextChoices):
    REGULAR = "regular", _("Regular")
    STUDENT = "student", _("Student")
    LIFE = "life", _("Life")
    HONORARY = "honorary", _("Honorary")
    ASSOCIATE = "associate", _("Associate")


class MembershipStatus(models.TextChoices):
    """Derived from dates and events, never stored (see ``Membership.status``)."""

    ACTIVE = "active", _("Active")
    GRACE = "grace", _("In grace period")
    EXPIRED = "expired", _("Expired")
    RESIGNED = "resigned", _("Resigned")


class CareerStage(models.TextChoices):
    STUDENT = "student", _("Student")
    POSTDOC = "postdoc", _("Postdoctoral researcher")
    EARLY_CAREER = "early_career", _("Early-career")
    SENIOR = "senior", _("Senior")
    EMERITUS = "emeritus", _("Emeritus")


class Degree(models.TextChoices):
    BACHELOR = "bachelor", _("Bachelor's")
    MASTER = "master", _("Master's")
    DOCTORATE = "doctorate", _("Doctorate")
    OTHER = "other", _("Other")


class ScienceField(models.TextChoices):
    """A fixed taxonomy after the OECD Fields of Science and Technology (FORD)."""

    MATHEMATICS = "mathematics", _("Mathematics")
    COMPUTER_SCIENCE = "computer_science", _("Computer and information sciences")
    PHYSICS = "physics", _("Physics and astronomy")
    CHEMISTRY = "chemistry", _("Chemistry")
    EARTH_SCIENCES = "earth_sciences", _("Earth and environmental sciences")
    BIOLOGY = "biology", _("Biological sciences")
    CIVIL_ENGINEERING = "civil_engineering", _("Civil engineering")
    ELECTRICAL_ENGINEERING = "electrical_engineering", _("Electrical and electronic engineering")
    MECHANICAL_ENGINEERING = "mechanical_engineering", _("Mechanical engineering")
    CHEMICAL_ENGINEERING = "chemical_engineering", _("Chemical engineering")
    MATERIALS = "materials", _("Materials engineering")
    MEDICAL_ENGINEERING = "medical_engineering", _("Medical engineering")
    ENVIRONMENTAL_ENGINEERING = "environmental_engineering", _("Environmental engineering")
    NANOTECHNOLOGY = "nanotechnology", _("Nanotechnology")
    AEROSPACE = "aerospace", _("Aerospace engineering")
    ENERGY = "energy", _("Energy and nuclear engineering")
    MEDICINE = "medicine", _("Medicine and health sciences")
    AGRICULTURE = "agriculture", _("Agricultural sciences")
    ECONOMICS = "economics", _("Economics and business")
    SCIENCE_POLICY = "science_policy", _("Science and technology policy")


class Language(models.TextChoices):
    KOREAN = "ko", _("Korean")
    ENGLISH = "en", _("English")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")
    JAPANESE = "ja", _("Japanese")
    CHINESE = "zh", _("Chinese")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")
    VIETNAMESE = "vi", _("Vietnamese")
    OTHER = "other", _("Other")


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CARD = "card", _("Card")
    CASH = "cash", _("Cash")
    CHEQUE = "cheque", _("Cheque")
    OTHER = "other", _("Other")


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
