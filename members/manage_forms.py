"""Input shapes for the staff pages on duplicates, privacy and applications."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import DateInput
from members.services.merge import MergePreview

KEEP, DROP = "keep", "drop"


class MergeForm(forms.Form):
    """Which record stays, and for each field whose values differ, whose value wins.

    Fields are named ``pick_<field>`` with the values ``keep``/``drop`` relative to the
    record that stays; ``keep`` is the id of the record that stays.
    """

    keep = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, preview: MergePreview, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.preview = preview
        self.fields["keep"].initial = preview.keep.pk
        for choice in preview.fields:
            if not choice.differs:
                continue
            self.fields[f"pick_{choice.name}"] = forms.ChoiceField(
                label=choice.label,
                choices=[(KEEP, choice.keep_value or "—"), (DROP, choice.drop_value or "—")],
                initial=choice.default,
                widget=forms.RadioSelect,
            )

    def clean_keep(self) -> int:
        keep = self.cleaned_data["keep"]
        if keep != self.preview.keep.pk:
            raise forms.ValidationError(
                _("The record to keep changed; check the values again and confirm.")
            )
        return keep

    def take_from_drop(self) -> list[str]:
        return [
            name.removeprefix("pick_")
            for name, value in self.cleaned_data.items()
            if name.startswith("pick_") and value == DROP
        ]

    def rows(self) -> list[tuple]:
        """(FieldChoice, its radio field or None when both values are equal), in order."""
        return [
            (choice, self[f"pick_{choice.name}"] if f"pick_{choice.name}" in self.fields else None)
            for choice in self.preview.fields
        ]


class ApproveForm(forms.Form):
    joined_on = forms.DateField(label=_("Member from"), required=False, widget=DateInput)
    note = forms.CharField(
        label=_("Note to the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclineForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (sent to the applicant)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EraseForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type ERASE to confirm"),
        max_length=10,
        help_text=_("Erasure cannot be undone."),
    )

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"].strip()
        if value.upper() != "ERASE":
            raise forms.ValidationError(_("Type ERASE to confirm the erasure."))
        return value
