from django.db import models
from django.utils.translation import gettext_lazy as _


class CycleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    NOMINATING = "nominating", _("Nominating")
    REVIEWING = "reviewing", _("Reviewing")
    DECIDING = "deciding", _("Deciding")
    ANNOUNCED = "announced", _("Announced")


class SeatRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
