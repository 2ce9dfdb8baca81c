"""Input shapes for the staff pages on people, memberships and dues.

Forms only check the shape of the input; the rules (duplicate email or member number,
dates in order, amounts) are the services', whose messages
``kofst.common.errors.errors_to_form`` puts on the right field of the right form.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Chapter
from kofst.common.countries import country_choices
from members.enums import PaymentMethod
from members.models import DuesPayment, Membership, Person
from members.services.memberships import MAX_RENEW_YEARS
from members.services.people import PERSON_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(attrs, format="%Y-%m-%d")


class NoModelValidation:
    """The services validate (and lock, and write); the form must not do it twice."""

    def _post_clean(self) -> None:
        pass


class PersonForm(NoModelValidation, forms.ModelForm):
    country = forms.ChoiceField(label=_("Country of residence"), required=False, choices=())

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {"keywords": forms.TextInput()}

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["email"].required = False


class MembershipFieldsForm(NoModelValidation, forms.ModelForm):
    """Member number, type, chapter and dates; the chapter choices are the association's."""

    class Meta:
        model = Membership
        fields = ["member_number", "type", "chapter", "joined_on", "expires_on"]
        widgets = {"joined_on": DateInput, "expires_on": DateInput}
        help_texts = {"member_number": _("Leave empty to give the next free number.")}

    def __init__(self, *args, chapters=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["member_number"].required = False
        self.fields["chapter"].queryset = (
            chapters if chapters is not None else Chapter.objects.none()
        )
        if not self.initial.get("joined_on") and not self.is_bound:
            self.initial["joined_on"] = timezone.localdate()


class EnrolForm(MembershipFieldsForm):
    """A new membership: which association (among the user's), and its fields."""

    association = forms.ModelChoiceField(
        label=_("Association"), queryset=Association.objects.none()
    )

    class Meta(MembershipFieldsForm.Meta):
        fields = ["association", *MembershipFieldsForm.Meta.fields]

    def __init__(self, *args, associations, chapters, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, chapters=chapters, **kwargs)
        self.fields["association"].queryset = associations
        self.fields["chapter"].label_from_instance = lambda chapter: (
            f"{chapter.association.display_code} · {chapter.name}"
        )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        chapter, association = data.get("chapter"), data.get("association")
        if chapter and association and chapter.association_id != association.pk:
            self.add_error("chapter", _("This chapter belongs to another association."))
        return data

    def membership_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("association")
        return data


class MembershipEditForm(MembershipFieldsForm):
    class Meta(MembershipFieldsForm.Meta):
        fields = [*MembershipFieldsForm.Meta.fields, "resigned_on"]
        widgets = {**MembershipFieldsForm.Meta.widgets, "resigned_on": DateInput}
        help_texts: dict = {}

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["member_number"].required = True


class RenewForm(forms.Form):
    years = forms.IntegerField(
        label=_("Renew for (years)"),
        required=False,
        min_value=1,
        max_value=MAX_RENEW_YEARS,
        initial=1,
        help_text=_("From the current expiry date, or from today if the membership lapsed."),
    )
    until = forms.DateField(
        label=_("Or until"), required=False, widget=DateInput, help_text=_("A new expiry date.")
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("years") and data.get("until"):
            raise ValidationError(_("Give either a number of years or a date, not both."))
        if not data.get("years") and not data.get("until") and not self.errors:
            raise ValidationError(_("Give a number of years or a new expiry date."))
        return data


class ResignForm(forms.Form):
    on = forms.DateField(label=_("Resigned on"), widget=DateInput)

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class DuesForm(NoModelValidation, forms.ModelForm):
    extend_membership = forms.BooleanField(
        label=_("Extend the membership to the end of the paid period"),
        required=False,
        initial=True,
    )

    class Meta:
        model = DuesPayment
        fields = [
            "period_start",
            "period_end",
            "amount",
            "currency",
            "paid_on",
            "method",
            "reference",
        ]
        widgets = {
            "period_start": DateInput,
            "period_end": DateInput,
            "paid_on": DateInput,
        }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()
        self.fields["method"].initial = PaymentMethod.BANK_TRANSFER
        self.fields["amount"].widget.attrs["step"] = "0.01"


class BulkActionForm(forms.Form):
    ACTIONS = [
        ("renew", _("Renew")),
        ("move_chapter", _("Move to chapter")),
        ("resign", _("Mark resigned")),
        ("export", _("Export as CSV")),
    ]
    action = forms.ChoiceField(label=_("With the selected members"), choices=ACTIONS)
    years = forms.IntegerField(
        label=_("Years"), required=False, min_value=1, max_value=MAX_RENEW_YEARS, initial=1
    )
    chapter = forms.ModelChoiceField(
        label=_("Chapter"),
        required=False,
        queryset=Chapter.objects.none(),
        empty_label=_("No chapter"),
    )
    on = forms.DateField(label=_("Resigned on"), required=False, widget=DateInput)

    def __init__(self, *args, chapters, show_association: bool, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = chapters
        self.fields["on"].initial = timezone.localdate()
        if show_association:
            self.fields["chapter"].label_from_instance = lambda chapter: (
                f"{chapter.association.display_code} · {chapter.name}"
            )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        action = data.get("action")
        if action == "renew" and not data.get("years"):
            self.add_error("years", _("Give the number of years to renew for."))
        if action == "resign" and not data.get("on"):
            self.add_error("on", _("Give the date of resignation."))
        return data
