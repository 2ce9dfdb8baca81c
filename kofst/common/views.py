from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from rules.contrib.views import permission_required

from kofst.common import health
from kofst.common.navigation import STAFF_AUDIENCES, navigation_for
from kofst.common.roles import roles_of


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "common/home.html")


@login_required
@permission_required("common.open_staff_area", raise_exception=True)
def manage_home(request: HttpRequest) -> HttpResponse:
    """The staff landing page: the tools this user's roles open."""
    roles = roles_of(request.user)
    tools = navigation_for(roles, signed_in=True, audiences=STAFF_AUDIENCES)
    return render(request, "common/manage/home.html", {"tools": tools})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, Redis and (when expected) a Celery worker; 503 if any is down."""
    checks = {
        "database": health.check_database(),
        "redis": health.check_redis(),
        "worker": health.check_worker(),
    }
    body = {
        name: {"ok": result[0], "detail": result[1]}
        for name, result in checks.items()
        if result is not None
    }
    healthy = all(item["ok"] for item in body.values())
    return JsonResponse({"ok": healthy, "checks": body}, status=200 if healthy else 503)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's switcher, plus: remember the choice on the account."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return response
