"""The permission gate of views: the rules themselves live in each app's ``rules.py``."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def require_perm(request: HttpRequest, perm: str, obj=None) -> None:  # type: ignore[no-untyped-def]
    """403 unless the (signed-in) user has ``perm`` (on ``obj``)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
