"""Input shape only: which fields, which widgets, which formats. Rules live in services.

Date-times are typed in the venue's time zone: views process these forms inside
``timezone.override(conference.tz)``, so Django converts them to UTC and back.
"""

import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from conferences.enums import PaymentStatus, QuestionKind, RegistrationStatus
from conferences.models import (
    Conference,
    ConferenceSeries,
    Question,
    RegistrationCategory,
    Session,
)
from kofst.common.countries import country_choices
from members.enums import CareerStage

RESERVED_SLUGS = {"new", "series"}


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def timezone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class SeriesForm(forms.ModelForm):
    class Meta:
        model = ConferenceSeries
        fields = ["code", "name_en", "name_ko", "kind", "description_en", "description_ko"]
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_ko": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_code(self) -> str:
        return self.cleaned_data["code"].lower()


class ConferenceForm(forms.ModelForm):
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organising associations"),
        queryset=Association.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    timezone = forms.ChoiceField(label=_("Venue time zone"), choices=timezone_choices)
    country = forms.ChoiceField(label=_("Country"))

    class Meta:
        model = Conference
        fields = [
            "series", "year", "slug", "title_en", "title_ko", "organisers", "status",
            "description_en", "description_ko", "venue", "city", "country", "timezone",
            "starts_on", "ends_on", "registration_opens_at", "registration_closes_at",
            "changes_close_at", "capacity", "waitlist_enabled", "promotion_mode", "offer_hours",
            "payment_instructions_en", "payment_instructions_ko", "contact_email", "website",
        ]  # fmt: skip
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "registration_opens_at": LocalDateTimeInput(),
            "registration_closes_at": LocalDateTimeInput(),
            "changes_close_at": LocalDateTimeInput(),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_ko": forms.Textarea(attrs={"rows": 4}),
            "payment_instructions_en": forms.Textarea(attrs={"rows": 3}),
            "payment_instructions_ko": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organiser_choices=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["organisers"].queryset = organiser_choices or Association.objects.none()
        self.fields["country"].choices = country_choices()
        if self.instance.pk:
            self.initial.setdefault("organisers", list(self.instance.organisers.all()))

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].lower()
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is reserved; choose another."))
        return slug


class CategoryForm(forms.ModelForm):
    career_stages = forms.MultipleChoiceField(
        label=_("Career stages"),
        choices=CareerStage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any career stage."),
    )

    class Meta:
        model = RegistrationCategory
        fields = [
            "name_en", "name_ko", "description_en", "description_ko", "fee", "currency",
            "membership_rule", "students_only", "career_stages", "min_age", "max_age",
            "sales_start", "sales_end", "capacity", "staff_only", "position",
        ]  # fmt: skip
        widgets = {
            "sales_start": LocalDateTimeInput(),
            "sales_end": LocalDateTimeInput(),
            "membership_rule": forms.RadioSelect,
        }

    def clean_currency(self) -> str:
        currency = self.cleaned_data["currency"].upper()
        if len(currency) != 3 or not currency.isalpha():
            raise forms.ValidationError(_("Use a three-letter currency code such as USD or KRW."))
        return currency


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["label_en", "label_ko", "kind", "choices", "required", "position"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 4})}

    def clean(self) -> dict:
        data = super().clean()
        if (
            data.get("kind") == QuestionKind.CHOICE
            and len([c for c in (data.get("choices") or "").splitlines() if c.strip()]) < 2
        ):
            self.add_error("choices", _("A choice question needs at least two choices."))
        return data


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "title_en", "title_ko", "track", "room", "starts_at", "ends_at", "chairs",
            "speakers", "abstract",
        ]  # fmt: skip
        widgets = {
            "starts_at": LocalDateTimeInput(),
            "ends_at": LocalDateTimeInput(),
            "speakers": forms.Textarea(attrs={"rows": 3}),
            "abstract": forms.Textarea(attrs={"rows": 4}),
        }


def question_field(question: Question) -> forms.Field:
    label = question.label
    if question.kind == QuestionKind.CHOICE:
        choices = [("", "—")] + [(c, c) for c in question.choice_list]
        return forms.ChoiceField(label=label, choices=choices, required=question.required)
    if question.kind == QuestionKind.YES_NO:
        return forms.TypedChoiceField(
            label=label,
            choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
            coerce=lambda v: v == "yes",
            empty_value=None,
            required=question.required,
        )
    return forms.CharField(
        label=label, max_length=1000, required=question.required, widget=forms.Textarea(
            attrs={"rows": 2}
        )
    )  # fmt: skip


class AnswersMixin:
    """Adds one field per conference question (``q_<id>``) and collects the answers."""

    questions: list[Question]

    def add_question_fields(self, questions: list[Question], answers: dict | None) -> None:
        self.questions = questions
        for question in questions:
            name = f"q_{question.pk}"
            self.fields[name] = question_field(question)  # type: ignore[attr-defined]
            value = (answers or {}).get(question.answer_key)
            if value is not None:
                if question.kind == QuestionKind.YES_NO and isinstance(value, bool):
                    value = "yes" if value else "no"
                self.initial[name] = value  # type: ignore[attr-defined]

    @property
    def question_fields(self) -> list:
        return [self[f"q_{q.pk}"] for q in self.questions]  # type: ignore[index]

    def answers(self) -> dict:
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q_{question.pk}")  # type: ignore[attr-defined]
            if value not in (None, ""):
                result[question.answer_key] = value
        return result


class RegistrationForm(AnswersMixin, forms.Form):
    category = forms.ChoiceField(label=_("Registration category"), widget=forms.RadioSelect)

    def __init__(self, *args, categories, questions, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # Every category shown is a valid choice here: whether it may be bought now is the
        # service's decision, which also gives the clear reason when it may not.
        self.categories = {c.pk: c for c in categories}
        self.fields["category"].choices = [(str(c.pk), c.name) for c in categories]
        self.add_question_fields(questions, None)

    def chosen_category(self) -> RegistrationCategory:
        return self.categories[int(self.cleaned_data["category"])]


class AnswersForm(AnswersMixin, forms.Form):
    def __init__(self, *args, questions, answers, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.add_question_fields(questions, answers)


class StaffRegistrationForm(AnswersMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email of the person"),
        help_text=_("The person must already be in the roster or have an account."),
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=RegistrationCategory.objects.none()
    )

    def __init__(self, *args, conference, questions, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = conference.categories.all()
        self.add_question_fields(questions, None)


class PaymentForm(forms.Form):
    payment_status = forms.ChoiceField(label=_("Payment"), choices=PaymentStatus.choices)
    amount_paid = forms.DecimalField(
        label=_("Amount paid"), max_digits=10, decimal_places=2, min_value=0, required=False
    )
    paid_on = forms.DateField(label=_("Paid on"), required=False, widget=DateInput())
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)


STATUS_FILTERS = [
    ("", _("Any status")),
    *RegistrationStatus.choices,
    ("attended", _("Checked in")),
    ("not_attended", _("Confirmed, not checked in")),
]


class RegistrantFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTERS, required=False)
    category = forms.TypedChoiceField(
        label=_("Category"), coerce=int, empty_value=None, required=False
    )
    payment = forms.ChoiceField(
        label=_("Payment"), choices=[("", _("Any payment")), *PaymentStatus.choices], required=False
    )

    def __init__(self, *args, conference, categories, questions, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Any category"))] + [
            (c.pk, c.name) for c in categories
        ]
        self.answer_questions = [q for q in questions if q.kind != QuestionKind.TEXT]
        for question in self.answer_questions:
            if question.kind == QuestionKind.YES_NO:
                choices = [("", "—"), ("true", _("Yes")), ("false", _("No"))]
            else:
                choices = [("", "—")] + [(c, c) for c in question.choice_list]
            self.fields[f"a_{question.pk}"] = forms.ChoiceField(
                label=question.label, choices=choices, required=False
            )

    def answer_filters(self) -> dict[str, str]:
        return {
            q.answer_key: self.cleaned_data.get(f"a_{q.pk}") or ""
            for q in self.answer_questions
            if self.cleaned_data.get(f"a_{q.pk}")
        }


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=200,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autofocus": True, "autocapitalize": "characters"}
        ),
    )
