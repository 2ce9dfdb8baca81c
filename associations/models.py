from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from associations.enums import CommitteeRole, StaffRoleKind
from kofst.common.countries import country_name


class Association(models.Model):
    """One overseas Korean scientists and engineers association (KSEA, VeKNI, …)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    country = models.CharField(_("country"), max_length=2)
    city = models.CharField(_("city"), max_length=100, blank=True)
    founded_on = models.DateField(_("founded"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="association-logos/", blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    member_number_prefix = models.CharField(_("member number prefix"), max_length=10, blank=True)
    is_sample_data = models.BooleanField(
        _("contains sample data"),
        default=False,
        help_text=_("Some details were invented for the demonstration."),
    )

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code.upper()} — {self.name}"

    @property
    def name(self) -> str:
        return self.name_ko if (get_language() or "").startswith("ko") else self.name_en

    @property
    def display_code(self) -> str:
        return self.code.upper()

    @property
    def country_name(self) -> str:
        return country_name(self.country)


class Chapter(models.Model):
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="chapters")
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ko = models.CharField(_("name (Korean)"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["association", "name_en"]
        constraints = [
            models.UniqueConstraint(fields=["association", "name_en"], name="chapter_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "").startswith("ko") and self.name_ko:
            return self.name_ko
        return self.name_en


class Committee(models.Model):
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="committees"
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ko = models.CharField(_("name (Korean)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["association", "name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "").startswith("ko") and self.name_ko:
            return self.name_ko
        return self.name_en


class CommitteeMember(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="seats")
    person = models.ForeignKey(
        "members.Person", on_delete=models.CASCADE, related_name="committee_seats"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER
    )
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(fields=["committee", "person"], name="committee_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class StaffRole(models.Model):
    """A login's role in one association. A user may hold roles in several."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="staff_roles"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_roles"
    )
    role = models.CharField(_("role"), max_length=10, choices=StaffRoleKind.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(fields=["association", "user"], name="staff_role_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.association.display_code} {self.get_role_display()}"


class PartnerOrganization(models.Model):
    """A foreign S&T organisation KOFST cooperates with (AAAS, CAST, VUSTA, …)."""

    acronym = models.CharField(_("acronym"), max_length=20, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ko = models.CharField(_("name (Korean)"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["acronym"]

    def __str__(self) -> str:
        return self.acronym

    @property
    def name(self) -> str:
        if (get_language() or "").startswith("ko") and self.name_ko:
            return self.name_ko
        return self.name_en


class CooperationAgreement(models.Model):
    partner = models.ForeignKey(
        PartnerOrganization, on_delete=models.CASCADE, related_name="agreements"
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="agreements",
        help_text=_("Empty when KOFST itself signed."),
    )
    title = models.CharField(_("title"), max_length=200)
    signed_on = models.DateField(_("signed"))
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    scope = models.TextField(_("scope"), blank=True)

    class Meta:
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        ordering = ["-signed_on"]

    def __str__(self) -> str:
        return self.title


class StaffInvitation(models.Model):
    """An invitation by email to become staff (or admin) of one association.

    Only a hash of the token is stored; the token itself is in the emailed link. Accepted
    by a signed-in user whose verified email is the invited address, before it expires.
    """

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=10, choices=StaffRoleKind.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.association.display_code} ({self.get_role_display()})"

    def is_open_at(self, moment) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > moment
