from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Keeps allauth in step with the product: new accounts start in the language used
    to sign up, and email addresses are stored lower-case."""

    def save_user(self, request: HttpRequest, user, form, commit: bool = True):  # type: ignore[no-untyped-def]
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        language = translation.get_language() or "en"
        user.preferred_language = "ko" if language.startswith("ko") else "en"
        if commit:
            user.save()
        return user
