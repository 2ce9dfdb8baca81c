"""The site's WSGI application plus one trivial view, for ``bench/register.py``.

``POST /bench/trivial-post/`` goes through the same middleware as a registration (session,
CSRF check, the signed-in user, language, messages) and answers with the same kind of
redirect, doing nothing else: 200 of them at once show the latency floor of this server
on this machine, which no registration can beat.
"""

import os
import sys
import types

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kofst.settings")

from django.conf import settings  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponseRedirect  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402

application = get_wsgi_application()


@login_required
@require_POST
def trivial_post(request):  # type: ignore[no-untyped-def]
    return HttpResponseRedirect("/me/conferences/")


urlconf = types.ModuleType("bench_register_urls")
urlconf.urlpatterns = [  # type: ignore[attr-defined]
    path("bench/trivial-post/", trivial_post),
    path("", include(settings.ROOT_URLCONF)),
]
sys.modules[urlconf.__name__] = urlconf
settings.ROOT_URLCONF = urlconf.__name__
