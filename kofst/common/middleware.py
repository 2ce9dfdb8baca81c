import zoneinfo
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kofst.common.roles import roles_of, two_factor_required

# Pages only staff and committee members reach; they require TOTP when the setting is on.
PROTECTED_PREFIXES = ("/manage/", "/review/", "/admin/")


class UserLanguageMiddleware:
    """A signed-in user sees the language saved on their account, on every device.

    The switcher (``kofst.common.views.set_language``) saves the choice to the account
    and sets the language cookie; signed out, Django's LocaleMiddleware reads that
    cookie (then the browser's Accept-Language). Signed in, the account wins over a
    cookie left by someone else on a shared machine, and the cookie is brought in line
    so the page keeps the language after signing out.
    """

    def __init__(self, get_response) -> None:  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        if user.preferred_language in dict(settings.LANGUAGES):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        response = self.get_response(request)
        language = user.preferred_language  # re-read: the switcher may have just changed it
        if (
            language in dict(settings.LANGUAGES)
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
            and settings.LANGUAGE_COOKIE_NAME not in response.cookies
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


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
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)
