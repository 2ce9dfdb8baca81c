"""Input shapes for a member's own pages and for the expert directory."""

from django import forms
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Chapter
from kofst.common.countries import country_choices
from members.enums import Language, ScienceField
from members.forms import NoModelValidation
from members.models import Person
from members.services.applications import APPLICABLE_TYPES
from members.services.profile import OWN_PROFILE_FIELDS


class LanguagesField(forms.MultipleChoiceField):
    """Language codes as checkboxes, stored as a comma-separated string."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(choices=Language.choices, required=False, **kwargs)

    def prepare_value(self, value):  # type: ignore[no-untyped-def]
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return value

    def clean(self, value) -> str:  # type: ignore[no-untyped-def, override]
        return ",".join(super().clean(value))


class ProfileForm(NoModelValidation, forms.ModelForm):
    country = forms.ChoiceField(label=_("Country of residence"), required=False, choices=())
    languages = LanguagesField(label=_("Languages"))

    class Meta:
        model = Person
        fields = OWN_PROFILE_FIELDS
        widgets = {"keywords": forms.TextInput()}
        help_texts = {
            "consent_directory": _(
                "Other signed-in users can find your name, affiliation, position, field, "
                "keywords, country and languages — never your email, phone or birth year."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]


class ApplyForm(forms.Form):
    association = forms.ModelChoiceField(
        label=_("Association"), queryset=Association.objects.order_by("code")
    )
    type = forms.ChoiceField(
        label=_("Membership type"),
        choices=[(t.value, t.label) for t in APPLICABLE_TYPES],
    )
    chapter = forms.ModelChoiceField(
        label=_("Chapter"),
        queryset=Chapter.objects.select_related("association").order_by(
            "association__code", "name_en"
        ),
        required=False,
        help_text=_("Optional: the local chapter you would like to belong to."),
    )
    message = forms.CharField(
        label=_("Message to the association"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["association"].label_from_instance = lambda a: (
            f"{a.display_code} — {a.name} ({a.country_name})"
        )
        self.fields["chapter"].label_from_instance = lambda c: (
            f"{c.association.display_code} · {c.name}"
        )


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Name, affiliation or expertise"), required=False, max_length=100)
    field = forms.ChoiceField(label=_("Field of science"), required=False, choices=())
    keyword = forms.CharField(label=_("Keyword"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False, choices=())
    language = forms.ChoiceField(label=_("Language"), required=False, choices=())

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("Any field")), *ScienceField.choices]
        self.fields["country"].choices = [("", _("Any country")), *country_choices()]
        self.fields["language"].choices = [("", _("Any language")), *Language.choices]

    def criteria(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "text": data["q"],
            "field": data["field"],
            "keyword": data["keyword"],
            "country": data["country"],
            "language": data["language"],
        }
