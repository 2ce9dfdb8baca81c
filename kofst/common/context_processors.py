from django.conf import settings
from django.http import HttpRequest

from kofst.common.demo import DEMO_LOGINS, DEMO_PASSWORD
from kofst.common.navigation import navigation_for
from kofst.common.roles import roles_of


def site(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    roles = roles_of(user)
    context = {
        "roles": roles,
        "navigation": navigation_for(roles, signed_in=bool(user and user.is_authenticated)),
        "KOFST_DEMO": settings.KOFST_DEMO,
        "REQUIRE_2FA": settings.KOFST_REQUIRE_2FA,
    }
    if settings.KOFST_DEMO:  # the sign-in page lists the demo logins
        context.update(DEMO_LOGINS=DEMO_LOGINS, DEMO_PASSWORD=DEMO_PASSWORD)
    return context
