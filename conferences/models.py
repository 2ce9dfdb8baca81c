"""Conference series, their editions, programme, registration categories and registrations.

Times are stored in UTC and shown in the venue's time zone (``Conference.tz``); the
conference's dates are calendar dates at the venue.
"""

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from conferences.enums import (
    ACTIVE_STATUSES,
    HOLDING_STATUSES,
    ConferenceStatus,
    MembershipRule,
    PaymentStatus,
    PromotionMode,
    QuestionKind,
    RegistrationStatus,
    SeriesKind,
)
from kofst.common.countries import country_name
from members.enums import CareerStage


def _korean() -> bool:
    return (get_language() or "").startswith("ko")


def _bilingual(en: str, ko: str) -> str:
    return ko if (_korean() and ko) else en


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class ConferenceSeries(models.Model):
    """UKC, EKC, CKC, AKC, CISKC, WCSE, the Young Generation Forum, …"""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ko = models.CharField(_("name (Korean)"), max_length=200, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=SeriesKind.choices, default=SeriesKind.REGIONAL
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("conference series")
        verbose_name_plural = _("conference series")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _bilingual(self.name_en, self.name_ko)

    @property
    def display_code(self) -> str:
        return self.code.upper()

    @property
    def description(self) -> str:
        return _bilingual(self.description_en, self.description_ko)


class Conference(models.Model):
    """One edition of a series, e.g. UKC 2026."""

    series = models.ForeignKey(
        ConferenceSeries,
        on_delete=models.PROTECT,
        related_name="conferences",
        verbose_name=_("series"),
    )
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_ko = models.CharField(_("title (Korean)"), max_length=250, blank=True)
    organisers = models.ManyToManyField(
        "associations.Association",
        related_name="organised_conferences",
        verbose_name=_("organising associations"),
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    venue = models.CharField(_("venue"), max_length=250)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2)
    timezone = models.CharField(
        _("venue time zone"),
        max_length=64,
        validators=[validate_timezone],
        help_text=_("Times are entered and shown in this zone, e.g. America/New_York."),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    changes_close_at = models.DateTimeField(
        _("changes and cancellations close"),
        null=True,
        blank=True,
        help_text=_("Empty: until the first day begins at the venue."),
    )
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    waitlist_enabled = models.BooleanField(_("waiting list when full"), default=True)
    promotion_mode = models.CharField(
        _("when a place frees up"),
        max_length=10,
        choices=PromotionMode.choices,
        default=PromotionMode.CONFIRM,
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept an offered place"), default=48, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ConferenceStatus.choices, default=ConferenceStatus.DRAFT
    )
    payment_instructions_en = models.TextField(_("how to pay (English)"), blank=True)
    payment_instructions_ko = models.TextField(_("how to pay (Korean)"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-starts_on", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="conference_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=F("registration_opens_at")),
                name="conference_registration_window_ordered",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="conference_capacity_min"),
            models.CheckConstraint(condition=Q(offer_hours__gte=1), name="conference_offer_hours"),
        ]
        indexes = [models.Index(fields=["status", "starts_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _bilingual(self.title_en, self.title_ko)

    @property
    def description(self) -> str:
        return _bilingual(self.description_en, self.description_ko)

    @property
    def payment_instructions(self) -> str:
        return _bilingual(self.payment_instructions_en, self.payment_instructions_ko)

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def starts_at(self) -> dt.datetime:
        """The first day's midnight at the venue."""
        return dt.datetime.combine(self.starts_on, dt.time.min, tzinfo=self.tz)

    @property
    def ends_at(self) -> dt.datetime:
        """The end of the last day at the venue."""
        return dt.datetime.combine(self.ends_on + dt.timedelta(days=1), dt.time.min, tzinfo=self.tz)

    @property
    def changes_deadline(self) -> dt.datetime:
        return self.changes_close_at or self.starts_at

    @property
    def is_public(self) -> bool:
        return self.status != ConferenceStatus.DRAFT

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    def registration_is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            self.status == ConferenceStatus.OPEN
            and self.registration_opens_at <= now < self.registration_closes_at
        )

    @property
    def primary_organiser_id(self) -> int | None:
        """The association history entries and messages are filed under: the first one."""
        ids = self.organiser_ids
        return min(ids) if ids else None

    @property
    def organiser_ids(self) -> frozenset[int]:
        """The organising associations' ids (from the prefetch cache when there is one)."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "organisers" in cache:
            return frozenset(a.pk for a in cache["organisers"])
        if not hasattr(self, "_organiser_ids"):
            self._organiser_ids = frozenset(self.organisers.values_list("id", flat=True))
        return self._organiser_ids


class Session(models.Model):
    """One slot of the programme."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="sessions")
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_ko = models.CharField(_("title (Korean)"), max_length=250, blank=True)
    track = models.CharField(_("track"), max_length=100, blank=True)
    room = models.CharField(_("room"), max_length=100, blank=True)
    chairs = models.CharField(_("chairs"), max_length=300, blank=True)
    speakers = models.TextField(_("speakers"), blank=True, help_text=_("One per line."))
    abstract = models.TextField(_("abstract"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "track", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_times_ordered"
            )
        ]
        indexes = [models.Index(fields=["conference", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _bilingual(self.title_en, self.title_ko)

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class RegistrationCategory(models.Model):
    """A kind of ticket: who may choose it, what it costs, when it is sold, how many."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="categories")
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_ko = models.CharField(_("name (Korean)"), max_length=150, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    description_ko = models.CharField(_("description (Korean)"), max_length=300, blank=True)
    fee = models.DecimalField(
        _("fee"), max_digits=10, decimal_places=2, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )  # fmt: skip
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    membership_rule = models.CharField(
        _("membership"),
        max_length=10,
        choices=MembershipRule.choices,
        default=MembershipRule.NONE,
    )
    students_only = models.BooleanField(
        _("students only"),
        default=False,
        help_text=_("Career stage “student”, or a current student membership."),
    )
    career_stages = models.JSONField(
        _("career stages"),
        default=list,
        blank=True,
        help_text=_("Empty: any career stage."),
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"),
        null=True,
        blank=True,
        help_text=_("Age reached in the conference's year, from the birth year."),
    )
    sales_start = models.DateTimeField(
        _("on sale from"), null=True, blank=True, help_text=_("Empty: when registration opens.")
    )
    sales_end = models.DateTimeField(
        _("on sale until"),
        null=True,
        blank=True,
        help_text=_("Empty: until registration closes. Early-bird categories end earlier."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: only the conference's limit.")
    )
    staff_only = models.BooleanField(
        _("staff only"),
        default=False,
        help_text=_("Not offered to registrants; staff register people in it (e.g. speakers)."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("registration category")
        verbose_name_plural = _("registration categories")
        ordering = ["conference", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "name_en"], name="registration_category_name_unique"
            ),
            models.CheckConstraint(condition=Q(fee__gte=0), name="registration_category_fee"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="registration_category_capacity_min",
            ),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(max_age__gte=F("min_age")),
                name="registration_category_ages_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _bilingual(self.name_en, self.name_ko)

    @property
    def description(self) -> str:
        return _bilingual(self.description_en, self.description_ko)

    @property
    def is_free(self) -> bool:
        return self.fee == 0

    @property
    def career_stage_labels(self) -> list[str]:
        labels = dict(CareerStage.choices)
        return [str(labels.get(stage, stage)) for stage in self.career_stages or []]

    def sale_window(self) -> tuple[dt.datetime, dt.datetime]:
        conference = self.conference
        start = self.sales_start or conference.registration_opens_at
        end = self.sales_end or conference.registration_closes_at
        return max(start, conference.registration_opens_at), min(
            end, conference.registration_closes_at
        )


class Question(models.Model):
    """A custom question asked when registering for one conference."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="questions")
    label_en = models.CharField(_("question (English)"), max_length=250)
    label_ko = models.CharField(_("question (Korean)"), max_length=250, blank=True)
    kind = models.CharField(
        _("kind of answer"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For a choice question: one choice per line.")
    )
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["conference", "position", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _bilingual(self.label_en, self.label_ko)

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def answer_key(self) -> str:
        # Not the bare id: a digits-only JSON key would be read as an array index in lookups.
        return f"q{self.pk}"


class Registration(models.Model):
    """One person at one conference.

    A registration that holds a place (confirmed, or offered and not yet accepted) has a
    ``seat`` number, unique within the conference, and a ``category_seat``, unique within
    the category. Services hand them out under row locks; the unique constraints are the
    database's backstop against ever giving one place twice.
    """

    conference = models.ForeignKey(
        Conference, on_delete=models.PROTECT, related_name="registrations"
    )
    person = models.ForeignKey(
        "members.Person", on_delete=models.PROTECT, related_name="conference_registrations"
    )
    category = models.ForeignKey(
        RegistrationCategory,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("category"),
    )
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    code = models.CharField(_("ticket code"), max_length=16, unique=True)
    seat = models.PositiveIntegerField(null=True, blank=True, editable=False)
    category_seat = models.PositiveIntegerField(null=True, blank=True, editable=False)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    amount_due = models.DecimalField(_("amount due"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    payment_status = models.CharField(
        _("payment"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.UNPAID
    )
    amount_paid = models.DecimalField(
        _("amount paid"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    waitlisted_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "person"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="registration_one_active_per_person",
            ),
            models.UniqueConstraint(
                fields=["conference", "seat"],
                condition=Q(seat__isnull=False),
                name="registration_seat_unique",
            ),
            models.UniqueConstraint(
                fields=["category", "category_seat"],
                condition=Q(category_seat__isnull=False),
                name="registration_category_seat_unique",
            ),
            models.CheckConstraint(
                condition=(Q(status__in=HOLDING_STATUSES) & Q(seat__gte=1))
                | (~Q(status__in=HOLDING_STATUSES) & Q(seat__isnull=True)),
                name="registration_seat_iff_holding",
            ),
            models.CheckConstraint(
                condition=Q(status__in=HOLDING_STATUSES) | Q(category_seat__isnull=True),
                name="registration_category_seat_only_holding",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.OFFERED) | Q(offer_expires_at__isnull=False),
                name="registration_offer_has_expiry",
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status=RegistrationStatus.CONFIRMED),
                name="registration_checked_in_confirmed",
            ),
        ]
        indexes = [
            models.Index(fields=["conference", "status", "waitlisted_at"]),
            models.Index(fields=["status", "offer_expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.conference} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def holds_place(self) -> bool:
        return self.status in HOLDING_STATUSES

    @property
    def attended(self) -> bool:
        return self.checked_in_at is not None

    @property
    def balance(self) -> Decimal:
        """What the registrant still owes."""
        if self.payment_status in (PaymentStatus.PAID, PaymentStatus.WAIVED):
            return Decimal("0")
        if self.payment_status == PaymentStatus.REFUNDED:
            return Decimal("0")
        return self.amount_due

    def answer_for(self, question: Question) -> str:
        value = (self.answers or {}).get(question.answer_key, "")
        if question.kind == QuestionKind.YES_NO and isinstance(value, bool):
            return str(_("Yes")) if value else str(_("No"))
        return "" if value is None else str(value)
