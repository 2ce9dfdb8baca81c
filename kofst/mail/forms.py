"""The shape of the campaign pages' input. Scoped choices come from the selectors."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import AwardCycle
from conferences.enums import RegistrationStatus
from conferences.selectors import conferences_managed_by
from kofst.common.countries import country_choices
from kofst.common.roles import roles_of
from kofst.mail.audience import available_kinds
from kofst.mail.enums import AudienceKind, MessageState
from kofst.mail.rendering import PLACEHOLDERS
from kofst.mail.selectors import associations_for_mail, chapters_for_mail
from members.enums import CareerStage, MembershipStatus, MembershipType, ScienceField

# Form field → key in ``Campaign.audience`` (``fields`` would shadow ``Form.fields``).
AUDIENCE_FIELDS = {
    "associations": "associations",
    "chapters": "chapters",
    "statuses": "statuses",
    "types": "types",
    "conference": "conference",
    "registration_statuses": "registration_statuses",
    "award_cycle": "award_cycle",
    "countries": "countries",
    "science_fields": "fields",
    "career_stages": "career_stages",
}
_MODEL_FIELDS = ("associations", "chapters")
_MODEL_FIELD = ("conference", "award_cycle")


def _placeholder_help() -> str:
    return " · ".join(f"{{{{ {name} }}}}: {label}" for name, label in PLACEHOLDERS.items())


class AssociationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:  # type: ignore[no-untyped-def]
        return f"{obj.display_code} — {obj.name}"


class AssociationsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:  # type: ignore[no-untyped-def]
        return obj.display_code


class ChaptersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:  # type: ignore[no-untyped-def]
        return f"{obj.association.display_code} · {obj.name}"


class AudienceForm(forms.Form):
    """Who the campaign goes to; also bound alone for the live count."""

    association = AssociationChoiceField(
        label=_("Sent on behalf of"),
        queryset=None,
        required=False,
        empty_label=_("KOFST (all associations)"),
    )
    audience_kind = forms.ChoiceField(label=_("Audience"), choices=AudienceKind.choices)
    newsletter = forms.BooleanField(
        label=_("Newsletter: only to people who agreed to receive it"),
        required=False,
        initial=True,
    )
    associations = AssociationsField(
        label=_("Associations"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    chapters = ChaptersField(
        label=_("Chapters"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    statuses = forms.MultipleChoiceField(
        label=_("Membership status"),
        choices=MembershipStatus.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    types = forms.MultipleChoiceField(
        label=_("Membership type"),
        choices=MembershipType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    conference = forms.ModelChoiceField(
        label=_("Conference"),
        queryset=None,
        required=False,
        help_text=_("For the registrants of a conference."),
    )
    registration_statuses = forms.MultipleChoiceField(
        label=_("Registration status"),
        choices=RegistrationStatus.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    award_cycle = forms.ModelChoiceField(
        label=_("Award cycle"),
        queryset=AwardCycle.objects.select_related("award").order_by("-year", "award__code"),
        required=False,
        help_text=_("For the nominators of an award cycle."),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries of residence"),
        choices=(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    science_fields = forms.MultipleChoiceField(
        label=_("Fields of science"),
        choices=ScienceField.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    career_stages = forms.MultipleChoiceField(
        label=_("Career stages"),
        choices=CareerStage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.user = user
        associations = associations_for_mail(user=user)
        self.fields["association"].queryset = associations
        if not roles_of(user).hq:
            self.fields["association"].required = True
            self.fields["association"].empty_label = None
        self.fields["associations"].queryset = associations
        self.fields["chapters"].queryset = chapters_for_mail(user=user)
        self.fields["conference"].queryset = conferences_managed_by(user=user).order_by(
            "-year", "title_en"
        )
        self.fields["countries"].choices = country_choices()
        kinds = available_kinds()
        self.fields["audience_kind"].choices = [
            (value, label) for value, label in AudienceKind.choices if value in kinds
        ]

    def clean_association(self):  # type: ignore[no-untyped-def]
        association = self.cleaned_data.get("association")
        if not self.user.has_perm("mail.manage_campaign", association):
            raise forms.ValidationError(_("Choose an association you work for."))
        return association

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        kind = data.get("audience_kind")
        if kind == AudienceKind.REGISTRANTS and not data.get("conference"):
            self.add_error("conference", _("Choose the conference whose registrants get it."))
        if kind == AudienceKind.NOMINATORS and not data.get("award_cycle"):
            self.add_error("award_cycle", _("Choose the award cycle whose nominators get it."))
        return data

    def audience_filters(self) -> dict:
        """The filters as stored on the campaign (ids and codes)."""
        filters: dict = {}
        for field, key in AUDIENCE_FIELDS.items():
            value = self.cleaned_data.get(field)
            if field in _MODEL_FIELD:
                if value is not None:
                    filters[key] = value.pk
                continue
            value = value or []
            if field in _MODEL_FIELDS:
                value = sorted(obj.pk for obj in value)
            if value:
                filters[key] = list(value)
        return filters

    @staticmethod
    def initial_from(campaign) -> dict:  # type: ignore[no-untyped-def]
        initial = {
            "association": campaign.association_id,
            "audience_kind": campaign.audience_kind,
            "newsletter": campaign.newsletter,
        }
        for field, key in AUDIENCE_FIELDS.items():
            if key in campaign.audience:
                initial[field] = campaign.audience[key]
        return initial


class CampaignForm(AudienceForm):
    name = forms.CharField(label=_("Name (for staff)"), max_length=200)
    subject_en = forms.CharField(label=_("Subject (English)"), max_length=200, required=False)
    body_en = forms.CharField(
        label=_("Message (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    subject_ko = forms.CharField(label=_("Subject (Korean)"), max_length=200, required=False)
    body_ko = forms.CharField(
        label=_("Message (Korean)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    field_order = ["name", "association", "audience_kind", "newsletter"]
    content_fields = ("subject_en", "body_en", "subject_ko", "body_ko")

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        help_text = _("Placeholders: %(list)s") % {"list": _placeholder_help()}
        self.fields["body_en"].help_text = help_text
        self.fields["body_ko"].help_text = help_text

    def campaign_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "association": data.get("association"),
            "audience_kind": data["audience_kind"],
            "audience": self.audience_filters(),
            "newsletter": bool(data.get("newsletter")),
            **{name: data.get(name, "") for name in self.content_fields},
        }

    @staticmethod
    def initial_from(campaign) -> dict:  # type: ignore[no-untyped-def]
        return {
            **AudienceForm.initial_from(campaign),
            "name": campaign.name,
            "subject_en": campaign.subject_en,
            "body_en": campaign.body_en,
            "subject_ko": campaign.subject_ko,
            "body_ko": campaign.body_ko,
        }


class SendForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When"),
        choices=[("now", _("Now")), ("later", _("At a set time"))],
        initial="now",
        widget=forms.RadioSelect,
    )
    send_at = forms.DateTimeField(
        label=_("Send at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("when") == "later":
            send_at = data.get("send_at")
            if send_at is None:
                self.add_error("send_at", _("Choose the date and time to send it."))
            elif send_at <= timezone.now():
                self.add_error("send_at", _("Choose a time in the future."))
        return data

    def send_at_value(self):  # type: ignore[no-untyped-def]
        return self.cleaned_data.get("send_at") if self.cleaned_data["when"] == "later" else None


class PreviewForm(forms.Form):
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    language = forms.ChoiceField(choices=settings.LANGUAGES, required=False)


class MessageSearchForm(forms.Form):
    q = forms.CharField(label=_("Recipient"), required=False, max_length=254)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All"))] + list(MessageState.choices)
    )
