"""Input shapes of the award pages. Rules live in the services; these only parse."""

import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.enums import AttachmentKind, ConflictType, SeatRole
from awards.models import Award, AwardCycle, Criterion, Nomination
from awards.models.nominations import MAX_ATTACHMENT_BYTES
from awards.services.cycles import AWARD_FIELDS, CYCLE_FIELDS
from awards.services.nominations import NEW_NOMINEE_FIELDS, TEXT_FIELDS
from kofst.common.countries import country_choices
from members.models import Person

_CLASSES = {
    forms.CheckboxInput: "form-check-input",
    forms.Select: "form-select",
    forms.RadioSelect: "form-check-input",
    forms.CheckboxSelectMultiple: "form-check-input",
}


class BootstrapMixin:
    """Bootstrap classes on every widget, ``is-invalid`` on fields with errors."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            css = _CLASSES.get(type(field.widget), "form-control")
            field.widget.attrs["class"] = (field.widget.attrs.get("class", "") + " " + css).strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self._errors or {}:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                self.fields[name].widget.attrs["class"] += " is-invalid"  # type: ignore[attr-defined]

    def add_error(self, field, error) -> None:  # type: ignore[no-untyped-def]
        super().add_error(field, error)  # type: ignore[misc]
        for name in self._errors or {}:  # type: ignore[attr-defined]
            widget = self.fields[name].widget if name in self.fields else None  # type: ignore[attr-defined]
            if widget is not None and "is-invalid" not in widget.attrs.get("class", ""):
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"


class AwardForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Award
        fields = AWARD_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("eligibility_en", "eligibility_ko", "description_en", "description_ko")
        }


def timezone_choices() -> list[tuple[str, str]]:
    preferred = ["Asia/Seoul", "UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo"]
    rest = sorted(zoneinfo.available_timezones() - set(preferred))
    return [(z, z) for z in preferred + rest]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


WINDOW_FIELDS = [
    "nominations_open_at",
    "nominations_close_at",
    "review_opens_at",
    "review_closes_at",
]


class CycleForm(BootstrapMixin, forms.ModelForm):
    """Windows are entered and shown in the cycle's own time zone.

    The view renders and validates this form with the cycle's time zone active; the
    ``timezone`` field chosen in the form then re-interprets the entered wall-clock times.
    """

    timezone = forms.ChoiceField(label=_("time zone"), choices=timezone_choices)

    class Meta:
        model = AwardCycle
        fields = CYCLE_FIELDS
        widgets = {name: LocalDateTimeInput() for name in WINDOW_FIELDS}
        help_texts = {
            "nominations_close_at": _("Submissions are accepted until the end of this minute."),
            "review_closes_at": _("Reviews can be revised until the end of this minute."),
        }

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        tzname = cleaned.get("timezone")
        if tzname:
            chosen = zoneinfo.ZoneInfo(tzname)
            current = timezone.get_current_timezone()
            for name in WINDOW_FIELDS:
                value = cleaned.get(name)
                if value is not None:
                    wall = timezone.make_naive(value, current)
                    cleaned[name] = timezone.make_aware(wall, chosen)
        return cleaned

    def _post_clean(self) -> None:
        # The service validates the instance; the form only parses.
        pass


class CriterionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name_en", "name_ko", "weight", "description_en", "description_ko"]
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 2}),
            "description_ko": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self) -> None:
        pass


CriterionFormSet = forms.formset_factory(CriterionForm, extra=1, can_delete=True, max_num=12)


class SeatForm(BootstrapMixin, forms.Form):
    email = forms.EmailField(label=_("email of the user"))
    role = forms.ChoiceField(label=_("role"), choices=SeatRole.choices, initial=SeatRole.MEMBER)


class NominationTextForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Nomination
        fields = TEXT_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 6})
            for name in ("statement_en", "statement_ko", "achievements_en", "achievements_ko")
        }

    def _post_clean(self) -> None:
        pass


class PickNomineeForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)


class NewNomineeForm(BootstrapMixin, forms.ModelForm):
    """A nominee not found in the roster, entered by hand."""

    country = forms.ChoiceField(label=_("country"), choices=[], required=False)

    class Meta:
        model = Person
        fields = NEW_NOMINEE_FIELDS
        labels = {"email": _("email (so that we can reach the nominee)")}

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["email"].required = True

    def _post_clean(self) -> None:
        pass

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        names = [cleaned.get(n) for n in NEW_NOMINEE_FIELDS[:4]]
        if not any(names):
            raise forms.ValidationError(_("Enter the nominee's name in Hangul or Latin letters."))
        return cleaned


class AttachmentForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("A PDF document of at most %(mb)s MB.") % {"mb": MAX_ATTACHMENT_BYTES // 2**20},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    kind = forms.ChoiceField(label=_("kind"), choices=AttachmentKind.choices)


class CosignerForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)


class ReviewForm(BootstrapMixin, forms.Form):
    """One score and one comment per criterion of the cycle."""

    def __init__(self, *args, criteria, cycle, **kwargs):  # type: ignore[no-untyped-def]
        self.criteria = list(criteria)
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(str(v), str(v)) for v in cycle.score_choices]
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("score"),
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("comment"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=5000,
            )
        for name, field in self.fields.items():
            css = "form-select" if name.startswith("score_") else "form-control"
            field.widget.attrs["class"] = css

    def rows(self):  # type: ignore[no-untyped-def]
        for criterion in self.criteria:
            yield criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"]


class ConflictForm(BootstrapMixin, forms.Form):
    type = forms.ChoiceField(label=_("kind of conflict"), choices=ConflictType.choices)
    reason = forms.CharField(
        label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class AssignForm(BootstrapMixin, forms.Form):
    candidate = forms.IntegerField(widget=forms.HiddenInput)
    reviewer = forms.TypedChoiceField(label=_("reviewer"), coerce=int, choices=[])

    def __init__(self, *args, seats=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [(s.user_id, str(s.user)) for s in seats]


class DecisionForm(BootstrapMixin, forms.Form):
    rationale = forms.CharField(
        label=_("rationale of the decision"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Kept in the record; not published."),
    )

    def __init__(self, *args, candidates, **kwargs):  # type: ignore[no-untyped-def]
        self.candidates = list(candidates)
        super().__init__(*args, **kwargs)
        for c in self.candidates:
            self.fields[f"winner_{c.pk}"] = forms.BooleanField(
                label=str(c.person.display_name), required=False
            )
            self.fields[f"citation_en_{c.pk}"] = forms.CharField(
                label=_("public citation (English)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"citation_ko_{c.pk}"] = forms.CharField(
                label=_("public citation (Korean)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for name, field in self.fields.items():
            if name.startswith("winner_"):
                field.widget.attrs["class"] = "form-check-input"

    def rows(self):  # type: ignore[no-untyped-def]
        for c in self.candidates:
            yield (
                c,
                self[f"winner_{c.pk}"],
                self[f"citation_en_{c.pk}"],
                self[f"citation_ko_{c.pk}"],
            )

    def winner_ids(self) -> list[int]:
        return [c.pk for c in self.candidates if self.cleaned_data.get(f"winner_{c.pk}")]

    def citations(self) -> dict[int, tuple[str, str]]:
        return {
            c.pk: (
                self.cleaned_data.get(f"citation_en_{c.pk}", ""),
                self.cleaned_data.get(f"citation_ko_{c.pk}", ""),
            )
            for c in self.candidates
        }
