"""The permission gate of views: the rules themselves live in each app's ``rules.py``."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def require_perm(request: HttpRequest, perm: str, obj=None) -> None:  # type: ignore[no-untyped-def]
    """403 unless the (signed-in) user has ``perm`` (on ``obj``)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def perm_required(perm: str):  # type: ignore[no-untyped-def]
    """View decorator: anonymous visitors go to the sign-in page, signed-in users without
    ``perm`` get 403. Object-level scoping is the selectors' job (404)."""

    def decorator(view):  # type: ignore[no-untyped-def]
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):  # type: ignore[no-untyped-def]
            require_perm(request, perm)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
