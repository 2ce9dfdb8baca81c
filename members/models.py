import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kofst.common.countries import country_name
from members.enums import (
    ApplicationStatus,
    CareerStage,
    Degree,
    MembershipStatus,
    MembershipType,
    PaymentMethod,
    ScienceField,
)


def grace_days() -> int:
    return int(getattr(settings, "MEMBERSHIP_GRACE_DAYS", 90))


class Person(models.Model):
    """One human, whatever associations they belong to."""

    family_name_latin = models.CharField(_("family name (Latin)"), max_length=100, blank=True)
    given_name_latin = models.CharField(_("given name (Latin)"), max_length=100, blank=True)
    family_name_ko = models.CharField(_("family name (Hangul)"), max_length=50, blank=True)
    given_name_ko = models.CharField(_("given name (Hangul)"), max_length=50, blank=True)
    email = models.EmailField(_("email"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    country = models.CharField(_("country of residence"), max_length=2, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    degree = models.CharField(
        _("highest degree"), max_length=20, choices=Degree.choices, blank=True
    )
    field = models.CharField(
        _("field of science"), max_length=40, choices=ScienceField.choices, blank=True
    )
    keywords = models.CharField(
        _("expertise keywords"),
        max_length=500,
        blank=True,
        help_text=_("Comma-separated, e.g. batteries, thin films"),
    )
    career_stage = models.CharField(
        _("career stage"), max_length=20, choices=CareerStage.choices, blank=True
    )
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    languages = models.CharField(
        _("languages"), max_length=100, blank=True, help_text=_("Comma-separated language codes")
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    consent_newsletter = models.BooleanField(_("receives the newsletter"), default=False)
    consent_directory = models.BooleanField(_("listed in the expert directory"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    # Lower-cased, accent-free names in both scripts, email, affiliation and member
    # numbers, kept up to date by members.services; searched with a trigram index.
    search_text = models.TextField(editable=False, blank=True, default="")
    # Every Hangul syllable and syllable pair of the names as its own marked token
    # ("철##", "철수#"), so that one- and two-syllable searches can use a trigram index too.
    search_grams = models.TextField(editable=False, blank=True, default="")
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
        db_index=False,  # partial index below: almost every person has none
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=Q(email__isnull=False), name="person_email_ci_unique"
            )
        ]
        # Every index costs each imported person a write: an import of 18,895 people
        # spent 0.35 s in the b-trees. The Latin name order is served by the covering
        # index ``person_name_latin_cover`` (migration 0006, PostgreSQL); empty birth
        # years and merges, which most people have, are not indexed.
        indexes = [
            models.Index(fields=["family_name_ko", "given_name_ko"]),
            models.Index(
                fields=["birth_year"],
                condition=Q(birth_year__isnull=False),
                name="person_birth_year_idx",
            ),
            models.Index(
                fields=["merged_into"],
                condition=Q(merged_into__isnull=False),
                name="person_merged_into_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def name_ko(self) -> str:
        return f"{self.family_name_ko}{self.given_name_ko}"

    @property
    def name_latin(self) -> str:
        return " ".join(p for p in (self.given_name_latin, self.family_name_latin) if p)

    @property
    def display_name(self) -> str:
        """Hangul first for a Korean reader, Latin first otherwise; both when known."""
        ko, latin = self.name_ko, self.name_latin
        if ko and latin:
            if (get_language() or "").startswith("ko"):
                return f"{ko} ({latin})"
            return f"{latin} ({ko})"
        return ko or latin or (self.email or str(_("(no name)")))

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    @property
    def language_list(self) -> list[str]:
        return [k.strip() for k in self.languages.split(",") if k.strip()]


class MembershipQuerySet(models.QuerySet["Membership"]):
    def with_status(self, today: dt.date | None = None) -> "MembershipQuerySet":
        """Annotate ``status_value`` computed in SQL the same way as ``Membership.status``."""
        today = today or timezone.localdate()
        grace_start = today - dt.timedelta(days=grace_days())
        return self.annotate(
            status_value=Case(
                When(resigned_on__isnull=False, resigned_on__lte=today, then=Value("resigned")),
                When(expires_on__isnull=True, then=Value("active")),
                When(expires_on__gte=today, then=Value("active")),
                When(expires_on__gte=grace_start, then=Value("grace")),
                default=Value("expired"),
                output_field=models.CharField(),
            )
        )

    def with_status_in(self, statuses: list[str], today: dt.date | None = None):
        """Filter by derived status with plain date conditions (index-friendly)."""
        today = today or timezone.localdate()
        grace_start = today - dt.timedelta(days=grace_days())
        not_resigned = Q(resigned_on__isnull=True) | Q(resigned_on__gt=today)
        conditions = {
            "resigned": Q(resigned_on__isnull=False, resigned_on__lte=today),
            "active": not_resigned & (Q(expires_on__isnull=True) | Q(expires_on__gte=today)),
            "grace": not_resigned & Q(expires_on__lt=today, expires_on__gte=grace_start),
            "expired": not_resigned & Q(expires_on__lt=grace_start),
        }
        query = Q(pk__in=[])
        for status in statuses:
            query |= conditions[status]
        return self.filter(query)


class Membership(models.Model):
    """A person in one association. Its status is derived, never stored."""

    # The foreign keys' own indexes are left out where a constraint or index below
    # starts with the same column: a membership written costs one write per index.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", db_index=False
    )
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        related_name="memberships",
        db_index=False,
    )
    member_number = models.CharField(_("member number"), max_length=30)
    type = models.CharField(
        _("membership type"),
        max_length=20,
        choices=MembershipType.choices,
        default=MembershipType.REGULAR,
    )
    chapter = models.ForeignKey(
        "associations.Chapter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("chapter"),
        db_index=False,  # partial index below: most members have no chapter
    )
    joined_on = models.DateField(_("joined"))
    expires_on = models.DateField(
        _("expires"), null=True, blank=True, help_text=_("Empty for life and honorary members.")
    )
    resigned_on = models.DateField(_("resigned"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "member_number"], name="membership_number_unique"
            ),
            # Person first: it is also the index of a person's memberships.
            models.UniqueConstraint(
                fields=["person", "association"], name="membership_person_unique"
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=F("joined_on")),
                name="membership_expires_after_joined",
            ),
        ]
        indexes = [
            models.Index(fields=["association", "expires_on"]),
            models.Index(fields=["association", "joined_on"]),
            # The HQ roster sorted over every association: the first page is read off
            # these in order instead of sorting 200,000 rows.
            models.Index(fields=["joined_on"], name="membership_joined_idx"),
            models.Index(fields=["expires_on"], name="membership_expires_idx"),
            models.Index(fields=["member_number"], name="membership_number_idx"),
            models.Index(
                fields=["chapter"],
                condition=Q(chapter__isnull=False),
                name="membership_chapter_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.association.display_code} #{self.member_number}"

    def status_on(self, today: dt.date) -> MembershipStatus:
        if self.resigned_on is not None and self.resigned_on <= today:
            return MembershipStatus.RESIGNED
        if self.expires_on is None or self.expires_on >= today:
            return MembershipStatus.ACTIVE
        if today <= self.expires_on + dt.timedelta(days=grace_days()):
            return MembershipStatus.GRACE
        return MembershipStatus.EXPIRED

    @property
    def status(self) -> MembershipStatus:
        return self.status_on(timezone.localdate())

    @property
    def is_current(self) -> bool:
        """Active or in grace: still honoured (e.g. for member-only categories)."""
        return self.status in (MembershipStatus.ACTIVE, MembershipStatus.GRACE)


class DuesPayment(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="payments")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    paid_on = models.DateField(_("paid on"))
    method = models.CharField(
        _("method"), max_length=20, choices=PaymentMethod.choices, default=PaymentMethod.OTHER
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dues payment")
        verbose_name_plural = _("dues payments")
        ordering = ["-paid_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="dues_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="dues_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} ({self.paid_on})"


class JoinApplication(models.Model):
    """A member asks to join an association; its staff approve or decline."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="applications")
    association = models.ForeignKey(
        "associations.Association", on_delete=models.CASCADE, related_name="applications"
    )
    type = models.CharField(
        _("membership type"),
        max_length=20,
        choices=MembershipType.choices,
        default=MembershipType.REGULAR,
    )
    chapter = models.ForeignKey(
        "associations.Chapter", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "association"],
                condition=Q(status="pending"),
                name="one_pending_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.association.display_code}"


class NotDuplicate(models.Model):
    """Staff said these two people are not the same: never propose the pair again."""

    person_low = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_high = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person_low", "person_high"], name="not_duplicate_pair"
            ),
            models.CheckConstraint(
                condition=Q(person_low__lt=F("person_high")), name="not_duplicate_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_low_id} ≠ {self.person_high_id}"


# Roster import jobs and saved column mappings (members/imports/models.py).
from members.imports.models import ImportJob, SavedMapping  # noqa: E402, F401
