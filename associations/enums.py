from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRoleKind(models.TextChoices):
    ADMIN = "admin", _("Association admin")
    STAFF = "staff", _("Association staff")


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
