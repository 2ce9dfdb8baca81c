from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

from kofst.certificates.models import CertificateDesign

MAX_IMAGE_BYTES = 5 * 1024 * 1024


def _check_image(upload):
    if not upload or not hasattr(upload, "size"):
        return upload
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("The image is larger than 5 MB."))
    try:
        with Image.open(upload) as image:
            image.verify()
            kind = image.format
    except Exception as error:  # noqa: BLE001  (Pillow raises many kinds for bad files)
        raise ValidationError(_("This file is not an image.")) from error
    if kind not in {"PNG", "JPEG"}:
        raise ValidationError(_("Use a PNG or JPEG image."))
    upload.seek(0)
    return upload


class DesignForm(forms.ModelForm):
    class Meta:
        model = CertificateDesign
        fields = [
            "background",
            "signer_1_name",
            "signer_1_title",
            "signer_1_image",
            "signer_2_name",
            "signer_2_title",
            "signer_2_image",
        ]

    def clean_background(self):
        return _check_image(self.cleaned_data.get("background"))

    def clean_signer_1_image(self):
        return _check_image(self.cleaned_data.get("signer_1_image"))

    def clean_signer_2_image(self):
        return _check_image(self.cleaned_data.get("signer_2_image"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("signer_1_name"):
            self.add_error("signer_1_name", _("A certificate needs at least one signer."))
        return cleaned


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=30)
