import zoneinfo

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kofst.common.roles import roles_of, two_factor_required

# Pages only staff and committee members reach; they require TOTP when the setting is on.
PROTECTED_PREFIXES = ("/manage/", "/review/", "/admin/")


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the browser's, on every device.

    An explicit choice on this device (the language cookie, set by the switcher, which
    also saves the choice to the account) is honoured by Django's LocaleMiddleware.
    """

    def __init__(self, get_response) -> None:  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        from django.conf import settings

        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.preferred_language
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


class UserTimezoneMiddleware:
    """Show times in the viewer's time zone when their account names one."""

    def __init__(self, get_response) -> None:  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        tzname = getattr(user, "timezone", "") if user is not None else ""
        if tzname:
            try:
                timezone.activate(zoneinfo.ZoneInfo(tzname))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """Staff and committee members must set up TOTP before they reach their pages."""

    def __init__(self, get_response) -> None:  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.path.startswith(PROTECTED_PREFIXES)
            and request.user.is_authenticated
            and two_factor_required()
            and roles_of(request.user).needs_two_factor
            and not is_mfa_enabled(request.user, types=[Authenticator.Type.TOTP])
        ):
            messages.warning(
                request,
                _(
                    "Your role requires two-factor authentication. Set up an authenticator app "
                    "to continue."
                ),
            )
            return redirect(f"/accounts/2fa/totp/activate/?next={request.path}")
        return self.get_response(request)
