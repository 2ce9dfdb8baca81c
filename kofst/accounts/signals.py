"""Remember the language across devices: on login, the account's language wins."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation


@receiver(user_logged_in)
def activate_account_language(sender, request, user, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if request is not None and user.preferred_language:
        translation.activate(user.preferred_language)
        request.LANGUAGE_CODE = user.preferred_language
