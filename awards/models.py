from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from awards.enums import CycleStatus, SeatRole


class Award(models.Model):
    """An award, e.g. 'Award for Overseas Scientist of the Year' / '올해의 재외 과학기술인상'."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    eligibility_en = models.TextField(_("eligibility (English)"), blank=True)
    eligibility_ko = models.TextField(_("eligibility (Korean)"), blank=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_ko if (get_language() or "").startswith("ko") else self.name_en


class AwardCycle(models.Model):
    """One year of an award: its windows, committee and status."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="cycles")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=12, choices=CycleStatus.choices, default=CycleStatus.DRAFT
    )
    nominations_open_at = models.DateTimeField(_("nominations open"), null=True, blank=True)
    nominations_close_at = models.DateTimeField(_("nominations close"), null=True, blank=True)
    review_opens_at = models.DateTimeField(_("review opens"), null=True, blank=True)
    review_closes_at = models.DateTimeField(_("review closes"), null=True, blank=True)

    class Meta:
        verbose_name = _("award cycle")
        verbose_name_plural = _("award cycles")
        constraints = [
            models.UniqueConstraint(fields=["award", "year"], name="award_cycle_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.award} {self.year}"


class CommitteeSeat(models.Model):
    """A user on one cycle's review committee."""

    cycle = models.ForeignKey(AwardCycle, on_delete=models.CASCADE, related_name="seats")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="committee_seats"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=SeatRole.choices, default=SeatRole.MEMBER
    )

    class Meta:
        verbose_name = _("committee seat")
        verbose_name_plural = _("committee seats")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "user"], name="committee_seat_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.cycle} ({self.get_role_display()})"
