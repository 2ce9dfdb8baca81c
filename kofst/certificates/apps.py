from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "kofst.certificates"
    label = "certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from importlib import import_module

        from kofst.certificates import subjects

        subjects.register_membership()
        # Conference and award certificates are described by those apps.
        for module in ("conferences.certificates", "awards.certificates"):
            try:
                import_module(module)
            except ModuleNotFoundError as error:
                if error.name != module:
                    raise
