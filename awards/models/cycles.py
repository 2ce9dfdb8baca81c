import datetime as dt
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from awards.enums import CycleStatus, SeatRole

DEFAULT_CYCLE_TIMEZONE = "Asia/Seoul"


def _korean() -> bool:
    return (get_language() or "").startswith("ko")


class Award(models.Model):
    """An award, e.g. 'Award for Overseas Scientist of the Year' / '올해의 재외 과학기술인상'."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    eligibility_en = models.TextField(_("eligibility (English)"), blank=True)
    eligibility_ko = models.TextField(_("eligibility (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_ko if _korean() else self.name_en

    @property
    def eligibility(self) -> str:
        return (self.eligibility_ko if _korean() else self.eligibility_en) or (
            self.eligibility_en or self.eligibility_ko
        )

    @property
    def description(self) -> str:
        return (self.description_ko if _korean() else self.description_en) or (
            self.description_en or self.description_ko
        )


class AwardCycle(models.Model):
    """One year of an award: its windows, committee, criteria, rules and status.

    Windows are stored in UTC and entered and shown in ``timezone`` (Korea's unless the
    cycle says otherwise). A window includes the whole minute its end names.
    """

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="cycles")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=12, choices=CycleStatus.choices, default=CycleStatus.DRAFT
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_CYCLE_TIMEZONE,
        help_text=_("Windows open and close in this time zone."),
    )
    nominations_open_at = models.DateTimeField(_("nominations open"), null=True, blank=True)
    nominations_close_at = models.DateTimeField(_("nominations close"), null=True, blank=True)
    review_opens_at = models.DateTimeField(_("review opens"), null=True, blank=True)
    review_closes_at = models.DateTimeField(_("review closes"), null=True, blank=True)
    score_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    score_max = models.PositiveSmallIntegerField(_("highest score"), default=10)
    reviewers_per_nomination = models.PositiveSmallIntegerField(
        _("reviewers per nomination"), default=3
    )
    self_nomination_allowed = models.BooleanField(_("self-nomination allowed"), default=False)
    requires_active_membership = models.BooleanField(
        _("nominee must be an active member of an overseas association"), default=True
    )
    excludes_committee_members = models.BooleanField(
        _("committee members cannot be nominated"), default=True
    )
    disagreement_threshold = models.DecimalField(
        _("disagreement threshold"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("3.00"),
        help_text=_(
            "Flag a nomination when its reviewers' weighted totals differ by at least this "
            "many points."
        ),
    )
    discussion_opened_at = models.DateTimeField(_("discussion opened"), null=True, blank=True)
    decision_rationale = models.TextField(_("rationale of the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    announced_at = models.DateTimeField(_("announced"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("award cycle")
        verbose_name_plural = _("award cycles")
        ordering = ["award", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["award", "year"], name="award_cycle_year_unique"),
            models.CheckConstraint(
                condition=Q(score_max__gt=F("score_min")), name="award_cycle_scale_ordered"
            ),
            models.CheckConstraint(
                condition=Q(reviewers_per_nomination__gte=1), name="award_cycle_reviewers_min"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award} {self.year}"

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.timezone or DEFAULT_CYCLE_TIMEZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(DEFAULT_CYCLE_TIMEZONE)

    def nominations_open(self, now: dt.datetime | None = None) -> bool:
        """Nominations may be submitted: the cycle is nominating and the window is open."""
        now = now or timezone.now()
        return (
            self.status == CycleStatus.NOMINATING
            and self.nominations_open_at is not None
            and self.nominations_close_at is not None
            and self.nominations_open_at <= now <= self.nominations_close_at
        )

    def drafting_open(self, now: dt.datetime | None = None) -> bool:
        """Drafts may be started and edited: nominating, and the window not yet closed."""
        now = now or timezone.now()
        return self.status == CycleStatus.NOMINATING and (
            self.nominations_close_at is None or now <= self.nominations_close_at
        )

    def review_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            self.status == CycleStatus.REVIEWING
            and self.review_opens_at is not None
            and self.review_closes_at is not None
            and self.review_opens_at <= now <= self.review_closes_at
        )

    @property
    def discussion_open(self) -> bool:
        return self.discussion_opened_at is not None

    @property
    def is_announced(self) -> bool:
        return self.status == CycleStatus.ANNOUNCED

    @property
    def score_choices(self) -> list[int]:
        return list(range(self.score_min, self.score_max + 1))


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


class Criterion(models.Model):
    """A review criterion of one cycle, with its weight in percent."""

    cycle = models.ForeignKey(AwardCycle, on_delete=models.CASCADE, related_name="criteria")
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ko = models.CharField(_("name (Korean)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight (%)"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["cycle", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100), name="criterion_weight_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"

    @property
    def name(self) -> str:
        return (self.name_ko if _korean() and self.name_ko else self.name_en) or self.name_ko

    @property
    def description(self) -> str:
        return (self.description_ko if _korean() else self.description_en) or (
            self.description_en or self.description_ko
        )
