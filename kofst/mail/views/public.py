"""The one-click unsubscribe page (RFC 8058): no sign-in, the signed token is the key."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kofst.mail.models import Unsubscription
from kofst.mail.services import unsubscribe_record
from kofst.mail.tokens import read_unsubscribe_token


@csrf_exempt  # mail clients POST here without a session (RFC 8058); the token authorises
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation (link scanners must not unsubscribe anyone); POST — the
    button, or a mail client's one-click ``List-Unsubscribe=One-Click`` — unsubscribes."""
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        try:
            unsubscription = unsubscribe_record(token=token, one_click=one_click)
        except ValidationError as error:
            return render(
                request, "mail/unsubscribe/invalid.html", {"errors": error.messages}, status=400
            )
        return render(request, "mail/unsubscribe/done.html", {"email": unsubscription.email})
    try:
        claim = read_unsubscribe_token(token)
    except signing.BadSignature as exc:
        expired = isinstance(exc, signing.SignatureExpired)
        return render(request, "mail/unsubscribe/invalid.html", {"expired": expired}, status=400)
    already = Unsubscription.objects.filter(email=claim.email).first()
    return render(
        request,
        "mail/unsubscribe/confirm.html",
        {"email": claim.email, "already": already, "token": token},
    )
