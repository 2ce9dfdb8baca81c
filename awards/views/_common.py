"""What every award view shares: the permission gate and putting service errors on forms."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form


def require_perm(perm: str):  # type: ignore[no-untyped-def]
    """Anonymous visitors go to the login page; signed-in users without ``perm`` get 403.
    Object-level scoping is the selectors' job (404)."""

    def decorator(view):  # type: ignore[no-untyped-def]
        @wraps(view)
        def wrapped(request, *args, **kwargs):  # type: ignore[no-untyped-def]
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def errors_to_form(form: Form, exc: ValidationError) -> None:
    """A service's error next to the field it names, else at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def errors_to_messages(request, exc: ValidationError) -> None:  # type: ignore[no-untyped-def]
    for message in exc.messages:
        messages.error(request, message)
