"""The import pages' forms: input shape only (the services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.imports.columns import COLUMNS
from members.imports.enums import FileFormat, ImportMode
from members.imports.reading import MB, max_upload_bytes


class UploadForm(forms.Form):
    association = forms.ModelChoiceField(label=_("Import into"), queryset=None, empty_label=None)
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_(
            "CSV (UTF-8 or Korean Excel's CP949; commas, semicolons or tabs), XLSX or JSON, "
            "up to %(limit)s MB. The first row must name the columns."
        )
        % {"limit": max_upload_bytes() // MB},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.tsv,.xlsx,.json"}),
    )

    def __init__(self, *args, associations, refused: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.refused = refused
        self.fields["association"].queryset = associations
        only = list(associations[:2])
        if len(only) == 1:
            self.fields["association"].initial = only[0].pk
            self.fields["association"].widget = forms.HiddenInput()

    def clean(self):
        if self.refused:
            self.errors.pop("file", None)
            self.add_error(
                "file",
                _("The file is larger than %(limit)s MB. Split it into smaller files.")
                % {"limit": max_upload_bytes() // MB},
            )
        return super().clean()


def column_choices() -> list[tuple[str, str]]:
    return [("", _("— do not import —"))] + [(c.key, c.label) for c in COLUMNS]


class MappingForm(forms.Form):
    """One choice per column of the file; field names ``col_<position>``."""

    remember = forms.BooleanField(
        label=_("Remember this mapping for this association's next imports"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, headers: list[str], mapping: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = column_choices()
        for position, header in enumerate(headers):
            self.fields[f"col_{position}"] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=mapping.get(header, "")
            )

    def column_fields(self):
        return [self[f"col_{position}"] for position in range(len(self.headers))]

    def mapping(self) -> dict[str, str]:
        return {
            header: self.cleaned_data.get(f"col_{position}") or ""
            for position, header in enumerate(self.headers)
        }


class ConfirmForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("What to import"),
        choices=ImportMode.choices,
        initial=ImportMode.ALL_OR_NOTHING,
        widget=forms.RadioSelect,
    )


class DownloadFormatForm(forms.Form):
    format = forms.ChoiceField(choices=FileFormat.choices, required=False)

    def file_format(self, default: str = FileFormat.CSV) -> str:
        if self.is_valid() and self.cleaned_data["format"]:
            return self.cleaned_data["format"]
        return default
