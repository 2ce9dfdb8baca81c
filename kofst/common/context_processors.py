from django.conf import settings
from django.http import HttpRequest

from kofst.common.navigation import navigation_for
from kofst.common.roles import roles_of


def site(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    roles = roles_of(user)
    return {
        "roles": roles,
        "navigation": navigation_for(roles, signed_in=bool(user and user.is_authenticated)),
        "KOFST_DEMO": settings.KOFST_DEMO,
        "REQUIRE_2FA": settings.KOFST_REQUIRE_2FA,
    }
