"""Where the product adjusts allauth's own views."""

from urllib.parse import urlencode

from allauth.account.utils import get_next_redirect_url
from allauth.mfa.totp import views as totp_views


class ActivateTOTPView(totp_views.ActivateTOTPView):
    """allauth's TOTP activation, then back to the staff page that asked for it.

    ``RequireTwoFactorMiddleware`` sends staff here with ``?next=``; the form posts it
    back. When recovery codes were generated with the TOTP they are shown first, with a
    link onward, so that nobody skips past them.
    """

    def get_success_url(self) -> str:
        url = super().get_success_url()
        next_url = get_next_redirect_url(self.request)
        if not next_url:
            return url
        if self.did_generate_recovery_codes:
            return f"{url}?{urlencode({'next': next_url})}"
        return next_url


activate_totp = ActivateTOTPView.as_view()
