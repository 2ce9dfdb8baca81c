"""Input shapes for the association pages. The rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from associations.enums import CommitteeRole, StaffRoleKind
from associations.models import (
    Association,
    Chapter,
    Committee,
    CooperationAgreement,
    PartnerOrganization,
)
from kofst.common.countries import country_choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(attrs, format="%Y-%m-%d")


class ServiceValidated:
    """The services validate (and write); the model form must not do it twice."""

    def _post_clean(self) -> None:
        pass


class ChapterForm(ServiceValidated, forms.ModelForm):
    class Meta:
        model = Chapter
        fields = ["name_en", "name_ko", "city"]


class CommitteeForm(ServiceValidated, forms.ModelForm):
    class Meta:
        model = Committee
        fields = ["name_en", "name_ko", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SeatForm(forms.Form):
    person = forms.CharField(
        label=_("Member"),
        max_length=254,
        help_text=_("The member's email address or member number."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=CommitteeRole.choices)
    since = forms.DateField(label=_("Since"), required=False, widget=DateInput)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=StaffRoleKind.choices, initial=StaffRoleKind.STAFF
    )


class PartnerForm(ServiceValidated, forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"), choices=())

    class Meta:
        model = PartnerOrganization
        fields = ["acronym", "name_en", "name_ko", "country", "website"]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]


class AgreementForm(ServiceValidated, forms.ModelForm):
    class Meta:
        model = CooperationAgreement
        fields = ["title", "association", "signed_on", "expires_on", "scope"]
        widgets = {
            "signed_on": DateInput,
            "expires_on": DateInput,
            "scope": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = Association.objects.order_by("code")
        self.fields["association"].empty_label = _("KOFST itself")
